/**
 * OFAC SDN list in the legacy CSV set (`sdn.csv` with `add.csv`, `alt.csv`, `sdn_comments.csv`), format and
 * list id `sdn`. The parsing is shared with the consolidated non-SDN set: see `ofac-legacy.ts`.
 */
import type { ImportResult } from "../entity.ts";
import type { ParseOptions, Source } from "./common.ts";
import { parseOfacLegacy, type OfacFiles } from "./ofac-legacy.ts";

export type { OfacFiles } from "./ofac-legacy.ts";

/** Parse the SDN set: the primary file alone, or with its companions. */
export function parse(input: Source | OfacFiles, options: ParseOptions = {}): Promise<ImportResult> {
  return parseOfacLegacy("sdn", input, options);
}
