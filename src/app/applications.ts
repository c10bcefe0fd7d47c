/**
 * The application flows around the permits workflow: drafting (the regime and licence type must exist in the
 * loaded packs), and each action on an application — submit attaches the determination of its lines and
 * parties by the check service (the same answer as a check of that shipment) with the verdict and the review
 * due date; approve turns the officer's terms into a licence; update replaces the content. The state machine
 * and its storage are the permits service's.
 */
import { validityBound } from "../determine/validity.ts";
import { licenceFromApproval } from "../permits/approval.ts";
import { applicationInput, approval, type ApplicationInput } from "../permits/model.ts";
import * as permits from "../permits/service.ts";
import { addDays, type Action } from "../permits/workflow.ts";
import { todayIn, type Policy } from "../policy/index.ts";
import type { Principal } from "../store/identity.ts";
import { organisationName } from "../store/identity.ts";
import { applicationPath, shipmentOfApplication } from "./application-shipment.ts";
import { checkShipments } from "./check.ts";
import { checkDepsFor, type CheckRequestContext } from "./check-request.ts";
import { BadInputError, notFoundError } from "./errors.ts";

export function policyFor(ctx: CheckRequestContext, regime: string, path = "$.regime"): Policy {
  const p = ctx.policies.get(regime);
  if (!p)
    throw new BadInputError(
      [{ path, message: `known: ${[...ctx.policies.keys()].join(", ")}` }],
      `unknown regime "${regime}"`,
    );
  return p;
}

export function checkLicenceType(
  ctx: CheckRequestContext,
  regime: string,
  type: string,
  path: string,
  /** The kind of transaction applied for: the type must be a permit for it (undefined: any type). */
  kind?: "goods" | "technology" | "brokering" | "transit",
): void {
  const licences = policyFor(ctx, regime).data.licences;
  const lic = licences.find((l) => l.id === type);
  if (!lic)
    throw new BadInputError(
      [{ path, message: `known: ${licences.map((l) => l.id).join(", ")}` }],
      `unknown licence type "${type}" for ${regime}`,
    );
  // a permit for another kind of transaction cannot be applied for this one
  const fits = (l: (typeof licences)[number]) =>
    kind === undefined ||
    (kind === "goods" ? l.for.includes("listed") || l.for.includes("catch-all") : l.for.includes(kind));
  if (!fits(lic))
    throw new BadInputError(
      [
        {
          path,
          message: `for a ${kind} transaction: ${licences
            .filter(fits)
            .map((l) => l.id)
            .join(", ")}`,
        },
      ],
      `licence type "${type}" is not a permit for a ${kind} transaction`,
    );
}

/** The determination that makes the licence necessary: the application's shipment through the check service. */
export async function determinationOf(ctx: CheckRequestContext, a: ApplicationInput, orgId: string) {
  try {
    const [c] = await checkShipments(checkDepsFor(ctx, orgId), [shipmentOfApplication(a)], false);
    return c!.result;
  } catch (e) {
    if (e instanceof BadInputError)
      throw new BadInputError(e.problems.map(applicationPath), "the application cannot be checked");
    throw e;
  }
}

export async function draftApplication(
  ctx: CheckRequestContext,
  p: Principal,
  input: ApplicationInput,
): Promise<string> {
  policyFor(ctx, input.regime);
  checkLicenceType(ctx, input.regime, input.licenceType, "$.licenceType", input.kind ?? "goods");
  return permits.createApplication(ctx.db, p, input);
}

/** One action on an application by the caller, with what that action needs computed first. */
export async function actOnApplication(
  ctx: CheckRequestContext,
  p: Principal,
  id: string,
  action: Action,
  body: { note?: string } & Record<string, unknown>,
) {
  const extra: permits.TransitionInput = { note: body.note, mail: ctx.mailEnabled ?? false };
  if (action === "submit" || action === "approve") {
    const current = await permits.getApplication(ctx.db, p, id);
    if (!current) throw notFoundError(`no application ${id}`);
    const content = current.content as ApplicationInput;
    if (action === "submit") {
      const decision = await determinationOf(ctx, content, p.orgId);
      const reviewDays = decision.decisions
        .flatMap((d) => d.licenceDetails)
        .find((d) => d.id === current.licenceType)?.reviewDays;
      extra.decision = decision;
      extra.screening = decision.verdict;
      const today = todayIn(policyFor(ctx, current.regime).regime.timeZone);
      extra.dueDate = reviewDays === undefined ? null : addDays(today, reviewDays);
    } else {
      const parsed = approval.parse(body);
      const policy = policyFor(ctx, current.regime);
      if (parsed.validFrom < policy.regime.dataFrom)
        throw new BadInputError(
          [{ path: "$.validFrom", message: `no policy data before ${policy.regime.dataFrom}` }],
          "validFrom is before the pack's data",
        );
      const bound = validityBound(
        policy.asOf(parsed.validFrom),
        current.licenceType,
        content.destination,
        parsed.validFrom,
      );
      const validUntil = parsed.validUntil ?? bound?.until;
      if (validUntil === undefined)
        throw new BadInputError(
          [
            {
              path: "$.validUntil",
              message: `the ${current.regime} pack states no validity for ${current.licenceType}: give validUntil`,
            },
          ],
          "validUntil is required",
        );
      if (bound && validUntil > bound.until && !parsed.validityOverride)
        throw new BadInputError(
          [
            {
              path: "$.validUntil",
              message: `beyond the ${bound.months} months the ${current.regime} pack gives ${current.licenceType} (${bound.text ?? `${bound.months} months`}; ${bound.ref.evidence}): at most ${bound.until}; a longer validity needs validityOverride.reason`,
            },
          ],
          "the validity is longer than the pack allows",
        );
      if (bound && validUntil > bound.until && parsed.validityOverride)
        extra.validityOverride = {
          reason: parsed.validityOverride.reason,
          packMonths: bound.months,
          packUntil: bound.until,
          validUntil,
        };
      const a = { ...parsed, validUntil };
      if (a.validUntil < a.validFrom)
        throw new BadInputError(
          [{ path: "$.validUntil", message: "before validFrom" }],
          "validUntil is before validFrom",
        );
      extra.conditions = {
        validFrom: a.validFrom,
        validUntil: a.validUntil,
        limits: a.limits ?? null,
        permittedParties: a.permittedParties ?? null,
        conditions: a.conditions ?? null,
        ...(extra.validityOverride ? { validityOverride: extra.validityOverride } : {}),
      };
      extra.licence = licenceFromApproval(
        { regime: current.regime, licenceType: current.licenceType, content },
        a,
        (await organisationName(ctx.db, current.orgId)) ?? "applicant",
      );
    }
  }
  if (action === "update") {
    const parsed = applicationInput.safeParse(body.content);
    if (!parsed.success)
      throw new BadInputError(
        parsed.error.issues.map((i) => ({
          path: i.path.reduce<string>(
            (a, k) => (typeof k === "number" ? `${a}[${k}]` : `${a}.${String(k)}`),
            "$.content",
          ),
          message: i.message,
        })),
        "the request body is invalid",
      );
    const content = parsed.data;
    checkLicenceType(
      ctx,
      content.regime,
      content.licenceType,
      "$.content.licenceType",
      content.kind ?? "goods",
    );
    extra.content = content;
  }
  return permits.transition(ctx.db, p, id, action, extra);
}
