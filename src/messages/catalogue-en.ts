/**
 * The engine's sentences in English: every message id the engine, the verdict and the CLI use, with its
 * template. The Korean and Japanese catalogues must name exactly these ids (the type system checks).
 */
import type { Template } from "./types.ts";

const opt = (v: string, wrap: (s: string) => string) => (v ? wrap(v) : "");
const KNOW: Record<string, string> = { known: "known", suspected: "suspected", none: "none" };
const INFORM: Record<string, string> = { wmd: "wmd", conventional: "conventional" };

export const EN = {
  // a pack's own text, as it stands
  text: (p, t) => t(p.text),

  "dest.groups": (p, t) => `${t(p.country)} is in ${t(p.groups)} on this date`,
  "dest.noGroup": (p, t) => `${t(p.country)} is in no group on this date`,

  "class.notListed": () => "no control number: not a listed item",
  "class.row": (p, t) =>
    `row ${t(p.cn)} of the control list: ${t(p.title)}${opt(t(p.hs), (h) => ` (HS ${h})`)}`,
  "class.rowOnly": (p, t) => `row ${t(p.cn)} of the control list`,
  "class.entry": (p, t) => `${t(p.cn)} falls under entry ${t(p.number)} (${t(p.title)}) at ${t(p.part)}`,
  "class.numbering": (p, t) =>
    `${t(p.cn)} is not encoded entry by entry; by its numbering it belongs to ${t(p.part)}${opt(t(p.title), (s) => ` (${s})`)}`,
  "class.unplaced": (p, t) => `${t(p.cn)} could not be placed in this regime's list`,

  "list.required": (p, t) => `listed item (${t(p.part)}): a licence is required for every destination`,
  "lic.eligible": (p, t) => `${t(p.id)}: eligible${opt(t(p.conditions), (c) => ` (${c})`)}`,
  "lic.possible": (p, t) => `${t(p.id)}: possible [unverified]${opt(t(p.conditions), (c) => ` (${c})`)}`,
  "lic.notEligible": (p, t) => `${t(p.id)}: not eligible${opt(t(p.conditions), (c) => ` (${c})`)}`,
  "measure.effect": (p, t) => {
    const only = t(p.only);
    const allow = t(p.allow);
    return `${t(p.title)}: ${only ? `only ${only}` : ""}${allow ? `${only ? "; " : ""}also ${allow}` : ""}${opt(t(p.conditions), (c) => ` (${c})`)}`;
  },

  "exempt.notEvaluated": (p, t) =>
    `${t(p.title)}: not evaluated (needs the line's value in ${t(p.currency)})`,
  "exempt.notAvailable": (p, t) => `${t(p.title)}: not available to this destination`,
  "exempt.notApplied": (p, t) => `${t(p.title)}: not applied (terms unverified)`,
  "exempt.over": (p, t) =>
    `${t(p.title)}: the line's value exceeds the limit of ${t(p.limit)} ${t(p.currency)}`,
  "exempt.within": (p, t) =>
    `${t(p.title)}: applies (the line's value is within the limit of ${t(p.limit)} ${t(p.currency)})`,
  "exempt.barred": (p, t) => `${t(p.title)}: not available, catch-all trigger present: ${t(p.limbs)}`,
  "exempt.measure": (p, t) => `${t(p.title)}: within the limit, but a special measure applies; not applied`,

  "limb.withMet": (p, t) => `${t(p.label)} (${t(p.met, "; ")})`,
  "limb.notTriggered": (p, t) => `${t(p.label)}: not triggered`,
  "limb.outOfScope": (p, t) =>
    `${t(p.label)}: outside the catch-all's scope (HS chapter ${t(p.chapter) || "unknown"})`,
  "limb.none": (p, t) => `no catch-all limb applies to ${t(p.country)} (${t(p.groups)}) on this date`,
  "limb.undetermined": (p, t) =>
    `${t(p.label)}: triggered by ${t(p.met, "; ")}, but the pack cannot tell whether it applies → undetermined`,
  "limb.required": (p, t) =>
    `${t(p.label)}: triggered by ${t(p.met, "; ")} → ${t(p.permit)} licence required`,
  "limb.partial": (p, t) =>
    `${t(p.label)}: HS ${t(p.hs) || "(none)"} is not among the items the pack holds of ${t(p.lists)} → undetermined`,
  "list.heldOf": (p, t) => `${t(p.name)} (${t(p.held)} of ${t(p.count)})`,

  "embargo.approval": (p, t) => `${t(p.title)}: approval required (${t(p.permit)})`,
  "embargo.prohibited": (p, t) => `${t(p.title)}: prohibited`,
  caution: (p, t) => `${t(p.title)}: ${t(p.message)}`,

  "met.wmd": (p, t) => `WMD end use ${KNOW[t(p.k)] ?? t(p.k)}`,
  "met.military": (p, t) => `military end use ${KNOW[t(p.k)] ?? t(p.k)}`,
  "met.informed": (p, t) => `government inform notice (${INFORM[t(p.which)] ?? t(p.which)})`,
  "met.endUserListed": () => "end user on the regime's end-user list",
  "met.redFlag": (p, t) => `red flag ${t(p.number)} (${t(p.text)}), a suspicion to assess`,
  "met.regardless": () => "the goods and the destination (whatever the end use)",
  "met.hsOnList": (p, t) => `HS ${t(p.hs)} on ${t(p.list)} (${t(p.title)})`,

  "cav.unverified": (p, t) => `${t(p.id)} (in force from ${t(p.from)}) is unverified`,
  "cav.optionPossible": (p, t) => `${t(p.id)} is a possibility only: ${t(p.why)}`,
  "cav.ruleUnverified": (p, t) => `eligibility rule ${t(p.rule)} is unverified`,
  "cav.measureUnverified": (p, t) => `measure ${t(p.measure)} is unverified`,
  "cav.precaution": (p, t) =>
    `${t(p.title)} applies to ${t(p.entries)}; the line names only ${t(p.item)} without an HS code, so the measure is applied as a precaution: give the HS code to tell whether the item is covered`,
  "cav.exemptFlag": (p, t) => `${t(p.title)} may apply; its terms are unverified and it was not applied`,
  "cav.lowerLimit": (p, t) =>
    `the lower limit ${t(p.limit)} ${t(p.currency)} applies only to goods METI designates by notice; if this item is not designated, the limit is ${t(p.full)} and the line would be exempt`,
  "cav.measureExemption": (p, t) =>
    `how the special measure interacts with ${t(p.title)} is unverified; cautious answer: licence required`,
  "cav.notInList": (p, t) => `${t(p.cn)} is not in this pack's control list; treated as listed`,
  "cav.assess": (p, t) =>
    `${t(p.label)}: ${t(p.met, "; ")} does not by itself meet this requirement — ${t(p.assess)}`,
  "cav.partial": (p, t) =>
    `${t(p.name)} is held only in part (${t(p.held)} of ${t(p.count)} items); HS ${t(p.hs) || "?"} was not found but may be on it`,
  "cav.redFlags": (p, t) =>
    `red flag ${t(p.flags)} does not show an intent by itself: the exporter must assess whether it gives rise to a suspicion that the goods will be used for WMD or conventional arms; the cautious answer requires the ${t(p.permit)} permit until that assessment clears the flag`,
  "tx.technology": (p, t) =>
    `technology transfer to ${t(p.recipient)} in ${t(p.country)}, ${t(p.place) === "abroad" ? "provided abroad" : "provided in the exporting country"}, by ${t(p.means)}${opt(t(p.exemption), (x) => `; the exporter states the exemption: ${x}`)}`,
  "tx.brokering": (p, t) =>
    `brokering of goods from ${t(p.origin)} to ${t(p.destination)}${t(p.licensed) === "yes" ? "; the exporting country licensed the export" : ""}`,
  "tx.transit": (p, t) => `goods from ${t(p.origin)} passing through to ${t(p.destination)}`,
  "tx.method": (p, t) => `${t(p.means)}: ${t(p.method)}`,
  "tx.permit": (p, t) => `${t(p.title)}: ${t(p.permitName)} (${t(p.permit)}) is required`,
  "tx.none": (p, t) => `${t(p.title)}: no permit is required`,
  "tx.undetermined": (p, t) => `${t(p.title)}: cannot be decided from the pack — ${t(p.missing)}`,
  "tx.noRule": (p, t) =>
    `no rule of the ${t(p.regime)} pack decides this ${t(p.kind)} transaction: the pack does not encode it; check with the licensing authority`,

  "cav.reviewed": (p, t) =>
    `the ${t(p.regime)} pack's law was checked against the sources up to ${t(p.date)}; changes in force after that date are not known to it`,

  "missing.check": (p, t) =>
    `${t(p.what)}: check the HS code against the official list in force (${t(p.from)}) before shipping`,
  "missing.noHs": (p, t) => `the line has no HS code, and ${t(p.name)} decides by HS code`,
  "missing.hsNotAmong": (p, t) =>
    `HS ${t(p.hs)} is not among the ${t(p.held)} of ${t(p.count)} items of ${t(p.name)} that the pack holds`,
  "missing.limb": (p, t) => `${t(p.label)}: triggered by ${t(p.met, "; ")} — ${t(p.undetermined)}`,

  "eul.step": (p, t) =>
    `the end user matches ${t(p.list)} entry No. ${t(p.entry)} "${t(p.matched)}" (score ${t(p.score)}, list version ${t(p.version)}): endUserListed`,
  "cav.eulMatch": (p, t) =>
    `the end user was matched by name to ${t(p.list)} entry No. ${t(p.entry)} (score ${t(p.score)}); if it is another party, record a false-positive decision on that entry`,

  // the parametric check of an item against a control-list entry (src/classify/check.ts)
  "param.equals": (p, t) => `${t(p.name)} = ${t(p.value)}`,
  "param.bounds": (p, t) => `${t(p.name)} ${t(p.bounds, " and ")}`.trim(),
  "param.period": (p, t) => (p.to ? `${t(p.from)} to ${t(p.to)}` : `from ${t(p.from)}`),
  "param.sub": (p, t) => `${t(p.number)}${opt(t(p.title), (s) => ` (${s})`)}`,
  "param.notYesNo": (p, t) => `${t(p.name)}: "${t(p.value)}" is not yes or no`,
  "param.yesNoMet": (p, t) => `${t(p.name)}: ${t(p.got)}, as required`,
  "param.yesNoMissed": (p, t) => `${t(p.name)}: ${t(p.got)}; the threshold requires ${t(p.want)}`,
  "param.is": (p, t) => `${t(p.name)}: "${t(p.value)}" is ${t(p.want)}`,
  "param.isNot": (p, t) => `${t(p.name)}: "${t(p.value)}" is not ${t(p.want)}`,
  "param.notQuantity": (p, t) => `${t(p.name)}: "${t(p.value)}" is not a number with a unit`,
  "param.unknownUnit": (p, t) => `${t(p.name)}: unit "${t(p.unit)}" of the threshold is not known`,
  "param.incomparable": (p, t) =>
    `${t(p.name)}: ${t(p.value)} cannot be compared with a threshold in ${t(p.unit)} (${t(p.dimension)})${p.bare ? " — give it as wt% (a bare % does not say by weight)" : ""}`,
  "param.readIn": (p, t) => `${t(p.value)} (read in ${t(p.unit)}, the threshold's unit)`,
  "param.meets": (p, t) => `${t(p.name)}: ${t(p.value)} meets ${t(p.threshold)}`,
  "param.misses": (p, t) => `${t(p.name)}: ${t(p.value)} does not meet ${t(p.threshold)}`,
  "param.reading": (p, t) =>
    `${t(p.label)}: ${t(p.reason)}${p.period ? ` [${t(p.period)}; ${t(p.evidence)}]` : opt(t(p.evidence), (e) => ` [${e}]`)}`,
  "param.notSubItem": (p, t) => `${t(p.sub)} is not a sub-item of ${t(p.entry)}`,
  "param.takenAs": (p, t) => `the item is taken to be ${t(p.sub)}, as given`,
  "param.casListed": (p, t) => `CAS ${t(p.cas)} is listed in ${t(p.where)}`,
  "param.casNotListed": (p, t) => `CAS ${t(p.cas)} is not among the chemicals listed in ${t(p.entry)}`,
  "param.noThresholds": (p, t) => `${t(p.entry)} has no encoded thresholds; decide against its text`,
  "param.noneGiven": (p, t) =>
    `none of the item's parameters is a threshold of ${t(p.entry)}; its thresholds: ${t(p.thresholds, "; ")}`,
  "param.asserted": (p, t) => `${t(p.label)}: ${t(p.threshold)} taken as given by choosing ${t(p.sub)}`,
  "param.notGiven": (p, t) =>
    `${t(p.label)}: ${t(p.name)} not given (threshold: ${t(p.threshold)}${p.readings ? ", in more than one reading" : ""})`,
  "param.disagree": (p, t) =>
    `${t(p.label)}: the readings of "${t(p.name)}" disagree for this item, so the threshold that applies decides and it is not known which`,
  "param.unverifiedMiss": (p, t) =>
    `${t(p.label)}: the item misses the threshold, but that threshold is unverified — it does not clear the item`,
  "param.notAssessed": (p, t) => `not assessed (none of their parameters was given): ${t(p.subs, "; ")}`,
  "param.entryUnverified": (p, t) =>
    `${t(p.entry)} (${t(p.id)}) is unverified${opt(t(p.note), (n) => `: ${n}`)}`,
  "param.thresholdUnverified": (p, t) =>
    `${t(p.label)}: ${t(p.threshold)} is unverified${opt(t(p.note), (n) => ` — ${n}`)}`,

  // the control-list search's explanations (src/classify/search.ts)
  "search.invalidCas": (p, t) => `${t(p.cas)} is not a valid CAS number (check digit)`,
  "search.casListed": (p, t) => `CAS ${t(p.cas)} is listed in ${t(p.number)} (${t(p.title)})`,
  "search.hsMap": (p, t) =>
    `HS ${t(p.hs)} (${t(p.title)}) may be ${t(p.target)} [${t(p.evidence)}, ${t(p.regime)} HS map${opt(t(p.note), (n) => `: ${n}`)}]`,
  "search.hsNotMapped": (p, t) => `HS ${t(p.hs)} is not in the HS map`,
  "search.isNumber": (p, t) => `${t(p.number)} is the number of this entry`,
  "search.fallsUnder": (p, t) => `${t(p.number)} falls under ${t(p.entry)}`,
  "search.row": (p, t) => `${t(p.row)} is the ${t(p.regime)} row of this entry`,
  "search.nameOf": (p, t) => `"${t(p.text)}" is ${p.sub ? "a name of" : "a name of entry"} ${t(p.number)}`,
  "search.inNames": (p, t) => `"${t(p.text)}" appears in the title or names of ${t(p.number)}`,
  "search.words": (p, t) =>
    `${t(p.terms)} match${p.count === 1 ? "es" : ""} ${t(p.number)} (${t(p.regime)}${p.sub ? ", with its entry's names" : ""}): ${t(p.title)}`,
  "search.within": (p, t) =>
    `${t(p.value)} is within ${t(p.name)} ${t(p.threshold)} of ${t(p.target)} (${t(p.regime)}, ${t(p.period)}; ${t(p.evidence)})`,
  "search.hasThreshold": (p, t) => `${t(p.number)} has a threshold on "${t(p.name)}"`,
  "search.numberMap": (p, t) =>
    `${t(p.regime)}: ${t(p.value)} by the number map only (${t(p.part)}); no ${t(p.regime)} entry encodes ${t(p.number)}`,
  "search.numberIs": (p, t) =>
    `${t(p.regime)}: ${t(p.number)} is ${t(p.value)}${opt(t(p.partTitle), (s) => ` (${s})`)}`,
  "search.structure": (p, t) => t(p.text),

  // the shipment's verdict (src/app/verdict.ts)
  "verdict.prohibited": (p, t) => `prohibited: line ${t(p.lines)}`,
  "verdict.confirmed": (p, t) =>
    `${t(p.role)} "${t(p.name)}" is a confirmed match of ${t(p.list)} entry ${t(p.entry)} "${t(p.matched)}" (score ${t(p.score)})`,
  "verdict.maybe": (p, t) =>
    `${t(p.role)} "${t(p.name)}" may be ${t(p.list)} entry ${t(p.entry)} "${t(p.matched)}" (score ${t(p.score)})${p.decided ? "" : ": a decision is needed"}`,
  "verdict.endUserList": (p, t) =>
    `${t(p.role)} "${t(p.name)}" matches ${t(p.list)} entry ${t(p.entry)} "${t(p.matched)}" (score ${t(p.score)}): the regime's end-user list applies to the lines`,
  "verdict.required": (p, t) => `licence required: line ${t(p.lines)}`,
  "verdict.undetermined": (p, t) => `undetermined: line ${t(p.lines)}`,
  "verdict.noLists": () => "no restricted-party list is imported: the parties were not screened",
  "verdict.notConfigured": () => "screening is not configured here: the parties were not screened",
  "verdict.noParties": () => "the shipment names no party: nothing was screened",
  "verdict.clear": () => "no licence required and no party matched a list",
} satisfies Record<string, Template>;

export type MessageId = keyof typeof EN;
