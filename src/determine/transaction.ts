/**
 * Controlled transactions that are not a goods export — technology transfers, brokering between foreign
 * countries, transit through the regime's country — decided by the pack's transaction rules (`transactions` in
 * the pack): the rules of the shipment's kind in force on its date, highest priority first; the first whose
 * conditions hold decides each line (a permit, none, or undetermined with what is missing). No rule holding
 * is `undetermined`, never "no licence required". Pure.
 */
import { msg, render } from "../messages/index.ts";
import type { FactRef, Snapshot } from "../policy/index.ts";
import type { TransactionWhen } from "../policy/schema.ts";
import { placeItem, type ItemPlace } from "./classify-item.ts";
import { licenceDetails, mkStep, reviewCaveat, unverifiedCaveats } from "./line-plan.ts";
import { matchDestination, matchItem, type DestinationContext } from "./match.ts";
import { decide, isClean } from "./decide.ts";
import type { CheckResult, Decision, Shipment, TraceStep } from "./types.ts";

type Rule = Snapshot["transactions"][number];

/** The context of a country on this snapshot, for destination selectors. */
function contextOf(snap: Snapshot, country: string): DestinationContext {
  return { country, groups: snap.groupsOf(country).groups, snap };
}

/** True when every condition the rule gives holds for this line; the list memberships relied on go to `facts`. */
function holds(w: TransactionWhen, s: Shipment, item: ItemPlace, snap: Snapshot, facts: FactRef[]): boolean {
  const tech = s.technology;
  if (w.recipients && !(tech && w.recipients.includes(tech.recipient))) return false;
  if (w.places && !(tech && w.places.includes(tech.place))) return false;
  if (w.exemptionStated !== undefined && (tech?.exemption !== undefined) !== w.exemptionStated) return false;
  if (w.exemptions && !(tech?.exemption && w.exemptions.includes(tech.exemption))) return false;
  if (w.items && !matchItem(w.items, item)) return false;
  // `concern`: any end-use fact that can trigger a control (knowledge or suspicion, a notice, a red flag, a
  // listed end user); `clean`: none of them
  if (w.endUse && (w.endUse === "clean") !== isClean(s.endUse)) return false;
  if (w.exportLicence !== undefined && (s.brokering?.exportLicence ?? false) !== w.exportLicence)
    return false;
  const origin = s.brokering?.origin ?? s.transit?.origin;
  if (w.origins && !(origin && matchDestination(w.origins, contextOf(snap, origin), facts))) return false;
  if (w.destinations && !matchDestination(w.destinations, contextOf(snap, s.destination), facts))
    return false;
  return true;
}

/** A country's groups on this snapshot as a trace step citing the facts that say so. */
function groupsStep(snap: Snapshot, country: string, rule: string): TraceStep {
  const { groups, facts } = snap.groupsOf(country);
  return mkStep(
    "destination",
    rule,
    groups.length > 0 ? msg("dest.groups", { country, groups }) : msg("dest.noGroup", { country }),
    facts,
  );
}

/** The facts of the transaction as the trace's first step states them. */
function factsStep(snap: Snapshot, s: Shipment): TraceStep {
  const kind = s.kind ?? "goods";
  const t = s.technology;
  const m =
    kind === "technology" && t
      ? msg("tx.technology", {
          recipient: snap.text(snap.recipients.find((r) => r.id === t.recipient)?.label ?? t.recipient),
          place: t.place,
          means: t.means,
          country: s.destination,
          exemption: t.exemption,
        })
      : kind === "brokering" && s.brokering
        ? msg("tx.brokering", {
            origin: s.brokering.origin,
            destination: s.brokering.destination,
            licensed: s.brokering.exportLicence ? "yes" : "no",
          })
        : msg("tx.transit", { origin: s.transit?.origin ?? "", destination: s.destination });
  return mkStep("transaction", `transaction:${kind}`, m, []);
}

/** The method of transfer the law names for the technology's means, as a step citing it (when the pack has one). */
function methodStep(snap: Snapshot, s: Shipment): TraceStep | undefined {
  const means = s.technology?.means;
  const m = means === undefined ? undefined : snap.methods.find((x) => x.means.includes(means));
  return m
    ? mkStep("transaction", m.id, msg("tx.method", { means, method: snap.text(m.label) }), [m.ref])
    : undefined;
}

function decideLine(
  snap: Snapshot,
  s: Shipment,
  line: Shipment["items"][number],
  head: TraceStep[],
): Decision {
  const kind = s.kind ?? "goods";
  const item = placeItem(snap, line.controlNumber, line.hsCode);
  const trace: TraceStep[] = [...head, mkStep("classification", "classification", item.how, item.facts)];
  let rule: Rule | undefined;
  const facts: FactRef[] = [];
  for (const r of snap.transactions) {
    if (r.kind !== kind) continue;
    facts.length = 0;
    if (holds(r.when, s, item, snap, facts)) {
      rule = r;
      break;
    }
  }
  const classification = {
    controlNumber: item.controlNumber,
    part: item.part,
    entry: item.entry,
    listed: item.listed,
  };
  const base = {
    id: line.id,
    unverifiedLicenceOptions: [],
    exemptions: [],
    classification,
  };
  if (!rule) {
    const missing = msg("tx.noRule", { kind, regime: snap.regimeId });
    trace.push(mkStep("transaction", `transaction:${kind}`, missing, []));
    return {
      ...base,
      outcome: "undetermined",
      basis: null,
      licenceOptions: [],
      licenceDetails: [],
      trace,
      caveats: unverifiedCaveats(trace, snap.text) ?? [],
      missing: [render(missing, "en")],
      missingMsg: [missing],
    };
  }
  const title = snap.text(rule.title);
  const d = contextOf(snap, s.destination);
  const permitName =
    rule.permit !== undefined
      ? snap.text(snap.licences.find((l) => l.licence.id === rule.permit)?.licence.name ?? rule.permit)
      : undefined;
  const step = mkStep(
    "transaction",
    rule.id,
    rule.effect === "permit"
      ? msg("tx.permit", { title, permit: rule.permit, permitName })
      : rule.effect === "none"
        ? msg("tx.none", { title })
        : msg("tx.undetermined", { title, missing: snap.text(rule.missing!) }),
    [rule.ref, ...facts],
  );
  // the groups of the countries the rule looked at, with the facts that put them there (cited, and caveated
  // where unverified), before the rule's own step
  const groupSteps: TraceStep[] = [];
  const origin = s.brokering?.origin ?? s.transit?.origin;
  if (rule.when.origins && origin) groupSteps.push(groupsStep(snap, origin, "origin-groups"));
  if (rule.when.destinations) groupSteps.push(groupsStep(snap, s.destination, "destination-groups"));
  trace.push(...groupSteps, step);
  const caveats = unverifiedCaveats(trace, snap.text) ?? [];
  if (rule.effect === "permit") {
    const evidence = new Map([[rule.permit!, rule.evidence]]);
    return {
      ...base,
      outcome: "licence-required",
      basis: "transaction",
      licenceOptions: [rule.permit!],
      licenceDetails: licenceDetails(snap, [rule.permit!], d, evidence, new Map()),
      trace,
      caveats,
    };
  }
  if (rule.effect === "none")
    return {
      ...base,
      outcome: "no-licence-required",
      basis: "transaction",
      licenceOptions: [],
      licenceDetails: [],
      trace,
      caveats,
    };
  const missing = msg("text", { text: snap.text(rule.missing!) });
  return {
    ...base,
    outcome: "undetermined",
    basis: "transaction",
    licenceOptions: [],
    licenceDetails: [],
    trace,
    caveats,
    missing: [rule.missing!],
    missingMsg: [missing],
  };
}

/** Decide every line of a technology, brokering or transit shipment under the snapshot in force on its date. */
export function decideTransaction(snap: Snapshot, shipment: Shipment, policyVersion: string): CheckResult {
  const { groups } = snap.groupsOf(shipment.destination);
  const method = methodStep(snap, shipment);
  const head = method ? [factsStep(snap, shipment), method] : [factsStep(snap, shipment)];
  const late = reviewCaveat(snap);
  return {
    regime: shipment.regime,
    date: shipment.date,
    destination: shipment.destination,
    destinationGroups: groups,
    policyVersion,
    decisions: shipment.items.map((line) => {
      const dec = decideLine(snap, shipment, line, head);
      if (late) dec.caveats = [...dec.caveats, late];
      return dec;
    }),
  };
}

/** Decide a shipment of any kind: a goods export by the goods rules (`decide`), the other kinds by their rules. */
export function decideShipment(snap: Snapshot, shipment: Shipment, policyVersion: string): CheckResult {
  return shipment.kind === undefined || shipment.kind === "goods"
    ? decide(snap, shipment, policyVersion)
    : decideTransaction(snap, shipment, policyVersion);
}
