/**
 * `POST /v1/screenings`: screen one party or a batch against the imported lists, with explained scores (the
 * screening service, src/app/screening.ts: decided matches under `decided`, raised again when the entry changes).
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { screenRequest } from "../../app/screening.ts";
import { matchDecisionsFor } from "../../permits/service.ts";
import { isCountryCode } from "../../policy/index.ts";
import { requireAuth } from "../auth.ts";
import type { ServerContext } from "../context.ts";

const party = z.strictObject({
  name: z.string(),
  country: z
    .string()
    .refine((c) => isCountryCode(c), { message: "unknown country code (ISO 3166 alpha-2)" })
    .optional(),
  type: z.enum(["person", "entity"]).optional(),
  birthDate: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "YYYY, YYYY-MM or YYYY-MM-DD")
    .optional(),
  identifiers: z.array(z.string()).optional(),
});

export function screeningsRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/v1/screenings",
      {
        preHandler: requireAuth(ctx.db, ["exporter", "officer", "admin"]),
        schema: {
          summary: "Screen parties (any script) against the imported restricted-party lists",
          tags: ["screening"],
          body: z.strictObject({
            parties: z.array(party).min(1).max(1000),
            lists: z.array(z.string()).optional(),
            threshold: z.number().min(0).max(1).optional(),
            limit: z.number().int().min(1).max(100).optional(),
          }),
        },
      },
      async (req) =>
        screenRequest(
          {
            screening: ctx.screening ? () => ctx.screening!(req.principal!.orgId) : undefined,
            decisionsFor: (entries) =>
              ctx.decisionsFor
                ? ctx.decisionsFor(req.principal!.orgId, entries)
                : matchDecisionsFor(ctx.db, req.principal!.orgId, entries),
          },
          req.body,
        ),
    );
  };
}
