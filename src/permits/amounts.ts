/**
 * Exact amounts for the usage ledger. Quantities may be decimal (12.5 kg) with up to 6 decimal places and are
 * stored as `numeric(24,6)`; values are whole currency units stored as `bigint`. Sums and balances are computed
 * in integers (BigInt micro-units for quantities), so no total can overflow or drift. Pure.
 */
import { z } from "zod";
import { sixPlaces } from "./six-places.ts";

/** The largest quantity of one line or drawdown (with up to 6 decimal places). */
export const MAX_QUANTITY = 1e12;
/** The largest value of one line or drawdown: the largest integer a JSON number carries exactly. */
export const MAX_VALUE = Number.MAX_SAFE_INTEGER;

const SCALE = 1_000_000n;

export const quantity = z
  .number()
  .positive()
  .max(MAX_QUANTITY)
  .refine(sixPlaces, { message: "at most 6 decimal places" });
export const quantityLimit = quantity.nullable();
export const amount = z.number().int().nonnegative().max(MAX_VALUE);
export const amountLimit = z.number().int().positive().max(MAX_VALUE).nullable();

/** A decimal (number or numeric text such as "12.500000" or "-3") in micro-units. */
export function toMicro(x: number | string | bigint): bigint {
  if (typeof x === "bigint") return x * SCALE;
  const s = typeof x === "number" ? String(x) : x.trim();
  const m = /^(-?)(\d+)(?:\.(\d{0,6})\d*)?$/.exec(s);
  if (!m) throw new Error(`not a decimal: ${s}`);
  const micro = BigInt(m[2]!) * SCALE + BigInt((m[3] ?? "").padEnd(6, "0"));
  return m[1] ? -micro : micro;
}

/** Micro-units as a JSON number (exact for the limits above) and as numeric text for the database. */
export const microToNumber = (m: bigint): number => Number(m) / 1e6;
export function microToText(m: bigint): string {
  const neg = m < 0n;
  const a = neg ? -m : m;
  const frac = (a % SCALE).toString().padStart(6, "0");
  return `${neg ? "-" : ""}${a / SCALE}.${frac}`;
}
