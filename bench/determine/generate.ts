/**
 * Deterministic generator of benchmark input: Japanese-regime shipments of 1–5 item lines with a seeded
 * pseudo-random (mulberry32) mix of dates, destinations, control numbers, HS codes, JPY values and end-use
 * facts. Same seed, same lines, on every machine.
 */
import { dayAfter } from "../../src/policy/index.ts";
import type { EndUse, ItemLine, Shipment } from "../../src/determine/types.ts";

/** mulberry32: a small, fast 32-bit seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Weighted<T> = readonly (readonly [T, number])[];

function picker<T>(table: Weighted<T>): (r: number) => T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  const cum: number[] = [];
  let acc = 0;
  for (const [, w] of table) cum.push((acc += w / total));
  return (r) => {
    for (let i = 0; i < cum.length; i++) if (r < cum[i]!) return table[i]![0];
    return table[table.length - 1]![0];
  };
}

export const FIRST_DATE = "2017-03-01";
export const LAST_DATE = "2026-11-01";

/** Every calendar day from FIRST_DATE to LAST_DATE inclusive. */
function allDays(): string[] {
  const days: string[] = [];
  for (let d = FIRST_DATE; d <= LAST_DATE; d = dayAfter(d)) days.push(d);
  return days;
}

// Destinations: Group A members (US, DE, KR in part), general destinations, UN arms-embargoed and
// Appended Table 3-2 countries, and the embargoed KP. KR is weighted up: its group changed twice.
const destinations: Weighted<string> = [
  ["KR", 20],
  ["US", 12],
  ["DE", 8],
  ["CN", 14],
  ["TH", 8],
  ["ZA", 5],
  ["EE", 4],
  ["IR", 6],
  ["IQ", 3],
  ["SD", 4],
  ["AF", 3],
  ["KP", 3],
  ["TW", 5],
  ["IN", 5],
];

// Control numbers as exporters type them: WA/EU numbers, Japanese rows, and (most often) none.
const controlNumbers: Weighted<string | null> = [
  [null, 50],
  ["1C350", 5],
  ["3C002.a.1", 4],
  ["1C009.b", 4],
  ["3A001", 5],
  ["2B001", 5],
  ["6A003", 4],
  ["3(1)", 3],
  ["5(17)", 3],
  ["7(19)", 3],
  ["15", 3],
  ["2(12)", 3],
  ["8(1)", 2],
  ["13", 2],
  ["1", 2],
];

// HS codes: inside the catch-all's chapters (28, 39, 84, 85, 87, 90) and outside it (22, 61, 03).
const hsCodes: Weighted<string | undefined> = [
  ["847950", 14],
  ["281111", 10],
  ["870899", 10],
  ["902780", 10],
  ["854231", 8],
  ["392099", 8],
  ["848180", 6],
  ["220300", 8],
  ["610910", 6],
  ["030617", 4],
  [undefined, 2],
];

const knowledge: Weighted<EndUse["wmd"]> = [
  ["none", 94],
  ["suspected", 4],
  ["known", 2],
];

/** The lines of a generated run, grouped into shipments, with the total line count. */
export interface Generated {
  shipments: Shipment[];
  lines: number;
}

/** Generate exactly `lines` item lines in shipments of 1–5 lines, from `seed`. */
export function generate(lines: number, seed = 20250701): Generated {
  const rnd = mulberry32(seed);
  const days = allDays();
  const dest = picker(destinations);
  const cn = picker(controlNumbers);
  const hs = picker(hsCodes);
  const know = picker(knowledge);
  const shipments: Shipment[] = [];
  let made = 0;
  while (made < lines) {
    const count = Math.min(1 + Math.floor(rnd() * 5), lines - made);
    const r = rnd();
    const informed: EndUse["informed"] = r < 0.01 ? ["wmd"] : r < 0.02 ? ["conventional"] : [];
    const endUse: EndUse = {
      wmd: know(rnd()),
      military: know(rnd()),
      informed,
      endUserListed: rnd() < 0.015,
      redFlags: [],
    };
    const items: ItemLine[] = [];
    for (let i = 0; i < count; i++) {
      const line: ItemLine = { id: `L${made + i}`, controlNumber: cn(rnd()), currency: "JPY" };
      const h = hs(rnd());
      if (h !== undefined) line.hsCode = h;
      // Values log-uniform from ¥1,000 to ¥100,000,000; 2% of lines state no value.
      if (rnd() >= 0.02) line.value = Math.round(10 ** (3 + rnd() * 5));
      items.push(line);
    }
    shipments.push({
      regime: "JP",
      date: days[Math.floor(rnd() * days.length)]!,
      destination: dest(rnd()),
      endUse,
      items,
    });
    made += count;
  }
  return { shipments, lines: made };
}
