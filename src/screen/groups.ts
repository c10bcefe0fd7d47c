/**
 * One real party, many list entries: the copies of one person or company across lists (an SDN entry and its
 * copy in the Consolidated Screening List, the UN entry and the EU one) and the many Entity List rows of one
 * company (one per address) are grouped, so that screening shows one card with all its sources and a decision
 * covers every copy. Two entries are grouped when they share a normalised name and nothing says they are two
 * parties: same kind, no conflicting countries; for persons also a birth year or an identifier in common (or,
 * when neither gives a date of birth, a full name of three or more words). Pure.
 */
import type { EntityType, ListEntity } from "./entity.ts";

/** Entries of one name checked against each other at most this many times (very common names). */
const MAX_CHECKS = 40;

function compatibleTypes(a: EntityType, b: EntityType): boolean {
  return a === b || a === "unknown" || b === "unknown";
}

function overlap(a: readonly string[], b: readonly string[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

const years = (e: ListEntity) => e.birthDates.map((d) => d.slice(0, 4));
const ids = (e: ListEntity) => e.identifiers.map((i) => i.value.toUpperCase().replace(/[^A-Z0-9]/g, ""));

/** Whether two entries sharing the name `key` (of `words` words) are the same party. */
export function sameParty(a: ListEntity, b: ListEntity, words: number): boolean {
  if (!compatibleTypes(a.type, b.type)) return false;
  if (a.countries.length > 0 && b.countries.length > 0 && !overlap(a.countries, b.countries)) return false;
  const person = a.type === "person" || b.type === "person";
  if (!person) return true;
  if (overlap(ids(a), ids(b))) return true;
  if (a.birthDates.length > 0 && b.birthDates.length > 0) return overlap(years(a), years(b));
  return a.birthDates.length === 0 && b.birthDates.length === 0 && words >= 3;
}

export interface Groups {
  /** The group of each entity (the index of its first member). */
  of: Int32Array;
  /** Members of the groups of two or more, by group. */
  members: Map<number, number[]>;
}

/**
 * Group entities by shared names. `names(i)` gives the normalised names of entity i (its non-weak names with
 * at least one distinctive word) and their number of words.
 */
export function groupEntities(
  entities: readonly ListEntity[],
  names: (i: number) => { key: string; words: number }[],
): Groups {
  const parent = Int32Array.from(entities, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  // the countries of each group so far: a country-less entry does not join two namesakes of two countries
  const countries = new Map<number, string[]>();
  const countriesOf = (r: number) => countries.get(r) ?? entities[r]!.countries;
  const byKey = new Map<string, { words: number; members: number[] }>();
  for (let i = 0; i < entities.length; i++)
    for (const n of names(i)) {
      const b = byKey.get(n.key);
      if (!b) byKey.set(n.key, { words: n.words, members: [i] });
      else if (b.members[b.members.length - 1] !== i) b.members.push(i);
    }
  for (const { words, members } of byKey.values()) {
    if (members.length < 2) continue;
    for (let k = 1; k < members.length; k++) {
      const b = members[k]!;
      for (let j = 0; j < k && j < MAX_CHECKS; j++) {
        const a = members[j]!;
        const ra = find(a);
        const rb = find(b);
        if (ra === rb) break;
        const ca = countriesOf(ra);
        const cb = countriesOf(rb);
        if (ca.length > 0 && cb.length > 0 && !overlap(ca, cb)) continue;
        if (sameParty(entities[a]!, entities[b]!, words)) {
          const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
          parent[child] = root;
          countries.set(root, [...new Set([...ca, ...cb])]);
          break;
        }
      }
    }
  }
  const of = new Int32Array(entities.length);
  const members = new Map<number, number[]>();
  for (let i = 0; i < entities.length; i++) {
    const r = find(i);
    of[i] = r;
    if (r !== i) {
      const m = members.get(r);
      if (m) m.push(i);
      else members.set(r, [r, i]);
    }
  }
  return { of, members };
}
