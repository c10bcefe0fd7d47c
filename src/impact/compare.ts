/**
 * The impact core: decides each shipment line twice — under the baseline and under the change (a policy with
 * an overlay, or the law of another date) — and tallies what differs: outcome, basis, licence options, lines
 * that now need an individual licence, licences that stop covering lines; per destination, control number,
 * customer and month, with counts and values. Tallies are plain data, so runs over parts of the input (worker
 * threads) merge into one. Pure: no I/O; held licences come in through a function.
 */
import { decide } from "../determine/decide.ts";
import type { Decision, EndUse, Outcome } from "../determine/types.ts";
import { samePeriods } from "../policy/diff.ts";
import { NoPolicyDataError, type Policy, type Snapshot } from "../policy/index.ts";
import type { ImpactLine, InputProblem } from "./input.ts";

/** One side of the comparison: a policy, and a fixed date (the law of that day) or none (each line's date). */
export interface ImpactSide {
  label: string;
  policy: Policy;
  date?: string | undefined;
}

/** A held licence that may cover a line (regime, validity, destination, number and balance already match). */
export interface CandidateLicence {
  licenceId: string;
  number: string;
  type: string;
}

export interface ImpactSetup {
  regime: string;
  before: ImpactSide;
  after: ImpactSide;
  /** The licence type that is the individual licence (default `individual`). */
  individual?: string;
  /** The held licences that may cover a line; the decision's licence options then decide which do. */
  candidates?: ((line: ImpactLine) => CandidateLicence[]) | undefined;
  /** Keep at most this many changed lines in detail (default: all). Counts are always complete. */
  keepLines?: number;
  /** Keep at most this many bad rows in detail (default 1,000). */
  keepProblems?: number;
}

export const changeKinds = [
  "outcome",
  "basis",
  "licence-options",
  "now-individual",
  "licence-lost",
  "no-longer-required",
] as const;
export type ChangeKind = (typeof changeKinds)[number];

/** A line's decision, as compared. */
export interface Verdict {
  outcome: Outcome;
  basis: string | null;
  /** Established licence options, least burdensome first. */
  options: string[];
  /** Possible options that rest on an unverified fact. */
  possible: string[];
  groups: string[];
}

export interface ChangedLine {
  line: number;
  id: string;
  date: string;
  month: string;
  destination: string;
  customer: string;
  controlNumber: string | null;
  item: string;
  hsCode?: string | undefined;
  value?: number | undefined;
  currency: string;
  before: Verdict;
  after: Verdict;
  changes: ChangeKind[];
  /** The rules (trace rule ids) only in the decision under the change (`+`) or only under the baseline (`-`). */
  rules: string[];
  /** Licence numbers that covered the line under the baseline and do not under the change. */
  lostLicences: string[];
}

/** Money by currency (lines may come in several currencies; they are never converted). */
export type Money = Record<string, number>;

export interface GroupTally {
  lines: number;
  value: Money;
  changed: number;
  changedValue: Money;
  nowIndividual: number;
  licenceLost: number;
}

export interface TransitionTally {
  before: string;
  after: string;
  lines: number;
  value: Money;
}

export interface LicenceTally {
  licenceId: string;
  number: string;
  type: string;
  /** Lines the licence covers under the baseline. */
  covered: number;
  /** Of those, the lines where its type is only a possibility resting on an unverified fact. */
  coveredUnverified: number;
  /** Of those, the lines it does not cover under the change, and their value. */
  lost: number;
  lostValue: Money;
  /** The first few input lines it stops covering. */
  examples: number[];
}

/** What a run over some lines found: plain data, mergeable (`mergeTallies`). */
export interface ImpactTally {
  lines: number;
  /** Engine decisions made: two per line, one where both sides hold the same law on the line's date. */
  decisions: number;
  value: Money;
  changed: number;
  changedValue: Money;
  kinds: Record<ChangeKind, { lines: number; value: Money }>;
  byDestination: Record<string, GroupTally>;
  byItem: Record<string, GroupTally>;
  byCustomer: Record<string, GroupTally>;
  byMonth: Record<string, GroupTally>;
  transitions: Record<string, TransitionTally>;
  licences: Record<string, LicenceTally>;
  changedLines: ChangedLine[];
  /** Changed lines not kept in detail (beyond `keepLines`). */
  changedLinesDropped: number;
  problems: InputProblem[];
  problemCount: number;
}

export function emptyTally(): ImpactTally {
  const kinds = {} as ImpactTally["kinds"];
  for (const k of changeKinds) kinds[k] = { lines: 0, value: {} };
  return {
    lines: 0,
    decisions: 0,
    value: {},
    changed: 0,
    changedValue: {},
    kinds,
    byDestination: {},
    byItem: {},
    byCustomer: {},
    byMonth: {},
    transitions: {},
    licences: {},
    changedLines: [],
    changedLinesDropped: 0,
    problems: [],
    problemCount: 0,
  };
}

function addMoney(m: Money, currency: string, v: number | undefined): void {
  if (v !== undefined) m[currency] = (m[currency] ?? 0) + v;
}
const mergeMoney = (into: Money, from: Money) => {
  for (const [c, v] of Object.entries(from)) into[c] = (into[c] ?? 0) + v;
};

function group(map: Record<string, GroupTally>, key: string): GroupTally {
  let g = map[key];
  if (!g) {
    g = { lines: 0, value: {}, changed: 0, changedValue: {}, nowIndividual: 0, licenceLost: 0 };
    map[key] = g;
  }
  return g;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The item a line is grouped under: its control number, or its HS heading when it has none. */
export function itemKey(l: { controlNumber: string | null; hsCode?: string | undefined }): string {
  if (l.controlNumber !== null) return l.controlNumber;
  if (!l.hsCode) return "(none)";
  let k = hsKeys.get(l.hsCode);
  if (k === undefined) {
    k = `HS ${l.hsCode.replace(/\./g, "").slice(0, 4)} (not listed)`;
    if (hsKeys.size > 10_000) hsKeys.clear();
    hsKeys.set(l.hsCode, k);
  }
  return k;
}
const hsKeys = new Map<string, string>();

/** A verdict in words: `licence-required (special-measure): individual; possibly general-bulk`. */
export function verdictText(v: Verdict): string {
  const opts = v.options.length > 0 ? `: ${v.options.join(", ")}` : "";
  const poss = v.possible.length > 0 ? `${opts ? ";" : ":"} possibly ${v.possible.join(", ")}` : "";
  return `${v.outcome}${v.basis ? ` (${v.basis})` : ""}${opts}${poss}`;
}

const NO_END_USE: EndUse = Object.freeze({
  wmd: "none",
  military: "none",
  informed: [],
  endUserListed: false,
  redFlags: [],
}) as EndUse;

/** Decides lines under both sides and tallies the differences. */
export class ImpactRun {
  readonly tally: ImpactTally = emptyTally();
  private readonly individual: string;
  private readonly keepLines: number;
  private readonly keepProblems: number;
  private readonly currency: string;
  private readonly fixedBefore: Snapshot | undefined;
  private readonly fixedAfter: Snapshot | undefined;
  /** Dates on which both sides hold the same law (decided once): date -> same? (memo over `same` periods). */
  private readonly same: { from: string; to?: string | undefined }[];
  private readonly sameOn = new Map<string, boolean>();
  /** One shipment object, refilled for each line (the engine keeps nothing of it). */
  private readonly item: {
    id: string;
    controlNumber: string | null;
    hsCode: string | undefined;
    value: number | undefined;
    currency: string | undefined;
    quantity: number | undefined;
  } = {
    id: "",
    controlNumber: null,
    hsCode: undefined,
    value: undefined,
    currency: undefined,
    quantity: undefined,
  };
  private readonly shipment: {
    regime: string;
    date: string;
    destination: string;
    endUse: EndUse;
    items: ImpactRun["item"][];
  };

  constructor(private readonly setup: ImpactSetup) {
    this.individual = setup.individual ?? "individual";
    this.keepLines = setup.keepLines ?? Number.POSITIVE_INFINITY;
    this.keepProblems = setup.keepProblems ?? 1000;
    this.currency = setup.after.policy.regime.currency;
    this.fixedBefore = setup.before.date ? setup.before.policy.asOf(setup.before.date) : undefined;
    this.fixedAfter = setup.after.date ? setup.after.policy.asOf(setup.after.date) : undefined;
    this.same =
      setup.before.date === undefined && setup.after.date === undefined
        ? setup.before.policy === setup.after.policy
          ? [{ from: "0000-00-00" }]
          : samePeriods(setup.before.policy, setup.after.policy)
        : [];
    this.shipment = {
      regime: setup.regime,
      date: "",
      destination: "",
      endUse: NO_END_USE,
      items: [this.item],
    };
  }

  /** True when both sides hold the same facts on `date`: the decision is made once. */
  private sameLaw(date: string): boolean {
    if (this.same.length === 0) return false;
    let v = this.sameOn.get(date);
    if (v === undefined) {
      v = this.same.some((p) => p.from <= date && (p.to === undefined || date < p.to));
      if (this.sameOn.size > 100_000) this.sameOn.clear();
      this.sameOn.set(date, v);
    }
    return v;
  }

  /**
   * A bad input row: counted, and kept in detail, the first `keepProblems` by line (a chunk reports its
   * unreadable records before its rows' problems, so they do not come in line order; the list is trimmed
   * to the lowest lines now and then, and `mergeTallies` trims it last).
   */
  problem(p: InputProblem): void {
    const t = this.tally;
    t.problemCount++;
    t.problems.push(p);
    if (t.problems.length >= 2 * this.keepProblems + 1) {
      t.problems.sort((a, b) => a.line - b.line);
      t.problems.length = this.keepProblems;
    }
  }

  /** Decide one line under both sides and tally it. */
  add(l: ImpactLine): void {
    const { before, after } = this.setup;
    const s = this.shipment;
    const it = this.item;
    s.date = l.date;
    s.destination = l.destination;
    s.endUse = l.endUse ?? NO_END_USE;
    it.id = l.id;
    it.controlNumber = l.controlNumber;
    it.hsCode = l.hsCode;
    it.value = l.value;
    it.currency = l.currency;
    it.quantity = l.quantity;
    let a: Decision;
    let b: Decision;
    let groupsA: string[];
    let groupsB: string[];
    try {
      const ra = decide(this.fixedBefore ?? before.policy.asOf(l.date), s, before.policy.version);
      a = ra.decisions[0]!;
      groupsA = ra.destinationGroups;
      this.tally.decisions++;
      if (this.sameLaw(l.date)) {
        b = a;
        groupsB = groupsA;
      } else {
        this.tally.decisions++;
        const rb = decide(this.fixedAfter ?? after.policy.asOf(l.date), s, after.policy.version);
        b = rb.decisions[0]!;
        groupsB = rb.destinationGroups;
      }
    } catch (e) {
      if (e instanceof NoPolicyDataError) {
        this.problem({ line: l.line, message: `date: ${e.message}` });
        return;
      }
      throw e;
    }
    const t = this.tally;
    const currency = l.currency ?? this.currency;
    const value = l.value;
    const month = l.date.slice(0, 7);
    const item = itemKey(l);
    const gDest = group(t.byDestination, l.destination);
    const gItem = group(t.byItem, item);
    const gCust = group(t.byCustomer, l.customer || "(none)");
    const gMonth = group(t.byMonth, month);
    t.lines++;
    gDest.lines++;
    gItem.lines++;
    gCust.lines++;
    gMonth.lines++;
    if (value !== undefined) {
      addMoney(t.value, currency, value);
      addMoney(gDest.value, currency, value);
      addMoney(gItem.value, currency, value);
      addMoney(gCust.value, currency, value);
      addMoney(gMonth.value, currency, value);
    }

    const outcome = a.outcome !== b.outcome;
    const basis = a.basis !== b.basis;
    const options =
      !sameList(a.licenceOptions, b.licenceOptions) ||
      !sameList(a.unverifiedLicenceOptions, b.unverifiedLicenceOptions);
    const indivA = this.individualOnly(a);
    const nowIndividual = !indivA && this.individualOnly(b);
    const noLonger = a.outcome !== "no-licence-required" && b.outcome === "no-licence-required";

    let lost: CandidateLicence[] = [];
    const candidates =
      this.setup.candidates && (a.outcome === "licence-required" || b.outcome === "licence-required")
        ? this.setup.candidates(l)
        : undefined;
    if (candidates && candidates.length > 0) {
      const coversA = candidates.filter((c) => covers(a, c));
      const coversB = new Set(candidates.filter((c) => covers(b, c)).map((c) => c.licenceId));
      lost = coversA.filter((c) => !coversB.has(c.licenceId));
      for (const c of coversA) {
        let lt = t.licences[c.licenceId];
        if (!lt) {
          lt = { ...c, covered: 0, coveredUnverified: 0, lost: 0, lostValue: {}, examples: [] };
          t.licences[c.licenceId] = lt;
        }
        lt.covered++;
        if (!a.licenceOptions.includes(c.type)) lt.coveredUnverified++;
        if (!coversB.has(c.licenceId)) {
          lt.lost++;
          addMoney(lt.lostValue, currency, value);
          if (lt.examples.length < 20) lt.examples.push(l.line);
        }
      }
    }
    if (!outcome && !basis && !options && !nowIndividual && !noLonger && lost.length === 0) return;

    const changes: ChangeKind[] = [];
    if (outcome) changes.push("outcome");
    if (basis) changes.push("basis");
    if (options) changes.push("licence-options");
    if (nowIndividual) changes.push("now-individual");
    if (lost.length > 0) changes.push("licence-lost");
    if (noLonger) changes.push("no-longer-required");
    t.changed++;
    addMoney(t.changedValue, currency, value);
    for (const k of changes) {
      const kt = t.kinds[k];
      kt.lines++;
      addMoney(kt.value, currency, value);
    }
    for (const g of [gDest, gItem, gCust, gMonth]) {
      g.changed++;
      addMoney(g.changedValue, currency, value);
      if (nowIndividual) g.nowIndividual++;
      if (lost.length > 0) g.licenceLost++;
    }
    const va = verdict(a, groupsA);
    const vb = verdict(b, groupsB);
    const textA = verdictText(va);
    const textB = verdictText(vb);
    const key = `${textA}\u0000${textB}`;
    let tr = t.transitions[key];
    if (!tr) {
      tr = { before: textA, after: textB, lines: 0, value: {} };
      t.transitions[key] = tr;
    }
    tr.lines++;
    addMoney(tr.value, currency, value);

    if (t.changedLines.length >= this.keepLines) {
      t.changedLinesDropped++;
      return;
    }
    const rulesA = new Set(a.trace.map((x) => x.rule));
    const rulesB = new Set(b.trace.map((x) => x.rule));
    const rules = [
      ...[...rulesB].filter((r) => !rulesA.has(r)).map((r) => `+${r}`),
      ...[...rulesA].filter((r) => !rulesB.has(r)).map((r) => `-${r}`),
    ];
    const record: ChangedLine = {
      line: l.line,
      id: l.id,
      date: l.date,
      month,
      destination: l.destination,
      customer: l.customer,
      controlNumber: l.controlNumber,
      item,
      currency,
      before: va,
      after: vb,
      changes,
      rules,
      lostLicences: lost.map((c) => c.number),
    };
    if (l.hsCode !== undefined) record.hsCode = l.hsCode;
    if (value !== undefined) record.value = value;
    t.changedLines.push(record);
  }

  /** Licence required, and the individual licence is the only established option. */
  private individualOnly(d: Decision): boolean {
    if (d.outcome !== "licence-required") return false;
    const o = d.licenceOptions;
    if (o.length === 0) return false;
    for (let i = 0; i < o.length; i++) if (o[i] !== this.individual) return false;
    return true;
  }
}

function verdict(d: Decision, groups: string[]): Verdict {
  return {
    outcome: d.outcome,
    basis: d.basis,
    options: [...d.licenceOptions],
    possible: [...d.unverifiedLicenceOptions],
    groups: [...groups],
  };
}

/**
 * A held licence covers a line that needs a licence when its type is among the line's licence options —
 * established, or possible on an unverified fact (counted apart: `coveredUnverified`).
 */
function covers(d: Decision, c: CandidateLicence): boolean {
  return (
    d.outcome === "licence-required" &&
    (d.licenceOptions.includes(c.type) || d.unverifiedLicenceOptions.includes(c.type))
  );
}

function mergeGroups(into: Record<string, GroupTally>, from: Record<string, GroupTally>): void {
  for (const [k, g] of Object.entries(from)) {
    const t = group(into, k);
    t.lines += g.lines;
    t.changed += g.changed;
    t.nowIndividual += g.nowIndividual;
    t.licenceLost += g.licenceLost;
    mergeMoney(t.value, g.value);
    mergeMoney(t.changedValue, g.changedValue);
  }
}

/** Add `from` (a tally of other lines) into `into`. */
export function mergeTallies(
  into: ImpactTally,
  from: ImpactTally,
  keepLines = Infinity,
  keepProblems = 1000,
) {
  into.lines += from.lines;
  into.decisions += from.decisions;
  into.changed += from.changed;
  mergeMoney(into.value, from.value);
  mergeMoney(into.changedValue, from.changedValue);
  for (const k of changeKinds) {
    into.kinds[k].lines += from.kinds[k].lines;
    mergeMoney(into.kinds[k].value, from.kinds[k].value);
  }
  mergeGroups(into.byDestination, from.byDestination);
  mergeGroups(into.byItem, from.byItem);
  mergeGroups(into.byCustomer, from.byCustomer);
  mergeGroups(into.byMonth, from.byMonth);
  for (const [k, tr] of Object.entries(from.transitions)) {
    const t = (into.transitions[k] ??= { before: tr.before, after: tr.after, lines: 0, value: {} });
    t.lines += tr.lines;
    mergeMoney(t.value, tr.value);
  }
  for (const [k, l] of Object.entries(from.licences)) {
    const t = (into.licences[k] ??= {
      ...l,
      covered: 0,
      coveredUnverified: 0,
      lost: 0,
      lostValue: {},
      examples: [],
    });
    t.covered += l.covered;
    t.coveredUnverified += l.coveredUnverified;
    t.lost += l.lost;
    mergeMoney(t.lostValue, l.lostValue);
    t.examples = [...t.examples, ...l.examples].sort((a, b) => a - b).slice(0, 20);
  }
  // Each part kept its first lines in input order; the first of the union are the first of the whole input,
  // whichever way the input was shared out, so the report does not depend on the number of workers.
  const lines = into.changedLines.concat(from.changedLines).sort((a, b) => a.line - b.line);
  into.changedLines = lines.length > keepLines ? lines.slice(0, keepLines) : lines;
  into.changedLinesDropped += from.changedLinesDropped + lines.length - into.changedLines.length;
  into.problemCount += from.problemCount;
  const problems = into.problems.concat(from.problems).sort((a, b) => a.line - b.line);
  into.problems = problems.length > keepProblems ? problems.slice(0, keepProblems) : problems;
}
