/**
 * Control-list classification (pure): search the loaded policies' control lists by text (English, Korean,
 * Japanese), CAS number, HS code, control number or parameter, and check an item's parameters against an
 * entry's thresholds. Reads only the `Policy` objects it is given.
 */
export {
  buildClassifyIndex,
  searchControlList,
  entryOf,
  entryForHit,
  type ClassifyIndex,
  type SearchQuery,
  type SearchOptions,
  type SearchHit,
  type HitEntry,
  type HitSource,
  type RegimeNumbering,
} from "./search.ts";
export {
  checkParameters,
  type CheckOptions,
  type CheckOutcome,
  type CheckResult,
  type ItemParameter,
} from "./check.ts";
export { parseParam, parseText, isValidCas, normaliseHs, normaliseNumber } from "./query.ts";
export { parseQuantity, type Quantity } from "./units.ts";
export { numberingIn, explainNumber, type Numbering } from "./catalog.ts";
