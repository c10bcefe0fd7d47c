/**
 * The check service: one flow from raw input to the answer, shared by `POST /v1/checks`, `tradectl check`,
 * application submit and recheck. It validates each shipment, decides its lines on the law of its date,
 * screens every party it names against the imported lists — a match of the end user on one of the regime's
 * end-user lists sets `endUserListed` (cited in the trace) and the lines are decided again — and gives one
 * verdict per shipment. Storage (decisions taken, covering licences) comes in through the dependencies.
 */
import {
  decideShipment,
  parseShipment,
  type CheckResult,
  type Decision,
  type Shipment,
  type TraceStep,
} from "../determine/index.ts";
import { NoPolicyDataError } from "../policy/errors.ts";
import type { FactRef } from "../policy/model.ts";
import { msg, render, type PackText } from "../messages/index.ts";
import type { PolicySet } from "../policy/registry.ts";
import type { ScreeningIndex } from "../screen/index.ts";
import { BadInputError, type FieldProblem } from "./errors.ts";
import {
  matchedEntries,
  partiesOf,
  screenParties,
  type ListVersion,
  type MatchDecision,
  type PartyMatch,
  type PartyScreening,
} from "./parties.ts";
import { verdictOf, type ScreeningSummary, type Verdict } from "./verdict.ts";

/** What screening a process has: the index over the imported lists and their versions. */
export interface Screening {
  /** Absent when no list is imported (the engine is then not loaded). */
  index?: ScreeningIndex | undefined;
  lists: ListVersion[];
  /** Make the index ready to read these names (an opened index loads the Japanese reader for kanji). */
  readyFor?: ((names: string[]) => Promise<void>) | undefined;
}

export interface CheckDeps {
  policies: PolicySet;
  /** The screening index (undefined: screening is not configured in this process). */
  screening?: (() => Promise<Screening>) | undefined;
  /** The decisions the organisation took on these entries at these versions. */
  decisionsFor?: ((entries: { entityId: string; version: string }[]) => Promise<MatchDecision[]>) | undefined;
}

export interface CheckedResult extends CheckResult {
  verdict: Verdict;
}

export interface Checked {
  input: unknown;
  shipment: Shipment;
  result: CheckedResult;
}

/** Validate and decide every shipment; throws `BadInputError` naming each problem (nothing is decided then). */
export function decideAll(
  policies: PolicySet,
  raw: unknown[],
  batch: boolean,
): { input: unknown; shipment: Shipment; result: CheckResult }[] {
  const problems: FieldProblem[] = [];
  const out: { input: unknown; shipment: Shipment; result: CheckResult }[] = [];
  raw.forEach((input, i) => {
    const at = (p: string) => (batch ? p.replace(/^\$/, `$[${i}]`) : p);
    const parsed = parseShipment(input, policies);
    if (!parsed.ok) {
      problems.push(...parsed.problems.map((p) => ({ path: at(p.path), message: p.message })));
      return;
    }
    const policy = policies.get(parsed.shipment.regime)!;
    try {
      out.push({
        input,
        shipment: parsed.shipment,
        result: decideShipment(policy.asOf(parsed.shipment.date), parsed.shipment, policy.version),
      });
    } catch (e) {
      if (e instanceof NoPolicyDataError) problems.push({ path: at("$.date"), message: e.message });
      else throw e;
    }
  });
  if (problems.length > 0) throw new BadInputError(problems, "the shipment is invalid");
  return out;
}

/** The trace step that cites the end-user-list entry the end user matched. */
function endUserListStep(m: PartyMatch, listName: PackText, version: string, date: string): TraceStep {
  const fact: FactRef = {
    id: `${m.list}:${m.sourceId}`,
    from: date,
    evidence: "reported",
    cite: [
      {
        provision: `${listName.en}, entry No. ${m.sourceId} "${m.matchedName}" (list version ${version})`,
        ...(m.url ? { url: m.url } : {}),
      },
    ],
    note: `Matched by name (score ${m.score.toFixed(2)}); a decision "false-positive" on this entry clears it.`,
  };
  const said = msg("eul.step", {
    list: listName,
    entry: m.sourceId,
    matched: m.matchedName,
    score: m.score.toFixed(2),
    version,
  });
  return {
    kind: "end-user-list",
    rule: `end-user-list:${m.list}`,
    result: render(said, "en"),
    msg: said,
    facts: [fact],
  };
}

/** Screen the parties of one shipment (undefined `screening`: not configured). */
async function screen(
  deps: CheckDeps,
  screening: Screening | undefined,
  shipment: Shipment,
): Promise<ScreeningSummary> {
  const parties = partiesOf(shipment);
  if (parties.length === 0) return { status: "no-parties", lists: screening?.lists ?? [], parties: [] };
  if (!screening) return { status: "not-configured", lists: [], parties: [] };
  const index = screening.index;
  if (screening.lists.length === 0 || !index) return { status: "no-lists", lists: [], parties: [] };
  await screening.readyFor?.(parties.map((p) => p.name));
  const endUserLists = (deps.policies.get(shipment.regime)?.regime.endUserLists ?? []).map((l) => l.list);
  const first = screenParties(index, parties, { endUserLists });
  const decisions = deps.decisionsFor ? await deps.decisionsFor(matchedEntries(first)) : [];
  const screened: PartyScreening[] =
    decisions.length > 0 ? screenParties(index, parties, { endUserLists, decisions }) : first;
  return { status: "screened", lists: screening.lists, parties: screened };
}

/**
 * The whole check: decide, screen the parties, apply the regime's end-user lists, give the verdict. Throws
 * `BadInputError` for bad input (nothing decided).
 */
export async function checkShipments(deps: CheckDeps, raw: unknown[], batch: boolean): Promise<Checked[]> {
  const decided = decideAll(deps.policies, raw, batch);
  // The index is built (or taken from the process's cache) only when some shipment names a party.
  const anyParty = decided.some((d) => partiesOf(d.shipment).length > 0);
  const screening = deps.screening && anyParty ? await deps.screening() : undefined;
  const out: Checked[] = [];
  for (const d of decided) {
    const summary = await screen(deps, screening, d.shipment);
    let result: CheckResult = d.result;
    let shipment = d.shipment;
    const policy = deps.policies.get(d.shipment.regime)!;
    const eul = summary.parties
      .filter((p) => p.role === "endUser")
      .flatMap((p) => p.matches.filter((m) => m.endUserList && m.decision?.decision !== "false-positive"));
    if (eul.length > 0 && !shipment.endUse.endUserListed) {
      shipment = { ...shipment, endUse: { ...shipment.endUse, endUserListed: true } };
      const again = decideShipment(policy.asOf(shipment.date), shipment, policy.version);
      const m = eul[0]!;
      const listName = policy.text(
        policy.regime.endUserLists?.find((l) => l.list === m.list)?.name ?? m.list,
      );
      const version = summary.lists.find((l) => l.list === m.list)?.version ?? "?";
      const step = endUserListStep(m, listName, version, shipment.date);
      // The listing rests on a match by name: say so, and how to clear it.
      const said = msg("cav.eulMatch", { list: listName, entry: m.sourceId, score: m.score.toFixed(2) });
      const caveat = {
        fact: step.rule,
        evidence: "unverified" as const,
        message: render(said, "en"),
        msg: said,
      };
      result = {
        ...again,
        decisions: again.decisions.map((x: Decision) => ({
          ...x,
          trace: [step, ...x.trace],
          caveats: [...x.caveats, caveat],
        })),
      };
    }
    out.push({
      input: d.input,
      shipment,
      result: { ...result, verdict: verdictOf(result.decisions, summary) },
    });
  }
  return out;
}
