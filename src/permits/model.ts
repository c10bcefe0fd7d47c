/** The shapes of applications and licences as the API takes them (zod), shared by routes, CLI and service. */
import { z } from "zod";
import { dateProblem, isCountryCode } from "../policy/index.ts";
import {
  TECHNOLOGY_EXEMPTIONS,
  TECHNOLOGY_MEANS,
  TECHNOLOGY_PLACES,
  TRANSACTION_KINDS,
} from "../policy/transactions.ts";
import { amount, amountLimit, quantity, quantityLimit } from "./amounts.ts";

const date = z
  .string()
  .refine((v) => dateProblem(v) === null, { message: "must be a calendar date YYYY-MM-DD" });
const country = z
  .string()
  .refine((c) => isCountryCode(c), { message: "unknown country code (ISO 3166 alpha-2)" });
const party = z.strictObject({
  name: z.string().min(1),
  country: country.optional(),
  address: z.string().optional(),
});

export const applicationLine = z.strictObject({
  controlNumber: z.string().min(1).nullable().optional(),
  productId: z.string().min(1).optional(),
  hsCode: z.string().optional(),
  description: z.string().min(1),
  quantity,
  unit: z.string().min(1),
  value: amount,
  currency: z.string().regex(/^[A-Z]{3}$/),
});

/** The facts of a technology transfer, brokering or transit (the shipment contract's; checked with it). */
const transactionFacts = {
  kind: z.enum(TRANSACTION_KINDS).optional(),
  technology: z
    .strictObject({
      recipient: z.string().min(1),
      place: z.enum(TECHNOLOGY_PLACES),
      means: z.enum(TECHNOLOGY_MEANS),
      exemption: z.enum(TECHNOLOGY_EXEMPTIONS).optional(),
    })
    .optional(),
  brokering: z
    .strictObject({ origin: country, destination: country, exportLicence: z.boolean().default(false) })
    .optional(),
  transit: z.strictObject({ origin: country, finalDestination: country }).optional(),
};

export const applicationInput = z.strictObject({
  regime: z.string(),
  licenceType: z.string().min(1),
  /** Goods (the default), or a technology transfer, a brokering or a transit with its facts. */
  ...transactionFacts,
  /** For a brokering or a transit: where the goods finally go (the same as in its facts). */
  destination: country,
  shipmentDate: date,
  consignee: party,
  endUser: party,
  endUseStatement: z.string().min(1),
  lines: z.array(applicationLine).min(1).max(500),
  documents: z
    .array(
      z.strictObject({ name: z.string().min(1), kind: z.string().min(1), reference: z.string().optional() }),
    )
    .default([]),
});
export type ApplicationInput = z.infer<typeof applicationInput>;

export const licenceLine = z.strictObject({
  controlNumber: z.string().min(1).nullable().optional(),
  productId: z.string().min(1).optional(),
  description: z.string().min(1),
  quantityLimit,
  valueLimit: amountLimit,
  unit: z.string().min(1),
  currency: z.string().regex(/^[A-Z]{3}$/),
});
export type LicenceLine = z.infer<typeof licenceLine>;

export const licenceInput = z.strictObject({
  regime: z.string(),
  type: z.string().min(1),
  number: z.string().min(1).max(100),
  holder: z.string().min(1),
  destinations: z.array(country).min(1),
  permittedParties: z.array(z.string().min(1)).default([]),
  lines: z.array(licenceLine).min(1).max(500),
  validFrom: date,
  validUntil: date,
  conditions: z.string().optional(),
});
export type LicenceInput = z.infer<typeof licenceInput>;

export const approval = z.strictObject({
  note: z.string().optional(),
  number: z.string().min(1).max(100),
  validFrom: date,
  /** Default: the last day of the validity the pack gives the licence type for the destination. */
  validUntil: date.optional(),
  /** A validity beyond the pack's needs the officer's reason; it is recorded with the approval and audited. */
  validityOverride: z.strictObject({ reason: z.string().trim().min(10).max(2000) }).optional(),
  /** Per application line: the quantity and value limits granted (default: as applied for). */
  limits: z
    .array(
      z.strictObject({
        quantity: quantityLimit,
        value: amountLimit,
      }),
    )
    .optional(),
  permittedParties: z.array(z.string().min(1)).optional(),
  conditions: z.string().optional(),
});

export const drawdownInput = z.strictObject({
  line: z.number().int().min(1).max(500),
  quantity,
  value: amount,
  /** The shipment's reference: one drawdown per reference and licence line (a retry returns the first). */
  shipmentRef: z.string().min(1).max(200),
  shipmentDate: date,
  destination: country,
  party: z.string().min(1).max(500).optional(),
});
export type DrawdownInput = z.infer<typeof drawdownInput>;

export const correctionInput = z.strictObject({
  corrects: z.string().uuid(),
  note: z.string().trim().min(1).max(1000),
});
