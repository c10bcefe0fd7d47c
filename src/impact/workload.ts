/**
 * The licensing workload a change creates: applications needed per month under the baseline and under the
 * change, the lines grouped into applications the way the licence types are granted — an individual licence
 * per contract (the line's `contract`, else the line itself), a bulk licence once per validity period from its
 * first use — in two readings: on the established licence options only (the cautious reading), and also on the
 * options that rest on unverified facts. With the review days the pack gives for the line (unknown where it
 * does not): a type whose terms differ by destination (Korea's individual permit: 5 days for 가, 15 for 나) is
 * counted apart per terms. Plain, mergeable data (worker threads), pure.
 */

export const readings = ["established", "possible"] as const;
export type Reading = (typeof readings)[number];

/** What one side of one reading needs. */
export interface WorkloadSide {
  /** Individual-licence applications of lines without a contract: licence key → month → lines. */
  lines: Record<string, Record<string, number>>;
  /**
   * (licence key, contract) → the first month one of its lines needs that individual licence (one application
   * each).
   */
  contracts: Map<string, string>;
  /** Licence keys (type and terms, `terms`) → month → lines that use the licence that month. */
  bulk: Record<string, Record<string, number>>;
  /** Lines no licence can serve (prohibited) or whose need the law as encoded cannot decide. */
  prohibited: number;
  undetermined: number;
}

export interface WorkloadTally {
  baseline: Record<Reading, WorkloadSide>;
  change: Record<Reading, WorkloadSide>;
  /**
   * Per licence key: the type, and its review days and validity in months as the pack gives them for the lines
   * that chose it (null: not stated). One key per type and terms.
   */
  terms: Record<string, LicenceTerms>;
  /** The licence type that is granted per contract (the individual licence). */
  individual: string;
}

const side = (): WorkloadSide => ({
  lines: {},
  contracts: new Map(),
  bulk: {},
  prohibited: 0,
  undetermined: 0,
});

export function emptyWorkload(individual = "individual"): WorkloadTally {
  return {
    baseline: { established: side(), possible: side() },
    change: { established: side(), possible: side() },
    terms: {},
    individual,
  };
}

export interface LicenceTerms {
  type: string;
  reviewDays: number | null;
  validityMonths: number | null;
}

/** The parts of a decision the workload reads. */
export interface WorkloadDecision {
  outcome: string;
  licenceOptions: readonly string[];
  unverifiedLicenceOptions: readonly string[];
  licenceDetails: readonly {
    id: string;
    reviewDays?: number | undefined;
    validityMonths?: number | undefined;
  }[];
}

/**
 * The licence a line would be granted in a reading: the least burdensome established option; in the possible
 * reading, the least burdensome possible option when it is a bulk type and the established one is the individual
 * licence (possible options come ranked by the pack like the established ones).
 */
export function chosenLicence(d: WorkloadDecision, reading: Reading, individual: string): string | undefined {
  const est = d.licenceOptions[0];
  if (reading === "established") return est;
  const poss = d.unverifiedLicenceOptions.find((t) => t !== individual);
  if (poss !== undefined && (est === undefined || est === individual)) return poss;
  return est ?? d.unverifiedLicenceOptions[0];
}

/** The licence a line takes: its key in `terms`, and whether it is granted per contract (the individual one). */
export interface Chosen {
  key: string;
  individual: boolean;
}

/**
 * What one decision needs, in both readings: made once per class of lines (the run memoises decisions), so
 * that a line only adds its counts. Undefined: no licence needed.
 */
export interface WorkloadChoice {
  established: Chosen | undefined;
  possible: Chosen | undefined;
}

const PROHIBITED: Chosen = Object.freeze({ key: "!", individual: false });
const UNDETERMINED: Chosen = Object.freeze({ key: "?", individual: false });

/** The choice of a decision, registering the terms of the types it chooses. */
export function workloadChoice(w: WorkloadTally, d: WorkloadDecision): WorkloadChoice {
  if (d.outcome === "prohibited") return { established: PROHIBITED, possible: PROHIBITED };
  if (d.outcome === "undetermined") return { established: UNDETERMINED, possible: UNDETERMINED };
  if (d.outcome !== "licence-required") return { established: undefined, possible: undefined };
  const pick = (reading: Reading): Chosen => {
    const type = chosenLicence(d, reading, w.individual);
    if (type === undefined) return UNDETERMINED;
    const det = d.licenceDetails.find((x) => x.id === type);
    const terms: LicenceTerms = {
      type,
      reviewDays: det?.reviewDays ?? null,
      validityMonths: det?.validityMonths ?? null,
    };
    const key = `${type}@${terms.reviewDays ?? "-"}/${terms.validityMonths ?? "-"}`;
    w.terms[key] ??= terms;
    return { key, individual: type === w.individual };
  };
  return { established: pick("established"), possible: pick("possible") };
}

function addOne(w: WorkloadTally, s: WorkloadSide, c: Chosen | undefined, month: string, contract?: string) {
  if (c === undefined) return;
  if (c === PROHIBITED) s.prohibited++;
  else if (c === UNDETERMINED) s.undetermined++;
  else if (c.individual) {
    // keyed by licence key too: a contract's lines under other terms are another application
    if (contract === undefined) {
      const m = (s.lines[c.key] ??= {});
      m[month] = (m[month] ?? 0) + 1;
    } else {
      const k = `${c.key}\u0000${contract}`;
      const first = s.contracts.get(k);
      if (first === undefined || month < first) s.contracts.set(k, month);
    }
  } else {
    const m = (s.bulk[c.key] ??= {});
    m[month] = (m[month] ?? 0) + 1;
  }
}

/** Record one line's need on one side (both readings), from its decision's choice. */
export function addWorkload(
  w: WorkloadTally,
  which: "baseline" | "change",
  c: WorkloadChoice,
  month: string,
  contract?: string,
): void {
  if (c.established === undefined && c.possible === undefined) return;
  addOne(w, w[which].established, c.established, month, contract);
  addOne(w, w[which].possible, c.possible, month, contract);
}

/** Add counts by key and month. */
function mergeCounts(
  into: Record<string, Record<string, number>>,
  from: Record<string, Record<string, number>>,
) {
  for (const [k, months] of Object.entries(from)) {
    const to = (into[k] ??= {});
    for (const [m, n] of Object.entries(months)) to[m] = (to[m] ?? 0) + n;
  }
}

function mergeSide(into: WorkloadSide, from: WorkloadSide): void {
  mergeCounts(into.lines, from.lines);
  for (const [c, m] of from.contracts) {
    const first = into.contracts.get(c);
    if (first === undefined || m < first) into.contracts.set(c, m);
  }
  mergeCounts(into.bulk, from.bulk);
  into.prohibited += from.prohibited;
  into.undetermined += from.undetermined;
}

export function mergeWorkload(into: WorkloadTally, from: WorkloadTally): void {
  for (const which of ["baseline", "change"] as const)
    for (const r of readings) mergeSide(into[which][r], from[which][r]);
  for (const [t, v] of Object.entries(from.terms)) into.terms[t] ??= v;
}

/** Months between two `YYYY-MM` (b − a). */
function monthsBetween(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}

/** Applications by month and type on one side of one reading. */
export interface WorkloadPlan {
  /** month → licence type → applications. */
  byMonth: Record<string, Record<string, number>>;
  applications: number;
  /** Applications × the type's review days, over the types whose review days the pack gives. */
  reviewDays: number;
  /** Applications of types whose review days the pack does not give. */
  applicationsWithoutReviewDays: number;
  prohibited: number;
  undetermined: number;
}

function plan(s: WorkloadSide, terms: WorkloadTally["terms"]): WorkloadPlan {
  const byMonth: WorkloadPlan["byMonth"] = {};
  let applications = 0;
  let reviewDays = 0;
  let without = 0;
  // n applications of the licence `key` in `month`, with that licence's review days
  const add = (month: string, key: string, n = 1) => {
    const t = terms[key];
    const type = t?.type ?? key;
    const m = (byMonth[month] ??= {});
    m[type] = (m[type] ?? 0) + n;
    applications += n;
    if (t?.reviewDays == null) without += n;
    else reviewDays += n * t.reviewDays;
  };
  for (const [key, months] of Object.entries(s.lines))
    for (const [m, n] of Object.entries(months)) add(m, key, n);
  for (const [k, m] of s.contracts) add(m, k.slice(0, k.indexOf("\u0000")));
  for (const [key, months] of Object.entries(s.bulk)) {
    // one application at the first use, and again once its validity has run out (unknown validity: once)
    const validity = terms[key]?.validityMonths ?? null;
    let start: string | undefined;
    for (const m of Object.keys(months).sort())
      if (start === undefined || (validity !== null && monthsBetween(start, m) >= validity)) {
        start = m;
        add(m, key);
      }
  }
  return {
    byMonth,
    applications,
    reviewDays,
    applicationsWithoutReviewDays: without,
    prohibited: s.prohibited,
    undetermined: s.undetermined,
  };
}

export interface WorkloadReport {
  readings: { reading: Reading; baseline: WorkloadPlan; change: WorkloadPlan }[];
  terms: WorkloadTally["terms"];
  /** Every month with an application on either side, in order. */
  months: string[];
}

export function workloadReport(w: WorkloadTally): WorkloadReport {
  const out = readings.map((reading) => ({
    reading,
    baseline: plan(w.baseline[reading], w.terms),
    change: plan(w.change[reading], w.terms),
  }));
  const months = new Set<string>();
  for (const r of out)
    for (const p of [r.baseline, r.change]) for (const m of Object.keys(p.byMonth)) months.add(m);
  return { readings: out, terms: w.terms, months: [...months].sort() };
}

/** Applications of one month on a plan (all types). */
export const applicationsIn = (p: WorkloadPlan, month: string): number =>
  Object.values(p.byMonth[month] ?? {}).reduce((a, b) => a + b, 0);
