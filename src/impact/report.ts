/**
 * The impact report: a finished tally with what was compared (sides, policy versions, overlay, input), sorted
 * for reading, and written as a text summary, JSON or CSV (one row per changed line). Pure: strings out.
 */
import { csvCell } from "./csv-cell.ts";
import type { OverlayHeader } from "../policy/overlay.ts";
import {
  changeKinds,
  verdictText,
  type ChangeKind,
  type ChangedLine,
  type ChangeGroupTally,
  type EffectTally,
  type GroupTally,
  type ImpactTally,
  type LicenceTally,
  type Money,
  type TransitionTally,
} from "./compare.ts";
import type { InputProblem } from "./input.ts";
import { applicationsIn, workloadReport, type WorkloadReport } from "./workload.ts";
import { directionOf, effectClasses, effectText, type Direction, type Effect } from "./materiality.ts";

export interface SideInfo {
  label: string;
  policyVersion: string;
  /** The fixed date whose law decides every line; absent when each line is decided at its own date. */
  date?: string | undefined;
}

export interface ImpactMeta {
  regime: string;
  currency: string;
  mode: "overlay" | "dates";
  before: SideInfo;
  after: SideInfo;
  overlay?: (OverlayHeader & { file: string }) | undefined;
  input: string;
  licences?: { file: string; count: number } | undefined;
}

export interface GroupRow extends GroupTally {
  key: string;
}

export interface ImpactReport {
  meta: ImpactMeta;
  totals: {
    /** Data rows read (decided + bad). */
    rows: number;
    decided: number;
    /** Engine decisions made (two per line; one where both sides hold the same law that day). */
    decisions: number;
    bad: number;
    changed: number;
    value: Money;
    changedValue: Money;
  };
  kinds: { kind: ChangeKind; label: string; lines: number; value: Money }[];
  /**
   * The headline: changed lines by what the change means for them (materiality), the most burdensome class
   * first, by value within a class; each with its words and direction (worse / better / neutral).
   */
  effects: EffectRow[];
  /** Changed lines by effect, rule change, item and destination, in the same order; `examples` drill down. */
  changeGroups: (ChangeGroupTally & { text: string; direction: Direction })[];
  byDestination: GroupRow[];
  byItem: GroupRow[];
  byCustomer: GroupRow[];
  byMonth: GroupRow[];
  transitions: TransitionTally[];
  licences: LicenceTally[];
  /** Changed lines in input order (all of them unless the run kept fewer: see `changedLinesDropped`). */
  changedLines: ChangedLine[];
  changedLinesDropped: number;
  problems: InputProblem[];
  /** Applications needed per month under the baseline and the change, in two readings. */
  workload: WorkloadReport;
}

export interface EffectRow extends EffectTally {
  text: string;
  direction: Direction;
}

const classOrder = (e: Effect) => effectClasses.indexOf(e.class);

const byBurden =
  (currency: string) =>
  (a: { effect: Effect; value: Money; lines: number }, b: { effect: Effect; value: Money; lines: number }) =>
    classOrder(a.effect) - classOrder(b.effect) ||
    (a.effect.evidence === b.effect.evidence ? 0 : a.effect.evidence === "established" ? -1 : 1) ||
    inCurrency(b.value, currency) - inCurrency(a.value, currency) ||
    b.lines - a.lines;

export const kindLabels: Record<ChangeKind, string> = {
  outcome: "outcome changed",
  basis: "basis changed",
  "licence-options": "licence options changed",
  "now-individual": "now need an individual licence",
  "licence-lost": "a held licence stops covering them",
  "no-longer-required": "no longer need a licence",
};

/** The value in the report's own currency (0 when the lines carry none). */
export const inCurrency = (m: Money, currency: string): number => m[currency] ?? 0;

const rows = (m: Record<string, GroupTally>, currency: string): GroupRow[] =>
  Object.entries(m)
    .map(([key, g]) => ({ key, ...g }))
    .sort(
      (a, b) =>
        inCurrency(b.changedValue, currency) - inCurrency(a.changedValue, currency) ||
        b.changed - a.changed ||
        b.lines - a.lines ||
        a.key.localeCompare(b.key),
    );

/** Sort and shape a finished tally. */
export function buildReport(tally: ImpactTally, meta: ImpactMeta): ImpactReport {
  const c = meta.currency;
  return {
    meta,
    totals: {
      rows: tally.lines + tally.problemCount,
      decided: tally.lines,
      decisions: tally.decisions,
      bad: tally.problemCount,
      changed: tally.changed,
      value: tally.value,
      changedValue: tally.changedValue,
    },
    kinds: changeKinds.map((k) => ({ kind: k, label: kindLabels[k], ...tally.kinds[k] })),
    effects: Object.values(tally.effects)
      .sort(byBurden(c))
      .map((e) => ({ ...e, text: effectText(e.effect), direction: directionOf[e.effect.class] })),
    changeGroups: Object.values(tally.changeGroups)
      .sort(
        (a, b) =>
          byBurden(c)(a, b) ||
          a.item.localeCompare(b.item) ||
          a.destination.localeCompare(b.destination) ||
          a.rules.join().localeCompare(b.rules.join()),
      )
      .map((g) => ({ ...g, text: effectText(g.effect), direction: directionOf[g.effect.class] })),
    byDestination: rows(tally.byDestination, c),
    byItem: rows(tally.byItem, c),
    byCustomer: rows(tally.byCustomer, c),
    byMonth: Object.entries(tally.byMonth)
      .map(([key, g]) => ({ key, ...g }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    transitions: Object.values(tally.transitions).sort(
      (a, b) => b.lines - a.lines || a.before.localeCompare(b.before) || a.after.localeCompare(b.after),
    ),
    licences: Object.values(tally.licences).sort(
      (a, b) => b.lost - a.lost || b.covered - a.covered || a.number.localeCompare(b.number),
    ),
    changedLines: [...tally.changedLines].sort((a, b) => a.line - b.line),
    changedLinesDropped: tally.changedLinesDropped,
    problems: [...tally.problems].sort((a, b) => a.line - b.line),
    workload: workloadReport(tally.workload),
  };
}

export const fmtInt = (n: number): string => Math.round(n).toLocaleString("en-US");

/** Money in words: `JPY 1,500,000` (several currencies side by side, never converted). */
export function money(m: Money, currency?: string): string {
  const entries = Object.entries(m).filter(([, v]) => v !== 0);
  if (entries.length === 0) return currency ? `${currency} 0` : "0";
  entries.sort(([a], [b]) => (a === currency ? -1 : b === currency ? 1 : a.localeCompare(b)));
  return entries.map(([cur, v]) => `${cur} ${fmtInt(v)}`).join(" + ");
}

const pct = (a: number, b: number) => (b === 0 ? "0%" : `${((100 * a) / b).toFixed(1)}%`);

/** What was compared, in one or two lines. */
export function describeSides(meta: ImpactMeta): string[] {
  const side = (s: SideInfo) =>
    `${s.label}${s.date ? ", for every line" : ", each line at its own date"} — ${s.policyVersion.slice(0, 19)}…`;
  const out: string[] = [];
  if (meta.overlay) {
    const o = meta.overlay;
    out.push(
      `Impact of the overlay "${o.title}" (${meta.regime}, effective ${o.effective}${o.statusQuo ? `; stated against the law of ${o.statusQuo}, held unchanged` : ""})`,
    );
  } else
    out.push(`Impact of the changes in ${meta.regime} law from ${meta.before.date} to ${meta.after.date}`);
  out.push(`  baseline: ${side(meta.before)}`);
  out.push(`  change:   ${side(meta.after)}`);
  return out;
}

function groupLines(title: string, list: GroupRow[], currency: string, top: number): string[] {
  const changed = list.filter((g) => g.changed > 0);
  const out = [
    `${title} (${changed.length} of ${list.length} with changes${changed.length > top ? `; top ${top}` : ""}):`,
  ];
  const w = Math.max(4, ...changed.slice(0, top).map((g) => g.key.length));
  for (const g of changed.slice(0, top))
    out.push(
      `  ${g.key.padEnd(w)}  ${fmtInt(g.changed).padStart(7)} of ${fmtInt(g.lines).padStart(7)} lines changed  ${money(g.changedValue, currency).padStart(18)}${g.nowIndividual ? `  now individual: ${fmtInt(g.nowIndividual)}` : ""}${g.licenceLost ? `  licence lost: ${fmtInt(g.licenceLost)}` : ""}`,
    );
  if (changed.length === 0) out.push("  (none)");
  return out;
}

/** The workload in words: applications under each side, per reading, with review days where the pack gives them. */
export function workloadLines(w: WorkloadReport): string[] {
  const out = [
    "Licensing workload (applications: one individual licence per contract, a bulk licence once per validity period):",
  ];
  const terms = Object.entries(w.terms)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([, v]) =>
        `${v.type} ${v.reviewDays === null ? "review days not in the pack" : `${v.reviewDays} review days`}, ${v.validityMonths === null ? "validity not in the pack" : `valid ${v.validityMonths} months`}`,
    );
  for (const r of w.readings) {
    const label = r.reading === "established" ? "on established options" : "counting unverified options too";
    const side = (p: (typeof r)["baseline"]) =>
      `${fmtInt(p.applications)} applications${p.reviewDays > 0 ? ` (${fmtInt(p.reviewDays)} review days${p.applicationsWithoutReviewDays ? ` + ${fmtInt(p.applicationsWithoutReviewDays)} without review days in the pack` : ""})` : p.applicationsWithoutReviewDays ? " (review days not in the pack)" : ""}`;
    out.push(`  ${label}: baseline ${side(r.baseline)} ⇒ change ${side(r.change)}`);
  }
  const est = w.readings[0]!;
  const busy = w.months.filter((m) => applicationsIn(est.baseline, m) !== applicationsIn(est.change, m));
  if (busy.length > 0)
    out.push(
      `  by month (established options), where they differ: ${busy
        .slice(0, 24)
        .map((m) => `${m} ${applicationsIn(est.baseline, m)} ⇒ ${applicationsIn(est.change, m)}`)
        .join(", ")}`,
    );
  if (terms.length > 0) out.push(`  terms: ${terms.join("; ")}`);
  return out;
}

export function lineText(l: ChangedLine): string {
  return `line ${l.line} (${l.id}) ${l.date} → ${l.destination}${l.customer ? ` for ${l.customer}` : ""}, ${l.item}${l.value !== undefined ? `, ${l.currency} ${fmtInt(l.value)}` : ""}: ${verdictText(l.before)} ⇒ ${verdictText(l.after)}${l.before.groups.join() !== l.after.groups.join() ? ` [group ${l.before.groups.join(",")} → ${l.after.groups.join(",")}]` : ""}${l.rules.length ? ` [rules ${l.rules.join(" ")}]` : ""}${l.lostLicences.length ? ` [loses licence ${l.lostLicences.join(", ")}]` : ""}`;
}

/** The report as text for a terminal: totals, kinds of change, groups, licences, lines, bad rows. */
export function summaryText(r: ImpactReport, opts: { top?: number; lines?: number } = {}): string {
  const top = opts.top ?? 10;
  const maxLines = opts.lines ?? 10;
  const c = r.meta.currency;
  const t = r.totals;
  const out: string[] = [...describeSides(r.meta)];
  out.push(
    `Input ${r.meta.input}: ${fmtInt(t.rows)} rows; ${fmtInt(t.decided)} decided under both; ${fmtInt(t.bad)} bad row${t.bad === 1 ? "" : "s"}${t.bad ? " (listed below, not decided)" : ""}`,
  );
  if (r.meta.licences) out.push(`Licences held: ${r.meta.licences.count} from ${r.meta.licences.file}`);
  out.push(
    `Changed: ${fmtInt(t.changed)} of ${fmtInt(t.decided)} lines (${pct(t.changed, t.decided)}), value ${money(t.changedValue, c)} of ${money(t.value, c)}`,
  );
  if (r.effects.length > 0) {
    out.push("What the change means for the lines (the most burdensome first):");
    for (const e of r.effects)
      out.push(
        `  ${e.direction.padEnd(7)} ${fmtInt(e.lines).padStart(8)} line${e.lines === 1 ? " " : "s"}  ${money(e.value, c).padEnd(20)}  ${e.text}`,
      );
    out.push("Kinds of change:");
  }
  for (const k of r.kinds)
    if (k.lines > 0)
      out.push(
        `  ${k.label.padEnd(36)} ${fmtInt(k.lines).padStart(8)} line${k.lines === 1 ? " " : "s"}  ${money(k.value, c)}`,
      );
  if (r.transitions.length > 0) {
    out.push(
      "",
      `Changes of decision (baseline ⇒ change)${r.transitions.length > top ? `, top ${top}` : ""}:`,
    );
    for (const tr of r.transitions.slice(0, top))
      out.push(
        `  ${fmtInt(tr.lines)} line${tr.lines === 1 ? "" : "s"}, ${money(tr.value, c)}:`,
        `      ${tr.before}`,
        `    ⇒ ${tr.after}`,
      );
  }
  if (r.changeGroups.length > 0) {
    out.push(
      "",
      `Changes by effect, rule change, item and destination (${fmtInt(r.changeGroups.length)} groups${r.changeGroups.length > top ? `; top ${top}` : ""}):`,
    );
    for (const g of r.changeGroups.slice(0, top))
      out.push(
        `  ${fmtInt(g.lines).padStart(7)} line${g.lines === 1 ? " " : "s"}  ${money(g.value, c).padEnd(20)}  ${g.item} → ${g.destination}: ${g.text}${g.rules.length ? ` [rules ${g.rules.join(" ")}]` : ""}; e.g. lines ${g.examples.slice(0, 5).join(", ")}`,
      );
  }
  out.push("", ...workloadLines(r.workload));
  out.push("", ...groupLines("By destination", r.byDestination, c, top));
  out.push("", ...groupLines("By control number (or HS heading)", r.byItem, c, top));
  out.push("", ...groupLines("By customer", r.byCustomer, c, top));
  out.push("", ...groupLines("By month", r.byMonth, c, 24));
  if (r.meta.licences) {
    const lost = r.licences.filter((l) => l.lost > 0);
    out.push(
      "",
      `Licences that stop covering lines: ${lost.length} of ${r.licences.length} that cover any line`,
    );
    for (const l of lost)
      out.push(
        `  ${l.number} (${l.type}): covers ${fmtInt(l.covered)} lines under the baseline${l.coveredUnverified ? ` (${fmtInt(l.coveredUnverified)} of them only as a possibility resting on an unverified fact)` : ""}; stops covering ${fmtInt(l.lost)} (${money(l.lostValue, c)}), e.g. lines ${l.examples.slice(0, 5).join(", ")}`,
      );
  }
  const indiv = r.changedLines.filter((l) => l.changes.includes("now-individual"));
  const indivCount = r.kinds.find((k) => k.kind === "now-individual")!.lines;
  out.push(
    "",
    `Lines that now need an individual licence: ${fmtInt(indivCount)}${indiv.length > maxLines ? ` (first ${maxLines})` : ""}`,
  );
  for (const l of indiv.slice(0, maxLines)) out.push(`  ${lineText(l)}`);
  const others = r.changedLines.filter((l) => !l.changes.includes("now-individual"));
  if (others.length > 0) {
    out.push(
      "",
      `Other changed lines: ${fmtInt(others.length)}${others.length > maxLines ? ` (first ${maxLines})` : ""}`,
    );
    for (const l of others.slice(0, maxLines)) out.push(`  ${lineText(l)}`);
  }
  if (r.changedLinesDropped > 0)
    out.push(`  (${fmtInt(r.changedLinesDropped)} more changed lines counted but not kept in detail)`);
  if (t.bad > 0) {
    out.push(
      "",
      `Bad rows: ${fmtInt(t.bad)} (not decided; every other row was)${r.problems.length < t.bad ? `, first ${r.problems.length}` : ""}`,
    );
    for (const p of r.problems.slice(0, 50)) out.push(`  line ${p.line}: ${p.message}`);
    if (r.problems.length > 50) out.push(`  … ${fmtInt(t.bad - 50)} more in the JSON/CSV/HTML report`);
  }
  return out.join("\n");
}

export function reportJson(r: ImpactReport): string {
  return JSON.stringify(r, null, 2);
}

const csvField = csvCell;

export const csvColumns = [
  "line",
  "id",
  "date",
  "destination",
  "customer",
  "controlNumber",
  "hsCode",
  "value",
  "currency",
  "changes",
  "beforeGroups",
  "beforeOutcome",
  "beforeBasis",
  "beforeOptions",
  "beforePossible",
  "afterGroups",
  "afterOutcome",
  "afterBasis",
  "afterOptions",
  "afterPossible",
  "rules",
  "lostLicences",
  "effect",
  "direction",
  "evidence",
] as const;

/** One row per changed line (lists joined with `;`); bad rows are in the summary and the JSON report. */
export function reportCsv(r: ImpactReport): string {
  const out = [csvColumns.join(",")];
  for (const l of r.changedLines)
    out.push(
      [
        l.line,
        l.id,
        l.date,
        l.destination,
        l.customer,
        l.controlNumber,
        l.hsCode,
        l.value,
        l.currency,
        l.changes.join(";"),
        l.before.groups.join(";"),
        l.before.outcome,
        l.before.basis,
        l.before.options.join(";"),
        l.before.possible.join(";"),
        l.after.groups.join(";"),
        l.after.outcome,
        l.after.basis,
        l.after.options.join(";"),
        l.after.possible.join(";"),
        l.rules.join(";"),
        l.lostLicences.join(";"),
        l.effect ? effectText(l.effect) : "",
        l.effect ? directionOf[l.effect.class] : "",
        l.effect?.evidence,
      ]
        .map(csvField)
        .join(","),
    );
  return `${out.join("\n")}\n`;
}
