/**
 * The report's charts as inline SVG strings, drawn here: vertical and horizontal bars, and pairs of bars
 * (baseline, change) side by side. Every text is escaped; the words besides the data can be given in the
 * reader's language. Pure: strings out (the HTML report and the web app's What-if page draw with them).
 */

export const esc = (s: unknown): string =>
  String(s ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");

/** A round step for an axis: 1, 2 or 5 times a power of ten, giving about `n` ticks up to `max`. */
function niceStep(max: number, n = 4): number {
  if (max <= 0) return 1;
  const raw = max / n;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

/** Short numbers for axis labels: 1.2k, 3.4M, 5.6G. */
function short(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e12) return `${+(n / 1e12).toFixed(1)}T`;
  if (a >= 1e9) return `${+(n / 1e9).toFixed(1)}G`;
  if (a >= 1e6) return `${+(n / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `${+(n / 1e3).toFixed(1)}k`;
  return String(Math.round(n));
}

interface Bar {
  label: string;
  value: number;
  tip: string;
}

/** One label with a baseline and a change value, drawn side by side. */
export interface PairBar {
  label: string;
  before: number;
  after: number;
  tip: string;
}

/** The words a pair chart shows besides its data (the UI passes them in the user's language). */
export interface PairWords {
  baseline: string;
  change: string;
  noData: string;
}
const ENGLISH: PairWords = { baseline: "baseline", change: "change", noData: "no data" };

const LEGEND = (x: number, y: number, w: PairWords) =>
  `<rect x="${x}" y="${y - 9}" width="10" height="10" class="b0"/><text x="${x + 14}" y="${y}" class="ax">${esc(w.baseline)}</text>` +
  `<rect x="${x + 100}" y="${y - 9}" width="10" height="10" class="b1"/><text x="${x + 114}" y="${y}" class="ax">${esc(w.change)}</text>`;

/** What a chart draws: bars of one or more series (each with its class), and its words. */
interface ChartSpec {
  bars: { label: string; values: number[]; tip: string }[];
  cls: string[];
  title: string;
  unit: string;
  noData: string;
  /** Drawn under the title, when given. */
  legend?: (x: number, y: number) => string;
}

const single = (bars: Bar[], title: string, unit: string): ChartSpec => ({
  bars: bars.map((b) => ({ label: b.label, values: [b.value], tip: b.tip })),
  cls: ["bar"],
  title,
  unit,
  noData: ENGLISH.noData,
});

const pair = (bars: PairBar[], title: string, unit: string, words: PairWords): ChartSpec => ({
  bars: bars.map((b) => ({ label: b.label, values: [b.before, b.after], tip: b.tip })),
  cls: ["b0", "b1"],
  title,
  unit,
  noData: words.noData,
  legend: (x, y) => LEGEND(x, y, words),
});

/**
 * Vertical bars: per label, one bar per series side by side (class `cls[k]`), with a value axis; `legend` is
 * drawn under the title.
 */
function columns({ bars, cls, title, unit, noData, legend }: ChartSpec): string {
  const W = 860;
  const H = 300;
  const left = 70;
  const bottom = 60;
  const top = legend ? 50 : 30;
  const plotW = W - left - 20;
  const plotH = H - top - bottom;
  const max = Math.max(0, ...bars.flatMap((b) => b.values));
  const step = niceStep(max);
  const ceil = Math.max(step, Math.ceil(max / step) * step);
  const bw = bars.length > 0 ? plotW / bars.length : plotW;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(title)}">`,
    `<title>${esc(title)}</title>`,
    `<text x="${left}" y="18" class="ct">${esc(title)} (${esc(unit)})</text>`,
    legend ? legend(left, 36) : "",
  ];
  for (let v = 0; v <= ceil + 1e-9; v += step) {
    const y = top + plotH - (v / ceil) * plotH;
    parts.push(
      `<line x1="${left}" x2="${W - 20}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" class="grid"/>`,
      `<text x="${left - 6}" y="${(y + 4).toFixed(1)}" class="ax" text-anchor="end">${short(v)}</text>`,
    );
  }
  const every = Math.max(1, Math.ceil(bars.length / 24));
  const w = (bw * 0.7) / cls.length;
  bars.forEach((b, i) => {
    const x = left + i * bw + bw * 0.15;
    b.values.forEach((v, k) => {
      const h = ceil > 0 ? (v / ceil) * plotH : 0;
      parts.push(
        `<rect x="${(x + k * w).toFixed(1)}" y="${(top + plotH - h).toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" class="${cls[k]}"><title>${esc(b.tip)}</title></rect>`,
      );
    });
    if (i % every === 0)
      parts.push(
        `<text x="${(x + bw * 0.35).toFixed(1)}" y="${top + plotH + 14}" class="ax" text-anchor="end" transform="rotate(-40 ${(x + bw * 0.35).toFixed(1)} ${top + plotH + 14})">${esc(b.label)}</text>`,
      );
  });
  if (bars.length === 0)
    parts.push(
      `<text x="${left + plotW / 2}" y="${top + plotH / 2}" text-anchor="middle" class="ax">${esc(noData)}</text>`,
    );
  parts.push(
    `<line x1="${left}" x2="${W - 20}" y1="${top + plotH}" y2="${top + plotH}" class="axis"/>`,
    "</svg>",
  );
  return parts.join("");
}

/** Vertical bars (one per label, in order), with a value axis. */
export function columnChart(bars: Bar[], title: string, unit: string): string {
  return columns(single(bars, title, unit));
}

/** Vertical pairs of bars (baseline, change) per label, in order, with a value axis and a legend. */
export function pairColumnChart(bars: PairBar[], title: string, unit: string, words = ENGLISH): string {
  return columns(pair(bars, title, unit, words));
}

/** Horizontal bars: per label, one bar per series (class `cls[k]`), in the order given; `legend` under the title. */
function rows({ bars, cls, title, unit, noData, legend }: ChartSpec): string {
  const W = 860;
  const bh = cls.length === 1 ? 16 : 11;
  const row = cls.length * (bh + 1) + 7;
  const left = 230;
  const top = legend ? 50 : 30;
  const plotW = W - left - 110;
  const H = top + Math.max(1, bars.length) * row + 10;
  const max = Math.max(0, ...bars.flatMap((b) => b.values));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(title)}">`,
    `<title>${esc(title)}</title>`,
    `<text x="10" y="18" class="ct">${esc(title)} (${esc(unit)})</text>`,
    legend ? legend(10, 36) : "",
  ];
  bars.forEach((b, i) => {
    const y = top + i * row;
    const label = b.label.length > 34 ? `${b.label.slice(0, 33)}…` : b.label;
    parts.push(
      `<text x="${left - 8}" y="${(y + row / 2 + 4).toFixed(1)}" class="ax" text-anchor="end">${esc(label)}</text>`,
    );
    b.values.forEach((v, k) => {
      const w = max > 0 ? (v / max) * plotW : 0;
      const by = y + 3 + k * (bh + 1);
      parts.push(
        `<rect x="${left}" y="${by}" width="${w.toFixed(1)}" height="${bh}" class="${cls[k]}"><title>${esc(b.tip)}</title></rect>`,
        `<text x="${(left + w + 6).toFixed(1)}" y="${by + bh - 2}" class="ax">${short(v)}</text>`,
      );
    });
  });
  if (bars.length === 0) parts.push(`<text x="${left}" y="${top + 15}" class="ax">${esc(noData)}</text>`);
  parts.push("</svg>");
  return parts.join("");
}

/** Horizontal pairs of bars (baseline, change) per label, in the order given. */
export function pairBarChart(bars: PairBar[], title: string, unit: string, words = ENGLISH): string {
  return rows(pair(bars, title, unit, words));
}

/** Horizontal bars, in the order given (largest first, as the callers sort them). */
export function barChart(bars: Bar[], title: string, unit: string): string {
  return rows(single(bars, title, unit));
}
