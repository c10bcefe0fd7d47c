/**
 * OFAC consolidated (non-SDN) list in the legacy CSV set (`cons_prim.csv` with `cons_add.csv`, `cons_alt.csv`,
 * `cons_comments.csv`), format and list id `ofac-cons`. Same layout as the SDN set: see `ofac-legacy.ts`.
 */
import type { ImportResult } from "../entity.ts";
import type { ParseOptions, Source } from "./common.ts";
import { parseOfacLegacy, type OfacFiles } from "./ofac-legacy.ts";

export type { OfacFiles } from "./ofac-legacy.ts";

/** Parse the consolidated non-SDN set: the primary file alone, or with its companions. */
export function parse(input: Source | OfacFiles, options: ParseOptions = {}): Promise<ImportResult> {
  return parseOfacLegacy("ofac-cons", input, options);
}
