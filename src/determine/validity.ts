/**
 * The validity a pack gives a licence: the months of the licence type's terms in force on the day of grant for
 * the destination (`validityMonths`, with the term's evidence and sources), and the last day they reach by the
 * civil codes' reckoning (`lastDayOf` in src/policy/dates.ts). Pure.
 */
import { lastDayOf } from "../policy/dates.ts";
import type { FactRef, Snapshot } from "../policy/index.ts";
import { matchDestination } from "./match.ts";

export interface ValidityBound {
  months: number;
  /** The last day of validity. */
  until: string;
  /** The term the figure comes from (its evidence and sources). */
  ref: FactRef;
  /** The term's words (e.g. "6 months from grant unless METI sets otherwise"). */
  text: string | undefined;
}

/**
 * The pack's validity for `licenceType` to `destination` from `from` (a snapshot of that day), or undefined
 * when the terms in force state none as a number.
 */
export function validityBound(
  snap: Snapshot,
  licenceType: string,
  destination: string,
  from: string,
): ValidityBound | undefined {
  const lic = snap.licences.find((l) => l.licence.id === licenceType);
  if (!lic) return undefined;
  const { groups } = snap.groupsOf(destination);
  let found: ValidityBound | undefined;
  for (const t of lic.terms) {
    if (t.validityMonths === undefined) continue;
    if (!matchDestination(t.destinations, { country: destination, groups, snap })) continue;
    // A term for the destination's group is more specific than one for every destination: the later wins, as in
    // the licence details of a decision.
    found = {
      months: t.validityMonths,
      until: lastDayOf(from, t.validityMonths),
      ref: t.ref,
      text: t.validity,
    };
  }
  return found;
}
