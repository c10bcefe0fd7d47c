/**
 * The recheck service: the organisation's recorded checks and open applications decided and screened again
 * by the check service under the policy now loaded, listing those whose decisions or verdict changed. A
 * recorded input that is no longer valid (say, a date now before the pack's first date) is skipped.
 */
import type { ApplicationInput } from "../permits/model.ts";
import { openApplicationsOf } from "../permits/service.ts";
import { recordedChecksOf } from "../store/checks.ts";
import { shipmentOfApplication } from "./application-shipment.ts";
import { checkShipments } from "./check.ts";
import { checkDepsFor, type CheckRequestContext } from "./check-request.ts";
import { BadInputError } from "./errors.ts";

interface Summarised {
  policyVersion: string;
  decisions: { id: string; outcome: string; basis: string | null; licenceOptions: string[] }[];
  verdict?: { status: string };
}

export interface RecheckChange {
  kind: "check" | "application";
  id: string;
  status?: string;
  before: { policyVersion: string; decisions: unknown[]; verdict: string | null };
  after: { policyVersion: string; decisions: unknown[]; verdict: string };
}

export interface RecheckResult {
  checks: number;
  applications: number;
  changed: RecheckChange[];
  policyVersions: Record<string, string>;
}

const summary = (r: Summarised) =>
  `${r.decisions.map((d) => `${d.id}:${d.outcome}:${d.basis}:${d.licenceOptions.join("+")}`).join("|")}#${r.verdict?.status ?? ""}`;

const pick = (d: Summarised["decisions"][number]) => ({
  id: d.id,
  outcome: d.outcome,
  basis: d.basis,
  licenceOptions: d.licenceOptions,
});

export async function recheckOrganisation(
  ctx: CheckRequestContext,
  orgId: string,
  progress: (fraction: number) => void = () => {},
): Promise<RecheckResult> {
  const recorded = await recordedChecksOf(ctx.db, orgId);
  const open = await openApplicationsOf(ctx.db, orgId);
  const deps = checkDepsFor(ctx, orgId);
  const again = async (input: unknown) => {
    try {
      return (await checkShipments(deps, [input], false))[0]!.result;
    } catch (e) {
      if (e instanceof BadInputError) return undefined;
      throw e;
    }
  };
  const changed: RecheckChange[] = [];
  const compare = (
    kind: RecheckChange["kind"],
    id: string,
    before: Summarised,
    now: Summarised & { verdict: { status: string } },
    status?: string,
  ) => {
    if (summary(now) === summary(before)) return;
    changed.push({
      kind,
      id,
      ...(status === undefined ? {} : { status }),
      before: {
        policyVersion: before.policyVersion,
        decisions: before.decisions.map(pick),
        verdict: before.verdict?.status ?? null,
      },
      after: {
        policyVersion: now.policyVersion,
        decisions: now.decisions.map(pick),
        verdict: now.verdict.status,
      },
    });
  };
  const total = recorded.length + open.length;
  for (let i = 0; i < recorded.length; i++) {
    const c = recorded[i]!;
    const now = await again(c.input);
    if (now) compare("check", c.id, c.result as Summarised, now);
    if (i % 500 === 0) progress(i / total);
  }
  for (const a of open) {
    const before = a.decision as Summarised | null;
    const now = await again(shipmentOfApplication(a.content as ApplicationInput));
    if (now && before) compare("application", a.id, before, now, a.status);
  }
  return {
    checks: recorded.length,
    applications: open.length,
    changed,
    policyVersions: Object.fromEntries([...ctx.policies.values()].map((p) => [p.regime.id, p.version])),
  };
}
