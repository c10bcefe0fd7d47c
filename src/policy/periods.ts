/**
 * Rules in the shape of the law: a rule that changes over time is one id with dated `periods` (each period
 * restating only what changed, with its own evidence and citations), and precedence is written as labelled
 * exceptions (`overrides: <rule id>`) instead of bare priorities. This module expands periods into the one-
 * period rules the engine reads and ranks rules by their exceptions; conflicts are reported, never guessed.
 */
import { periodsOverlap } from "./dates.ts";
import type { Dated } from "./schema.ts";

type Raw = Record<string, unknown> & { id: string; periods?: Record<string, unknown>[] | undefined };

/**
 * One rule per period: the rule's own fields, then the period's (its dates, evidence, citations and the values
 * it restates). A rule without `periods` is one period. `overrides` becomes a list; `priority` is set by
 * `rankByOverrides`. `at(copy, j)` is told where each copy came from (`j` = period index, or undefined).
 */
export function expandPeriods<T>(raw: Raw, at?: (copy: T, period: number | undefined) => void): T[] {
  const { periods, overrides, ...rest } = raw;
  const ov = overrides === undefined ? undefined : Array.isArray(overrides) ? overrides : [overrides];
  const base: Record<string, unknown> = { ...rest, priority: 0 };
  if (ov !== undefined) base["overrides"] = ov;
  if (!periods) {
    const copy = base as T;
    at?.(copy, undefined);
    return [copy];
  }
  return periods.map((p, j) => {
    const copy = { ...base, ...p } as T;
    at?.(copy, j);
    return copy;
  });
}

export interface Ranked extends Dated {
  id: string;
  overrides?: string[] | undefined;
  priority: number;
}

/**
 * Set each rule's `priority` from its exceptions: a rule that overrides another ranks above it (priority =
 * the length of the longest chain of rules below it). Reports unknown or circular `overrides`, and two rules
 * that may apply together in one period with different effects (`conflict`) while neither is the exception to
 * the other.
 */
export function rankByOverrides<T extends Ranked>(
  rules: T[],
  what: string,
  problem: (rule: T, message: string, key: string) => void,
  conflict: (a: T, b: T) => boolean,
): void {
  const byId = new Map<string, T[]>();
  for (const r of rules) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return -1;
    visiting.add(id);
    let d = 0;
    for (const r of byId.get(id) ?? [])
      for (const o of r.overrides ?? []) {
        if (!byId.has(o)) continue;
        const below = depthOf(o);
        if (below < 0) {
          problem(r, `${what} ${id} overrides ${o}, which overrides ${id} again (a cycle)`, "overrides");
          continue;
        }
        d = Math.max(d, below + 1);
      }
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };
  for (const r of rules)
    for (const o of r.overrides ?? [])
      if (!byId.has(o)) problem(r, `${what} ${r.id} overrides unknown ${what} "${o}"`, "overrides");
  for (const r of rules) r.priority = depthOf(r.id);

  const reach = (from: string, to: string, seen = new Set<string>()): boolean => {
    if (seen.has(from)) return false;
    seen.add(from);
    for (const r of byId.get(from) ?? [])
      for (const o of r.overrides ?? []) if (o === to || reach(o, to, seen)) return true;
    return false;
  };
  for (let i = 0; i < rules.length; i++)
    for (let j = 0; j < i; j++) {
      const a = rules[j]!;
      const b = rules[i]!;
      if (a.id === b.id || !periodsOverlap(a.from, a.to, b.from, b.to) || !conflict(a, b)) continue;
      if (reach(a.id, b.id) || reach(b.id, a.id)) continue;
      problem(
        b,
        `${what}s ${a.id} and ${b.id} may both apply from ${a.from > b.from ? a.from : b.from} with different effects; name the exception with overrides: <rule id>`,
        "id",
      );
    }
}
