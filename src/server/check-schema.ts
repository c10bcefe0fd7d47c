/**
 * The answer of `POST /v1/checks` as a schema for the OpenAPI document: every line decision with its trace,
 * dated facts, caveats and licence details, and the shipment's verdict with the parties' matches.
 */
import { z } from "zod";

const citation = z.object({
  provision: z.string().optional(),
  url: z.string().optional(),
  quote: z.string().optional(),
  note: z.string().optional(),
});

const fact = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string().optional(),
  evidence: z.enum(["verified", "reported", "unverified"]),
  cite: z.array(citation),
  note: z.string().optional(),
  noteText: z.object({ en: z.string(), ko: z.string().optional(), ja: z.string().optional() }).optional(),
});

/** A sentence of the engine as a message id and parameters (src/messages), renderable in en/ko/ja. */
const message = z.object({ id: z.string(), p: z.record(z.string(), z.unknown()) });
const packText = z.object({ en: z.string(), ko: z.string().optional(), ja: z.string().optional() });

const step = z.object({
  kind: z.enum([
    "destination",
    "classification",
    "embargo",
    "list-control",
    "special-measure",
    "licence-eligibility",
    "exemption",
    "catch-all",
    "caution",
    "end-user-list",
    "transaction",
  ]),
  rule: z.string(),
  result: z.string(),
  msg: message,
  facts: z.array(fact),
  note: z.string().optional(),
  noteText: packText.optional(),
  removedBy: z.string().optional(),
});

export const decisionSchema = z.object({
  id: z.string(),
  outcome: z.enum(["no-licence-required", "licence-required", "prohibited", "undetermined"]),
  basis: z.enum(["listed", "catch-all", "special-measure", "embargo", "approval", "transaction"]).nullable(),
  licenceOptions: z.array(z.string()),
  unverifiedLicenceOptions: z.array(z.string()),
  licenceDetails: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      evidence: z.enum(["verified", "reported", "unverified"]),
      conditions: z.string().optional(),
      validity: z.string().optional(),
      validityMonths: z.number().optional(),
      reviewDays: z.number().optional(),
      documents: z.number().optional(),
      text: z.object({
        name: packText,
        conditions: z.array(packText).optional(),
        validity: packText.optional(),
      }),
    }),
  ),
  exemptions: z.array(z.string()),
  classification: z.object({
    controlNumber: z.string().nullable(),
    part: z.string().nullable(),
    entry: z.string().nullable(),
    listed: z.boolean(),
  }),
  trace: z.array(step),
  caveats: z.array(
    z.object({ fact: z.string(), evidence: z.literal("unverified"), message: z.string(), msg: message }),
  ),
  missing: z.array(z.string()).optional(),
  missingMsg: z.array(message).optional(),
  coveringLicences: z
    .array(
      z.object({
        licenceId: z.string(),
        number: z.string(),
        type: z.string(),
        line: z.number(),
        remainingQuantity: z.number().nullable(),
        remainingValue: z.number().nullable(),
      }),
    )
    .optional(),
});

const match = z.object({
  entityId: z.string(),
  entityVersion: z.string(),
  list: z.string(),
  sourceId: z.string(),
  name: z.string(),
  matchedName: z.string(),
  score: z.number(),
  features: z.record(z.string(), z.unknown()),
  alignment: z.array(z.tuple([z.string(), z.string()])),
  programs: z.array(z.string()),
  url: z.string().optional(),
  endUserList: z.boolean().optional(),
  decision: z
    .object({
      id: z.string(),
      decision: z.enum(["false-positive", "confirmed"]),
      note: z.string().nullable().optional(),
      userId: z.string(),
      createdAt: z.string(),
    })
    .optional(),
});

export const verdictSchema = z.object({
  status: z.enum(["prohibited", "hold", "licence-required", "undetermined", "clear"]),
  reasons: z.array(z.string()),
  reasonsMsg: z.array(message),
  screening: z.object({
    status: z.enum(["screened", "no-lists", "not-configured", "no-parties"]),
    lists: z.array(z.object({ list: z.string(), version: z.string(), count: z.number() })),
    parties: z.array(
      z.object({
        role: z.enum(["consignee", "endUser", "purchaser", "intermediateConsignee"]),
        path: z.string(),
        name: z.string(),
        country: z.string().optional(),
        matches: z.array(match),
      }),
    ),
  }),
});
