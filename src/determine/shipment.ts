/**
 * The shipment contract of `tradectl check` and `POST /v1/checks`: a strict zod schema, then the checks that
 * need the regime's policy (known regime, red-flag ids, control-number forms). Every problem is returned with
 * its JSON path; nothing is guessed or dropped.
 */
import { z } from "zod";
import { dateProblem, isCountryCode, type PolicySet } from "../policy/index.ts";
import { controlNumberProblem } from "./classify-item.ts";
import type { Shipment } from "./types.ts";

export interface InputProblem {
  path: string;
  message: string;
}

const date = z.string().superRefine((v, ctx) => {
  const p = dateProblem(v);
  if (p) ctx.addIssue({ code: "custom", message: p });
});
const country = z.string().superRefine((v, ctx) => {
  if (!isCountryCode(v))
    ctx.addIssue({
      code: "custom",
      message: `unknown country code "${v}" (expected ISO 3166 alpha-2, e.g. KR)`,
    });
});
const knowledge = z.enum(["none", "suspected", "known"]);
/** A party of the shipment: screened by name against the restricted-party and end-user lists. */
const party = z.strictObject({
  name: z
    .string({ error: "a party needs a name" })
    .trim()
    .min(1, "a party needs a name")
    .max(500, "a party's name is at most 500 characters"),
  country: country.optional(),
});

const item = z
  .strictObject({
    id: z.union([z.string().min(1), z.number()]).optional(),
    description: z.string().optional(),
    controlNumber: z.string().nullable().optional(),
    hsCode: z
      .string()
      .regex(/^\d{4}(\.?\d{2}){1,3}$/, "an HS code has 6 to 10 digits, e.g. 281111 or 2811.11")
      .optional(),
    quantity: z.number({ error: "quantity must be a number" }).nonnegative().optional(),
    unit: z.string().optional(),
    value: z.number({ error: "value must be a number" }).nonnegative().optional(),
    /** An organisation's product id; the server resolves it from the product master. */
    productId: z.string().min(1).optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, "a currency is an ISO 4217 code such as JPY")
      .optional(),
  })
  .superRefine((it, ctx) => {
    if (
      (it.controlNumber === undefined || it.controlNumber === null || it.controlNumber === "") &&
      it.hsCode === undefined
    )
      ctx.addIssue({
        code: "custom",
        message:
          it.productId === undefined
            ? "an item needs a controlNumber or an hsCode"
            : `product ${it.productId} is not resolved here: a productId needs the server's product master (or give controlNumber/hsCode)`,
      });
    if (typeof it.controlNumber === "string" && it.controlNumber !== "") {
      const p = controlNumberProblem(it.controlNumber);
      if (p) ctx.addIssue({ code: "custom", path: ["controlNumber"], message: p });
    }
  });

/** The most item lines one shipment may have (an application has at most as many lines). */
export const MAX_ITEMS_PER_SHIPMENT = 500;

export const shipmentSchema = z.strictObject({
  regime: z.string(),
  date,
  destination: country,
  endUser: party.optional(),
  consignee: party.optional(),
  purchaser: party.optional(),
  intermediateConsignees: z.array(party).max(20, "at most 20 intermediate consignees").optional(),
  endUse: z
    .strictObject({
      wmd: knowledge.default("none"),
      military: knowledge.default("none"),
      informed: z.array(z.enum(["wmd", "conventional"])).default([]),
      endUserListed: z.boolean().default(false),
      redFlags: z.array(z.string()).default([]),
    })
    .default({ wmd: "none", military: "none", informed: [], endUserListed: false, redFlags: [] }),
  items: z
    .array(item)
    .min(1, "a shipment needs at least one item")
    .max(MAX_ITEMS_PER_SHIPMENT, `at most ${MAX_ITEMS_PER_SHIPMENT} items per shipment`),
});

function jsonPath(path: PropertyKey[]): string {
  return path.reduce<string>(
    (acc, k) => (typeof k === "number" ? `${acc}[${k}]` : `${acc}.${String(k)}`),
    "$",
  );
}

export type ParseResult = { ok: true; shipment: Shipment } | { ok: false; problems: InputProblem[] };

/** Validate one shipment against the contract and the policies loaded. */
export function parseShipment(input: unknown, policies: PolicySet): ParseResult {
  const parsed = shipmentSchema.safeParse(input);
  const problems: InputProblem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const message =
        issue.code === "unrecognized_keys"
          ? `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`
          : issue.code === "invalid_type" && issue.message.includes("undefined")
            ? "is required"
            : issue.message;
      problems.push({ path: jsonPath(issue.path), message });
    }
  }
  const raw = (input ?? {}) as { regime?: unknown; endUse?: { redFlags?: unknown }; destination?: unknown };
  const policy = typeof raw.regime === "string" ? policies.get(raw.regime) : undefined;
  if (typeof raw.regime === "string" && !policy)
    problems.push({
      path: "$.regime",
      message: `unknown regime "${raw.regime}" (known: ${[...policies.keys()].join(", ")})`,
    });
  if (policy && Array.isArray(raw.endUse?.redFlags)) {
    const known = new Set(policy.data.redFlags.map((r) => r.id));
    raw.endUse.redFlags.forEach((id, i) => {
      if (typeof id === "string" && !known.has(id))
        problems.push({
          path: `$.endUse.redFlags[${i}]`,
          message:
            known.size === 0
              ? `regime ${policy.regime.id} defines no red flags`
              : `unknown red flag "${id}" (known: ${[...known].join(", ")})`,
        });
    });
  }
  if (policy && raw.destination === policy.regime.id)
    problems.push({
      path: "$.destination",
      message: `the destination is the exporting country ${policy.regime.id}`,
    });
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  const s = parsed.data;
  const shipment: Shipment = {
    ...s,
    items: s.items.map((it, i) => ({ ...it, id: it.id === undefined ? String(i + 1) : String(it.id) })),
  };
  return { ok: true, shipment };
}
