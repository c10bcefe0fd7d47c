/**
 * The licence an approval issues: the application's destination, parties and lines, with the validity, limits
 * and conditions the officer granted (limits default to what was applied for; the validity is settled by the
 * caller, defaulted from and bounded by the pack). Pure.
 */
import type { z } from "zod";
import type { ApplicationInput, LicenceInput, approval } from "./model.ts";

export function licenceFromApproval(
  application: { regime: string; licenceType: string; content: ApplicationInput },
  a: z.infer<typeof approval> & { validUntil: string },
  holder: string,
): LicenceInput {
  const c = application.content;
  return {
    regime: application.regime,
    type: application.licenceType,
    number: a.number,
    holder,
    destinations: [c.destination],
    permittedParties: a.permittedParties ?? [c.consignee.name, c.endUser.name],
    lines: c.lines.map((l, i) => ({
      controlNumber: l.controlNumber ?? null,
      productId: l.productId,
      description: l.description,
      quantityLimit: a.limits?.[i]?.quantity ?? Math.ceil(l.quantity),
      valueLimit: a.limits?.[i]?.value ?? Math.ceil(l.value),
      unit: l.unit,
      currency: l.currency,
    })),
    validFrom: a.validFrom,
    validUntil: a.validUntil,
    conditions: a.conditions,
  };
}
