/**
 * The determination engine: `decide(snapshot, shipment)` gives, for each item line, the outcome, its legal
 * basis, the licence options (least burdensome first), exemptions, a trace of every rule and dated fact used,
 * and caveats for each unverified fact the answer rests on. Pure: no I/O, no clock, no randomness.
 *
 * Order of the generic rule kinds, as in the law's "base rule and exceptions":
 *   embargo (prohibits outright) > list control (+ special measures, licence eligibility, exemptions)
 *   > catch-all limbs (only for items that are not listed).
 * What depends only on (period, destination, item) is compiled once in `line-plan.ts`; this module adds what
 * depends on the line's value and the end-use facts. Shared parts of the output are frozen.
 */
import { msg, render, type Msg } from "../messages/index.ts";
import type { Snapshot } from "../policy/index.ts";
import {
  destinationPlans,
  lawKey,
  linePlan,
  unverifiedCaveats,
  byRank,
  caveat,
  licenceDetails,
  licenceName,
  mkStep,
  pushCaveat,
  reviewCaveat,
  type LinePlan,
} from "./line-plan.ts";
import type { DestinationContext } from "./match.ts";
import { anyTriggerMet, evaluateTriggers } from "./triggers.ts";
import type { Caveat, CheckResult, Decision, EndUse, ItemLine, Outcome, TraceStep } from "./types.ts";

const NONE: readonly string[] = Object.freeze([]);

/** No end-use fact that can trigger a control: no knowledge or suspicion, no notice, no red flag, no listed end user. */
export function isClean(e: EndUse): boolean {
  return (
    e.wmd === "none" &&
    e.military === "none" &&
    e.informed.length === 0 &&
    !e.endUserListed &&
    e.redFlags.length === 0
  );
}

/** Head caveats, then those of the line's own steps and its explicit caveats, each once (shared when none is new). */
function caveatsFor(
  snap: Snapshot,
  plan: LinePlan,
  steps: TraceStep[],
  extra: Caveat[],
  base = plan.headCaveats,
): Caveat[] {
  const fresh = steps.length > 0 ? unverifiedCaveats(steps, snap.text, plan.headSeen) : undefined;
  if (!fresh && extra.length === 0) return base as Caveat[];
  const out = fresh ? base.concat(fresh) : base.slice();
  for (const c of extra) pushCaveat(out, c);
  return out;
}

/** A limb's end-use facts that do not fire it but must be assessed (e.g. suspicion under a knowledge rule). */
function assessCaveat(
  limb: Snapshot["limbs"][number],
  endUse: EndUse,
  line: ItemLine,
  snap: Snapshot,
  out: Caveat[],
): void {
  if (!limb.assess || !anyTriggerMet(limb.assess.when, endUse, line.hsCode, snap)) return;
  const t = evaluateTriggers(limb.assess.when, endUse, line.hsCode, snap);
  pushCaveat(
    out,
    caveat(
      limb.id,
      msg("cav.assess", {
        label: snap.text(limb.label),
        met: t.met,
        assess: snap.text(limb.assess.message),
      }),
    ),
  );
}

/** Catch-all results of lines with no end-use fact, per snapshot: plan -> result. */
const CLEAN = Symbol("clean catch-all results");

function decideListed(snap: Snapshot, plan: LinePlan, line: ItemLine, endUse: EndUse): Omit<Decision, "id"> {
  const steps: TraceStep[] = [];
  const extra: Caveat[] = [];
  let outcome: Outcome = "licence-required";
  let exemptions = NONE as string[];
  for (const ep of plan.exemptions) {
    const x = ep.x;
    if (ep.fixed) {
      steps.push(ep.fixed.step);
      if (ep.fixed.caveat) extra.push(ep.fixed.caveat);
      continue;
    }
    const currency = line.currency ?? snap.regimeCurrency;
    if (line.value === undefined || currency !== x.currency) {
      steps.push(ep.notEvaluated);
      continue;
    }
    if (line.value > ep.limit) {
      steps.push(ep.steps.over!);
      if (ep.unsureCaveat && line.value <= x.limit!) extra.push(ep.unsureCaveat);
      continue;
    }
    let triggered: Msg[] | undefined;
    for (const limb of ep.unlessLimbs) {
      if (!anyTriggerMet(limb.when, endUse, line.hsCode, snap)) continue;
      const t = evaluateTriggers(limb.when, endUse, line.hsCode, snap);
      if (t.met.length > 0)
        (triggered ??= []).push(msg("limb.withMet", { label: snap.text(limb.label), met: t.met }));
    }
    if (triggered !== undefined) {
      steps.push(
        mkStep(
          "exemption",
          x.id,
          msg("exempt.barred", { title: ep.steps.barred, limbs: triggered }),
          ep.limitFacts,
        ),
      );
      continue;
    }
    if (ep.steps.measure) {
      steps.push(ep.steps.measure);
      if (ep.measureCaveat) extra.push(ep.measureCaveat);
      continue;
    }
    outcome = "no-licence-required";
    exemptions = [x.kind];
    steps.push(ep.steps.within!);
  }
  const required = outcome === "licence-required";
  return {
    outcome,
    basis: plan.basis,
    licenceOptions: (required ? plan.established : NONE) as string[],
    unverifiedLicenceOptions: (required ? plan.unverified : NONE) as string[],
    licenceDetails: required ? (plan.details as Decision["licenceDetails"]) : [],
    exemptions,
    classification: plan.classification,
    trace: lawOrder(plan, steps),
    caveats: caveatsFor(snap, plan, steps, extra, required ? plan.requiredCaveats : plan.headCaveats),
  };
}

/** A listed line's trace: the plan's steps up to the list control, the exemptions, then the licence steps. */
function lawOrder(plan: LinePlan, steps: TraceStep[]): TraceStep[] {
  if (steps.length === 0) return plan.head as TraceStep[];
  const at = plan.licenceAt;
  if (at < 0 || at >= plan.head.length) return plan.head.concat(steps);
  return [...plan.head.slice(0, at), ...steps, ...plan.head.slice(at)];
}

function decideCatchAll(
  snap: Snapshot,
  plan: LinePlan,
  line: ItemLine,
  endUse: EndUse,
  d: DestinationContext,
): Omit<Decision, "id"> {
  const steps: TraceStep[] = [];
  const extra: Caveat[] = [];
  const permits: string[] = [];
  const missing: Msg[] = [];
  for (const lp of plan.limbs) {
    if (lp.outOfScope) {
      steps.push(lp.outOfScope);
      continue;
    }
    const limb = lp.limb;
    if (!lp.usesItemList && !anyTriggerMet(limb.when, endUse, line.hsCode, snap)) {
      steps.push(lp.notTriggered);
      assessCaveat(limb, endUse, line, snap, extra);
      continue;
    }
    const t = evaluateTriggers(limb.when, endUse, line.hsCode, snap);
    const label = snap.text(limb.label);
    for (const p of t.partialLists) {
      const name = snap.text(p.name);
      const what =
        line.hsCode === undefined
          ? msg("missing.noHs", { name })
          : msg("missing.hsNotAmong", { hs: line.hsCode, held: p.held, count: p.count, name });
      missing.push(msg("missing.check", { what, from: p.ref.from }));
      extra.push(caveat(p.id, msg("cav.partial", { name, held: p.held, count: p.count, hs: line.hsCode })));
    }
    if (t.met.length > 0 && t.redFlags.length > 0)
      pushCaveat(
        extra,
        caveat(
          `${limb.id}:red-flags`,
          msg("cav.redFlags", {
            flags: t.redFlags,
            permit: limb.permit,
            permitName: licenceName(snap, limb.permit),
          }),
        ),
      );
    const facts = t.facts.length > 0 ? [...lp.facts, ...t.facts] : lp.facts;
    if (t.met.length > 0 && limb.undetermined !== undefined) {
      missing.push(msg("missing.limb", { label, met: t.met, undetermined: snap.text(limb.undetermined) }));
      steps.push(
        mkStep(
          "catch-all",
          limb.id,
          msg("limb.undetermined", { label, met: t.met }),
          facts,
          limb.policy === undefined ? undefined : snap.text(limb.policy),
        ),
      );
    } else if (t.met.length > 0) {
      permits.push(limb.permit);
      steps.push(
        mkStep(
          "catch-all",
          limb.id,
          msg("limb.required", {
            label,
            met: t.met,
            permit: limb.permit,
            permitName: licenceName(snap, limb.permit),
          }),
          facts,
          limb.policy === undefined ? undefined : snap.text(limb.policy),
        ),
      );
    } else if (t.partialLists.length > 0)
      steps.push(
        mkStep(
          "catch-all",
          limb.id,
          msg("limb.partial", {
            label,
            hs: line.hsCode,
            lists: t.partialLists.map((p) =>
              msg("list.heldOf", { name: snap.text(p.name), held: p.held, count: p.count }),
            ),
          }),
          [...facts, ...t.partialLists.map((p) => p.ref)],
        ),
      );
    else
      steps.push(
        t.facts.length > 0
          ? mkStep("catch-all", limb.id, msg("limb.notTriggered", { label }), facts)
          : lp.notTriggered,
      );
  }
  const trace = steps.length > 0 ? plan.head.concat(steps) : (plan.head as TraceStep[]);
  const caveats = caveatsFor(snap, plan, steps, extra);
  if (permits.length > 0) {
    const options = byRank(snap, permits);
    return {
      outcome: "licence-required",
      basis: "catch-all",
      licenceOptions: options,
      unverifiedLicenceOptions: [],
      licenceDetails: licenceDetails(snap, options, d, new Map(), new Map()),
      exemptions: [],
      classification: plan.classification,
      trace,
      caveats,
    };
  }
  // Nothing requires a permit: undetermined when a deciding fact is missing, else no licence required.
  const body: Omit<Decision, "id"> = {
    outcome: missing.length > 0 ? "undetermined" : "no-licence-required",
    basis: missing.length > 0 ? "catch-all" : null,
    licenceOptions: [],
    unverifiedLicenceOptions: [],
    licenceDetails: [],
    exemptions: [],
    classification: plan.classification,
    trace,
    caveats,
  };
  if (missing.length > 0) {
    body.missing = missing.map((m) => render(m, "en"));
    body.missingMsg = missing;
  }
  return body;
}

function freezeBody(body: Omit<Decision, "id">): Omit<Decision, "id"> {
  for (const v of [
    body.licenceOptions,
    body.unverifiedLicenceOptions,
    body.licenceDetails,
    body.exemptions,
    body.trace,
    body.caveats,
  ])
    Object.freeze(v);
  for (const step of body.trace) {
    Object.freeze(step.facts);
    Object.freeze(step);
  }
  return Object.freeze(body);
}

function decideLine(
  snap: Snapshot,
  plan: LinePlan,
  line: ItemLine,
  endUse: EndUse,
  clean: boolean,
  d: DestinationContext,
): Decision {
  let body: Omit<Decision, "id">;
  if (plan.kind === "embargo")
    body = plan.clean ??= freezeBody({
      outcome: "prohibited",
      basis: "embargo",
      licenceOptions: [],
      unverifiedLicenceOptions: [],
      licenceDetails: [],
      exemptions: [],
      classification: plan.classification,
      trace: plan.head as TraceStep[],
      caveats: plan.headCaveats as Caveat[],
    });
  else if (plan.kind === "approval")
    body = plan.clean ??= freezeBody({
      outcome: "licence-required",
      basis: "approval",
      licenceOptions: [plan.approvalPermit!],
      unverifiedLicenceOptions: [],
      licenceDetails: plan.details as Decision["licenceDetails"],
      exemptions: [],
      classification: plan.classification,
      trace: plan.head as TraceStep[],
      caveats: plan.headCaveats as Caveat[],
    });
  else if (plan.kind === "listed") body = decideListed(snap, plan, line, endUse);
  else if (clean) {
    let bodies = snap.memo.get(CLEAN) as WeakMap<LinePlan, Omit<Decision, "id">> | undefined;
    if (!bodies) snap.memo.set(CLEAN, (bodies = new WeakMap()));
    let b = bodies.get(plan);
    if (!b) bodies.set(plan, (b = freezeBody(decideCatchAll(snap, plan, line, endUse, d))));
    body = b;
  } else body = decideCatchAll(snap, plan, line, endUse, d);
  const out: Decision = {
    id: line.id,
    outcome: body.outcome,
    basis: body.basis,
    licenceOptions: body.licenceOptions,
    unverifiedLicenceOptions: body.unverifiedLicenceOptions,
    licenceDetails: body.licenceDetails,
    exemptions: body.exemptions,
    classification: body.classification,
    trace: body.trace,
    caveats: body.caveats,
  };
  if (body.missing) {
    out.missing = body.missing;
    if (body.missingMsg) out.missingMsg = body.missingMsg;
  }
  return out;
}

/**
 * A key naming everything `decide` reads of `snap` for lines to `country`: the law of its line plans
 * (`lawKey`), the item lists and red flags in force, and whether the period lies after the pack's review date.
 * Lines that agree on everything else the engine reads and are decided on snapshots with the same key get the
 * same decisions (the shipment's date and the policy version apart), so a caller deciding many lines may
 * decide them once per key (the impact runs do).
 */
export function decisionKey(snap: Snapshot, country: string): string {
  let byCountry = snap.memo.get(DECISION_KEYS) as Map<string, string> | undefined;
  if (!byCountry) snap.memo.set(DECISION_KEYS, (byCountry = new Map()));
  let k = byCountry.get(country);
  if (k === undefined) {
    let rest = snap.memo.get(DECISION_REST) as string | undefined;
    if (rest === undefined) {
      const ids: number[] = [];
      for (const il of snap.itemLists.values()) {
        ids.push(snap.sourceId(il.version));
        for (const e of il.entries.values()) ids.push(snap.sourceId(e));
        ids.push(-1);
      }
      for (const r of snap.redFlags.values()) ids.push(snap.sourceId(r));
      const late = snap.reviewedThrough !== undefined && snap.date > snap.reviewedThrough;
      rest = `${ids.join(",")}|${late ? "late" : ""}`;
      snap.memo.set(DECISION_REST, rest);
    }
    const d: DestinationContext = { country, groups: snap.groupsOf(country).groups, snap };
    k = `${lawKey(snap, d)}#${rest}`;
    byCountry.set(country, k);
  }
  return k;
}

const DECISION_KEYS = Symbol("decision keys");
const DECISION_REST = Symbol("decision key: item lists, red flags, review");

/** Decide every item line of `shipment` under the policy snapshot in force on its date. */
export function decide(
  snap: Snapshot,
  shipment: { regime: string; date: string; destination: string; endUse: EndUse; items: ItemLine[] },
  policyVersion: string,
): CheckResult {
  const { groups, facts } = snap.groupsOf(shipment.destination);
  const d: DestinationContext = { country: shipment.destination, groups, snap };
  const clean = isClean(shipment.endUse);
  const plans = destinationPlans(snap, d, facts);
  const decisions: Decision[] = new Array(shipment.items.length);
  const late = reviewCaveat(snap);
  for (let i = 0; i < shipment.items.length; i++) {
    const line = shipment.items[i]!;
    const plan = linePlan(plans, line.controlNumber, line.hsCode);
    const dec = decideLine(snap, plan, line, shipment.endUse, clean, d);
    if (late) dec.caveats = [...dec.caveats, late];
    decisions[i] = dec;
  }
  return {
    regime: shipment.regime,
    date: shipment.date,
    destination: shipment.destination,
    destinationGroups: groups,
    policyVersion,
    decisions,
  };
}
