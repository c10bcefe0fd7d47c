/**
 * The validity a pack gives a licence: the longest validity, in months, of the licence type's terms in force
 * on the first day of validity for the destination, and the last day it reaches. Periods are reckoned by the
 * calendar as both regimes' civil codes do (the first day not counted; the period ends the day before the
 * corresponding day, or on the last day of a month that has none: 民法 第140条・第143条, 민법 제157조·제160조),
 * so a licence valid from 2026-01-15 for 6 months is valid through 2026-07-15, one from 2026-08-31 through
 * 2027-02-28 (`lastDayOf`). Pure.
 */

export { lastDayOf };
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
