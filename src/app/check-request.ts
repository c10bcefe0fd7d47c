/**
 * A signed-in organisation's check request, before it is recorded: lines that name a product id are filled
 * from the product master, every shipment goes through the check service (decided and screened, the
 * organisation's screening decisions applied), and each line that needs a licence names the organisation's
 * active licences that cover it. The request is kept as sent; what the product master filled in is a field
 * of its own. Bad input anywhere is one `BadInputError` and nothing is decided.
 */
import type { CheckResult } from "../determine/index.ts";
import type { HeldLicencesSource } from "../permits/held-licences.ts";
import { coveringLicences } from "../permits/ledger.ts";
import { heldLicences, matchDecisionsFor } from "../permits/service.ts";
import type { PolicySet } from "../policy/index.ts";
import type { Db } from "../store/db.ts";
import { checkShipments, type CheckDeps, type Screening } from "./check.ts";
import type { MatchDecision } from "./parties.ts";
import { BadInputError } from "./errors.ts";
import { productResolution, resolveProducts } from "./products.ts";

export interface CheckRequestContext {
  db: Db;
  policies: PolicySet;
  /** The screening of an organisation (the lists in force for it); undefined: screening not configured. */
  screening?: ((orgId?: string) => Promise<Screening>) | undefined;
  /** The organisation's decisions on list entries (default: read from the database per request). */
  decisionsFor?: DecisionsSource | undefined;
  /** The organisation's active licences (default: read from the database per request). */
  heldLicencesFor?: HeldLicencesSource | undefined;
  /** E-mail is configured: notifications of acts on applications queue their e-mails. */
  mailEnabled?: boolean | undefined;
}

export type DecisionsSource = (
  orgId: string,
  entries: { entityId: string; version: string }[],
) => Promise<MatchDecision[]>;

export interface AnsweredCheck {
  /** The shipment as the client sent it. */
  input: unknown;
  result: CheckResult;
}

/** The check service with the organisation's decisions taken on list entries (the deps of every flow). */
export function checkDepsFor(ctx: CheckRequestContext, orgId: string): CheckDeps {
  return {
    policies: ctx.policies,
    screening: ctx.screening ? () => ctx.screening!(orgId) : undefined,
    decisionsFor: (entries) =>
      ctx.decisionsFor ? ctx.decisionsFor(orgId, entries) : matchDecisionsFor(ctx.db, orgId, entries),
  };
}

export async function answerChecks(
  ctx: CheckRequestContext,
  orgId: string,
  raw: unknown[],
  batch: boolean,
): Promise<AnsweredCheck[]> {
  // The product master fills a copy; the request stays as sent (no copy when no line names a product).
  const sent = raw;
  const resolved = raw.some(namesProduct) ? structuredClone(raw) : raw;
  const unresolved = await resolveProducts(ctx.db, orgId, resolved, batch);
  if (unresolved.length > 0) throw new BadInputError(unresolved, "a product could not be resolved");
  const checked = await checkShipments(checkDepsFor(ctx, orgId), resolved, batch);
  const results = checked.map((c, i) => {
    const result = c.result as CheckResult & { productResolution?: unknown[] };
    const filled = productResolution(sent[i], resolved[i]);
    if (filled.length > 0) result.productResolution = filled;
    return { input: sent[i], result: result as CheckResult };
  });
  const regimes = [...new Set(results.map((r) => r.result.regime))];
  const held = ctx.heldLicencesFor
    ? await ctx.heldLicencesFor(orgId, regimes)
    : await heldLicences(ctx.db, orgId, regimes);
  if (held.length > 0)
    for (const { result } of results) {
      const policy = ctx.policies.get(result.regime)!;
      const rankOf = (type: string) => policy.data.licences.find((l) => l.id === type)?.rank ?? 1e9;
      result.decisions = result.decisions.map((d) => {
        if (d.outcome !== "licence-required") return d;
        const covering = coveringLicences(held, rankOf, {
          regime: result.regime,
          date: result.date,
          destination: result.destination,
          controlNumber: d.classification.controlNumber,
        });
        return { ...d, coveringLicences: covering };
      });
    }
  return results;
}

function namesProduct(s: unknown): boolean {
  const items = (s as { items?: unknown } | null)?.items;
  return (
    Array.isArray(items) &&
    items.some((it) => typeof (it as { productId?: unknown } | null)?.productId === "string")
  );
}
