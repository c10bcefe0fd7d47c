/**
 * Quantities as users type them ("193nm", "30 wt%", "0,01 µC/mm²", "290 °C") and as the control lists state
 * them: parsing, units grouped by dimension, conversion to a base unit. A bare "%" is its own dimension: it is
 * never silently read as "% by weight" (a mass fraction), "% by volume" or a purity.
 */

export interface Unit {
  /** The unit as written in the tables below (canonical spelling). */
  symbol: string;
  dimension: string;
  /** value in base unit = value × factor + offset */
  factor: number;
  offset?: number;
}

export interface Quantity {
  value: number;
  /** The unit as recognised (canonical symbol), or "" for a plain number. */
  unit: string;
  dimension: string;
  /** The value in the dimension's base unit. */
  base: number;
  /** What the user wrote. */
  text: string;
}

const table: [string[], string, number, number?][] = [
  [["m", "metre", "meter"], "length", 1],
  [["km"], "length", 1e3],
  [["cm"], "length", 1e-2],
  [["mm"], "length", 1e-3],
  [["µm", "μm", "um", "micron", "micrometre", "micrometer"], "length", 1e-6],
  [["nm", "nanometre", "nanometer"], "length", 1e-9],
  [["pm"], "length", 1e-12],
  [["Å", "angstrom"], "length", 1e-10],
  [
    [
      "wt%",
      "wt.%",
      "mass%",
      "weight%",
      "%w/w",
      "w/w%",
      "%byweight",
      "percentbyweight",
      "重量%",
      "質量%",
      "중량%",
    ],
    "mass-fraction",
    1,
  ],
  [["ppmw", "ppmwt"], "mass-fraction", 1e-4],
  [["vol%", "v/v%", "%v/v", "%byvolume"], "volume-fraction", 1],
  [["mol%", "at%", "mole%"], "mole-fraction", 1],
  [["%", "percent", "pct"], "percent", 1],
  [["C/m²", "C/m2"], "charge-per-area", 1],
  [
    [
      "µC/mm²",
      "μC/mm²",
      "µC/mm2",
      "μC/mm2",
      "uC/mm2",
      "uC/mm²",
      "µcoulomb/mm²",
      "μcoulomb/mm²",
      "µcoulomb/mm2",
    ],
    "charge-per-area",
    1,
  ],
  [["µC/cm²", "μC/cm²", "µC/cm2", "μC/cm2", "uC/cm2", "uC/cm²"], "charge-per-area", 1e-2],
  [["mC/cm²", "mC/cm2"], "charge-per-area", 10],
  [["nC/mm²", "nC/mm2"], "charge-per-area", 1e-3],
  [["ohm·m", "ohm-m", "Ω·m", "Ωm", "ohmm"], "resistivity", 1],
  [["ohm·cm", "ohm-cm", "ohmcm", "Ω·cm", "Ωcm", "Ω-cm"], "resistivity", 1e-2],
  [["K", "kelvin"], "temperature", 1, 0],
  [["°C", "℃", "degC", "C°", "celsius"], "temperature", 1, 273.15],
  [["Hz"], "frequency", 1],
  [["kHz"], "frequency", 1e3],
  [["MHz"], "frequency", 1e6],
  [["GHz"], "frequency", 1e9],
  [["THz"], "frequency", 1e12],
  [["V"], "voltage", 1],
  [["mV"], "voltage", 1e-3],
  [["kV"], "voltage", 1e3],
  [["A"], "current", 1],
  [["mA"], "current", 1e-3],
  [["kA"], "current", 1e3],
  [["W"], "power", 1],
  [["mW"], "power", 1e-3],
  [["kW"], "power", 1e3],
  [["MW"], "power", 1e6],
  [["Wh/kg"], "specific-energy", 1],
  [["Gy(Si)", "Gy", "gray"], "dose", 1],
  [["rad(Si)", "rad"], "dose", 1e-2],
  [["Gy(Si)/s", "Gy/s"], "dose-rate", 1],
  [["n/cm²", "n/cm2"], "fluence", 1],
  [["m³", "m3"], "volume", 1],
  [["l", "L", "litre", "liter", "litres", "liters"], "volume", 1e-3],
  [["ml", "mL"], "volume", 1e-6],
  [["m²", "m2"], "area", 1],
  [["cm²", "cm2"], "area", 1e-4],
  [["mg/m³", "mg/m3"], "mass-concentration", 1],
  [["m³/h", "m3/h"], "flow", 1],
  [["s", "sec"], "time", 1],
  [["ms"], "time", 1e-3],
  [["µs", "μs", "us"], "time", 1e-6],
  [["ns"], "time", 1e-9],
  [["kg"], "mass", 1],
  [["g"], "mass", 1e-3],
  [["t", "tonne"], "mass", 1e3],
  [["-"], "none", 1],
];

const bySymbol = new Map<string, Unit>();
const byLower = new Map<string, Unit | null>();
for (const [symbols, dimension, factor, offset] of table) {
  const unit: Unit = { symbol: symbols[0]!, dimension, factor, ...(offset !== undefined ? { offset } : {}) };
  for (const s of symbols) {
    const k = compact(s);
    bySymbol.set(k, unit);
    const low = k.toLowerCase();
    // A lower-case spelling is accepted only when it names a single unit (mm ≠ Mm, but "ghz" is GHz).
    const prev = byLower.get(low);
    byLower.set(low, prev === undefined || prev?.symbol === unit.symbol ? unit : null);
  }
}

function compact(s: string): string {
  return s.normalize("NFKC").replace(/\s+/g, "").replace(/μ/g, "µ");
}

/** The unit a symbol names, or undefined. */
export function unitOf(symbol: string): Unit | undefined {
  const k = compact(symbol);
  return bySymbol.get(k) ?? byLower.get(k.toLowerCase()) ?? undefined;
}

/** Reads "1 000", "0,254", "1,000", "5e-3" as numbers. */
export function parseNumber(raw: string): number | null {
  let s = raw
    .normalize("NFKC")
    .trim()
    .replace(/[\s\u00a0]/g, "");
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) && !/^[-+]?0,/.test(s)) s = s.replace(/,/g, "");
  else s = s.replace(",", ".");
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

const QUANTITY = /^\s*([-+]?(?:\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:[.,]\d+)?(?:[eE][-+]?\d+)?)\s*(.*?)\s*$/u;

/** Parses "193nm", "30 wt%", "10 %", "0,01 µC/mm²", "290 °C"; null when it is not a number with a known unit. */
export function parseQuantity(text: string): Quantity | null {
  const m = QUANTITY.exec(text.normalize("NFKC"));
  if (!m) return null;
  const value = parseNumber(m[1]!);
  if (value === null) return null;
  const rawUnit = m[2]!.replace(/^by\s+weight$/i, "wt%");
  if (rawUnit === "") return { value, unit: "", dimension: "number", base: value, text };
  const unit = unitOf(rawUnit) ?? unitOf(rawUnit.replace(/\s*by\s*weight$/i, "wt%"));
  if (!unit) return null;
  return {
    value,
    unit: unit.symbol,
    dimension: unit.dimension,
    base: value * unit.factor + (unit.offset ?? 0),
    text,
  };
}

/** A value stated in `unit` (a table's unit string), converted to the dimension's base unit. */
export function toBase(value: number, unit: string): { base: number; dimension: string } | null {
  const u = unitOf(unit);
  if (!u) return null;
  return { base: value * u.factor + (u.offset ?? 0), dimension: u.dimension };
}

/** Formats a number for messages without floating-point noise (0.01, 245, 5e13). */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e9) return String(n);
  const s = Number(n.toPrecision(6)).toString();
  return s;
}
