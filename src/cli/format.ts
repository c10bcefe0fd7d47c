/**
 * Human-readable output for the CLI: a table of decisions, an indented legal trace, and screening matches with
 * their sources.
 */
import Table from "cli-table3";
import type { Verdict } from "../app/verdict.ts";
import type { CheckResult, Decision } from "../determine/index.ts";
import type { FactRef, TimelinePeriod } from "../policy/index.ts";

const tag = (e: FactRef["evidence"]) => (e === "verified" ? "V" : e === "reported" ? "R" : "UNVERIFIED");

function period(f: { from: string; to?: string | undefined }): string {
  return `${f.from} → ${f.to ? `${f.to} (excl.)` : "open"}`;
}

function citeText(f: FactRef): string {
  return f.cite.map((c) => [c.provision, c.url].filter(Boolean).join(" ")).join(" ; ");
}

/** The shipment's verdict, its reasons and every party's matches. */
export function formatVerdict(v: Verdict): string {
  const out = [`verdict: ${v.status.toUpperCase()}`];
  for (const r of v.reasons) out.push(`  - ${r}`);
  if (v.screening.lists.length > 0)
    out.push(
      `  lists: ${v.screening.lists.map((l) => `${l.list}@${l.version.slice(0, 19)} (${l.count})`).join(", ")}`,
    );
  for (const p of v.screening.parties) {
    out.push(
      `  ${p.role} "${p.name}"${p.country ? ` (${p.country})` : ""}: ${p.matches.length === 0 ? "no match" : ""}`,
    );
    for (const m of p.matches)
      out.push(
        `    ${m.list} ${m.sourceId} "${m.matchedName}" score ${m.score.toFixed(2)}${m.decision ? ` — decided ${m.decision.decision} on ${m.decision.createdAt}${m.decision.note ? `: ${m.decision.note}` : ""}` : ""}`,
      );
  }
  return out.join("\n");
}

export function formatCheck(r: CheckResult & { verdict?: Verdict }): string {
  const out: string[] = [];
  out.push(
    `${r.regime} → ${r.destination} on ${r.date}: destination group ${r.destinationGroups.join(", ") || "none"}`,
  );
  out.push(`policy version ${r.policyVersion}`);
  if (r.verdict) out.push(formatVerdict(r.verdict));
  const table = new Table({
    head: ["line", "outcome", "basis", "licence options", "exemptions", "caveats"],
    wordWrap: true,
    style: { head: [], border: [] },
  });
  for (const d of r.decisions)
    table.push([
      d.id,
      d.outcome,
      d.basis ?? "-",
      [...d.licenceOptions, ...d.unverifiedLicenceOptions.map((o) => `${o} [unverified]`)].join("\n") || "-",
      d.exemptions.join(", ") || "-",
      String(d.caveats.length),
    ]);
  out.push(table.toString());
  for (const d of r.decisions) out.push(formatTrace(d));
  const legend = evidenceLegend(out.join("\n"));
  if (legend) out.push(`\n${legend}`);
  return out.join("\n");
}

/** What the evidence marks mean (README, "Evidence"). */
const MARKS: [RegExp, string][] = [
  [/\[V\]/, "[V] verified: a primary source states it (the legal text, or an official notice or release)"],
  [
    /\[R\]/,
    "[R] reported: a press or law-firm report states it; no primary source is cited yet — confirm before relying on it",
  ],
  [
    /\[UNVERIFIED\]|\[unverified\]/,
    "[UNVERIFIED] not confirmed by any source the pack accepts: an answer that rests on it says so; confirm with the authority",
  ],
];

/** The legend of the evidence marks that a text shows, or "" when it shows none. */
export function evidenceLegend(text: string): string {
  const lines = MARKS.filter(([re]) => re.test(text)).map(([, l]) => `  ${l}`);
  return lines.length > 0 ? ["evidence marks:", ...lines].join("\n") : "";
}

export function formatTrace(d: Decision): string {
  const out: string[] = [`\nline ${d.id}: ${d.outcome}${d.basis ? ` (${d.basis})` : ""}`];
  for (const s of d.trace) {
    out.push(`  ${s.kind} · ${s.rule}: ${s.result}${s.removedBy ? ` — removed by ${s.removedBy}` : ""}`);
    if (s.note) out.push(`      note: ${s.note}`);
    for (const f of s.facts) {
      out.push(`      [${tag(f.evidence)}] ${f.id} ${period(f)} — ${citeText(f)}`);
      // The provision's own words, beside the rule that encodes it.
      for (const c of f.cite) if (c.quote) out.push(`        「${c.quote}」`);
    }
  }
  for (const m of d.missing ?? []) out.push(`  missing (undetermined): ${m}`);
  for (const o of d.licenceDetails) {
    const bits = [
      o.validity && `valid ${o.validity}`,
      o.reviewDays && `review ${o.reviewDays} days`,
      o.documents && `${o.documents} document types`,
      o.conditions,
    ].filter(Boolean);
    out.push(
      `  licence ${o.id} (${o.name})${o.evidence === "unverified" ? " [UNVERIFIED]" : ""}: ${bits.join("; ") || "-"}`,
    );
  }
  for (const c of d.caveats) out.push(`  caveat [UNVERIFIED] ${c.fact}: ${c.message}`);
  return out.join("\n");
}

export function formatTimeline(regime: string, country: string, periods: TimelinePeriod[]): string {
  const out = [`${regime} classification of ${country}:`];
  for (const p of periods) {
    out.push(`  ${p.from} → ${p.to ? `${p.to} (excl.)` : "open"}: ${p.groups.join(", ")}`);
    for (const f of p.facts) out.push(`      [${tag(f.evidence)}] ${f.id} ${period(f)} — ${citeText(f)}`);
  }
  const legend = evidenceLegend(out.join("\n"));
  return legend ? `${out.join("\n")}\n\n${legend}` : out.join("\n");
}

/** What a screening match shows under its score line: the alias-table readings and every source of the party. */
export interface MatchText {
  via?: { native: string; listed: string; source: string }[] | undefined;
  sources: {
    entityId: string;
    list: string;
    sourceId: string;
    name: string;
    url?: string | undefined;
    decision?: { decision: string; createdAt: string } | undefined;
  }[];
}

/** The lines under a match: how its name was read, and each list entry of the party with its link and decision. */
export function formatMatchSources(m: MatchText, indent = "      "): string[] {
  const lines: string[] = [];
  for (const v of m.via ?? [])
    lines.push(`${indent}read ${v.native} as "${v.listed}" (alias table: ${v.source})`);
  for (const x of m.sources) {
    const d = x.decision ? `  decided ${x.decision.decision} ${x.decision.createdAt.slice(0, 10)}` : "";
    lines.push(
      `${indent}${x.list} ${x.sourceId}  ${x.name}  [${x.entityId}]${x.url ? `  ${x.url}` : ""}${d}`,
    );
  }
  return lines;
}
