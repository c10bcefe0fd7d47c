/**
 * `POST /v1/checks` (one shipment or a batch, the contract of `tradectl check`), `GET /v1/checks/{id}` and
 * `GET /v1/checks` (filter by date, destination, outcome). Every check is recorded with its input, result,
 * policy version and who asked, in one statement per request: all or nothing.
 */
import { isUuid } from "../../app/ids.ts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { answerChecks } from "../../app/check-request.ts";
import { documentLanguage } from "../../app/document-labels.ts";
import { localiseResult } from "../../app/localise.ts";
import { shipmentSchema } from "../../determine/index.ts";
import { dateProblem } from "../../policy/index.ts";
import { releaseCheck, releaseOf } from "../../permits/service.ts";
import { answerBytes } from "../../store/check-record.ts";
import { checkRow, checksUpTo, getCheck, listChecks } from "../../store/checks.ts";
import { checkColumns, MAX_EXPORT_ROWS, toCsv } from "../../app/records-csv.ts";
import { sendCsv } from "../csv-reply.ts";
import { requireAuth } from "../auth.ts";
import { badRequest, notFound } from "../problem.ts";
import { decisionSchema, verdictSchema } from "../check-schema.ts";
import type { ServerContext } from "../context.ts";

export const MAX_BATCH = 1000;
/** The most item lines one request may decide, over all its shipments. */
export const MAX_LINES_PER_REQUEST = 10_000;

const checkResult = z.object({
  id: z.string().uuid(),
  regime: z.string(),
  date: z.string(),
  destination: z.string(),
  destinationGroups: z.array(z.string()),
  policyVersion: z.string(),
  decisions: z.array(decisionSchema),
  verdict: verdictSchema,
  productResolution: z
    .array(
      z.object({
        path: z.string(),
        productId: z.string(),
        controlNumber: z.string().nullable(),
        hsCode: z.string().nullable(),
        description: z.string().nullable(),
      }),
    )
    .optional(),
});

const recordedSummary = z.object({
  id: z.string(),
  createdAt: z.string(),
  regime: z.string(),
  date: z.string(),
  destination: z.string(),
  outcome: z.string(),
  lineCount: z.number(),
  policyVersion: z.string(),
  requestedBy: z.string(),
  requestedByUser: z.object({ email: z.string(), name: z.string() }).nullable().optional(),
});

const dateParam = z
  .string()
  .refine((v) => dateProblem(v) === null, { message: "must be a calendar date YYYY-MM-DD" })
  .optional();

/** The filters of the recorded checks' list and its CSV and PDF exports. */
export const checkFilters = {
  from: dateParam,
  to: dateParam,
  destination: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  outcome: z.enum(["no-licence-required", "licence-required", "undetermined", "prohibited"]).optional(),
  regime: z.string().optional(),
  party: z.string().max(200).optional(),
  item: z.string().max(200).optional(),
  user: z.string().max(200).optional(),
};

export function checksRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/v1/checks",
      {
        preHandler: requireAuth(ctx.db, ["exporter", "officer", "admin"]),
        // The schema documents the body; each shipment is validated by the contract's own parser below, so
        // that every problem is named by its JSON path within the batch (a union would only say "invalid").
        validatorCompiler: () => (data: unknown) => ({ value: data }),
        // The response is built by the engine to the documented shape; it is sent as JSON without a second
        // validation pass over every trace step.
        serializerCompiler: () => (data: unknown) => (typeof data === "string" ? data : JSON.stringify(data)),
        schema: {
          summary:
            "Decide one shipment, or a batch (an array of up to 1,000 shipments; up to 500 items each and 10,000 item lines in all), and record it",
          tags: ["checks"],
          body: z.union([shipmentSchema, z.array(shipmentSchema).min(1).max(MAX_BATCH)]),
          response: { 200: z.union([checkResult, z.array(checkResult)]) },
        },
      },
      async (req, reply) => {
        const body: unknown = req.body;
        const batch = Array.isArray(body);
        const raw: unknown[] = batch ? body : [body];
        if (raw.length === 0 || raw.length > MAX_BATCH)
          throw badRequest(`a batch holds 1 to ${MAX_BATCH} shipments (got ${raw.length})`, [
            { path: "$", message: `1 to ${MAX_BATCH} shipments` },
          ]);
        const lines = raw.reduce<number>((n, s) => {
          const items = (s as { items?: unknown } | null)?.items;
          return n + (Array.isArray(items) ? items.length : 0);
        }, 0);
        if (lines > MAX_LINES_PER_REQUEST)
          throw badRequest(`a request decides at most ${MAX_LINES_PER_REQUEST} item lines (got ${lines})`, [
            { path: "$", message: `at most ${MAX_LINES_PER_REQUEST} item lines over all shipments` },
          ]);
        // Bad input is a BadInputError: the error handler answers 400 naming each field.
        const results = await answerChecks(ctx, req.principal!.orgId, raw, batch);
        const who = { orgId: req.principal!.orgId, userId: req.principal!.userId };
        const rows = results.map((r) => checkRow(who, r.input, r.result));
        const ids = await ctx.recorder.record(rows);
        const lang = documentLanguage(undefined, req.headers["accept-language"]);
        reply.header("content-language", lang).header("vary", "Accept-Language");
        if (lang !== "en") {
          // The sentences in the reader's language (the record keeps the English and the messages).
          const localised = results.map((r, i) => ({ id: ids[i]!.id, ...localiseResult(r.result, lang) }));
          return reply
            .type("application/json; charset=utf-8")
            .send(JSON.stringify(batch ? localised : localised[0]) as never);
        }
        // Each result is serialised once, for the database and for the answer; bytes are sent as they are.
        const answer = answerBytes(
          rows.map((r, i) => ({ parts: r.responseParts, id: ids[i]!.id })),
          batch,
        );
        return reply.type("application/json; charset=utf-8").send(answer as never);
      },
    );

    app.get(
      "/v1/checks/:id",
      {
        preHandler: requireAuth(ctx.db),
        schema: {
          summary: "A recorded check with its input, decisions, trace and policy version",
          tags: ["checks"],
          params: z.object({ id: z.string() }),
        },
      },
      async (req, reply) => {
        const { id } = req.params;
        if (!isUuid(id)) throw notFound(`no check ${id}`);
        const found = await getCheck(ctx.db, req.principal!.orgId, id);
        if (!found) throw notFound(`no check ${id}`);
        const release = await releaseOf(ctx.db, req.principal!.orgId, id);
        const lang = documentLanguage(undefined, req.headers["accept-language"]);
        reply.header("content-language", lang).header("vary", "Accept-Language");
        const shown = { ...found, result: localiseResult(found.result, lang) };
        return release ? { ...shown, release } : shown;
      },
    );

    app.post(
      "/v1/checks/:id/release",
      {
        preHandler: requireAuth(ctx.db, ["officer", "admin"]),
        schema: {
          summary: "Release a check held on a party match (officer or admin, with a reason; audited)",
          tags: ["checks"],
          params: z.object({ id: z.string() }),
          // The reason is checked after the check is found: another organisation's id is a 404 whatever the body.
          body: z.strictObject({ reason: z.string().max(2000).optional() }).optional(),
        },
      },
      async (req) => {
        const { id } = req.params;
        if (!isUuid(id)) throw notFound(`no check ${id}`);
        const found = await getCheck(ctx.db, req.principal!.orgId, id);
        if (!found) throw notFound(`no check ${id}`);
        const reason = req.body?.reason?.trim() ?? "";
        if (reason.length < 3)
          throw badRequest("a release needs a reason", [
            { path: "$.reason", message: "at least 3 characters" },
          ]);
        const verdict = (found.result as { verdict?: { status: string } } | undefined)?.verdict;
        return releaseCheck(ctx.db, req.principal!, { id, verdictStatus: verdict?.status }, reason);
      },
    );

    app.get(
      "/v1/checks",
      {
        preHandler: requireAuth(ctx.db),
        schema: {
          summary: "Recorded checks of your organisation, newest first",
          tags: ["checks"],
          querystring: z.strictObject({
            ...checkFilters,
            limit: z.coerce.number().int().min(1).max(500).default(50),
            cursor: z
              .string()
              .regex(
                /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
                "the `next` value of a previous page",
              )
              .refine(
                (c) => !Number.isNaN(new Date(c.split("|")[0]!).getTime()),
                "the `next` value of a previous page",
              )
              .optional(),
          }),
          response: { 200: z.object({ items: z.array(recordedSummary), next: z.string().optional() }) },
        },
      },
      async (req) => listChecks(ctx.db, req.principal!.orgId, req.query),
    );
    app.get(
      "/v1/checks/export.csv",
      {
        preHandler: requireAuth(ctx.db),
        schema: {
          summary: `Recorded checks of your organisation as CSV (formula-safe; the filters of GET /v1/checks; at most ${MAX_EXPORT_ROWS.toLocaleString("en")} rows)`,
          tags: ["checks"],
          querystring: z.strictObject(checkFilters),
        },
      },
      async (req, reply) => {
        const r = await checksUpTo(ctx.db, req.principal!.orgId, req.query, MAX_EXPORT_ROWS);
        return sendCsv(reply, "checks", toCsv(checkColumns, r.items, r.more));
      },
    );
  };
}
