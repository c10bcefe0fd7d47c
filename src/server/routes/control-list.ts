/**
 * `GET /v1/control-list/search`: find control-list entries by words, CAS, HS or parameters, with the check
 * (its reasons and caveats in the language of `Accept-Language`, named by `Content-Language`).
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { documentLanguage } from "../../app/document-labels.ts";
import { localiseHits } from "../../app/localise.ts";
import {
  buildClassifyIndex,
  checkParameters,
  entryForHit,
  parseParam,
  searchControlList,
  type ClassifyIndex,
  type ItemParameter,
} from "../../classify/index.ts";
import { dateProblem } from "../../policy/index.ts";
import type { ServerContext } from "../context.ts";
import { badRequest } from "../problem.ts";

const many = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));

export function controlListRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  let index: ClassifyIndex | undefined;
  return async (app) => {
    app.get(
      "/v1/control-list/search",
      {
        schema: {
          summary: "Search the control lists (text in English, Korean or Japanese; CAS; HS; parameters)",
          tags: ["control-list"],
          querystring: z.strictObject({
            q: z.string().optional(),
            regime: z
              .string()
              .regex(/^[A-Z]{2,3}$/, "a regime id such as JP")
              .optional(),
            cas: many.optional(),
            hs: many.optional(),
            param: many.optional(),
            date: z
              .string()
              .refine((v) => dateProblem(v) === null, { message: "must be a calendar date YYYY-MM-DD" })
              .optional(),
            limit: z.coerce.number().int().min(1).max(50).default(10),
          }),
        },
      },
      async (req, reply) => {
        const q = req.query;
        const params: ItemParameter[] = [];
        for (const [i, p] of (q.param ?? []).entries()) {
          const parsed = parseParam(p);
          if (!parsed)
            throw badRequest("bad parameter", [
              { path: `query:$.param[${i}]`, message: `"${p}" is not name=value` },
            ]);
          params.push(parsed);
        }
        if (!q.q?.trim() && !q.cas?.length && !q.hs?.length && params.length === 0)
          throw badRequest("give q, cas, hs or param", [
            { path: "query:$.q", message: "nothing to search for" },
          ]);
        if (q.regime !== undefined && !ctx.policies.has(q.regime))
          throw badRequest(`unknown regime "${q.regime}"`, [
            { path: "query:$.regime", message: `known: ${[...ctx.policies.keys()].join(", ")}` },
          ]);
        index ??= buildClassifyIndex(ctx.policies.values());
        const hits = searchControlList(
          index,
          { text: q.q, cas: q.cas, hs: q.hs, params },
          { regime: q.regime, date: q.date, limit: q.limit },
        );
        const results = hits.map((hit) => {
          const entry = params.length > 0 ? entryForHit(index!, hit, q.regime) : undefined;
          return entry
            ? { ...hit, check: checkParameters(entry, params, { date: q.date, subItem: hit.entry.number }) }
            : hit;
        });
        const lang = documentLanguage(undefined, req.headers["accept-language"]);
        reply.header("content-language", lang).header("vary", "Accept-Language");
        return { results: localiseHits(results, lang) };
      },
    );
  };
}
