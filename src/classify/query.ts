/**
 * Reading what a user typed: free text with quantities ("photoresist 193 nm"), CAS numbers (checked by their
 * check digit), HS codes ("2811.11"), control numbers ("3C002.a.1", "7(19)") and `name=value` parameters.
 */
import type { ItemParameter } from "./check.ts";
import { parseQuantity, type Quantity } from "./units.ts";

/** True when a CAS registry number's check digit is right (7664-39-3). */
export function isValidCas(cas: string): boolean {
  const m = /^(\d{2,7})-(\d{2})-(\d)$/.exec(cas.trim());
  if (!m) return false;
  const digits = (m[1]! + m[2]!).split("").reverse();
  const sum = digits.reduce((acc, d, i) => acc + Number(d) * (i + 1), 0);
  return sum % 10 === Number(m[3]);
}

/** "2811.11", "2811 11", "HS 281111" → "281111"; null when it is not 4 to 10 digits. */
export function normaliseHs(raw: string): string | null {
  const s = raw
    .normalize("NFKC")
    .replace(/^\s*hs\s*/i, "")
    .replace(/[.\s-]/g, "");
  return /^\d{4,10}$/.test(s) ? s : null;
}

const WA = /\b([0-9][a-eA-E][0-9]{3}(?:\.[a-zA-Z0-9]+)*)\b/g;
const ROW = /(?<![\w.])(\d{1,2}(?:の\d)?\(\d{1,2}(?:の\d)?\))/g;
const CAS = /\b(\d{2,7}-\d{2}-\d)\b/g;
const QTY =
  /([-+]?\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?)\s*(wt\.?%|vol%|mol%|%|[A-Za-zµμ°Ω℃Å][A-Za-z0-9µμ°Ω℃Å/·²³()-]*)/g;

/** Normalises a control number as typed: `3c002.A.1` → `3C002.a.1`. */
export function normaliseNumber(raw: string): string {
  const s = raw.trim().normalize("NFKC");
  const m = /^([0-9])([a-eA-E])([0-9]{3})(.*)$/.exec(s);
  return m ? `${m[1]}${m[2]!.toUpperCase()}${m[3]}${m[4]!.toLowerCase()}` : s;
}

export interface ParsedText {
  /** The text with CAS numbers, HS codes and control numbers taken out (what is left to match as words). */
  words: string;
  cas: string[];
  invalidCas: string[];
  numbers: string[];
  rows: string[];
  hs: string[];
  quantities: Quantity[];
}

/** Splits free text into the kinds of query it holds. */
export function parseText(text: string): ParsedText {
  let rest = text.normalize("NFKC");
  const cas: string[] = [];
  const invalidCas: string[] = [];
  for (const m of rest.matchAll(CAS)) (isValidCas(m[1]!) ? cas : invalidCas).push(m[1]!);
  rest = rest.replace(CAS, " ");
  const hs: string[] = [];
  const whole = normaliseHs(rest);
  if (whole) {
    hs.push(whole);
    rest = "";
  } else {
    rest = rest.replace(/\bhs\s*(\d{4}(?:[.\s]?\d{2}){0,3})\b/gi, (_, code: string) => {
      const n = normaliseHs(code);
      if (n) hs.push(n);
      return " ";
    });
  }
  const numbers: string[] = [];
  for (const m of rest.matchAll(WA)) numbers.push(normaliseNumber(m[1]!));
  rest = rest.replace(WA, " ");
  const rows: string[] = [];
  for (const m of rest.matchAll(ROW)) rows.push(m[1]!);
  rest = rest.replace(ROW, " ");
  const quantities: Quantity[] = [];
  rest = rest.replace(QTY, (whole: string, num: string, unit: string) => {
    const q = parseQuantity(`${num} ${unit}`);
    if (!q) return whole;
    quantities.push(q);
    return " ";
  });
  return { words: rest.replace(/\s+/g, " ").trim(), cas, invalidCas, numbers, rows, hs, quantities };
}

/** Reads `name=value` ("wavelength=193nm", "HF content = 40 wt%"). */
export function parseParam(raw: string): ItemParameter | null {
  const i = raw.search(/[=:]/);
  if (i <= 0) return null;
  const name = raw.slice(0, i).trim();
  const value = raw.slice(i + 1).trim();
  if (!name || !value) return null;
  return { name, value };
}
