/**
 * Background jobs: `POST /v1/impact` (an impact run over uploaded shipments, under an overlay or at two
 * dates) and `POST /v1/recheck` (re-decide the organisation's recorded checks and open applications under the
 * policy now loaded); `GET /v1/jobs/{id}` for status, progress and result; the impact report as an offline
 * HTML page at `GET /v1/jobs/{id}/report.html`. The jobs' work is the application layer's (src/app/jobs.ts).
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { jobFor, jobReport, jobsOf, startImpact, startRecheck } from "../../app/jobs.ts";
import { dateProblem } from "../../policy/index.ts";
import { requireAuth } from "../auth.ts";
import type { ServerContext } from "../context.ts";

const date = z
  .string()
  .refine((v) => dateProblem(v) === null, { message: "must be a calendar date YYYY-MM-DD" });
const uuid = z.object({ id: z.string().uuid() });

export function jobsRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/v1/impact",
      {
        preHandler: requireAuth(ctx.db, ["exporter", "officer", "admin", "auditor"]),
        schema: {
          summary:
            "Start an impact run: the shipments decided under the baseline and under a change (an overlay, or two dates)",
          tags: ["impact"],
          body: z.strictObject({
            shipments: z.string().min(1),
            format: z.enum(["csv", "json"]).default("csv"),
            overlay: z.string().min(1).optional(),
            regime: z
              .string()
              .regex(/^[A-Z]{2,3}$/, "a regime id such as JP")
              .optional(),
            from: date.optional(),
            to: date.optional(),
          }),
        },
      },
      async (req, reply) => {
        const queued = await startImpact(ctx, req.principal!, req.body);
        reply.code(202);
        return queued;
      },
    );

    app.post(
      "/v1/recheck",
      {
        preHandler: requireAuth(ctx.db, ["exporter", "admin", "auditor"]),
        schema: {
          summary: "Re-decide your recorded checks and open applications under the policy now loaded",
          tags: ["impact"],
        },
      },
      async (req, reply) => {
        const queued = await startRecheck(ctx, req.principal!);
        reply.code(202);
        return queued;
      },
    );

    app.get(
      "/v1/jobs",
      {
        preHandler: requireAuth(ctx.db),
        schema: { summary: "Your organisation's jobs, newest first", tags: ["impact"] },
      },
      async (req) => ({ items: await jobsOf(ctx.db, req.principal!) }),
    );

    app.get(
      "/v1/jobs/:id",
      {
        preHandler: requireAuth(ctx.db),
        schema: { summary: "A job: status, progress and result", tags: ["impact"], params: uuid },
      },
      async (req) => jobFor(ctx.db, req.principal!, req.params.id),
    );

    app.get(
      "/v1/jobs/:id/report.html",
      {
        preHandler: requireAuth(ctx.db),
        schema: { summary: "The impact report (offline HTML)", tags: ["impact"], params: uuid },
      },
      async (req, reply) =>
        reply
          .type("text/html; charset=utf-8")
          .header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
          .send(await jobReport(ctx.db, req.principal!, req.params.id)),
    );
  };
}
