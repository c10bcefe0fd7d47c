/**
 * What a change of decision means, in an analyst's words: every changed line is put in one class — newly
 * prohibited, newly licence-required, now undetermined, lost a licence type, gained one, relieved, or only its
 * basis or evidence changed — the most burdensome effect first, with the licence types and basis concerned and
 * the evidence the effect rests on: established, or resting on unverified facts (named). Pure.
 */
import type { Decision, TraceStep } from "../determine/types.ts";

/** The classes, the most burdensome first (the order of the report's headline). */
export const effectClasses = [
  "newly-prohibited",
  "newly-licence-required",
  "undetermined",
  "lost-licence-type",
  "gained-licence-type",
  "relieved",
  "other",
] as const;
export type EffectClass = (typeof effectClasses)[number];

/** Whether a class makes the line's situation worse or better for the exporter. */
export type Direction = "worse" | "better" | "neutral";

export const directionOf: Record<EffectClass, Direction> = {
  "newly-prohibited": "worse",
  "newly-licence-required": "worse",
  undetermined: "worse",
  "lost-licence-type": "worse",
  "gained-licence-type": "better",
  relieved: "better",
  other: "neutral",
};

export interface Effect {
  class: EffectClass;
  /**
   * The licence types concerned: lost or gained, or the options now open to a line that newly needs a
   * licence (established ones; the possible ones when there are none).
   */
  licences: string[];
  /** Lost or gained types that were (or are) only possible options, resting on unverified facts. */
  possible: string[];
  /** The basis that now applies (newly required or prohibited), or that no longer applies (relieved). */
  basis: string | null;
  /** `unverified` when the effect rests only on facts the pack marks unverified. */
  evidence: "established" | "unverified";
  /** Those unverified facts (ids), sorted; empty when established. */
  restsOn: string[];
}

const RANK: Record<Decision["outcome"], number> = {
  "no-licence-required": 0,
  "licence-required": 1,
  prohibited: 2,
  undetermined: 3,
};

type Side = Pick<Decision, "outcome" | "basis" | "licenceOptions" | "unverifiedLicenceOptions" | "trace">;

/** The unverified facts cited by steps that name one of the licence types (licence-eligibility steps). */
function licenceFacts(d: Side, types: readonly string[]): string[] {
  const out = new Set<string>();
  for (const s of d.trace) {
    if (s.kind !== "licence-eligibility" || s.removedBy) continue;
    const id = (s.msg.p as { id?: unknown } | undefined)?.id;
    if (typeof id !== "string" || !types.includes(id)) continue;
    for (const f of s.facts) if (f.evidence === "unverified") out.add(f.id);
  }
  return [...out].sort();
}

const stepKey = (s: TraceStep) => `${s.rule}\u0000${s.result}`;

/** The unverified facts of the steps of `b` that `a` does not have (what the change brought in). */
function newStepFacts(a: Side, b: Side): string[] {
  const before = new Set(a.trace.map(stepKey));
  const out = new Set<string>();
  for (const s of b.trace) {
    if (before.has(stepKey(s))) continue;
    for (const f of s.facts) if (f.evidence === "unverified") out.add(f.id);
  }
  return [...out].sort();
}

function licenceEffect(cls: EffectClass, from: Side, types: string[], basis: string | null): Effect {
  // established when one of the types was an established option on the side that had it
  const licences = types.filter((t) => from.licenceOptions.includes(t));
  const possible = types.filter((t) => !from.licenceOptions.includes(t));
  const restsOn = licences.length > 0 ? [] : licenceFacts(from, possible);
  return {
    class: cls,
    licences,
    possible,
    basis,
    evidence: licences.length > 0 || restsOn.length === 0 ? "established" : "unverified",
    restsOn,
  };
}

function outcomeEffect(cls: EffectClass, a: Side, b: Side, licences: string[], basis: string | null): Effect {
  const restsOn = newStepFacts(a, b);
  return {
    class: cls,
    licences,
    possible: [],
    basis,
    evidence: restsOn.length > 0 ? "unverified" : "established",
    restsOn,
  };
}

/** The effect of a change of decision from `a` (baseline) to `b` (the change). */
export function effectOf(a: Side, b: Side): Effect {
  const ra = RANK[a.outcome];
  const rb = RANK[b.outcome];
  const open = (d: Side) => (d.licenceOptions.length > 0 ? d.licenceOptions : d.unverifiedLicenceOptions);
  if (a.outcome !== b.outcome) {
    if (b.outcome === "undetermined") return outcomeEffect("undetermined", a, b, [], b.basis);
    if (b.outcome === "prohibited") return outcomeEffect("newly-prohibited", a, b, [], b.basis);
    if (b.outcome === "licence-required" && (a.outcome === "no-licence-required" || ra === 3))
      return outcomeEffect("newly-licence-required", a, b, [...open(b)], b.basis);
    // to no licence, from prohibited to licensable, from undetermined to no licence
    if (rb < ra || ra === 3) return outcomeEffect("relieved", a, b, [...open(b)], a.basis);
  }
  const all = (d: Side) => [...d.licenceOptions, ...d.unverifiedLicenceOptions];
  const inA = all(a);
  const inB = all(b);
  const lost = inA.filter((t) => !inB.includes(t));
  if (lost.length > 0) return licenceEffect("lost-licence-type", a, lost, b.basis);
  const gained = inB.filter((t) => !inA.includes(t));
  if (gained.length > 0) return licenceEffect("gained-licence-type", b, gained, b.basis);
  return outcomeEffect("other", a, b, [], b.basis);
}

/** A key that names an effect (class, licence types, basis, evidence and the facts it rests on). */
export function effectKey(e: Effect): string {
  return [
    e.class,
    e.licences.join(","),
    e.possible.join(","),
    e.basis ?? "",
    e.evidence,
    e.restsOn.join(","),
  ].join("|");
}

/** A licence type in words: `general-bulk` → "general bulk". */
const typeWords = (t: string) => t.replace(/-/g, " ");

function alternatives(types: readonly string[]): string {
  const w = types.map(typeWords);
  return w.length <= 1 ? (w[0] ?? "") : `${w.slice(0, -1).join(", ")} or ${w[w.length - 1]}`;
}

/**
 * The effect in words, for the count of lines in front of it: "lost general bulk (resting on an unverified
 * fact: jp-gb-group-a-matrix)", "newly need an individual licence (catch-all)".
 */
export function effectText(e: Effect, individual = "individual"): string {
  const basis = e.basis ? ` (${e.basis})` : "";
  const rest =
    e.evidence === "unverified"
      ? ` (resting on ${e.restsOn.length === 1 ? "an unverified fact" : "unverified facts"}: ${e.restsOn.join(", ")})`
      : "";
  // the established types, then the possible ones ("lost special general bulk; also possibly general bulk")
  const types = (verb: string) =>
    e.licences.length === 0
      ? `${verb} ${e.possible.map(typeWords).join(", ")}`
      : `${verb} ${e.licences.map(typeWords).join(", ")}${e.possible.length ? `; also the possible ${e.possible.map(typeWords).join(", ")}` : ""}`;
  switch (e.class) {
    case "newly-prohibited":
      return `newly prohibited${basis}${rest}`;
    case "newly-licence-required":
      return e.licences.length === 1 && e.licences[0] === individual
        ? `newly need an individual licence${basis}${rest}`
        : `newly need a licence${basis}${e.licences.length ? `: ${alternatives(e.licences)}` : ""}${rest}`;
    case "undetermined":
      return `now undetermined: the law as encoded cannot decide${rest}`;
    case "lost-licence-type":
      return `${types("lost")}${rest}`;
    case "gained-licence-type":
      return `${types("gained")}${rest}`;
    case "relieved":
      return e.licences.length
        ? `no longer prohibited${basis}: a licence may be granted (${alternatives(e.licences)})${rest}`
        : `no longer need a licence${basis}${rest}`;
    case "other":
      return `same burden; the basis or the evidence changed${rest}`;
  }
}
