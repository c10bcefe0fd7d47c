/**
 * The value limits the engine compares a line's value with: the small-value exemptions' limits and their
 * lower limits (and 0, the limit of an exemption that states none). `decide` reads a line's value only in
 * those comparisons (`value > limit`, `value <= limit`), so two lines alike in everything else whose values
 * have the same limits below them get the same decision — what lets a batch of lines (an impact run) decide
 * each such class once.
 */
import type { PolicyData } from "../policy/index.ts";

/** Every value limit of the packs' exemptions, sorted ascending, each once. */
export function valueLimits(...packs: PolicyData[]): number[] {
  const set = new Set<number>([0]);
  for (const data of packs)
    for (const x of data.exemptions ?? []) {
      if (x.limit !== undefined) set.add(x.limit);
      for (const ll of x.lowerLimits ?? []) set.add(ll.limit);
    }
  return [...set].sort((a, b) => a - b);
}

/** The class of `value` among `limits` (sorted): how many limits lie below it; -1 for no value. */
export function valueClass(limits: readonly number[], value: number | undefined): number {
  if (value === undefined) return -1;
  let lo = 0;
  let hi = limits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (limits[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
