/**
 * The rules of a drawdown against a licence: the licence must be active and valid on the shipment date, the
 * line, destination and party must be covered (the party by its normalised name: "SK hynix Inc." is "SK Hynix Inc"), and the ledger balance must hold the quantity and value.
 * Pure: the service passes the licence and the sums derived from the append-only ledger.
 */
import { microToNumber, toMicro } from "./amounts.ts";
import type { DrawdownInput, LicenceLine } from "./model.ts";
import { isPermittedParty } from "./party-key.ts";

export interface LicenceForDrawdown {
  status: string;
  validFrom: string;
  validUntil: string;
  destinations: string[];
  permittedParties: string[];
  lines: LicenceLine[];
}

/** What the ledger holds against a line: quantity in micro-units, value in whole units (exact integers). */
export interface Used {
  quantity: bigint;
  value: bigint;
}

/** Why the drawdown is refused, or null when it may be recorded. */
export function drawdownProblem(l: LicenceForDrawdown, used: Used, d: DrawdownInput): string | null {
  if (l.status !== "active") return `the licence is ${l.status}`;
  if (d.shipmentDate < l.validFrom || d.shipmentDate > l.validUntil)
    return `the shipment date ${d.shipmentDate} is outside the licence's validity ${l.validFrom} to ${l.validUntil}`;
  const line = l.lines[d.line - 1];
  if (!line) return `the licence has no line ${d.line} (it has ${l.lines.length})`;
  if (!l.destinations.includes(d.destination))
    return `the licence does not cover destination ${d.destination} (covers ${l.destinations.join(", ")})`;
  if (l.permittedParties.length > 0 && (!d.party || !isPermittedParty(d.party, l.permittedParties)))
    return `the licence does not cover party ${d.party ?? "(none given)"} (permitted: ${l.permittedParties.join(", ")})`;
  if (line.quantityLimit !== null && used.quantity + toMicro(d.quantity) > toMicro(line.quantityLimit))
    return `quantity ${d.quantity} exceeds the balance ${microToNumber(toMicro(line.quantityLimit) - used.quantity)} of line ${d.line} (limit ${line.quantityLimit})`;
  if (line.valueLimit !== null && used.value + BigInt(d.value) > BigInt(line.valueLimit))
    return `value ${d.value} exceeds the balance ${BigInt(line.valueLimit) - used.value} of line ${d.line} (limit ${line.valueLimit})`;
  return null;
}

/** One licence line that may cover a checked item line, with what is left on it. */
export interface Covering {
  licenceId: string;
  number: string;
  type: string;
  line: number;
  remainingQuantity: number | null;
  remainingValue: number | null;
}

export interface HeldLicence extends LicenceForDrawdown {
  id: string;
  regime: string;
  number: string;
  type: string;
  remaining: { quantity: number | null; value: number | null }[];
}

const norm = (s: string) => s.replace(/\s+/g, "").toLowerCase();

/** Does a licence line's control number cover the item's (equal, or a parent entry such as 3C002 for 3C002.a.1)? */
export function lineCovers(
  licenceNumber: string | null | undefined,
  itemNumber: string | null | undefined,
): boolean {
  if (!licenceNumber || !itemNumber) return false;
  const a = norm(licenceNumber);
  const b = norm(itemNumber);
  return a === b || b.startsWith(`${a}.`) || b.startsWith(`${a}(`);
}

/**
 * The held licences that cover an item line on a date to a destination, ordered by the regime's licence rank
 * (least burdensome first); a licence with nothing left on the line does not cover it.
 */
export function coveringLicences(
  held: HeldLicence[],
  rankOf: (type: string) => number,
  item: { regime: string; date: string; destination: string; controlNumber: string | null | undefined },
): Covering[] {
  const out: Covering[] = [];
  for (const l of held) {
    if (
      l.regime !== item.regime ||
      l.status !== "active" ||
      item.date < l.validFrom ||
      item.date > l.validUntil
    )
      continue;
    if (!l.destinations.includes(item.destination)) continue;
    l.lines.forEach((line, i) => {
      const rem = l.remaining[i]!;
      if (!lineCovers(line.controlNumber, item.controlNumber)) return;
      if ((rem.quantity !== null && rem.quantity <= 0) || (rem.value !== null && rem.value <= 0)) return;
      out.push({
        licenceId: l.id,
        number: l.number,
        type: l.type,
        line: i + 1,
        remainingQuantity: rem.quantity,
        remainingValue: rem.value,
      });
    });
  }
  return out.sort((a, b) => rankOf(a.type) - rankOf(b.type));
}
