/**
 * An application as the shipment it licenses: the one mapping used by application submit and by recheck, so
 * that both decide exactly what the application says (values, currencies and parties included).
 */
import type { ApplicationInput } from "../permits/model.ts";
import type { FieldProblem } from "./errors.ts";

export function shipmentOfApplication(a: ApplicationInput): unknown {
  return {
    regime: a.regime,
    ...(a.kind !== undefined ? { kind: a.kind } : {}),
    ...(a.technology !== undefined ? { technology: a.technology } : {}),
    ...(a.brokering !== undefined ? { brokering: a.brokering } : {}),
    ...(a.transit !== undefined ? { transit: a.transit } : {}),
    date: a.shipmentDate,
    destination: a.destination,
    endUser: { name: a.endUser.name, ...(a.endUser.country ? { country: a.endUser.country } : {}) },
    consignee: { name: a.consignee.name, ...(a.consignee.country ? { country: a.consignee.country } : {}) },
    items: a.lines.map((l, i) => ({
      id: String(i + 1),
      controlNumber: l.controlNumber ?? null,
      ...(l.hsCode !== undefined ? { hsCode: l.hsCode } : {}),
      description: l.description,
      quantity: l.quantity,
      unit: l.unit,
      value: l.value,
      currency: l.currency,
    })),
  };
}

/** A problem of the shipment named where the application has it (`$.items[0]` → `$.lines[0]`, `$.date`). */
export function applicationPath(p: FieldProblem): FieldProblem {
  return {
    path: p.path.replace(/^\$\.items/, "$.lines").replace(/^\$\.date$/, "$.shipmentDate"),
    message: p.message,
  };
}
