/**
 * Classification requests (전문판정 / 該非判定 consultation): `POST/GET /v1/classification-requests`,
 * `GET /v1/classification-requests/{id}` and `POST /v1/classification-requests/{id}/{return|resubmit|withdraw|answer}`.
 * An exporter asks about a product of its master; the regime's authority's officers see the queue and answer.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  actOnClassificationRequest,
  getClassificationRequest,
  listClassificationRequests,
  requestClassification,
} from "../../app/classification-requests.ts";
import { classificationRequestStates } from "../../store/vocabulary.ts";
import { requireAuth } from "../auth.ts";
import type { ServerContext } from "../context.ts";

const TEXT = 4000;
const uuid = z.object({ id: z.string().uuid() });
const controlNumber = z.string().min(1).max(40);

export function classificationRequestsRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/v1/classification-requests",
      {
        preHandler: requireAuth(ctx.db, ["exporter", "admin"]),
        schema: {
          summary: "Ask the regime's authority to classify a product of your master (전문판정 / 該非判定)",
          tags: ["products"],
          body: z.strictObject({
            productId: z.string().uuid(),
            regime: z.string().min(1).max(10),
            description: z.string().trim().min(1).max(TEXT),
            proposedNumber: controlNumber.optional(),
          }),
        },
      },
      async (req, reply) => {
        const done = await requestClassification(
          ctx.db,
          ctx.policies,
          req.principal!,
          req.body,
          ctx.mailEnabled ?? false,
        );
        reply.code(201);
        return done;
      },
    );
    app.get(
      "/v1/classification-requests",
      {
        preHandler: requireAuth(ctx.db),
        schema: {
          summary: "Your classification requests, or the authority's queue for an officer",
          tags: ["products"],
          querystring: z.strictObject({
            status: z.enum(classificationRequestStates).optional(),
            q: z.string().max(200).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
          }),
        },
      },
      async (req) => listClassificationRequests(ctx.db, ctx.policies, req.principal!, req.query),
    );
    app.get(
      "/v1/classification-requests/:id",
      {
        preHandler: requireAuth(ctx.db),
        schema: { summary: "A classification request", tags: ["products"], params: uuid },
      },
      async (req) => getClassificationRequest(ctx.db, ctx.policies, req.principal!, req.params.id),
    );
    const note = z.string().trim().min(1).max(TEXT);
    const steps = {
      return: z.strictObject({ note }),
      resubmit: z.strictObject({ note: note.optional(), description: note.optional() }),
      withdraw: z.strictObject({ note: note.optional() }),
      answer: z.strictObject({ controlNumber: controlNumber.nullable(), reasons: note }),
    };
    for (const [action, body] of Object.entries(steps))
      app.post(
        `/v1/classification-requests/:id/${action}`,
        {
          preHandler: requireAuth(
            ctx.db,
            action === "answer" || action === "return" ? ["officer"] : ["exporter", "admin"],
          ),
          schema: { summary: `${action} a classification request`, tags: ["products"], params: uuid, body },
        },
        async (req) =>
          actOnClassificationRequest(
            ctx.db,
            ctx.policies,
            req.principal!,
            (req.params as { id: string }).id,
            {
              action,
              ...(req.body as object),
            } as Parameters<typeof actOnClassificationRequest>[4],
          ),
      );
  };
}
