/**
 * Proposed changes: `POST /v1/overlays/build` (a change in an analyst's terms → validated overlay YAML and what
 * it changes, nothing saved), `POST /v1/overlays` (build and save), `GET /v1/overlays`, `GET /v1/overlays/{id}`.
 * The change's shape is checked by the change builder's strict schema (every problem by its field).
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { buildChange } from "../../app/change-builder.ts";
import { getOverlay, listOverlays, saveChange } from "../../app/overlays.ts";
import { requireAuth } from "../auth.ts";
import type { ServerContext } from "../context.ts";

// the spec is validated by the change builder (src/policy/overlay-builder.ts), which names each field
const change = z.record(z.string(), z.unknown());

export function overlaysRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/v1/overlays/build",
      {
        preHandler: requireAuth(ctx.db),
        bodyLimit: 256 * 1024,
        schema: {
          summary:
            "Build a proposed change as an overlay (validated, not saved): the YAML and what it changes",
          tags: ["impact"],
          body: change,
        },
      },
      async (req) => {
        const b = buildChange(ctx.policies, req.body);
        return { yaml: b.yaml, summary: b.summary };
      },
    );
    app.post(
      "/v1/overlays",
      {
        preHandler: requireAuth(ctx.db, ["exporter", "admin", "officer"]),
        bodyLimit: 256 * 1024,
        schema: {
          summary: "Build and save a proposed change for your organisation",
          tags: ["impact"],
          body: change,
        },
      },
      async (req, reply) => {
        const saved = await saveChange(ctx.db, ctx.policies, req.principal!, req.body);
        reply.code(201);
        return saved;
      },
    );
    app.get(
      "/v1/overlays",
      {
        preHandler: requireAuth(ctx.db),
        schema: {
          summary: "Your organisation's saved proposed changes, newest first",
          tags: ["impact"],
          querystring: z.strictObject({
            limit: z.coerce.number().int().min(1).max(200).default(50),
            offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
          }),
        },
      },
      async (req) => listOverlays(ctx.db, req.principal!, req.query),
    );
    app.get(
      "/v1/overlays/:id",
      {
        preHandler: requireAuth(ctx.db),
        schema: {
          summary: "A saved proposed change",
          tags: ["impact"],
          params: z.object({ id: z.string().uuid() }),
        },
      },
      async (req) => getOverlay(ctx.db, req.principal!, req.params.id),
    );
  };
}
