/**
 * The determination engine: `decide(snapshot, shipment)` gives, for each item line, the outcome, its legal
 * basis, the licence options (least burdensome first), exemptions, a trace of every rule and dated fact used,
 * and caveats for each unverified fact the answer rests on. Pure: no I/O, no clock, no randomness.
 *
 * Order of the generic rule kinds, as in the law's "base rule and exceptions":
 *   embargo (prohibits outright) > list control (+ special measures, licence eligibility, exemptions)
 *   > catch-all limbs (only for items that are not listed).
 */
import type { FactRef, Snapshot } from "../policy/index.ts";
import { placeItem, type ItemPlace } from "./classify-item.ts";
import { inChapters, matchDestination, matchItem, type DestinationContext } from "./match.ts";
import { evaluateTriggers } from "./triggers.ts";
import type {
  Basis,
  Caveat,
  CheckResult,
  Decision,
  ItemLine,
  LicenceOptionDetail,
  Outcome,
  Shipment,
  TraceStep,
} from "./types.ts";

interface LineState {
  trace: TraceStep[];
  extraCaveats: Caveat[];
  /** Steps whose unverified facts are flagged possibilities, not facts the outcome rests on. */
  noAutoCaveat: Set<TraceStep>;
}

function step(
  s: LineState,
  kind: TraceStep["kind"],
  rule: string,
  result: string,
  facts: FactRef[],
  note?: string,
) {
  const t: TraceStep = { kind, rule, result, facts };
  if (note !== undefined) t.note = note;
  s.trace.push(t);
}

function caveatsOf(s: LineState): Caveat[] {
  const out: Caveat[] = [];
  const seen = new Set<string>();
  for (const t of s.trace)
    if (!s.noAutoCaveat.has(t))
      for (const f of t.facts)
        if (f.evidence === "unverified") {
          const key = `${f.id}@${f.from}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({
            fact: f.id,
            evidence: "unverified",
            message: f.note ?? `${f.id} (in force from ${f.from}) is unverified`,
          });
        }
  for (const c of s.extraCaveats) if (!out.some((o) => o.message === c.message)) out.push(c);
  return out;
}

function licenceDetails(
  snap: Snapshot,
  ids: string[],
  d: DestinationContext,
  evidenceOf: Map<string, FactRef["evidence"]>,
  conditionsOf: Map<string, string>,
): LicenceOptionDetail[] {
  return ids.map((id) => {
    const lic = snap.licences.find((l) => l.licence.id === id)!;
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
      if (t.reviewDays !== undefined) detail.reviewDays = t.reviewDays;
      if (t.documents !== undefined) detail.documents = t.documents;
      if (t.conditions !== undefined)
        detail.conditions = detail.conditions ? `${detail.conditions}; ${t.conditions}` : t.conditions;
    }
    return detail;
  });
}

function byRank(snap: Snapshot, ids: string[]): string[] {
  const rank = (id: string) => snap.licences.find((l) => l.licence.id === id)?.licence.rank ?? 1e9;
  return [...new Set(ids)].sort((a, b) => rank(a) - rank(b));
}

function decideListed(
  snap: Snapshot,
  line: ItemLine,
  item: ItemPlace,
  shipment: Shipment,
  d: DestinationContext,
  s: LineState,
): Omit<Decision, "id" | "classification" | "trace" | "caveats"> {
  step(
    s,
    "list-control",
    "list-control",
    `listed item (${item.part ?? item.controlNumber}): a licence is required for every destination`,
    item.facts,
  );

  // Licence eligibility: per licence type, the highest-priority matching rule decides.
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
    if (ok) {
      (rule.evidence === "unverified" ? unverified : established).push(lic.licence.id);
      evidenceOf.set(lic.licence.id, rule.evidence);
      if (rule.conditions) conditionsOf.set(lic.licence.id, rule.conditions);
    }
    if (ok && rule.evidence === "unverified")
      optionCaveats.set(lic.licence.id, {
        fact: rule.id,
        evidence: "unverified",
        message: `${lic.licence.id} is a possibility only: ${rule.note ?? `eligibility rule ${rule.id} is unverified`}`,
      });
    step(
      s,
      "licence-eligibility",
      rule.id,
      `${lic.licence.id}: ${ok ? (rule.evidence === "unverified" ? "possible [unverified]" : "eligible") : "not eligible"}${rule.conditions ? ` (${rule.conditions})` : ""}`,
      [rule.ref, ...facts],
    );
    // An unverified "eligible" is a flagged possibility; it gets its caveat only if the option survives.
    if (ok && rule.evidence === "unverified") s.noAutoCaveat.add(s.trace[s.trace.length - 1]!);
  }

  // Special measures, lowest priority first, so that a later, more specific measure has the last word.
  let basis: Basis = "listed";
  let exemptionsStance: "suspended" | "unaffected" | "unknown" | undefined;
  const measures = snap.measures
    .filter((m) => matchItem(m.items, item) && matchDestination(m.destinations, d))
    .reverse();
  for (const m of measures) {
    basis = "special-measure";
    if (m.effect.only) {
      const only = m.effect.only;
      established = [...only];
      unverified = [];
      for (const id of only) evidenceOf.set(id, m.evidence);
    }
    if (m.effect.allow)
      for (const id of m.effect.allow) {
        established.push(id);
        unverified = unverified.filter((u) => u !== id);
        evidenceOf.set(id, m.evidence);
        if (m.effect.conditions) conditionsOf.set(id, m.effect.conditions);
      }
    if (m.effect.exemptions) exemptionsStance = m.effect.exemptions;
    step(
      s,
      "special-measure",
      m.id,
      `${m.title}: ${m.effect.only ? `only ${m.effect.only.join(", ")}` : ""}${m.effect.allow ? `${m.effect.only ? "; " : ""}also ${m.effect.allow.join(", ")}` : ""}${m.effect.conditions ? ` (${m.effect.conditions})` : ""}`,
      [m.ref],
    );
  }
  established = byRank(snap, established);
  unverified = byRank(snap, unverified).filter((id) => !established.includes(id));

  // Exemptions (small value): applied, or only flagged where their terms are not known.
  let outcome: Outcome = "licence-required";
  const exemptions: string[] = [];
  for (const x of snap.exemptions) {
    if (!matchItem(x.items, item)) continue;
    const facts: FactRef[] = [];
    if (!matchDestination(x.destinations, d, facts)) {
      step(s, "exemption", x.id, `${x.title}: not available to this destination`, [x.ref, ...facts]);
      continue;
    }
    if (x.mode === "flag") {
      s.extraCaveats.push({
        fact: x.id,
        evidence: "unverified",
        message: `${x.title} may apply; its terms are unverified and it was not applied`,
      });
      step(s, "exemption", x.id, `${x.title}: not applied (terms unverified)`, [x.ref]);
      continue;
    }
    const currency = line.currency ?? snap.regimeCurrency;
    if (line.value === undefined || currency !== x.currency) {
      step(s, "exemption", x.id, `${x.title}: not evaluated (needs the line's value in ${x.currency})`, [
        x.ref,
      ]);
      continue;
    }
    let limit = x.limit!;
    let unsureLimit: { limit: number; ref: FactRef } | undefined;
    const limitFacts: FactRef[] = [x.ref];
    for (const ll of x.lowerLimits ?? []) {
      if (!(ll.from <= snap.date && (ll.to === undefined || snap.date < ll.to)) || !matchItem(ll.items, item))
        continue;
      const ref = {
        id: `${x.id}:lower-limit`,
        from: ll.from,
        to: ll.to,
        evidence: ll.evidence,
        cite: ll.cite,
        note: ll.note,
      };
      limitFacts.push(ref);
      if (ll.limit < limit) {
        if (ll.evidence === "unverified") unsureLimit = { limit: ll.limit, ref };
        limit = ll.limit;
      }
    }
    const triggered: string[] = [];
    for (const limbId of x.unlessLimbs ?? []) {
      const limb = snap.limbs.find((l) => l.id === limbId);
      if (!limb || !matchDestination(limb.destinations, d)) continue;
      const t = evaluateTriggers(limb.when, shipment.endUse, line.hsCode, snap);
      if (t.met.length > 0) triggered.push(`${limb.label} (${t.met.join("; ")})`);
    }
    const within = line.value <= limit;
    if (!within) {
      step(
        s,
        "exemption",
        x.id,
        `${x.title}: value ${line.value} ${currency} exceeds the limit ${limit}`,
        limitFacts,
      );
      if (unsureLimit && line.value <= x.limit!)
        s.extraCaveats.push({
          fact: unsureLimit.ref.id,
          evidence: "unverified",
          message: `the lower limit ${unsureLimit.limit} ${currency} applies only to goods METI designates by notice; if this item is not designated, the limit is ${x.limit} and the line would be exempt`,
        });
      continue;
    }
    if (triggered.length > 0) {
      step(
        s,
        "exemption",
        x.id,
        `${x.title}: not available, catch-all trigger present: ${triggered.join(", ")}`,
        limitFacts,
      );
      continue;
    }
    if (basis === "special-measure" && exemptionsStance !== "unaffected") {
      step(
        s,
        "exemption",
        x.id,
        `${x.title}: within the limit, but a special measure applies; not applied`,
        limitFacts,
      );
      if (exemptionsStance !== "suspended")
        s.extraCaveats.push({
          fact: x.id,
          evidence: "unverified",
          message: `how the special measure interacts with ${x.title} is unverified; cautious answer: licence required`,
        });
      continue;
    }
    outcome = "no-licence-required";
    exemptions.push(x.kind);
    step(
      s,
      "exemption",
      x.id,
      `${x.title}: applies (value ${line.value} ${currency} ≤ ${limit})`,
      limitFacts,
    );
  }

  const licenceOptions = outcome === "licence-required" ? established : [];
  const flagged = outcome === "licence-required" ? unverified : [];
  for (const id of flagged) {
    const c = optionCaveats.get(id);
    if (c) s.extraCaveats.push(c);
  }
  return {
    outcome,
    basis,
    licenceOptions,
    unverifiedLicenceOptions: flagged,
    licenceDetails: licenceDetails(snap, [...licenceOptions, ...flagged], d, evidenceOf, conditionsOf),
    exemptions,
  };
}

function decideCatchAll(
  snap: Snapshot,
  line: ItemLine,
  item: ItemPlace,
  shipment: Shipment,
  d: DestinationContext,
  s: LineState,
): Omit<Decision, "id" | "classification" | "trace" | "caveats"> {
  const permits: string[] = [];
  let considered = 0;
  for (const limb of snap.limbs) {
    const destFacts: FactRef[] = [];
    if (!matchDestination(limb.destinations, d, destFacts)) continue;
    considered++;
    const scope = snap.scopes.get(limb.scope);
    const inScope = scope
      ? scope.allGoods === true || item.part !== null || inChapters(scope.hsChapters ?? [], item.hsChapter)
      : false;
    if (!inScope) {
      step(
        s,
        "catch-all",
        limb.id,
        `${limb.label}: outside the catch-all's scope (HS chapter ${item.hsChapter ?? "unknown"})`,
        scope ? [limb.ref, scope.ref] : [limb.ref],
      );
      continue;
    }
    const t = evaluateTriggers(limb.when, shipment.endUse, line.hsCode, snap);
    for (const p of t.partialLists)
      s.extraCaveats.push({
        fact: p.id,
        evidence: "unverified",
        message: `${p.name} is held only in part (${p.held} of ${p.count} items); HS ${line.hsCode ?? "?"} was not found but may be on it`,
      });
    const facts = [limb.ref, ...(scope ? [scope.ref] : []), ...destFacts, ...t.facts];
    if (t.met.length > 0) {
      permits.push(limb.permit);
      step(
        s,
        "catch-all",
        limb.id,
        `${limb.label}: triggered by ${t.met.join("; ")} → ${limb.permit} licence required`,
        facts,
        limb.policy,
      );
    } else step(s, "catch-all", limb.id, `${limb.label}: not triggered`, facts);
  }
  if (considered === 0)
    step(
      s,
      "catch-all",
      "catch-all",
      `no catch-all limb applies to ${d.country} (${d.groups.join(", ")}) on this date`,
      [],
    );
  if (permits.length > 0) {
    const options = byRank(snap, permits);
    return {
      outcome: "licence-required",
      basis: "catch-all",
      licenceOptions: options,
      unverifiedLicenceOptions: [],
      licenceDetails: licenceDetails(snap, options, d, new Map(), new Map()),
      exemptions: [],
    };
  }
  return {
    outcome: "no-licence-required",
    basis: null,
    licenceOptions: [],
    unverifiedLicenceOptions: [],
    licenceDetails: [],
    exemptions: [],
  };
}

function decideLine(
  snap: Snapshot,
  line: ItemLine,
  shipment: Shipment,
  d: DestinationContext,
  groupFacts: FactRef[],
): Decision {
  const s: LineState = { trace: [], extraCaveats: [], noAutoCaveat: new Set() };
  step(
    s,
    "destination",
    "destination-groups",
    `${d.country} is in ${d.groups.join(", ") || "no group"} on this date`,
    groupFacts,
  );
  const item = placeItem(snap, line.controlNumber, line.hsCode);
  step(s, "classification", "classification", item.how, item.facts);
  if (item.controlNumber && item.part === null)
    s.extraCaveats.push({
      fact: "classification",
      evidence: "unverified",
      message: `${item.controlNumber} is not in this pack's control list; treated as listed`,
    });

  let result: Omit<Decision, "id" | "classification" | "trace" | "caveats"> | undefined;
  for (const e of snap.embargoes) {
    const facts: FactRef[] = [];
    if (matchDestination(e.destinations, d, facts) && matchItem(e.items, item)) {
      step(s, "embargo", e.id, `${e.title}: prohibited`, [e.ref, ...facts]);
      result = {
        outcome: "prohibited",
        basis: "embargo",
        licenceOptions: [],
        unverifiedLicenceOptions: [],
        licenceDetails: [],
        exemptions: [],
      };
      break;
    }
  }
  result ??= item.listed
    ? decideListed(snap, line, item, shipment, d, s)
    : decideCatchAll(snap, line, item, shipment, d, s);
  return {
    id: line.id,
    ...result,
    classification: {
      controlNumber: item.controlNumber,
      part: item.part,
      entry: item.entry,
      listed: item.listed,
    },
    trace: s.trace,
    caveats: caveatsOf(s),
  };
}

/** Decide every item line of `shipment` under the policy snapshot in force on its date. */
export function decide(snap: Snapshot, shipment: Shipment, policyVersion: string): CheckResult {
  const { groups, facts } = snap.groupsOf(shipment.destination);
  const d: DestinationContext = { country: shipment.destination, groups, snap };
  return {
    regime: shipment.regime,
    date: shipment.date,
    destination: shipment.destination,
    destinationGroups: groups,
    policyVersion,
    decisions: shipment.items.map((line) => decideLine(snap, line, shipment, d, facts)),
  };
}
