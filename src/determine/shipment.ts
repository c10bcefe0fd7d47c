/**
 * The shipment contract of `tradectl check` and `POST /v1/checks`: a strict zod schema (zod's compact build), then the checks that
 * need the regime's policy (known regime, red-flag ids, control-number forms). Every problem is returned with
 * its JSON path; nothing is guessed or dropped.
 */
import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";
import { isCountryCode } from "../policy/countries.ts";
import { dateProblem } from "../policy/dates.ts";
import type { Policy } from "../policy/policy.ts";
import {
  TECHNOLOGY_EXEMPTIONS,
  TECHNOLOGY_MEANS,
  TECHNOLOGY_PLACES,
  TRANSACTION_KINDS,
} from "../policy/transactions.ts";
import type { PolicySet } from "../policy/registry.ts";
import { controlNumberProblem } from "./classify-item.ts";
import type { Shipment } from "./types.ts";

// zod's compact build (a check need not load all of zod); its English messages, as the full build has them
z.config(en());

export interface InputProblem {
  path: string;
  message: string;
}

const date = z.string().check(
  z.superRefine((v, ctx) => {
    const p = dateProblem(v);
    if (p) ctx.addIssue({ code: "custom", message: p });
  }),
);
const country = z.string().check(
  z.superRefine((v, ctx) => {
    if (!isCountryCode(v))
      ctx.addIssue({
        code: "custom",
        message: `unknown country code "${v}" (expected ISO 3166 alpha-2, e.g. KR)`,
      });
  }),
);
const knowledge = z.enum(["none", "suspected", "known"]);
/** A party of the shipment: screened by name against the restricted-party and end-user lists. */
const party = z.strictObject({
  name: z
    .string({ error: "a party needs a name" })
    .check(
      z.trim(),
      z.minLength(1, "a party needs a name"),
      z.maxLength(500, "a party's name is at most 500 characters"),
    ),
  country: z.optional(country),
});

const item = z
  .strictObject({
    id: z.optional(z.union([z.string().check(z.minLength(1)), z.number()])),
    description: z.optional(z.string()),
    controlNumber: z.optional(z.nullable(z.string())),
    hsCode: z.optional(
      z
        .string()
        .check(z.regex(/^\d{4}(\.?\d{2}){1,3}$/, "an HS code has 6 to 10 digits, e.g. 281111 or 2811.11")),
    ),
    quantity: z.optional(z.number({ error: "quantity must be a number" }).check(z.nonnegative())),
    unit: z.optional(z.string()),
    value: z.optional(z.number({ error: "value must be a number" }).check(z.nonnegative())),
    /** An organisation's product id; the server resolves it from the product master. */
    productId: z.optional(z.string().check(z.minLength(1))),
    currency: z.optional(
      z.string().check(z.regex(/^[A-Z]{3}$/, "a currency is an ISO 4217 code such as JPY")),
    ),
  })
  .check(
    z.superRefine((it, ctx) => {
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
    }),
  );

/** The most item lines one shipment may have (an application has at most as many lines). */
export const MAX_ITEMS_PER_SHIPMENT = 500;

const technology = z.strictObject({
  recipient: z.string().check(z.minLength(1, "name the recipient's category")),
  place: z.enum(TECHNOLOGY_PLACES),
  means: z.enum(TECHNOLOGY_MEANS),
  exemption: z.optional(z.enum(TECHNOLOGY_EXEMPTIONS)),
});
const brokering = z.strictObject({
  origin: country,
  destination: country,
  exportLicence: z._default(z.boolean(), false),
});
const transit = z.strictObject({ origin: country, finalDestination: country });

export const shipmentSchema = z.strictObject({
  regime: z.string(),
  /** What is controlled (default `goods`); the other kinds carry their facts in the field of their name. */
  kind: z.optional(z.enum(TRANSACTION_KINDS)),
  technology: z.optional(technology),
  brokering: z.optional(brokering),
  transit: z.optional(transit),
  date,
  /** Required for goods and technology; for brokering and transit it is the goods' destination there. */
  destination: z.optional(country),
  endUser: z.optional(party),
  consignee: z.optional(party),
  purchaser: z.optional(party),
  intermediateConsignees: z.optional(
    z.array(party).check(z.maxLength(20, "at most 20 intermediate consignees")),
  ),
  endUse: z._default(
    z.strictObject({
      wmd: z._default(knowledge, "none"),
      military: z._default(knowledge, "none"),
      informed: z._default(z.array(z.enum(["wmd", "conventional"])), []),
      endUserListed: z._default(z.boolean(), false),
      redFlags: z._default(z.array(z.string()), []),
    }),
    { wmd: "none", military: "none", informed: [], endUserListed: false, redFlags: [] },
  ),
  items: z
    .array(item)
    .check(
      z.minLength(1, "a shipment needs at least one item"),
      z.maxLength(MAX_ITEMS_PER_SHIPMENT, `at most ${MAX_ITEMS_PER_SHIPMENT} items per shipment`),
    ),
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
  // a technology transfer may be to a recipient in the exporting country itself (a deemed export)
  if (policy && raw.destination === policy.regime.id && (raw as KindInput).kind !== "technology")
    problems.push({
      path: "$.destination",
      message: `the destination is the exporting country ${policy.regime.id}`,
    });
  const destination = kindProblems(raw as KindInput, policy, problems);
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  const s = parsed.data;
  const shipment: Shipment = {
    ...s,
    destination: destination!,
    items: s.items.map((it, i) => ({ ...it, id: it.id === undefined ? String(i + 1) : String(it.id) })),
  };
  return { ok: true, shipment };
}

/** The raw input as sent: any field may be missing, null or of another type (zod names those). */
type KindInput = {
  kind?: unknown;
  destination?: unknown;
  technology?: { recipient?: unknown } | null;
  brokering?: { origin?: unknown; destination?: unknown } | null;
  transit?: { origin?: unknown; finalDestination?: unknown } | null;
};

/**
 * The facts each kind needs (technology: the recipient's category, known to the regime; brokering: the
 * countries of origin and destination, both foreign; transit: the origin and the final destination), and no
 * facts of another kind. Returns the shipment's destination: the top-level one, or for brokering and transit
 * the goods' destination (a top-level one given as well must agree).
 */
function kindProblems(
  raw: KindInput,
  policy: Policy | undefined,
  problems: InputProblem[],
): string | undefined {
  const kind =
    typeof raw.kind === "string" && (TRANSACTION_KINDS as readonly string[]).includes(raw.kind)
      ? raw.kind
      : "goods";
  for (const k of ["technology", "brokering", "transit"] as const)
    if (raw[k] != null && k !== kind)
      problems.push({
        path: `$.${k}`,
        message: `${k} facts belong to a shipment of kind ${k} (this one is ${kind})`,
      });
  const top = typeof raw.destination === "string" ? raw.destination : undefined;
  const home = policy?.regime.id;
  if (kind === "goods" || kind === "technology") {
    if (raw.destination === undefined) problems.push({ path: "$.destination", message: "is required" });
    if (kind === "technology") {
      if (raw.technology == null)
        problems.push({
          path: "$.technology",
          message: "a technology transfer needs its facts: recipient (category), place and means",
        });
      else if (policy && typeof raw.technology?.recipient === "string") {
        const known = (policy.data.recipients ?? []).map((r) => r.id);
        if (!known.includes(raw.technology.recipient))
          problems.push({
            path: "$.technology.recipient",
            message:
              known.length === 0
                ? `regime ${policy.regime.id} defines no recipient categories`
                : `unknown recipient category "${raw.technology.recipient}" for ${policy.regime.id} (known: ${known.join(", ")})`,
          });
      }
    }
    return top;
  }
  const facts = kind === "brokering" ? raw.brokering : raw.transit;
  if (facts == null) {
    problems.push({
      path: `$.${kind}`,
      message:
        kind === "brokering"
          ? "a brokering needs its facts: origin and destination (the countries the goods move between)"
          : "a transit needs its facts: origin and finalDestination",
    });
    return top;
  }
  const to = kind === "brokering" ? raw.brokering?.destination : raw.transit?.finalDestination;
  const toKey = kind === "brokering" ? "destination" : "finalDestination";
  if (typeof to !== "string") return top;
  if (top !== undefined && top !== to)
    problems.push({
      path: "$.destination",
      message: `differs from ${kind}.${toKey} (${to}): give one of them`,
    });
  if (home !== undefined) {
    if (to === home) problems.push({ path: `$.${kind}.${toKey}`, message: `the goods go to ${home} itself` });
    if (kind === "brokering" && facts?.origin === home)
      problems.push({
        path: "$.brokering.origin",
        message: `goods exported from ${home} are an export, not a brokering between foreign countries`,
      });
  }
  return to;
}
