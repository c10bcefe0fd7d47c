/**
 * The impact report as one self-contained HTML page: inline CSS and inline SVG charts drawn here (affected value
 * by month and by item, changed lines by destination), tables of the groups, licences, changed lines and bad
 * rows. No script, no stylesheet or font from elsewhere: it reads the same offline. Pure: a string out.
 */
import { verdictText, type ChangedLine } from "./compare.ts";
import { directionOf, type Direction } from "./materiality.ts";
import { describeSides, fmtInt, inCurrency, money, type GroupRow, type ImpactReport } from "./report.ts";
import { applicationsIn } from "./workload.ts";
import { barChart, columnChart, esc, pairBarChart, pairColumnChart, type PairBar } from "./charts.ts";

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK JP","Noto Sans KR",sans-serif;margin:24px auto;max-width:1100px;padding:0 16px;color:#1d2330}
h1{font-size:22px;margin:0 0 6px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #dde2ea;padding-bottom:4px}
.sub{color:#566070;margin:2px 0}.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{border:1px solid #dde2ea;border-radius:8px;padding:10px 14px;min-width:150px}.card b{display:block;font-size:20px}
table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:13px}th,td{border-bottom:1px solid #e8ebf0;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f4f6f9}td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.bar{fill:#3a6ea5}.b0{fill:#a9b4c4}.b1{fill:#3a6ea5}.grid{stroke:#e3e7ee}.axis{stroke:#8a93a3}.ax{font-size:11px;fill:#566070}.ct{font-size:13px;font-weight:600;fill:#1d2330}
.v{color:#3b4350}.note{color:#566070;font-size:12px}code{font-size:12px;overflow-wrap:anywhere}a{overflow-wrap:anywhere}
.dir{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;font-weight:600;white-space:nowrap}
.dir.worse{background:#fde8e4;color:#9b2412}.dir.better{background:#e2f3e6;color:#185a2c}.dir.neutral{background:#eceff3;color:#3b4350}
.now.worse{color:#9b2412}.now.better{color:#185a2c}.now.neutral{color:#3b4350}
.scroll{overflow-x:auto;max-width:100%}details{margin:4px 0}summary{cursor:pointer;color:#24507f}
details>summary h2{display:inline;border:0}
@media (max-width:600px){body{margin:12px auto;padding:0 10px}.card{min-width:120px;padding:8px 10px}.card b{font-size:17px}}
`;

/** The words of a direction, and its mark. */
const dirMark = (d: Direction) => `<span class="dir ${d}">${d}</span>`;

function groupTable(list: GroupRow[], currency: string, limit: number, name: string): string {
  const changed = list.filter((g) => g.changed > 0);
  const head = `<tr><th>${esc(name)}</th><th>lines</th><th>changed</th><th>changed value</th><th>of value</th><th>now individual</th><th>licence lost</th></tr>`;
  const body = changed
    .slice(0, limit)
    .map(
      (g) =>
        `<tr><td>${esc(g.key)}</td><td class="n">${fmtInt(g.lines)}</td><td class="n">${fmtInt(g.changed)}</td><td class="n">${esc(money(g.changedValue, currency))}</td><td class="n">${esc(money(g.value, currency))}</td><td class="n">${fmtInt(g.nowIndividual)}</td><td class="n">${fmtInt(g.licenceLost)}</td></tr>`,
    )
    .join("");
  const more =
    changed.length > limit
      ? `<p class="note">${fmtInt(changed.length - limit)} more with changes (see the JSON report).</p>`
      : "";
  return changed.length === 0
    ? `<p class="note">No changes (${fmtInt(list.length)} ${esc(name.toLowerCase())}s in the input).</p>`
    : `<div class="scroll"><table>${head}${body}</table></div>${more}<p class="note">${fmtInt(changed.length)} of ${fmtInt(list.length)} with changes.</p>`;
}

function linesTable(lines: ChangedLine[], limit: number): string {
  if (lines.length === 0) return `<p class="note">None.</p>`;
  const rows = lines
    .slice(0, limit)
    .map(
      (l) =>
        `<tr><td class="n">${l.line}</td><td>${esc(l.id)}</td><td>${esc(l.date)}</td><td>${esc(l.destination)}</td><td>${esc(l.customer)}</td><td>${esc(l.item)}</td><td class="n">${l.value === undefined ? "" : `${esc(l.currency)} ${fmtInt(l.value)}`}</td><td>${dirMark(directionOf[l.effect.class])}<br><span class="v">${esc(verdictText(l.before))}</span><br><span class="now ${directionOf[l.effect.class]}">⇒ ${esc(verdictText(l.after))}</span>${l.before.groups.join() !== l.after.groups.join() ? `<br><span class="note">group ${esc(l.before.groups.join(","))} → ${esc(l.after.groups.join(","))}</span>` : ""}</td><td><code>${esc(l.rules.join(" "))}</code>${l.lostLicences.length ? `<br>loses ${esc(l.lostLicences.join(", "))}` : ""}</td></tr>`,
    )
    .join("");
  return `<div class="scroll"><table><tr><th>line</th><th>id</th><th>date</th><th>dest.</th><th>customer</th><th>item</th><th>value</th><th>baseline ⇒ change</th><th>rules (+ new, − gone)</th></tr>${rows}</table></div>${lines.length > limit ? `<p class="note">First ${fmtInt(limit)} of ${fmtInt(lines.length)}; all are in the CSV and JSON reports.</p>` : ""}`;
}

/** The headline: changed lines by what the change means for them, the most burdensome first. */
function effectsTable(r: ImpactReport): string {
  const c = r.meta.currency;
  if (r.effects.length === 0) return `<p class="note">No line changed.</p>`;
  return `<div class="scroll"><table><tr><th></th><th>lines</th><th>value</th><th>what changed for them</th></tr>${r.effects
    .map(
      (e) =>
        `<tr><td>${dirMark(e.direction)}</td><td class="n">${fmtInt(e.lines)}</td><td class="n">${esc(money(e.value, c))}</td><td>${esc(e.text)}${e.effect.evidence === "unverified" ? ` <span class="note">— an effect the pack cannot establish: check the facts named before acting on it</span>` : ""}</td></tr>`,
    )
    .join("")}</table></div>`;
}

/**
 * Changed lines grouped by effect, rule change, item and destination: one row each, the first `limit`, each
 * with its first lines to open (a drill-down without script).
 */
function groupsTable(r: ImpactReport, limit: number): string {
  const c = r.meta.currency;
  if (r.changeGroups.length === 0) return `<p class="note">No line changed.</p>`;
  const byLine = new Map(r.changedLines.map((l) => [l.line, l]));
  const rows = r.changeGroups
    .slice(0, limit)
    .map((g) => {
      const lines = g.examples.map((n) => byLine.get(n)).filter((l): l is ChangedLine => l !== undefined);
      const drill = `<details><summary>${g.lines > g.examples.length ? `first ${g.examples.length} of ${fmtInt(g.lines)} lines` : `${fmtInt(g.lines)} line${g.lines === 1 ? "" : "s"}`}</summary>${lines.length > 0 ? linesTable(lines, lines.length) : `<p class="note">lines ${esc(g.examples.join(", "))}</p>`}</details>`;
      return `<tr><td>${dirMark(g.direction)}</td><td class="n">${fmtInt(g.lines)}</td><td class="n">${esc(money(g.value, c))}</td><td>${esc(g.item)}</td><td>${esc(g.destination)}</td><td>${esc(g.text)}<br><code>${esc(g.rules.join(" "))}</code>${drill}</td></tr>`;
    })
    .join("");
  return `<div class="scroll"><table><tr><th></th><th>lines</th><th>value</th><th>item</th><th>dest.</th><th>effect, rules (+ new, − gone) and lines</th></tr>${rows}</table></div>${r.changeGroups.length > limit ? `<p class="note">First ${fmtInt(limit)} of ${fmtInt(r.changeGroups.length)} groups, the most burdensome first; all are in the JSON report.</p>` : ""}`;
}

/** Before / after of one group list: the value that needs an individual licence (or cannot go) under each side. */
function needBars(list: GroupRow[], currency: string): PairBar[] {
  return list.map((g) => ({
    label: g.key,
    before: inCurrency(g.needValueBefore, currency),
    after: inCurrency(g.needValueAfter, currency),
    tip: `${g.key}: ${fmtInt(g.needBefore)} ⇒ ${fmtInt(g.needAfter)} lines need an individual licence or cannot go; ${money(g.needValueBefore, currency)} ⇒ ${money(g.needValueAfter, currency)}`,
  }));
}

/** The workload: applications per month under each side (chart), and the totals of both readings. */
function workloadSection(r: ImpactReport): string {
  const w = r.workload;
  const est = w.readings[0]!;
  const bars: PairBar[] = w.months.map((m) => {
    const a = applicationsIn(est.baseline, m);
    const b = applicationsIn(est.change, m);
    return { label: m, before: a, after: b, tip: `${m}: ${fmtInt(a)} ⇒ ${fmtInt(b)} applications` };
  });
  const days = (p: (typeof est)["baseline"]) =>
    p.reviewDays > 0 || p.applicationsWithoutReviewDays === 0
      ? `${fmtInt(p.reviewDays)}${p.applicationsWithoutReviewDays ? ` + ${fmtInt(p.applicationsWithoutReviewDays)} applications without review days in the pack` : ""}`
      : "not in the pack";
  const rows = w.readings
    .map(
      (x) =>
        `<tr><td>${x.reading === "established" ? "on established licence options" : "counting options that rest on unverified facts"}</td><td class="n">${fmtInt(x.baseline.applications)}</td><td class="n">${fmtInt(x.change.applications)}</td><td class="n">${esc(days(x.baseline))}</td><td class="n">${esc(days(x.change))}</td><td class="n">${fmtInt(x.change.prohibited)} / ${fmtInt(x.change.undetermined)}</td></tr>`,
    )
    .join("");
  const terms = Object.entries(w.terms)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([, v]) =>
        `<tr><td>${esc(v.type)}</td><td class="n">${v.reviewDays ?? "not in the pack"}</td><td class="n">${v.validityMonths ?? "not in the pack"}</td></tr>`,
    )
    .join("");
  return [
    `<p class="note">Applications the lines need: one individual licence per contract (the input's <code>contract</code> column, else each line), a bulk licence once per validity period from its first use. The established reading uses only established licence options; the other also the options that rest on unverified facts.</p>`,
    pairColumnChart(bars, "Applications per month, on established licence options", "applications"),
    `<div class="scroll"><table><tr><th>reading</th><th>baseline</th><th>change</th><th>review days, baseline</th><th>review days, change</th><th>prohibited / undetermined (change)</th></tr>${rows}</table></div>`,
    terms
      ? `<div class="scroll"><table><tr><th>licence type</th><th>review days</th><th>validity (months)</th></tr>${terms}</table></div>`
      : "",
  ].join("");
}

/** A section that starts closed (long lists stay out of the way until asked for). */
const closed = (title: string, body: string) =>
  `<details><summary><h2>${esc(title)}</h2></summary>${body}</details>`;

/** The whole report page. */
export function reportHtml(r: ImpactReport, opts: { lines?: number; groups?: number } = {}): string {
  const limit = opts.lines ?? 500;
  const c = r.meta.currency;
  const t = r.totals;
  const sides = describeSides(r.meta);
  const months = r.byMonth.map((g) => ({
    label: g.key,
    value: inCurrency(g.changedValue, c),
    tip: `${g.key}: ${fmtInt(g.changed)} of ${fmtInt(g.lines)} lines changed, ${money(g.changedValue, c)}`,
  }));
  const items = r.byItem
    .filter((g) => g.changed > 0)
    .slice(0, 15)
    .map((g) => ({
      label: g.key,
      value: inCurrency(g.changedValue, c),
      tip: `${g.key}: ${fmtInt(g.changed)} lines changed, ${money(g.changedValue, c)}`,
    }))
    .sort((a, b) => b.value - a.value);
  const dests = r.byDestination
    .filter((g) => g.changed > 0)
    .slice(0, 15)
    .map((g) => ({
      label: g.key,
      value: g.changed,
      tip: `${g.key}: ${fmtInt(g.changed)} of ${fmtInt(g.lines)} lines changed`,
    }))
    .sort((a, b) => b.value - a.value);
  const otherCurrencies = Object.keys(t.changedValue).filter((k) => k !== c);
  const o = r.meta.overlay;
  const cites = (o?.cite ?? [])
    .map(
      (x) => `<li>${esc(x.provision ?? "")} ${x.url ? `<a href="${esc(x.url)}">${esc(x.url)}</a>` : ""}</li>`,
    )
    .join("");
  const indiv = r.changedLines.filter((l) => l.changes.includes("now-individual"));
  const others = r.changedLines.filter((l) => !l.changes.includes("now-individual"));
  const lost = r.licences.filter((l) => l.lost > 0);
  const page = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`,
    `<title>${esc(sides[0])}</title><style>${CSS}</style></head><body>`,
    `<h1>${esc(sides[0])}</h1>`,
    ...sides.slice(1).map((s) => `<p class="sub">${esc(s.trim())}</p>`),
    o?.note ? `<p class="sub">${esc(o.note)}</p>` : "",
    cites ? `<p class="sub">Sources of the change:</p><ul class="sub">${cites}</ul>` : "",
    `<p class="sub">Input: ${esc(r.meta.input)}${r.meta.licences ? ` · licences held: ${r.meta.licences.count} (${esc(r.meta.licences.file)})` : ""}</p>`,
    `<div class="cards">`,
    `<div class="card">rows read<b>${fmtInt(t.rows)}</b></div>`,
    `<div class="card">decided<b>${fmtInt(t.decided)}</b></div>`,
    `<div class="card">changed lines<b>${fmtInt(t.changed)}</b></div>`,
    `<div class="card">changed value<b>${esc(money(t.changedValue, c))}</b>of ${esc(money(t.value, c))}</div>`,
    `<div class="card">now individual<b>${fmtInt(r.kinds.find((k) => k.kind === "now-individual")!.lines)}</b></div>`,
    `<div class="card">bad rows<b>${fmtInt(t.bad)}</b></div>`,
    `</div>`,
    `<h2>What the change means for the lines</h2>`,
    effectsTable(r),
    `<h2>Changes by effect, item and destination</h2>`,
    groupsTable(r, opts.groups ?? 200),
    `<h2>Affected value by month</h2>`,
    columnChart(months, "Value of changed lines by month", c),
    otherCurrencies.length
      ? `<p class="note">Charts show ${esc(c)} only; lines in ${esc(otherCurrencies.join(", "))} are counted in the tables, never converted.</p>`
      : "",
    `<h2>Before and after: value that needs an individual licence by month</h2>`,
    pairColumnChart(
      needBars(r.byMonth, c),
      "Value of lines that need an individual licence (or cannot go), by month",
      c,
    ),
    `<h2>Affected value by item</h2>`,
    barChart(items, "Value of changed lines by control number (top 15)", c),
    pairBarChart(
      needBars(r.byItem.filter((g) => g.changed > 0).slice(0, 15), c),
      "Value that needs an individual licence, by control number (top 15 changed)",
      c,
    ),
    `<h2>Changed lines by destination</h2>`,
    barChart(dests, "Changed lines by destination (top 15)", "lines"),
    pairBarChart(
      needBars(r.byDestination.filter((g) => g.changed > 0).slice(0, 15), c),
      "Value that needs an individual licence, by destination (top 15 changed)",
      c,
    ),
    `<h2>Licensing workload</h2>`,
    workloadSection(r),
    `<h2>Kinds of change</h2><table><tr><th>kind</th><th>lines</th><th>value</th></tr>${r.kinds.map((k) => `<tr><td>${esc(k.label)}</td><td class="n">${fmtInt(k.lines)}</td><td class="n">${esc(money(k.value, c))}</td></tr>`).join("")}</table>`,
    closed(
      `Changes of decision (${fmtInt(r.transitions.length)})`,
      r.transitions.length === 0
        ? `<p class="note">No line changed.</p>`
        : `<div class="scroll"><table><tr><th>lines</th><th>value</th><th>baseline ⇒ change</th></tr>${r.transitions
            .slice(0, 50)
            .map(
              (tr) =>
                `<tr><td class="n">${fmtInt(tr.lines)}</td><td class="n">${esc(money(tr.value, c))}</td><td><span class="v">${esc(tr.before)}</span><br><span class="v">⇒ ${esc(tr.after)}</span></td></tr>`,
            )
            .join("")}</table></div>`,
    ),
    `<h2>By destination</h2>`,
    groupTable(r.byDestination, c, 100, "Destination"),
    `<h2>By control number</h2>`,
    groupTable(r.byItem, c, 100, "Control number"),
    `<h2>By customer</h2>`,
    groupTable(r.byCustomer, c, 100, "Customer"),
    `<h2>Licences that stop covering lines</h2>`,
    r.meta.licences
      ? lost.length === 0
        ? `<p class="note">None of the ${r.meta.licences.count} licences held stops covering a line.</p>`
        : `<div class="scroll"><table><tr><th>licence</th><th>type</th><th>lines covered (baseline)</th><th>stops covering</th><th>value</th><th>e.g. lines</th></tr>${lost
            .map(
              (l) =>
                `<tr><td>${esc(l.number)}</td><td>${esc(l.type)}</td><td class="n">${fmtInt(l.covered)}${l.coveredUnverified ? ` <span class="note">(${fmtInt(l.coveredUnverified)} unverified)</span>` : ""}</td><td class="n">${fmtInt(l.lost)}</td><td class="n">${esc(money(l.lostValue, c))}</td><td>${esc(l.examples.slice(0, 10).join(", "))}</td></tr>`,
            )
            .join("")}</table></div>`
      : `<p class="note">No licences given (--licences).</p>`,
    closed(`Lines that now need an individual licence (${fmtInt(indiv.length)})`, linesTable(indiv, limit)),
    closed(`Other changed lines (${fmtInt(others.length)})`, linesTable(others, limit)),
    r.changedLinesDropped > 0
      ? `<p class="note">${fmtInt(r.changedLinesDropped)} more changed lines were counted but not kept in detail.</p>`
      : "",
    `<h2>Bad rows</h2>`,
    t.bad === 0
      ? `<p class="note">None: every row was decided.</p>`
      : `<p class="note">${fmtInt(t.bad)} rows were not decided; every other row was.</p><div class="scroll"><table><tr><th>line</th><th>problem</th></tr>${r.problems
          .map((p) => `<tr><td class="n">${p.line}</td><td>${esc(p.message)}</td></tr>`)
          .join(
            "",
          )}</table></div>${r.problems.length < t.bad ? `<p class="note">First ${fmtInt(r.problems.length)} shown.</p>` : ""}`,
    `<p class="note">Generated by tradectl impact. Decisions rest on the policy versions named above; caveats on unverified facts apply as in tradectl check.</p>`,
    `</body></html>`,
  ];
  return page.join("\n");
}
