/**
 * The product master: `POST/GET /v1/products`, `GET /v1/products/{id}`, and classifications per regime
 * (`POST /v1/products/{id}/classifications`; Korea's are valid for 2 years). Checks may name a product id
 * instead of a control number; `resolveProducts` fills the line from the classification in force.
 */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { controlNumberProblem } from "../../determine/index.ts";
import { appendAudit } from "../../permits/service.ts";
import { addDays } from "../../permits/workflow.ts";
import { dateProblem } from "../../policy/index.ts";
import { productClassifications, products, type Db } from "../../store/index.ts";
import { requireAuth } from "../auth.ts";
import type { ServerContext } from "../context.ts";
import { badRequest, HttpProblem, notFound, type FieldProblem } from "../problem.ts";

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

export interface ResolvedLine {
  controlNumber: string | null;
  hsCode?: string;
  note?: string;
}

/** The item lines of an unvalidated shipment, when it has an array of objects there. */
function itemsOf(s: unknown): Record<string, unknown>[] {
  const items = (s as { items?: unknown } | null)?.items;
  return Array.isArray(items)
    ? items.filter((it): it is Record<string, unknown> => typeof it === "object" && it !== null)
    : [];
}

/** Fill item lines that name a `productId` from the organisation's product master; problems by JSON path. */
export async function resolveProducts(
  db: Db,
  orgId: string,
  shipments: unknown[],
  batch: boolean,
): Promise<FieldProblem[]> {
  const codes = new Set<string>();
  for (const s of shipments)
    for (const it of itemsOf(s)) if (typeof it?.productId === "string") codes.add(it.productId);
  if (codes.size === 0) return [];
  const rows = await db
    .select()
    .from(products)
    .where(and(eq(products.orgId, orgId), inArray(products.code, [...codes])));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const cls = rows.length
    ? await db
        .select()
        .from(productClassifications)
        .where(
          inArray(
            productClassifications.productId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(desc(productClassifications.classifiedOn), desc(productClassifications.createdAt))
    : [];
  const problems: FieldProblem[] = [];
  shipments.forEach((s, si) => {
    const sh = s as { regime?: string; date?: string; items?: Record<string, unknown>[] };
    itemsOf(sh).forEach((it, ii) => {
      if (typeof it?.productId !== "string") return;
      const path = `${batch ? `$[${si}]` : "$"}.items[${ii}]`;
      const p = byCode.get(it.productId);
      if (!p)
        return void problems.push({
          path: `${path}.productId`,
          message: `no product ${it.productId} in your product master`,
        });
      const c = cls.find(
        (x) =>
          x.productId === p.id &&
          x.regime === sh.regime &&
          (sh.date === undefined || x.classifiedOn <= sh.date),
      );
      if (!c)
        return void problems.push({
          path: `${path}.productId`,
          message: `product ${it.productId} has no ${sh.regime ?? "?"} classification on ${sh.date ?? "?"}`,
        });
      if (c.validUntil && sh.date && sh.date > c.validUntil)
        return void problems.push({
          path: `${path}.productId`,
          message: `the ${sh.regime} classification of ${it.productId} expired on ${c.validUntil}; classify it again`,
        });
      if (it.controlNumber === undefined) it.controlNumber = c.controlNumber;
      if (it.hsCode === undefined && p.hsCode) it.hsCode = p.hsCode;
      if (it.description === undefined) it.description = p.name;
    });
  });
  return problems;
}

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
        const p = req.principal!;
        const id = await ctx.db.transaction(async (tx) => {
          const exists = await tx
            .select({ id: products.id })
            .from(products)
            .where(and(eq(products.orgId, p.orgId), eq(products.code, req.body.code)));
          if (exists.length > 0)
            throw new HttpProblem(409, "Conflict", `product ${req.body.code} exists already`);
          const [row] = await tx
            .insert(products)
            .values({ orgId: p.orgId, ...req.body })
            .returning({ id: products.id });
          await appendAudit(tx, {
            orgId: p.orgId,
            userId: p.userId,
            action: "product.create",
            objectType: "product",
            objectId: row!.id,
            payload: { code: req.body.code },
          });
          return row!.id;
        });
        reply.code(201);
        return { id };
      },
    );
    app.get(
      "/v1/products",
      { preHandler: requireAuth(ctx.db), schema: { summary: "Your product master", tags: ["products"] } },
      async (req) => ({
        items: await ctx.db
          .select()
          .from(products)
          .where(eq(products.orgId, req.principal!.orgId))
          .orderBy(asc(products.code)),
      }),
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
      async (req) => {
        const [p] = await ctx.db
          .select()
          .from(products)
          .where(and(eq(products.id, req.params.id), eq(products.orgId, req.principal!.orgId)));
        if (!p) throw notFound(`no product ${req.params.id}`);
        const classifications = await ctx.db
          .select()
          .from(productClassifications)
          .where(eq(productClassifications.productId, p.id))
          .orderBy(desc(productClassifications.classifiedOn));
        return { ...p, classifications };
      },
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
        const pr = req.principal!;
        const c = req.body;
        if (c.controlNumber !== null) {
          const problem = controlNumberProblem(c.controlNumber);
          if (problem)
            throw badRequest("bad control number", [{ path: "$.controlNumber", message: problem }]);
        }
        const policy = ctx.policies.get(c.regime);
        if (!policy)
          throw badRequest(`unknown regime "${c.regime}"`, [
            { path: "$.regime", message: `known: ${[...ctx.policies.keys()].join(", ")}` },
          ]);
        // The validity the regime's pack gives a classification on its date (none: no term).
        const days = policy.regime.classificationValidity?.find(
          (v) => v.from <= c.classifiedOn && (v.to === undefined || c.classifiedOn < v.to),
        )?.days;
        const validUntil = days === undefined ? null : addDays(c.classifiedOn, days);
        const id = await ctx.db.transaction(async (tx) => {
          const [p] = await tx
            .select()
            .from(products)
            .where(and(eq(products.id, req.params.id), eq(products.orgId, pr.orgId)));
          if (!p) throw notFound(`no product ${req.params.id}`);
          const [row] = await tx
            .insert(productClassifications)
            .values({ productId: p.id, ...c, validUntil, userId: pr.userId })
            .returning({ id: productClassifications.id });
          await appendAudit(tx, {
            orgId: pr.orgId,
            userId: pr.userId,
            action: "product.classify",
            objectType: "product",
            objectId: p.id,
            payload: { ...c, validUntil },
          });
          return row!.id;
        });
        reply.code(201);
        return { id, validUntil };
      },
    );
  };
}
