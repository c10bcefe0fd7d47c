/**
 * The part of a decision fixed by (legal period, destination, item): classification, embargo, list control,
 * licence eligibility, special measures, the exemption limits that apply, and which catch-all limbs are in
 * scope — with their trace steps and caveats. Compiled once per combination and shared (frozen); only what
 * depends on the line's value and end-use facts is decided per line (`decide.ts`). Pure: memoised per snapshot.
 */
import type { FactRef, Snapshot } from "../policy/index.ts";
import { placeItem, type ItemPlace } from "./classify-item.ts";
import { inChapters, inHs, matchDestination, matchItem, type DestinationContext } from "./match.ts";
import type { Basis, Caveat, Decision, LicenceOptionDetail, TraceStep } from "./types.ts";

export interface ExemptionPlan {
  x: Snapshot["exemptions"][number];
  /** A step (and caveat) that does not depend on the line: not available here, or only flagged. */
  fixed?: { step: TraceStep; caveat?: Caveat };
  notEvaluated: TraceStep;
  limit: number;
  limitFacts: FactRef[];
  unsureLimit?: { limit: number; ref: FactRef };
  /** Texts and caveats fixed by the plan, so that a line only adds its value. */
  /** Steps and texts fixed by the plan: a line only picks one. */
  steps: { over?: TraceStep; within?: TraceStep; measure?: TraceStep; barred: string };
  unsureCaveat?: Caveat;
  measureCaveat?: Caveat;
  /** Catch-all limbs whose trigger bars the exemption for this destination. */
  unlessLimbs: Snapshot["limbs"];
}

export interface LimbPlan {
  limb: Snapshot["limbs"][number];
  inScope: boolean;
  /** The trace step when out of scope; otherwise the facts every step of this limb cites. */
  outOfScope?: TraceStep;
  facts: FactRef[];
  /** The step when no trigger is met; and whether the limb consults an item list (which may add caveats). */
  notTriggered: TraceStep;
  usesItemList: boolean;
}

export interface LinePlan {
  classification: Decision["classification"];
  kind: "embargo" | "approval" | "listed" | "catch-all";
  /** For `approval`: the permit the other law requires. */
  approvalPermit?: string;
  head: readonly TraceStep[];
  /**
   * Where the head's licence steps begin (after the list control), or -1: a listed line's exemption steps go
   * there, so that the trace reads in the law's order — listed, exempt or not, then which licence.
   */
  licenceAt: number;
  headCaveats: readonly Caveat[];
  /** Keys (`id@from`) of the facts whose caveats the head already carries. */
  headSeen: ReadonlySet<string>;
  // listed
  basis: Basis;
  established: readonly string[];
  unverified: readonly string[];
  optionCaveats: readonly Caveat[];
  /** The head's caveats plus those of the flagged licence options: a line that needs a licence starts here. */
  requiredCaveats: readonly Caveat[];
  details: readonly LicenceOptionDetail[];
  exemptionsStance?: "suspended" | "unaffected" | "unknown";
  exemptions: ExemptionPlan[];
  /** Caveats of cautious readings fixed by the plan (a measure applied to an item that only may be covered). */
  cautious: Caveat[];
  // catch-all
  limbs: LimbPlan[];
  /** The whole result for a line with no end-use fact at all, computed on first use. */
  clean?: Omit<Decision, "id">;
}

/** Steps whose unverified facts are flagged possibilities, not facts the outcome rests on. */
export const flagOnlySteps = new WeakSet<TraceStep>();

export function mkStep(
  kind: TraceStep["kind"],
  rule: string,
  result: string,
  facts: FactRef[],
  note?: string,
): TraceStep {
  const t: TraceStep = { kind, rule, result, facts };
  if (note !== undefined) t.note = note;
  return t;
}

const NOTHING: ReadonlySet<string> = new Set();

/**
 * The caveats of the unverified facts in `steps`, once per fact (key `id@from`), leaving out those in
 * `covered`; the keys found are added to `seen`. Undefined when there are none (nothing is allocated).
 */
export function unverifiedCaveats(
  steps: readonly TraceStep[],
  covered: ReadonlySet<string> = NOTHING,
  seen?: Set<string>,
): Caveat[] | undefined {
  let out: Caveat[] | undefined;
  for (const t of steps) {
    if (flagOnlySteps.has(t)) continue;
    for (const f of t.facts) {
      if (f.evidence !== "unverified") continue;
      const key = `${f.id}@${f.from}`;
      if (covered.has(key) || seen?.has(key)) continue;
      (seen ??= new Set()).add(key);
      (out ??= []).push({
        fact: f.id,
        evidence: "unverified",
        message: f.note ?? `${f.id} (in force from ${f.from}) is unverified`,
      });
    }
  }
  return out;
}

export function pushCaveat(out: Caveat[], c: Caveat): void {
  if (!out.some((o) => o.message === c.message)) out.push(c);
}

function rankOf(snap: Snapshot, id: string): number {
  return snap.licences.find((l) => l.licence.id === id)?.licence.rank ?? 1e9;
}

export function byRank(snap: Snapshot, ids: string[]): string[] {
  return [...new Set(ids)].sort((a, b) => rankOf(snap, a) - rankOf(snap, b));
}

export function licenceDetails(
  snap: Snapshot,
  ids: readonly string[],
  d: DestinationContext,
  evidenceOf: Map<string, FactRef["evidence"]>,
  conditionsOf: Map<string, string>,
): LicenceOptionDetail[] {
  return ids.map((id) => {
    const lic = snap.licences.find((l) => l.licence.id === id);
    if (!lic) return { id, name: id, evidence: evidenceOf.get(id) ?? "verified" };
    const detail: LicenceOptionDetail = {
      id,
      name: lic.licence.name,
      evidence: evidenceOf.get(id) ?? "verified",
    };
    const cond = conditionsOf.get(id);
    if (cond) detail.conditions = cond;
    for (const t of lic.terms) {
      if (!matchDestination(t.destinations, d)) continue;
      if (t.validity !== undefined) detail.validity = t.validity;
      if (t.validityMonths !== undefined) detail.validityMonths = t.validityMonths;
      if (t.reviewDays !== undefined) detail.reviewDays = t.reviewDays;
      if (t.documents !== undefined) detail.documents = t.documents;
      if (t.conditions !== undefined)
        detail.conditions = detail.conditions ? `${detail.conditions}; ${t.conditions}` : t.conditions;
    }
    return detail;
  });
}

function planListed(
  snap: Snapshot,
  item: ItemPlace,
  d: DestinationContext,
  head: TraceStep[],
  plan: LinePlan,
): void {
  head.push(
    mkStep(
      "list-control",
      "list-control",
      `listed item (${item.part ?? item.controlNumber}): a licence is required for every destination`,
      item.facts,
    ),
  );
  plan.licenceAt = head.length;
  // Licence eligibility: per licence type, the highest-priority matching rule decides.
  const eligibleStep = new Map<string, TraceStep>();
  let established: string[] = [];
  let unverified: string[] = [];
  const evidenceOf = new Map<string, FactRef["evidence"]>();
  const conditionsOf = new Map<string, string>();
  const optionCaveats = new Map<string, Caveat>();
  for (const lic of snap.licences) {
    if (!lic.licence.for.includes("listed")) continue;
    const facts: FactRef[] = [];
    const rule = lic.eligibility.find(
      (r) => matchItem(r.items, item) && matchDestination(r.destinations, d, facts),
    );
    if (!rule) continue;
    const ok = rule.result === "eligible";
    const flagged = ok && rule.evidence === "unverified";
    if (ok) {
      (flagged ? unverified : established).push(lic.licence.id);
      evidenceOf.set(lic.licence.id, rule.evidence);
      if (rule.conditions) conditionsOf.set(lic.licence.id, rule.conditions);
    }
    if (flagged)
      optionCaveats.set(lic.licence.id, {
        fact: rule.id,
        evidence: "unverified",
        message: `${lic.licence.id} is a possibility only: ${rule.note ?? `eligibility rule ${rule.id} is unverified`}`,
      });
    const t = mkStep(
      "licence-eligibility",
      rule.id,
      `${lic.licence.id}: ${ok ? (flagged ? "possible [unverified]" : "eligible") : "not eligible"}${rule.conditions ? ` (${rule.conditions})` : ""}`,
      [rule.ref, ...facts],
    );
    // An unverified "eligible" is a flagged possibility; it gets its caveat only if the option survives.
    if (flagged) flagOnlySteps.add(t);
    if (ok) eligibleStep.set(lic.licence.id, t);
    head.push(t);
  }

  // Special measures, lowest priority first, so that a later, more specific measure has the last word. A
  // measure on an entry the item only may be (a row given without the HS code that tells) applies cautiously.
  const maybeItem = (m: Snapshot["measures"][number]) =>
    item.mayBe.length > 0 &&
    m.items.entries !== undefined &&
    item.mayBe.some((e) => m.items.entries!.includes(e) && matchItem(m.items, { ...item, entry: e }));
  const measures = snap.measures
    .filter((m) => (matchItem(m.items, item) || maybeItem(m)) && matchDestination(m.destinations, d))
    .reverse();
  for (const m of measures) {
    if (!matchItem(m.items, item))
      plan.cautious.push({
        fact: m.id,
        evidence: "unverified",
        message: `${m.title} applies to ${m.items.entries!.join(", ")}; the line names only ${item.part ?? item.controlNumber} without an HS code, so the measure is applied as a precaution: give the HS code to tell whether the item is covered`,
      });
    plan.basis = "special-measure";
    if (m.effect.only) {
      // what the measure takes away stays in the trace, marked as removed by it
      for (const [id, step] of eligibleStep)
        if (!m.effect.only.includes(id) && step.removedBy === undefined) step.removedBy = m.id;
      established = [...m.effect.only];
      unverified = [];
      for (const id of m.effect.only) evidenceOf.set(id, m.evidence);
    }
    for (const id of m.effect.allow ?? []) {
      // A measure resting on an unverified fact only flags the licence it would allow.
      if (m.evidence === "unverified") {
        if (!established.includes(id) && !unverified.includes(id)) unverified.push(id);
        optionCaveats.set(id, {
          fact: m.id,
          evidence: "unverified",
          message: `${id} is a possibility only: ${m.note ?? `measure ${m.id} is unverified`}`,
        });
        continue;
      }
      established.push(id);
      unverified = unverified.filter((u) => u !== id);
      evidenceOf.set(id, m.evidence);
      if (m.effect.conditions) conditionsOf.set(id, m.effect.conditions);
    }
    if (m.effect.exemptions) plan.exemptionsStance = m.effect.exemptions;
    head.push(
      mkStep(
        "special-measure",
        m.id,
        `${m.title}: ${m.effect.only ? `only ${m.effect.only.join(", ")}` : ""}${m.effect.allow ? `${m.effect.only ? "; " : ""}also ${m.effect.allow.join(", ")}` : ""}${m.effect.conditions ? ` (${m.effect.conditions})` : ""}`,
        [m.ref],
      ),
    );
  }
  plan.established = Object.freeze(byRank(snap, established));
  plan.unverified = Object.freeze(byRank(snap, unverified).filter((id) => !plan.established.includes(id)));
  plan.optionCaveats = Object.freeze(plan.unverified.flatMap((id) => optionCaveats.get(id) ?? []));
  plan.details = Object.freeze(
    licenceDetails(snap, [...plan.established, ...plan.unverified], d, evidenceOf, conditionsOf),
  );

  // Exemptions: what depends only on the item and destination.
  for (const x of snap.exemptions) {
    if (!matchItem(x.items, item)) continue;
    const ep: ExemptionPlan = {
      x,
      notEvaluated: mkStep(
        "exemption",
        x.id,
        `${x.title}: not evaluated (needs the line's value in ${x.currency})`,
        [x.ref],
      ),
      limit: x.limit ?? 0,
      limitFacts: [x.ref],
      unlessLimbs: [],
      steps: { barred: "" },
    };
    const facts: FactRef[] = [];
    if (!matchDestination(x.destinations, d, facts)) {
      ep.fixed = {
        step: mkStep("exemption", x.id, `${x.title}: not available to this destination`, [x.ref, ...facts]),
      };
    } else if (x.mode === "flag") {
      ep.fixed = {
        step: mkStep("exemption", x.id, `${x.title}: not applied (terms unverified)`, [x.ref]),
        caveat: {
          fact: x.id,
          evidence: "unverified",
          message: `${x.title} may apply; its terms are unverified and it was not applied`,
        },
      };
    } else {
      for (const ll of x.lowerLimits ?? []) {
        if (
          !(ll.from <= snap.date && (ll.to === undefined || snap.date < ll.to)) ||
          !matchItem(ll.items, item)
        )
          continue;
        const ref: FactRef = {
          id: `${x.id}:lower-limit`,
          from: ll.from,
          to: ll.to,
          evidence: ll.evidence,
          cite: ll.cite,
          note: ll.note,
        };
        ep.limitFacts.push(ref);
        if (ll.limit < ep.limit) {
          if (ll.evidence === "unverified") ep.unsureLimit = { limit: ll.limit, ref };
          ep.limit = ll.limit;
        }
      }
      for (const limbId of x.unlessLimbs ?? []) {
        const limb = snap.limbs.find((l) => l.id === limbId);
        if (limb && matchDestination(limb.destinations, d)) ep.unlessLimbs.push(limb);
      }
      const cur = x.currency ?? "";
      ep.steps = {
        over: mkStep(
          "exemption",
          x.id,
          `${x.title}: the line's value exceeds the limit of ${ep.limit} ${cur}`,
          ep.limitFacts,
        ),
        within: mkStep(
          "exemption",
          x.id,
          `${x.title}: applies (the line's value is within the limit of ${ep.limit} ${cur})`,
          ep.limitFacts,
        ),
        barred: `${x.title}: not available, catch-all trigger present: `,
      };
      if (ep.unsureLimit)
        ep.unsureCaveat = {
          fact: ep.unsureLimit.ref.id,
          evidence: "unverified",
          message: `the lower limit ${ep.unsureLimit.limit} ${cur} applies only to goods METI designates by notice; if this item is not designated, the limit is ${x.limit} and the line would be exempt`,
        };
      if (plan.basis === "special-measure" && plan.exemptionsStance !== "unaffected") {
        ep.steps.measure = mkStep(
          "exemption",
          x.id,
          `${x.title}: within the limit, but a special measure applies; not applied`,
          ep.limitFacts,
        );
        if (plan.exemptionsStance !== "suspended")
          ep.measureCaveat = {
            fact: x.id,
            evidence: "unverified",
            message: `how the special measure interacts with ${x.title} is unverified; cautious answer: licence required`,
          };
      }
    }
    plan.exemptions.push(ep);
  }
}

function planCatchAll(
  snap: Snapshot,
  item: ItemPlace,
  d: DestinationContext,
  head: TraceStep[],
  plan: LinePlan,
): void {
  for (const limb of snap.limbs) {
    const destFacts: FactRef[] = [];
    if (!matchDestination(limb.destinations, d, destFacts)) continue;
    if (limb.items && !matchItem(limb.items, item)) continue;
    const scope = snap.scopes.get(limb.scope);
    const inScope = scope
      ? scope.allGoods === true || item.part !== null || inChapters(scope.hsChapters ?? [], item.hsChapter)
      : false;
    const facts = [limb.ref, ...(scope ? [scope.ref] : []), ...destFacts];
    const lp: LimbPlan = {
      limb,
      inScope,
      facts,
      notTriggered: mkStep("catch-all", limb.id, `${limb.label}: not triggered`, facts),
      usesItemList: limb.when.some((w) => "itemList" in w),
    };
    if (!inScope)
      lp.outOfScope = mkStep(
        "catch-all",
        limb.id,
        `${limb.label}: outside the catch-all's scope (HS chapter ${item.hsChapter ?? "unknown"})`,
        scope ? [limb.ref, scope.ref] : [limb.ref],
      );
    plan.limbs.push(lp);
  }
  if (plan.limbs.length === 0)
    head.push(
      mkStep(
        "catch-all",
        "catch-all",
        `no catch-all limb applies to ${d.country} (${d.groups.join(", ")}) on this date`,
        [],
      ),
    );
}

function compile(snap: Snapshot, d: DestinationContext, destStep: TraceStep, item: ItemPlace): LinePlan {
  const head: TraceStep[] = [destStep, mkStep("classification", "classification", item.how, item.facts)];
  const extras: Caveat[] = [];
  if (item.controlNumber && item.part === null)
    extras.push({
      fact: "classification",
      evidence: "unverified",
      message: `${item.controlNumber} is not in this pack's control list; treated as listed`,
    });
  const plan: LinePlan = {
    classification: Object.freeze({
      controlNumber: item.controlNumber,
      part: item.part,
      entry: item.entry,
      listed: item.listed,
    }),
    kind: item.listed ? "listed" : "catch-all",
    head,
    licenceAt: -1,
    headCaveats: [],
    headSeen: new Set(),
    basis: item.listed ? "listed" : null,
    established: [],
    unverified: [],
    optionCaveats: [],
    requiredCaveats: [],
    details: [],
    exemptions: [],
    cautious: [],
    limbs: [],
  };
  for (const e of snap.embargoes) {
    const facts: FactRef[] = [];
    if (matchDestination(e.destinations, d, facts) && matchItem(e.items, item)) {
      if (e.effect === "approval") {
        head.push(
          mkStep("embargo", e.id, `${e.title}: approval required (${e.permit ?? "approval"})`, [
            e.ref,
            ...facts,
          ]),
        );
        plan.kind = "approval";
        plan.basis = "approval";
        plan.approvalPermit = e.permit ?? "approval";
        plan.details = Object.freeze(licenceDetails(snap, [plan.approvalPermit], d, new Map(), new Map()));
      } else {
        head.push(mkStep("embargo", e.id, `${e.title}: prohibited`, [e.ref, ...facts]));
        plan.kind = "embargo";
        plan.basis = "embargo";
      }
      break;
    }
  }
  if (plan.kind === "listed") planListed(snap, item, d, head, plan);
  else if (plan.kind === "catch-all") planCatchAll(snap, item, d, head, plan);
  // Cautions: rules that turn on a fact the shipment does not state; they say what to check.
  for (const c of snap.cautions) {
    const facts: FactRef[] = [];
    if (!matchDestination(c.destinations, d, facts) || !matchItem(c.items, item)) continue;
    head.push(mkStep("caution", c.id, `${c.title}: ${c.message}`, [c.ref, ...facts]));
    extras.push({ fact: c.id, evidence: "unverified", message: `${c.title}: ${c.message}` });
  }
  const seen = new Set<string>();
  const caveats: Caveat[] = unverifiedCaveats(head, NOTHING, seen) ?? [];
  for (const c of extras) pushCaveat(caveats, c);
  for (const c of plan.cautious) pushCaveat(caveats, c);
  // Shared by every line of this plan: frozen, so that no check can change another's trace (and a frozen step
  // can be serialised once, see store/check-record.ts).
  for (const step of head) {
    Object.freeze(step.facts);
    Object.freeze(step);
  }
  plan.head = Object.freeze(head);
  plan.headCaveats = Object.freeze(caveats);
  const required = caveats.slice();
  for (const c of plan.optionCaveats) pushCaveat(required, c);
  plan.requiredCaveats = Object.freeze(required);
  plan.headSeen = seen;
  return plan;
}

const PLANS = Symbol("line plans");
const PLACES = Symbol("item places");
const HS_CONDITIONS = Symbol("HS conditions");

export interface DestinationPlans {
  snap: Snapshot;
  d: DestinationContext;
  destStep: TraceStep;
  byCn: Map<string | null | undefined, Map<string | undefined, LinePlan>>;
  /** The plans by what they depend on (`placement` below): lines with other HS codes may share one. */
  byPlacement: Map<string, LinePlan>;
}

/** The compiled plans for one destination on this snapshot (memoised on the snapshot). */
export function destinationPlans(
  snap: Snapshot,
  d: DestinationContext,
  groupFacts: FactRef[],
): DestinationPlans {
  let all = snap.memo.get(PLANS) as Map<string, DestinationPlans> | undefined;
  if (!all) snap.memo.set(PLANS, (all = new Map()));
  let byDest = all.get(d.country);
  if (!byDest) {
    const destStep = mkStep(
      "destination",
      "destination-groups",
      `${d.country} is in ${d.groups.join(", ") || "no group"} on this date`,
      groupFacts,
    );
    all.set(d.country, (byDest = { snap, d, destStep, byCn: new Map(), byPlacement: new Map() }));
  }
  return byDest;
}

type HsCondition = { chapters: boolean; codes: string[] };

/**
 * Every HS condition (`hs`, `notHs`, `hsChapters`) of the snapshot's rules, wherever a selector holds one:
 * found by walking the rules, so that a selector added to the schema later is not missed.
 */
function hsConditions(snap: Snapshot): HsCondition[] {
  let found = snap.memo.get(HS_CONDITIONS) as HsCondition[] | undefined;
  if (found) return found;
  const seen = new Map<string, HsCondition>();
  const walk = (v: unknown, depth: number): void => {
    if (depth > 12 || v === null || typeof v !== "object") return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1);
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      if ((k === "hs" || k === "notHs" || k === "hsChapters") && Array.isArray(x)) {
        const c = { chapters: k === "hsChapters", codes: x as string[] };
        seen.set(`${c.chapters}:${c.codes.join(",")}`, c);
      } else walk(x, depth + 1);
    }
  };
  walk([snap.embargoes, snap.licences, snap.measures, snap.exemptions, snap.cautions, snap.limbs], 0);
  found = [...seen.values()];
  snap.memo.set(HS_CONDITIONS, found);
  return found;
}

/**
 * Where a line's item falls on this snapshot, and the key of what its plan depends on. A listed item's plan
 * depends on its HS code only through its placement (entry, row, the classification text) and the rules' HS
 * conditions, so lines whose HS codes agree on those share one plan; an item that is not listed keeps a plan
 * per HS code (the catch-all's scope and texts name its chapter).
 */
function placement(
  snap: Snapshot,
  controlNumber: string | null | undefined,
  hsCode: string | undefined,
): { item: ItemPlace; key: string } {
  let all = snap.memo.get(PLACES) as Map<string, { item: ItemPlace; key: string }> | undefined;
  if (!all) snap.memo.set(PLACES, (all = new Map()));
  const memoKey = `${controlNumber ?? ""}\u0000${hsCode ?? ""}`;
  let p = all.get(memoKey);
  if (p) return p;
  const item = placeItem(snap, controlNumber, hsCode);
  let key: string;
  if (!item.listed) key = `not listed\u0000${item.controlNumber ?? ""}\u0000${hsCode ?? ""}`;
  else {
    let bits = "";
    for (const c of hsConditions(snap))
      bits += (c.chapters ? inChapters(c.codes, item.hsChapter) : inHs(c.codes, item.hsCode)) ? "1" : "0";
    key = [
      "listed",
      item.controlNumber,
      item.part,
      item.entry,
      item.mayBe.join(","),
      item.how,
      item.facts.map((f) => `${f.id}@${f.from}`).join(","),
      bits,
    ].join("\u0000");
  }
  if (all.size > 100_000) all.clear();
  all.set(memoKey, (p = { item, key }));
  return p;
}

/** The plan for one line to that destination: memoised on (control number, HS code), shared by placement. */
export function linePlan(
  plans: DestinationPlans,
  controlNumber: string | null | undefined,
  hsCode: string | undefined,
): LinePlan {
  let byHs = plans.byCn.get(controlNumber);
  if (!byHs) {
    if (plans.byCn.size > 10_000) plans.byCn.clear();
    plans.byCn.set(controlNumber, (byHs = new Map()));
  }
  let plan = byHs.get(hsCode);
  if (!plan) {
    if (byHs.size > 10_000) byHs.clear();
    const { item, key } = placement(plans.snap, controlNumber, hsCode);
    plan = plans.byPlacement.get(key);
    if (!plan) {
      if (plans.byPlacement.size > 100_000) plans.byPlacement.clear();
      plan = compile(plans.snap, plans.d, plans.destStep, item);
      plans.byPlacement.set(key, plan);
    }
    byHs.set(hsCode, plan);
  }
  return plan;
}

/** The plan compiled for this line alone, shared with no other (for tests that check the sharing). */
export function freshLinePlan(
  plans: DestinationPlans,
  controlNumber: string | null | undefined,
  hsCode: string | undefined,
): LinePlan {
  return compile(plans.snap, plans.d, plans.destStep, placeItem(plans.snap, controlNumber, hsCode));
}
