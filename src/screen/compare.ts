/**
 * Compare two names directly (no index): every variant of one against every variant of the other, best
 * comparison kept. Token weights are the role defaults, since no list tells how rare a token is.
 */
import { prepareName, type PreparedName } from "./name.ts";
import { compareVariants, DEFAULT_PARAMS, type NameComparison, type ScoreParams } from "./score.ts";
import type { Transliterator } from "./transliterate.ts";

export function comparePrepared(
  a: PreparedName,
  b: PreparedName,
  params: ScoreParams = DEFAULT_PARAMS,
): NameComparison | undefined {
  let best: NameComparison | undefined;
  for (const va of a.variants)
    for (const vb of b.variants) {
      const c = compareVariants(va, vb, params);
      if (!best || c.score > best.score) best = c;
    }
  return best;
}

/** Score of name `a` (the query) against name `b` (the listed name), 0 when either has nothing to compare. */
export function compareNames(
  a: string,
  b: string,
  tr: Transliterator,
  params: ScoreParams = DEFAULT_PARAMS,
): NameComparison | undefined {
  return comparePrepared(prepareName(a, tr), prepareName(b, tr), params);
}
