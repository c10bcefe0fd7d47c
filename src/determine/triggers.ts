/** Evaluates a catch-all limb's `when` list (know / suspect / inform / end-user list / red flags / item lists). */
import { msg, type Msg } from "../messages/index.ts";
import type { FactRef, Snapshot, TriggerAtom } from "../policy/index.ts";
import type { EndUse } from "./types.ts";

export interface TriggerResult {
  met: Msg[];
  facts: FactRef[];
  /** An item list that is held only in part, consulted without a hit: the line may still be on it. */
  partialLists: { id: string; name: string; held: number; count: number; ref: FactRef }[];
  /** Red flags met: each obliges the exporter to assess whether it gives rise to a suspicion (not knowledge). */
  redFlags: number[];
}

export function evaluateTriggers(
  when: TriggerAtom[],
  endUse: EndUse,
  hsCode: string | undefined,
  snap: Snapshot,
): TriggerResult {
  const out: TriggerResult = { met: [], facts: [], partialLists: [], redFlags: [] };
  for (const atom of when) {
    if ("wmd" in atom) {
      if ((atom.wmd as string[]).includes(endUse.wmd)) out.met.push(msg("met.wmd", { k: endUse.wmd }));
    } else if ("military" in atom) {
      if ((atom.military as string[]).includes(endUse.military))
        out.met.push(msg("met.military", { k: endUse.military }));
    } else if ("informed" in atom) {
      if (endUse.informed.includes(atom.informed))
        out.met.push(msg("met.informed", { which: atom.informed }));
    } else if ("endUserListed" in atom) {
      if (endUse.endUserListed) out.met.push(msg("met.endUserListed"));
    } else if ("redFlag" in atom) {
      for (const id of endUse.redFlags) {
        const rf = snap.redFlags.get(id);
        if (rf) {
          // In Korean, the Act's own words in force on the date; in Japanese, the pack's rendering.
          const t = snap.text(rf.english);
          out.met.push(msg("met.redFlag", { number: rf.number, text: { ...t, ko: rf.text } }));
          out.facts.push(rf.ref);
          out.redFlags.push(rf.number);
        }
      }
    } else if ("regardless" in atom) {
      out.met.push(msg("met.regardless"));
    } else if ("itemList" in atom) {
      const list = snap.itemLists.get(atom.itemList);
      if (!list) continue;
      const digits = (hsCode ?? "").replace(/[.\s]/g, "");
      let hit: { title: string; ref: FactRef } | undefined;
      for (let n = Math.min(digits.length, 10); n >= 4 && !hit; n--)
        hit = list.entries.get(digits.slice(0, n));
      if (hit) {
        out.met.push(msg("met.hsOnList", { hs: digits, list: snap.text(list.name), title: hit.title }));
        out.facts.push(list.version, hit.ref);
      } else if (list.entries.size < list.version.count)
        out.partialLists.push({
          id: list.id,
          name: list.name,
          held: list.entries.size,
          count: list.version.count,
          ref: list.version,
        });
    }
  }
  return out;
}

/**
 * Whether any atom of `when` is met, without building the explanation (a fast check; `evaluateTriggers`
 * gives the reasons). Item lists count as met only on a hit.
 */
export function anyTriggerMet(
  when: TriggerAtom[],
  endUse: EndUse,
  hsCode: string | undefined,
  snap: Snapshot,
): boolean {
  for (const atom of when) {
    if ("wmd" in atom) {
      if ((atom.wmd as string[]).includes(endUse.wmd)) return true;
    } else if ("military" in atom) {
      if ((atom.military as string[]).includes(endUse.military)) return true;
    } else if ("informed" in atom) {
      if (endUse.informed.includes(atom.informed)) return true;
    } else if ("endUserListed" in atom) {
      if (endUse.endUserListed) return true;
    } else if ("redFlag" in atom) {
      if (endUse.redFlags.some((id) => snap.redFlags.has(id))) return true;
    } else if ("regardless" in atom) {
      return true;
    } else if ("itemList" in atom) {
      if (evaluateTriggers([atom], endUse, hsCode, snap).met.length > 0) return true;
    }
  }
  return false;
}
