/**
 * Whether a quantity has at most 6 decimal places, written without an exponent: what the ledger stores
 * (`numeric(24,6)`). Pure and without imports, so that the web form checks it the same way before sending.
 */
export function sixPlaces(x: number): boolean {
  const s = String(x);
  return !/e/i.test(s) && !/\.\d{7,}$/.test(s);
}
