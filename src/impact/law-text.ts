/**
 * Law diffs and overlays in words, for the terminal: facts grouped by kind, each added (+), removed (−),
 * changed (~) or in force only in between (±), with its period, evidence and sources; countries whose group
 * changed, with the path they took; an overlay's header, what it changes and the timelines it moves. Pure.
 */
import { countryName } from "../policy/countries.ts";
import {
  diffPolicies,
  factKinds,
  type FactChange,
  type FactKind,
  type FactView,
  type LawDiff,
  type PolicyDiff,
} from "../policy/diff.ts";
import type { OverlayHeader } from "../policy/overlay.ts";
import type { Policy, TimelinePeriod } from "../policy/index.ts";
import type { Citation, FactRef } from "../policy/index.ts";

export const kindTitles: Record<FactKind, string> = {
  membership: "Memberships of country lists",
  group: "Groups",
  measure: "Special measures",
  embargo: "Embargoes",
  "licence-eligibility": "Licence eligibility",
  "licence-terms": "Licence terms",
  "catch-all": "Catch-all (scopes and limbs)",
  "item-list": "Item lists (catch-all lists)",
  exemption: "Exemptions",
  "control-list": "Control list (parts, entries, number map)",
  "red-flag": "Red flags",
};

const tag = (e: FactRef["evidence"]) =>
  e === "verified" ? "verified" : e === "reported" ? "reported" : "UNVERIFIED";
const period = (f: { from: string; to?: string | undefined }) =>
  `${f.from} → ${f.to ? `${f.to} (excl.)` : "open"}`;
export const citeText = (cs: Citation[]) =>
  cs.map((c) => [c.provision, c.url].filter(Boolean).join(" ")).join(" ; ");

function factLines(f: FactView, lead: string): string[] {
  const out = [`      ${lead}[${tag(f.evidence)}] ${period(f)}`, `        sources: ${citeText(f.cite)}`];
  if (f.note) out.push(`        note: ${f.note}`);
  return out;
}

const marks: Record<FactChange["change"], string> = {
  added: "+",
  removed: "−",
  changed: "~",
  "in-between": "±",
};

function changeLines(c: FactChange): string[] {
  const when =
    c.change === "added"
      ? `from ${c.on}`
      : c.change === "removed"
        ? c.on === undefined
          ? "removed, the whole period"
          : `until ${c.on} (excl.)`
        : c.change === "changed"
          ? `changed on ${c.on}`
          : `in force only in between, from ${c.on}`;
  const out = [`  ${marks[c.change]} ${c.label}  — ${when}`];
  if (c.change === "changed") {
    out.push(...factLines(c.before!, "was "), ...factLines(c.after!, "now "));
  } else if (c.before) out.push(...factLines(c.before, ""));
  else if (c.after) out.push(...factLines(c.after, ""));
  return out;
}

function byKind(changes: FactChange[]): string[] {
  const out: string[] = [];
  for (const k of factKinds) {
    const list = changes.filter((c) => c.kind === k);
    if (list.length === 0) continue;
    out.push("", `${kindTitles[k]} (${list.length}):`);
    for (const c of list) out.push(...changeLines(c));
  }
  return out;
}

/** `tradectl diff` in words. */
export function formatLawDiff(d: LawDiff): string {
  const out = [
    `${d.regime} law on ${d.from} and on ${d.to} (policy ${d.policyVersion.slice(0, 19)}…): ${d.changes.length} dated fact${d.changes.length === 1 ? "" : "s"} differ or came and went in between`,
  ];
  if (d.countries.length > 0) {
    out.push("", `Countries whose group changed (${d.countries.length}):`);
    const paths = new Map<string, typeof d.countries>();
    for (const c of d.countries) {
      const path = `${c.before.join(",")} → ${c.moves.map((m) => `${m.groups.join(",")} (${m.on})`).join(" → ")}`;
      paths.set(path, [...(paths.get(path) ?? []), c]);
    }
    for (const [path, cs] of paths) {
      const names =
        cs.length <= 3
          ? cs.map((c) => `${c.country} (${c.name})`).join(", ")
          : `${cs.map((c) => c.country).join(", ")} (${cs.length} countries)`;
      out.push(`  ${names}: ${path}`);
      if (cs.length <= 3) {
        const seen = new Set<string>();
        for (const c of cs)
          for (const m of c.moves)
            for (const f of m.facts) {
              const line = `      ${m.on} ${f.id} [${tag(f.evidence)}] ${period(f)} — ${citeText(f.cite)}`;
              if (!seen.has(line)) out.push(line);
              seen.add(line);
            }
      }
    }
  }
  out.push(...byKind(d.changes));
  if (d.changes.length === 0) out.push("", "No dated fact differs: the law is the same on both dates.");
  return out.join("\n");
}

/** Countries whose classification over time differs between two policies, with both timelines. */
export function movedTimelines(
  base: Policy,
  changed: Policy,
): { country: string; name: string; baseline: TimelinePeriod[]; overlay: TimelinePeriod[] }[] {
  const countries = new Set<string>();
  for (const p of [base, changed]) {
    for (const l of p.data.lists) for (const m of l.members) for (const c of m.countries) countries.add(c);
    const sels = [
      ...p.data.measures.map((m) => m.destinations),
      ...p.data.embargoes.map((m) => m.destinations),
      ...p.data.limbs.map((m) => m.destinations),
      ...p.data.licences.flatMap((l) => (l.eligibility ?? []).map((e) => e.destinations)),
    ];
    for (const s of sels)
      for (const c of [...(s?.countries ?? []), ...(s?.notCountries ?? [])]) countries.add(c);
  }
  const shape = (ps: TimelinePeriod[]) => JSON.stringify(ps.map((p) => [p.from, p.to, p.groups]));
  const out = [];
  for (const c of [...countries].sort()) {
    const a = base.timeline(c);
    const b = changed.timeline(c);
    if (shape(a) !== shape(b)) out.push({ country: c, name: countryName(c), baseline: a, overlay: b });
  }
  return out;
}

export interface OverlaySummary {
  file: string;
  pack: string;
  overlay: OverlayHeader;
  baselineVersion: string;
  policyVersion: string;
  changes: FactChange[];
  timelines: ReturnType<typeof movedTimelines>;
  /** Days on which the law with the overlay changes and the baseline does not. */
  newBoundaries: string[];
}

export function overlaySummary(
  file: string,
  pack: string,
  overlay: OverlayHeader,
  baseline: Policy,
  policy: Policy,
): OverlaySummary {
  const diff: PolicyDiff = diffPolicies(baseline, policy);
  const had = new Set(baseline.boundaries());
  return {
    file,
    pack,
    overlay,
    baselineVersion: baseline.version,
    policyVersion: policy.version,
    changes: diff.changes,
    timelines: movedTimelines(baseline, policy),
    newBoundaries: policy.boundaries().filter((d) => !had.has(d)),
  };
}

function timelineLines(ps: TimelinePeriod[], facts: boolean): string[] {
  const out: string[] = [];
  for (const p of ps) {
    out.push(`      ${period(p)}: ${p.groups.join(", ") || "(none)"}`);
    if (facts)
      for (const f of p.facts)
        out.push(`          [${tag(f.evidence)}] ${f.id} ${period(f)} — ${citeText(f.cite)}`);
  }
  return out;
}

/** `tradectl policy apply-overlay` in words. */
export function formatOverlay(s: OverlaySummary): string {
  const o = s.overlay;
  const out = [
    `Overlay ${s.file}: valid with the pack ${s.pack}`,
    `  "${o.title}" (${o.regime}, effective ${o.effective})`,
  ];
  if (o.statusQuo)
    out.push(
      `  stated against the law of ${o.statusQuo}, held unchanged (facts that start later are left out)`,
    );
  if (o.note) out.push(`  note: ${o.note}`);
  if (o.cite?.length) out.push(`  sources: ${citeText(o.cite)}`);
  out.push(
    `  baseline ${s.baselineVersion.slice(0, 19)}… → with the overlay ${s.policyVersion.slice(0, 19)}…`,
    "",
    `What the overlay changes (${s.changes.length} fact${s.changes.length === 1 ? "" : "s"}):`,
  );
  const changes = byKind(s.changes);
  out.push(...(changes.length > 0 ? changes.slice(1) : ["  nothing: the overlay leaves the law as it is"]));
  out.push("", `Resulting timeline${s.timelines.length === 1 ? "" : "s"} (countries whose group changes):`);
  if (s.timelines.length === 0) out.push("  no country changes group");
  for (const t of s.timelines) {
    out.push(`  ${t.country} (${t.name}) with the overlay:`, ...timelineLines(t.overlay, true));
    out.push(`    baseline:`, ...timelineLines(t.baseline, false));
  }
  out.push(
    "",
    s.newBoundaries.length > 0
      ? `New legal periods start on: ${s.newBoundaries.join(", ")}`
      : "No new legal period: the overlay changes no date on which the law changes",
  );
  return out.join("\n");
}
