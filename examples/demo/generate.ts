/**
 * Generates the demo data: a year (2019) of synthetic Japanese exports to Korea, one CSV row per shipment line,
 * deterministic (seeded PRNG; same seed, same file). The customers are fictional and the volumes, values and
 * item mix are invented to look plausible, not taken from any trade statistics. See README.md beside it.
 *
 *   npx tsx examples/demo/generate.ts            # writes examples/demo/jp-kr-2019-shipments.csv
 *   npx tsx examples/demo/generate.ts --seed 7 --out /tmp/other.csv
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Item {
  controlNumber: string;
  hsCode: string;
  description: string;
  unit: string;
  /** Value range per line (JPY), drawn log-uniformly. */
  min: number;
  max: number;
  /** Price per unit (JPY), to derive a quantity. */
  unitPrice: number;
  weight: number;
  /** Which customers buy it (indices into CUSTOMERS). */
  buyers: number[];
}

/** Fictional Korean customers (any likeness to a real company is not intended). */
export const CUSTOMERS = [
  "Hanul Semicon Co.",
  "Saebit Display Ltd.",
  "Mirae Materials Inc.",
  "Dasan Electronics",
  "Gaon Precision Machinery",
  "Nuri Battery Systems",
  "Areum Optics",
  "Bomi Fine Chemical",
  "Chorok Auto Parts",
  "Sol Medical Devices",
] as const;

// The three items of the 2019 measure (rows 3(1), 5(17), 7(19)), other listed items, and unlisted goods.
const ITEMS: Item[] = [
  {
    controlNumber: "1C350",
    hsCode: "281111",
    description: "high-purity hydrogen fluoride (etching gas)",
    unit: "kg",
    min: 400_000,
    max: 30_000_000,
    unitPrice: 2_500,
    weight: 9,
    buyers: [0, 1, 7],
  },
  {
    controlNumber: "1C009.b",
    hsCode: "390890",
    description: "fluorinated polyimide film",
    unit: "kg",
    min: 300_000,
    max: 12_000_000,
    unitPrice: 40_000,
    weight: 5,
    buyers: [1, 2],
  },
  {
    controlNumber: "3C002.a.1",
    hsCode: "370790",
    description: "EUV photoresist",
    unit: "l",
    min: 500_000,
    max: 40_000_000,
    unitPrice: 300_000,
    weight: 4,
    buyers: [0, 3],
  },
  {
    controlNumber: "3C002",
    hsCode: "370790",
    description: "ArF photoresist",
    unit: "l",
    min: 300_000,
    max: 20_000_000,
    unitPrice: 150_000,
    weight: 5,
    buyers: [0, 3, 1],
  },
  {
    controlNumber: "3A001",
    hsCode: "854231",
    description: "radiation-hardened integrated circuits",
    unit: "pcs",
    min: 80_000,
    max: 6_000_000,
    unitPrice: 20_000,
    weight: 6,
    buyers: [3, 8, 9],
  },
  {
    controlNumber: "2B001",
    hsCode: "845710",
    description: "5-axis machining centre",
    unit: "pcs",
    min: 15_000_000,
    max: 120_000_000,
    unitPrice: 40_000_000,
    weight: 3,
    buyers: [4, 8],
  },
  {
    controlNumber: "1C010",
    hsCode: "681510",
    description: "carbon fibre prepreg",
    unit: "kg",
    min: 200_000,
    max: 15_000_000,
    unitPrice: 12_000,
    weight: 3,
    buyers: [4, 5, 8],
  },
  {
    controlNumber: "6A003",
    hsCode: "852580",
    description: "high-speed camera",
    unit: "pcs",
    min: 300_000,
    max: 8_000_000,
    unitPrice: 2_000_000,
    weight: 2,
    buyers: [6, 9],
  },
  {
    controlNumber: "3B001",
    hsCode: "848620",
    description: "wafer processing equipment part",
    unit: "pcs",
    min: 1_000_000,
    max: 80_000_000,
    unitPrice: 5_000_000,
    weight: 3,
    buyers: [0, 3],
  },
  // Unlisted goods (catch-all scope by HS chapter; food and some others outside it).
  {
    controlNumber: "",
    hsCode: "841370",
    description: "chemical pump",
    unit: "pcs",
    min: 200_000,
    max: 5_000_000,
    unitPrice: 400_000,
    weight: 8,
    buyers: [0, 1, 2, 7],
  },
  {
    controlNumber: "",
    hsCode: "848180",
    description: "ultra-clean valve",
    unit: "pcs",
    min: 50_000,
    max: 3_000_000,
    unitPrice: 60_000,
    weight: 8,
    buyers: [0, 1, 3],
  },
  {
    controlNumber: "",
    hsCode: "381800",
    description: "silicon wafers (doped)",
    unit: "pcs",
    min: 500_000,
    max: 25_000_000,
    unitPrice: 15_000,
    weight: 7,
    buyers: [0, 3],
  },
  {
    controlNumber: "",
    hsCode: "382499",
    description: "specialty process chemical",
    unit: "kg",
    min: 100_000,
    max: 6_000_000,
    unitPrice: 8_000,
    weight: 6,
    buyers: [2, 5, 7],
  },
  {
    controlNumber: "",
    hsCode: "850760",
    description: "lithium-ion cell components",
    unit: "kg",
    min: 300_000,
    max: 10_000_000,
    unitPrice: 5_000,
    weight: 5,
    buyers: [5, 8],
  },
  {
    controlNumber: "",
    hsCode: "900110",
    description: "optical fibre bundles",
    unit: "m",
    min: 80_000,
    max: 2_000_000,
    unitPrice: 2_000,
    weight: 4,
    buyers: [6, 9],
  },
  {
    controlNumber: "",
    hsCode: "870829",
    description: "automotive body parts",
    unit: "pcs",
    min: 200_000,
    max: 8_000_000,
    unitPrice: 30_000,
    weight: 6,
    buyers: [8],
  },
  {
    controlNumber: "",
    hsCode: "220600",
    description: "sake (trade samples)",
    unit: "l",
    min: 30_000,
    max: 600_000,
    unitPrice: 3_000,
    weight: 2,
    buyers: [9, 5],
  },
];

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** Business days of `year` (Monday–Friday, without the New Year holidays 12-30 to 01-03), as YYYY-MM-DD. */
function businessDays(year: number): string[] {
  const out: string[] = [];
  for (let m = 1; m <= 12; m++) {
    const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
    for (let d = 1; d <= days; d++) {
      const wd = new Date(Date.UTC(year, m - 1, d)).getUTCDay();
      const holiday = (m === 1 && d <= 3) || (m === 12 && d >= 30);
      if (wd !== 0 && wd !== 6 && !holiday) out.push(`${year}-${pad(m)}-${pad(d)}`);
    }
  }
  return out;
}

export const COLUMNS = [
  "id",
  "date",
  "destination",
  "customer",
  "controlNumber",
  "hsCode",
  "value",
  "currency",
  "quantity",
  "unit",
  "description",
  "informed",
] as const;

/** The demo rows: about 12 lines per business day of 2019, all to KR, values in JPY. */
export function generateDemo(seed = 20190704): string[][] {
  const rnd = mulberry32(seed);
  const total = ITEMS.reduce((s, i) => s + i.weight, 0);
  const pick = () => {
    let r = rnd() * total;
    for (const it of ITEMS) if ((r -= it.weight) < 0) return it;
    return ITEMS[ITEMS.length - 1]!;
  };
  const rows: string[][] = [];
  let n = 0;
  for (const date of businessDays(2019)) {
    const count = 8 + Math.floor(rnd() * 9); // 8–16 lines a day
    for (let k = 0; k < count; k++) {
      const it = pick();
      const customer = CUSTOMERS[it.buyers[Math.floor(rnd() * it.buyers.length)]!]!;
      const value =
        Math.round(Math.exp(Math.log(it.min) + rnd() * (Math.log(it.max) - Math.log(it.min))) / 1000) * 1000;
      const quantity = Math.max(1, Math.round(value / it.unitPrice));
      // A few unlisted lines carry a METI inform notice (WMD): synthetic, to show the catch-all outside Group A.
      const informed = it.controlNumber === "" && it.hsCode !== "220600" && rnd() < 0.006 ? "wmd" : "";
      n++;
      rows.push([
        `JP19-${pad(n, 5)}`,
        date,
        "KR",
        customer,
        it.controlNumber,
        it.hsCode,
        String(value),
        "JPY",
        String(quantity),
        it.unit,
        it.description,
        informed,
      ]);
    }
  }
  return rows;
}

export function toCsv(rows: string[][]): string {
  const field = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return `${[COLUMNS.join(","), ...rows.map((r) => r.map(field).join(","))].join("\n")}\n`;
}

const invoked =
  process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invoked) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i < 0 ? undefined : process.argv[i + 1];
  };
  const seed = Number(arg("seed") ?? 20190704);
  const out = arg("out") ?? fileURLToPath(new URL("./jp-kr-2019-shipments.csv", import.meta.url));
  const rows = generateDemo(seed);
  writeFileSync(out, toCsv(rows));
  console.log(`wrote ${rows.length} lines to ${out} (seed ${seed})`);
}
