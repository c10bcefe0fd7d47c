/**
 * The part of a decision fixed by (legal period, destination, item): classification, embargo, list control,
 * licence eligibility, special measures, the exemption limits that apply, and which catch-all limbs are in
 * scope — with their trace steps and caveats. Compiled once per combination and shared (frozen); only what
 * depends on the line's value and end-use facts is decided per line (`decide.ts`). Pure: memoised per snapshot.
 */
import { msg, render, type Msg, type PackText } from "../messages/index.ts";
import type { DestinationSelector, FactRef, Snapshot } from "../policy/index.ts";
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
  steps: { over?: TraceStep; within?: TraceStep; measure?: TraceStep; barred: PackText };
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
  /**
   * The whole result of an embargo or approval line, computed on first use (it depends on the plan alone). A
   * catch-all line's result with no end-use fact is kept per snapshot (`cleanCatchAll` in decide.ts): its
   * limbs may read the period's item lists.
   */
  clean?: Omit<Decision, "id">;
}

/** Steps whose unverified facts are flagged possibilities, not facts the outcome rests on. */
export const flagOnlySteps = new WeakSet<TraceStep>();

export function mkStep(
  kind: TraceStep["kind"],
  rule: string,
  m: Msg,
  facts: FactRef[],
  note?: PackText,
): TraceStep {
  const t: TraceStep = { kind, rule, result: render(m, "en"), msg: m, facts };
  if (note !== undefined) {
    t.note = note.en;
    t.noteText = note;
  }
  return t;
}

const NOTHING: ReadonlySet<string> = new Set();

/**
 * The caveats of the unverified facts in `steps`, once per fact (key `id@from`), leaving out those in
 * `covered`; the keys found are added to `seen`. Undefined when there are none (nothing is allocated).
 */
export function unverifiedCaveats(
  steps: readonly TraceStep[],
  text: (en: string) => PackText,
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
      (out ??= []).push(
        caveat(
          f.id,
          f.note !== undefined
            ? msg("text", { text: text(f.note) })
            : msg("cav.unverified", { id: f.id, from: f.from }),
        ),
      );
    }
  }
  return out;
}

/** The caveat of a period after the pack's review date (later changes of the law are not known to it), if it is. */
export function reviewCaveat(snap: Snapshot): Caveat | undefined {
  return snap.reviewedThrough !== undefined && snap.date > snap.reviewedThrough
    ? caveat(
        "regime:reviewedThrough",
        msg("cav.reviewed", { regime: snap.regimeId, date: snap.reviewedThrough }),
      )
    : undefined;
}

/** An unverified-fact caveat with its message (rendered in English for `message`). */
export function caveat(fact: string, m: Msg): Caveat {
  return { fact, evidence: "unverified", message: render(m, "en"), msg: m };
}

/** The pack's name of licence type `id` with its renderings (the id itself when the pack has none). */
export function licenceName(snap: Snapshot, id: string): PackText {
  const lic = snap.licences.find((l) => l.licence.id === id);
  return lic ? snap.text(lic.licence.name) : { en: id };
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
    if (!lic) return { id, name: id, evidence: evidenceOf.get(id) ?? "verified", text: { name: { en: id } } };
    const detail: LicenceOptionDetail = {
      id,
      name: lic.licence.name,
      evidence: evidenceOf.get(id) ?? "verified",
      text: { name: snap.text(lic.licence.name) },
    };
    const conditions: PackText[] = [];
    const cond = conditionsOf.get(id);
    if (cond) {
      detail.conditions = cond;
      conditions.push(snap.text(cond));
    }
    for (const t of lic.terms) {
      if (!matchDestination(t.destinations, d)) continue;
      if (t.validity !== undefined) {
        detail.validity = t.validity;
        detail.text.validity = snap.text(t.validity);
      }
      if (t.validityMonths !== undefined) detail.validityMonths = t.validityMonths;
      if (t.reviewDays !== undefined) detail.reviewDays = t.reviewDays;
      if (t.documents !== undefined) detail.documents = t.documents;
      if (t.conditions !== undefined) {
        detail.conditions = detail.conditions ? `${detail.conditions}; ${t.conditions}` : t.conditions;
        conditions.push(snap.text(t.conditions));
      }
    }
    if (conditions.length > 0) detail.text.conditions = conditions;
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
      msg("list.required", { part: item.part ?? item.controlNumber ?? "" }),
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
    const name = snap.text(lic.licence.name);
    if (flagged)
      optionCaveats.set(
        lic.licence.id,
        caveat(
          rule.id,
          msg("cav.optionPossible", {
            id: lic.licence.id,
            name,
            why:
              rule.note !== undefined
                ? msg("text", { text: snap.text(rule.note) })
                : msg("cav.ruleUnverified", { rule: rule.id }),
          }),
        ),
      );
    const t = mkStep(
      "licence-eligibility",
      rule.id,
      msg(ok ? (flagged ? "lic.possible" : "lic.eligible") : "lic.notEligible", {
        id: lic.licence.id,
        name,
        conditions: rule.conditions !== undefined ? snap.text(rule.conditions) : undefined,
      }),
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
      plan.cautious.push(
        caveat(
          m.id,
          msg("cav.precaution", {
            title: snap.text(m.title),
            entries: m.items.entries!,
            item: item.part ?? item.controlNumber ?? "",
          }),
        ),
      );
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
        optionCaveats.set(
          id,
          caveat(
            m.id,
            msg("cav.optionPossible", {
              id,
              name: licenceName(snap, id),
              why:
                m.note !== undefined
                  ? msg("text", { text: snap.text(m.note) })
                  : msg("cav.measureUnverified", { measure: m.id }),
            }),
          ),
        );
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
        msg("measure.effect", {
          title: snap.text(m.title),
          only: m.effect.only,
          onlyNames: m.effect.only?.map((id) => licenceName(snap, id)),
          allow: m.effect.allow,
          allowNames: m.effect.allow?.map((id) => licenceName(snap, id)),
          conditions: m.effect.conditions !== undefined ? snap.text(m.effect.conditions) : undefined,
        }),
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
    const title = snap.text(x.title);
    const ep: ExemptionPlan = {
      x,
      notEvaluated: mkStep("exemption", x.id, msg("exempt.notEvaluated", { title, currency: x.currency }), [
        x.ref,
      ]),
      limit: x.limit ?? 0,
      limitFacts: [x.ref],
      unlessLimbs: [],
      steps: { barred: { en: "" } },
    };
    const facts: FactRef[] = [];
    if (!matchDestination(x.destinations, d, facts)) {
      ep.fixed = {
        step: mkStep("exemption", x.id, msg("exempt.notAvailable", { title }), [x.ref, ...facts]),
      };
    } else if (x.mode === "flag") {
      ep.fixed = {
        step: mkStep("exemption", x.id, msg("exempt.notApplied", { title }), [x.ref]),
        caveat: caveat(x.id, msg("cav.exemptFlag", { title })),
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
          msg("exempt.over", { title, limit: ep.limit, currency: cur }),
          ep.limitFacts,
        ),
        within: mkStep(
          "exemption",
          x.id,
          msg("exempt.within", { title, limit: ep.limit, currency: cur }),
          ep.limitFacts,
        ),
        barred: title,
      };
      if (ep.unsureLimit)
        ep.unsureCaveat = caveat(
          ep.unsureLimit.ref.id,
          msg("cav.lowerLimit", { limit: ep.unsureLimit.limit, currency: cur, full: x.limit ?? 0 }),
        );
      if (plan.basis === "special-measure" && plan.exemptionsStance !== "unaffected") {
        ep.steps.measure = mkStep("exemption", x.id, msg("exempt.measure", { title }), ep.limitFacts);
        if (plan.exemptionsStance !== "suspended")
          ep.measureCaveat = caveat(x.id, msg("cav.measureExemption", { title }));
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
    const label = snap.text(limb.label);
    const lp: LimbPlan = {
      limb,
      inScope,
      facts,
      notTriggered: mkStep("catch-all", limb.id, msg("limb.notTriggered", { label }), facts),
      usesItemList: limb.when.some((w) => "itemList" in w),
    };
    if (!inScope)
      lp.outOfScope = mkStep(
        "catch-all",
        limb.id,
        msg("limb.outOfScope", { label, chapter: item.hsChapter ?? undefined }),
        scope ? [limb.ref, scope.ref] : [limb.ref],
      );
    plan.limbs.push(lp);
  }
  if (plan.limbs.length === 0)
    head.push(
      mkStep("catch-all", "catch-all", msg("limb.none", { country: d.country, groups: d.groups }), []),
    );
}

function compile(snap: Snapshot, d: DestinationContext, destStep: TraceStep, item: ItemPlace): LinePlan {
  const head: TraceStep[] = [destStep, mkStep("classification", "classification", item.how, item.facts)];
  const extras: Caveat[] = [];
  if (item.controlNumber && item.part === null)
    extras.push(caveat("classification", msg("cav.notInList", { cn: item.controlNumber })));
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
          mkStep(
            "embargo",
            e.id,
            msg("embargo.approval", {
              title: snap.text(e.title),
              permit: e.permit ?? "approval",
              permitName: licenceName(snap, e.permit ?? "approval"),
            }),
            [e.ref, ...facts],
          ),
        );
        plan.kind = "approval";
        plan.basis = "approval";
        plan.approvalPermit = e.permit ?? "approval";
        plan.details = Object.freeze(licenceDetails(snap, [plan.approvalPermit], d, new Map(), new Map()));
      } else {
        head.push(
          mkStep("embargo", e.id, msg("embargo.prohibited", { title: snap.text(e.title) }), [
            e.ref,
            ...facts,
          ]),
        );
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
    const m = msg("caution", { title: snap.text(c.title), message: snap.text(c.message) });
    head.push(mkStep("caution", c.id, m, [c.ref, ...facts]));
    extras.push(caveat(c.id, m));
  }
  const seen = new Set<string>();
  const caveats: Caveat[] = unverifiedCaveats(head, snap.text, NOTHING, seen) ?? [];
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

/**
 * The plans of one destination under one law: compiled on `snap`, the first period found to hold it, and shared
 * by every period with the same `Snapshot.lawKey` for the destination.
 */
export interface DestinationPlans {
  snap: Snapshot;
  d: DestinationContext;
  destStep: TraceStep;
  byCn: Map<string | null | undefined, Map<string | undefined, LinePlan>>;
  /** The plans by what they depend on (`placement` below): lines with other HS codes may share one. */
  byPlacement: Map<string, LinePlan>;
}

/**
 * What a destination's line plans read of the snapshot, as a key: the pack facts in force (by `sourceId`, in
 * the snapshot's order) of the control list, the groups, the scopes and every exemption with its lower limits
 * in force; of the licence rules and terms, embargoes, cautions, measures and limbs those whose destinations
 * cover the destination; and the destination's list memberships. `compile` reads nothing else of the snapshot
 * (its date only through the lower limits), so two periods with the same key get the same plans. Item lists
 * and red flags are not in the key: a line reads them from the snapshot it is decided on.
 */
export function lawKey(snap: Snapshot, d: DestinationContext): string {
  const ids: number[] = [];
  const all = (xs: Iterable<object>) => {
    for (const x of xs) ids.push(snap.sourceId(x));
    ids.push(-1);
  };
  const reaching = (xs: Iterable<{ destinations?: DestinationSelector | undefined }>) => {
    for (const x of xs) if (matchDestination(x.destinations, d)) ids.push(snap.sourceId(x));
    ids.push(-1);
  };
  all(snap.groups);
  all(snap.parts.values());
  all(snap.entries);
  all(snap.numberMap);
  all(snap.scopes.values());
  for (const x of snap.exemptions) {
    ids.push(snap.sourceId(x));
    for (const ll of x.lowerLimits ?? [])
      if (ll.from <= snap.date && (ll.to === undefined || snap.date < ll.to)) ids.push(snap.sourceId(ll));
    ids.push(-2);
  }
  for (const l of snap.licences) {
    reaching(l.eligibility);
    reaching(l.terms);
  }
  reaching(snap.embargoes);
  reaching(snap.cautions);
  reaching(snap.measures);
  reaching(snap.limbs);
  return `${d.country}|${d.groups.join(",")}|${snap.membershipKey(d.country)}|${ids.join(",")}`;
}

/**
 * The compiled plans for one destination on this snapshot: memoised on the snapshot, and shared with the other
 * periods of the policy that hold the same law for the destination.
 */
export function destinationPlans(
  snap: Snapshot,
  d: DestinationContext,
  groupFacts: FactRef[],
): DestinationPlans {
  let all = snap.memo.get(PLANS) as Map<string, DestinationPlans> | undefined;
  if (!all) snap.memo.set(PLANS, (all = new Map()));
  let byDest = all.get(d.country);
  if (byDest) return byDest;
  // Another period holding the same law for this destination (`lawKey`) compiled the same plans.
  let shared = snap.shared.memo.get(PLANS) as Map<string, DestinationPlans> | undefined;
  if (!shared) snap.shared.memo.set(PLANS, (shared = new Map()));
  const key = lawKey(snap, d);
  byDest = shared.get(key);
  if (!byDest) {
    byDest = { snap, d, destStep: destinationStep(d, groupFacts), byCn: new Map(), byPlacement: new Map() };
    if (shared.size > 10_000) shared.clear();
    shared.set(key, byDest);
  }
  all.set(d.country, byDest);
  return byDest;
}

/** The trace step naming the destination's groups. */
function destinationStep(d: DestinationContext, groupFacts: FactRef[]): TraceStep {
  return mkStep(
    "destination",
    "destination-groups",
    d.groups.length > 0
      ? msg("dest.groups", { country: d.country, groups: d.groups })
      : msg("dest.noGroup", { country: d.country }),
    groupFacts,
  );
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

/**
 * The plan compiled for this line alone on `snap` itself, shared with no other line or period (for tests that
 * check the sharing).
 */
export function freshLinePlan(
  snap: Snapshot,
  d: DestinationContext,
  groupFacts: FactRef[],
  controlNumber: string | null | undefined,
  hsCode: string | undefined,
): LinePlan {
  return compile(snap, d, destinationStep(d, groupFacts), placeItem(snap, controlNumber, hsCode));
}
