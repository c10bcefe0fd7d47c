/**
 * `POST /v1/screenings`: screen one party or a batch against the imported lists, with explained scores. A match
 * the organisation has decided on (false positive or confirmed) for the same list-entry version is not raised
 * again: it is returned under `decided` with the decision; when the entry changes it is raised again.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { screeningDecisionsFor } from "../../permits/service.ts";
import { isCountryCode } from "../../policy/index.ts";
import { nothingDistinctive, onlyLegalForms, DEFAULT_THRESHOLD } from "../../screen/index.ts";
import { requireAuth } from "../auth.ts";
import type { ServerContext } from "../context.ts";
import { badRequest, HttpProblem } from "../problem.ts";

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
      async (req) => {
        if (!ctx.screening)
          throw new HttpProblem(503, "Service unavailable", "screening is not configured on this server");
        const s = await ctx.screening();
        if (s.lists.length === 0)
          throw new HttpProblem(
            409,
            "Conflict",
            "no restricted-party lists are imported: tradectl lists import <format> <file>",
          );
        const b = req.body;
        const known = new Set(s.lists.map((l) => l.list));
        const problems = (b.lists ?? [])
          .filter((l) => !known.has(l))
          .map((l, i) => ({
            path: `$.lists[${i}]`,
            message: `unknown list "${l}" (imported: ${[...known].join(", ")})`,
          }));
        b.parties.forEach((p, i) => {
          const path = `$.parties[${i}].name`;
          if (p.name.trim() === "") return void problems.push({ path, message: "the name is empty" });
          const prepared = s.index.prepare(p.name);
          if (prepared.variants.length === 0)
            problems.push({ path, message: `"${p.name}" has no letters or digits` });
          else if (onlyLegalForms(prepared))
            problems.push({
              path,
              message: `"${p.name}" is only legal-form words (e.g. Co., Ltd.): give the party's own name`,
            });
          else if (nothingDistinctive(prepared))
            problems.push({
              path,
              message: `"${p.name}" has only legal-form, generic or connecting words: nothing to match on`,
            });
        });
        if (problems.length > 0) throw badRequest("the screening request is invalid", problems);
        const threshold = b.threshold ?? DEFAULT_THRESHOLD;
        const listVersions = Object.fromEntries(
          s.lists.filter((l) => !b.lists || b.lists.includes(l.list)).map((l) => [l.list, l.version]),
        );
        const results = b.parties.map((q) => ({
          query: { ...q, threshold },
          result: s.index.screen(q, {
            threshold,
            limit: b.limit ?? 20,
            ...(b.lists ? { lists: b.lists } : {}),
          }),
        }));
        const entries = results.flatMap((r) =>
          r.result.matches.map((m) => ({ entityId: m.entityId, version: m.entity.version })),
        );
        const decisions = await screeningDecisionsFor(ctx.db, req.principal!.orgId, entries);
        return {
          listVersions,
          results: results.map(({ query, result }) => {
            const out = result.matches.map((m) => ({
              entityId: m.entityId,
              entityVersion: m.entity.version,
              list: m.list,
              name: m.name,
              matchedName: m.matchedName,
              score: m.score,
              features: { ...m.features },
              alignment: m.alignment,
              url: m.entity.url,
              decision: decisions.find(
                (d) =>
                  d.entityId === m.entityId &&
                  d.entityVersion === m.entity.version &&
                  d.queryName === query.name,
              ),
            }));
            return {
              query,
              matches: out.filter((m) => !m.decision).map(({ decision: _d, ...m }) => m),
              decided: out.filter((m) => m.decision),
            };
          }),
        };
      },
    );
  };
}
