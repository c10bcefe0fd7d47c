/** Selector matching: does a rule's destination or item selector cover this shipment line? */
import type { DestinationSelector, FactRef, ItemSelector, Snapshot } from "../policy/index.ts";
import type { ItemPlace } from "./classify-item.ts";

export interface DestinationContext {
  country: string;
  groups: string[];
  snap: Snapshot;
}

/** True when `sel` covers the destination; list memberships it relied on are pushed to `facts`. */
export function matchDestination(
  sel: DestinationSelector | undefined,
  d: DestinationContext,
  facts?: FactRef[],
): boolean {
  if (!sel) return true;
  if (sel.countries && !sel.countries.includes(d.country)) return false;
  if (sel.notCountries && sel.notCountries.includes(d.country)) return false;
  if (sel.groups && !sel.groups.some((g) => d.groups.includes(g))) return false;
  if (sel.notGroups && sel.notGroups.some((g) => d.groups.includes(g))) return false;
  if (sel.lists) {
    let hit: FactRef | undefined;
    for (const l of sel.lists) {
      hit = d.snap.onList(l, d.country);
      if (hit) break;
    }
    if (!hit) return false;
    facts?.push(hit);
  }
  if (sel.notLists)
    for (const l of sel.notLists) {
      const hit = d.snap.onList(l, d.country);
      if (hit) {
        facts?.push(hit);
        return false;
      }
    }
  return true;
}

function partCovers(selPart: string, item: ItemPlace): boolean {
  if (!item.part) return false;
  return selPart === item.part || selPart === item.partHead || item.part.startsWith(`${selPart}(`);
}

export function inChapters(ranges: string[], chapter: number | null): boolean {
  if (chapter === null) return false;
  return ranges.some((r) => {
    const [a, b] = r.split("-");
    const lo = Number(a);
    const hi = b === undefined ? lo : Number(b);
    return chapter >= lo && chapter <= hi;
  });
}

export function matchItem(sel: ItemSelector | undefined, item: ItemPlace): boolean {
  if (!sel) return true;
  if (sel.listed !== undefined && sel.listed !== item.listed) return false;
  if (sel.parts && !sel.parts.some((p) => partCovers(p, item))) return false;
  if (sel.notParts && sel.notParts.some((p) => partCovers(p, item))) return false;
  if (sel.entries && !(item.entry && sel.entries.includes(item.entry))) return false;
  if (sel.hsChapters && !inChapters(sel.hsChapters, item.hsChapter)) return false;
  if (sel.hs && !inHs(sel.hs, item.hsCode)) return false;
  if (sel.notHs && inHs(sel.notHs, item.hsCode)) return false;
  return true;
}

/** True when the line's HS code starts with one of `codes` (or falls in a heading range NNNN-NNNN). */
export function inHs(codes: string[], hsCode: string | null | undefined): boolean {
  if (!hsCode) return false;
  const digits = hsCode.replace(/[.\s]/g, "");
  return codes.some((c) => {
    const dash = c.indexOf("-");
    if (dash < 0) return digits.startsWith(c);
    const head = digits.slice(0, 4);
    return head.length === 4 && head >= c.slice(0, dash) && head <= c.slice(dash + 1);
  });
}
