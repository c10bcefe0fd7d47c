/**
 * Background jobs: `POST /v1/impact` (an impact run over uploaded shipments, under an overlay or at two
 * dates) and `POST /v1/recheck` (re-decide the organisation's recorded checks and open applications under the
 * policy now loaded); `GET /v1/jobs/{id}` for status, progress and result; the impact report as an offline
 * HTML page at `GET /v1/jobs/{id}/report.html`. The jobs' work is the application layer's (src/app/jobs.ts).
 */
import type { FastifyPluginAsyncZod, ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  cancelJob,
  jobFor,
  jobReport,
  jobsOf,
  MAX_UPLOAD_BYTES,
  startImpact,
  startRecheck,
  storeUpload,
} from "../../app/jobs.ts";
import { dateProblem } from "../../policy/index.ts";
import { requireAuth } from "../auth.ts";
import type { ServerContext } from "../context.ts";
import { badRequest } from "../problem.ts";

const date = z
  .string()
  .refine((v) => dateProblem(v) === null, { message: "must be a calendar date YYYY-MM-DD" });
const uuid = z.object({ id: z.string().uuid() });

export function jobsRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/v1/impact",
      {
        preHandler: requireAuth(ctx.db, ["exporter", "officer", "admin"]),
        schema: {
          summary:
            "Start an impact run: the shipments (inline, or an upload) decided under the baseline and under a change (an overlay, or two dates)",
          tags: ["impact"],
          body: z.strictObject({
            shipments: z.string().min(1).optional(),
            upload: z.string().optional(),
            format: z.enum(["csv", "json"]).default("csv"),
            overlay: z.string().min(1).optional(),
            regime: z
              .string()
              .regex(/^[A-Z]{2,3}$/, "a regime id such as JP")
              .optional(),
            from: date.optional(),
            to: date.optional(),
            records: z.boolean().optional(),
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
        preHandler: requireAuth(ctx.db, ["exporter", "admin"]),
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

    app.post(
      "/v1/jobs/:id/cancel",
      {
        preHandler: requireAuth(ctx.db, ["exporter", "officer", "admin"]),
        schema: {
          summary:
            "Stop a job: a queued one at once, a running one within seconds, whichever process runs it",
          tags: ["impact"],
          params: uuid,
        },
      },
      async (req) => cancelJob(ctx, req.principal!, req.params.id),
    );

    // Uploads take the request body as a stream (no JSON parsing, no 4 MiB limit): stored in chunks as read.
    app.register(async (scope) => {
      const uploads = scope.withTypeProvider<ZodTypeProvider>();
      uploads.removeAllContentTypeParsers();
      uploads.addContentTypeParser("*", (_req, _payload, done) => done(null));
      uploads.post(
        "/v1/uploads",
        {
          preHandler: requireAuth(ctx.db, ["exporter", "officer", "admin"]),
          bodyLimit: MAX_UPLOAD_BYTES,
          schema: {
            summary:
              "Upload shipments for an impact run as the raw body (text/csv or application/json, up to 2 GiB); answers the upload's id, size and sha256",
            tags: ["impact"],
            querystring: z.strictObject({ format: z.enum(["csv", "json"]).optional() }),
          },
        },
        async (req, reply) => {
          const type = String(req.headers["content-type"] ?? "");
          const format =
            req.query.format ?? (type.includes("json") ? "json" : type.includes("csv") ? "csv" : undefined);
          if (!format)
            throw badRequest("say what the upload is", [
              {
                path: "query:format",
                message: "csv or json (or send Content-Type text/csv or application/json)",
              },
            ]);
          const stored = await storeUpload(ctx.db, req.principal!, format, req.raw);
          reply.code(201);
          return stored;
        },
      );
    });

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
