/**
 * The product master: `POST/GET /v1/products`, `GET /v1/products/{id}`, and classifications per regime
 * (`POST /v1/products/{id}/classifications`, valid for the term the regime's pack gives). Checks may name a
 * product id instead of a control number (src/app/products.ts fills the line).
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { addProduct, classifyProduct, listProducts, productWithClassifications } from "../../app/products.ts";
import { dateProblem } from "../../policy/index.ts";
import { requireAuth } from "../auth.ts";
import type { ServerContext } from "../context.ts";

const date = z
  .string()
  .refine((v) => dateProblem(v) === null, { message: "must be a calendar date YYYY-MM-DD" });
const classification = z.strictObject({
  regime: z.string().min(1),
  controlNumber: z.string().min(1).nullable(),
  basis: z.string().min(1),
  classifiedBy: z.string().min(1),
  classifiedOn: date,
});

export function productsRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/v1/products",
      {
        preHandler: requireAuth(ctx.db, ["exporter", "admin"]),
        schema: {
          summary: "Add a product to your product master",
          tags: ["products"],
          body: z.strictObject({
            code: z.string().min(1).max(100),
            name: z.string().min(1),
            hsCode: z
              .string()
              .regex(/^\d{4}(\.?\d{2}){1,3}$/)
              .optional(),
            parameters: z
              .array(
                z.strictObject({
                  name: z.string().min(1),
                  value: z.union([z.string(), z.number(), z.boolean()]),
                }),
              )
              .default([]),
          }),
        },
      },
      async (req, reply) => {
        const id = await addProduct(ctx.db, req.principal!, req.body);
        reply.code(201);
        return { id };
      },
    );
    app.get(
      "/v1/products",
      { preHandler: requireAuth(ctx.db), schema: { summary: "Your product master", tags: ["products"] } },
      async (req) => ({ items: await listProducts(ctx.db, req.principal!) }),
    );
    app.get(
      "/v1/products/:id",
      {
        preHandler: requireAuth(ctx.db),
        schema: {
          summary: "A product with its classifications",
          tags: ["products"],
          params: z.object({ id: z.string().uuid() }),
        },
      },
      async (req) => productWithClassifications(ctx.db, req.principal!, req.params.id),
    );
    app.post(
      "/v1/products/:id/classifications",
      {
        preHandler: requireAuth(ctx.db, ["exporter", "admin"]),
        schema: {
          summary: "Record a classification (판정 / 該非判定) of a product for a regime",
          tags: ["products"],
          params: z.object({ id: z.string().uuid() }),
          body: classification,
        },
      },
      async (req, reply) => {
        const done = await classifyProduct(ctx.db, ctx.policies, req.principal!, req.params.id, req.body);
        reply.code(201);
        return done;
      },
    );
  };
}
