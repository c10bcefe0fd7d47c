/**
 * The rules of a drawdown against a licence: the licence must be active and valid on the shipment date, the
 * line, destination and party must be covered, and the ledger balance must hold the quantity and value.
 * Pure: the service passes the licence and the sums derived from the append-only ledger.
 */
import type { DrawdownInput, LicenceLine } from "./model.ts";

export interface LicenceForDrawdown {
  status: string;
  validFrom: string;
  validUntil: string;
  destinations: string[];
  permittedParties: string[];
  lines: LicenceLine[];
}

export interface Used {
  quantity: number;
  value: number;
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
  if (l.permittedParties.length > 0 && (!d.party || !l.permittedParties.includes(d.party)))
    return `the licence does not cover party ${d.party ?? "(none given)"} (permitted: ${l.permittedParties.join(", ")})`;
  if (line.quantityLimit !== null && used.quantity + d.quantity > line.quantityLimit)
    return `quantity ${d.quantity} exceeds the balance ${line.quantityLimit - used.quantity} of line ${d.line} (limit ${line.quantityLimit})`;
  if (line.valueLimit !== null && used.value + d.value > line.valueLimit)
    return `value ${d.value} exceeds the balance ${line.valueLimit - used.value} of line ${d.line} (limit ${line.valueLimit})`;
  return null;
}
