/**
 * Printable documents as PDF in English, Korean or Japanese (`?lang=`, else Accept-Language): a licence, an
 * application (each carrying the hash of the record shown, verified by GET /v1/documents/verify), and the
 * records — checks (the filters of GET /v1/checks), the audit log and a licence's ledger — as paged tables.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { applicationPrint, licencePrint, todayFor, verifyDocument } from "../../app/documents.ts";
import { documentLanguage, documentLanguages } from "../../app/document-labels.ts";
import {
  auditPdfColumns,
  checkPdfColumns,
  ledgerPdfColumns,
  MAX_PDF_ROWS,
  recordsDocument,
} from "../../app/records-document.ts";
import * as permits from "../../permits/service.ts";
import { checksUpTo } from "../../store/checks.ts";
import { requireAuth } from "../auth.ts";
import type { ServerContext } from "../context.ts";
import { sendPdf } from "../pdf-reply.ts";
import { notFound } from "../problem.ts";
import { checkFilters } from "./checks.ts";

const uuid = z.object({ id: z.string().uuid() });
const lang = { lang: z.enum(documentLanguages).optional() };

export function documentsRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const languageOf = (req: {
    query: { lang?: string | undefined };
    headers: { "accept-language"?: string };
  }) => documentLanguage(req.query.lang, req.headers["accept-language"]);
  const today = todayFor(ctx);

  return async (app) => {
    const printed = (kind: "licences" | "applications", summary: string, print: typeof licencePrint) =>
      app.get(
        `/v1/${kind}/:id/document.pdf`,
        {
          preHandler: requireAuth(ctx.db),
          schema: { summary, tags: ["documents"], params: uuid, querystring: z.strictObject(lang) },
        },
        async (req, reply) =>
          sendPdf(reply, await print(ctx, req.principal!, req.params.id, languageOf(req))),
      );
    printed(
      "licences",
      "A licence as a printable A4 PDF (en, ko, ja) carrying the hash of the record shown",
      licencePrint,
    );
    printed(
      "applications",
      "An application as a printable A4 PDF (en, ko, ja) with the determination and screening attached on submission, carrying the hash of the record shown",
      applicationPrint,
    );
    app.get(
      "/v1/documents/verify",
      {
        preHandler: requireAuth(ctx.db),
        schema: {
          summary:
            "Which licence or application (of those you may see) a printed document's hash belongs to, as the record stands now: a record changed since printing matches nothing",
          tags: ["documents"],
          querystring: z.strictObject({
            hash: z
              .string()
              .regex(/^[0-9a-fA-F]{64}$/, "the 64 hexadecimal digits printed on the document")
              .transform((h) => h.toLowerCase()),
          }),
        },
      },
      async (req) => ({
        hash: req.query.hash,
        ...(await verifyDocument(ctx, req.principal!, req.query.hash)),
      }),
    );
    app.get(
      "/v1/checks/export.pdf",
      {
        preHandler: requireAuth(ctx.db),
        schema: {
          summary: `Recorded checks of your organisation as a PDF table (the filters of GET /v1/checks; at most ${MAX_PDF_ROWS.toLocaleString("en")} rows)`,
          tags: ["checks"],
          querystring: z.strictObject({ ...checkFilters, ...lang }),
        },
      },
      async (req, reply) => {
        // the list's filters; `lang` is not one of them and listChecks reads only its own
        const r = await checksUpTo(ctx.db, req.principal!.orgId, req.query, MAX_PDF_ROWS);
        const l = languageOf(req);
        return sendPdf(reply, recordsDocument(l, "checksTitle", "checks", checkPdfColumns, r.items, r.more));
      },
    );
    app.get(
      "/v1/audit/export.pdf",
      {
        preHandler: requireAuth(ctx.db, ["auditor", "admin"]),
        schema: {
          summary: `The organisation's audit log as a PDF table, newest first (at most ${MAX_PDF_ROWS.toLocaleString("en")} rows)`,
          tags: ["audit"],
          querystring: z.strictObject({
            limit: z.coerce.number().int().min(1).max(MAX_PDF_ROWS).default(1_000),
            ...lang,
          }),
        },
      },
      async (req, reply) => {
        const rows = await permits.auditEntries(ctx.db, req.principal!.orgId, req.query.limit + 1);
        const l = languageOf(req);
        const shown = rows.slice(0, req.query.limit);
        return sendPdf(
          reply,
          recordsDocument(l, "auditTitle", "audit", auditPdfColumns, shown, rows.length > req.query.limit),
        );
      },
    );
    app.get(
      "/v1/licences/:id/ledger.pdf",
      {
        preHandler: requireAuth(ctx.db),
        schema: {
          summary: "A licence's usage ledger as a PDF table",
          tags: ["licences"],
          params: uuid,
          querystring: z.strictObject(lang),
        },
      },
      async (req, reply) => {
        const l = await permits.getLicence(ctx.db, req.principal!, req.params.id, today);
        if (!l) throw notFound(`no licence ${req.params.id}`);
        const rows = l.ledger.slice(0, MAX_PDF_ROWS);
        const doc = recordsDocument(
          languageOf(req),
          "ledgerTitle",
          `ledger-${l.number}`,
          ledgerPdfColumns,
          rows,
          l.ledger.length > rows.length,
          l.number,
        );
        return sendPdf(reply, doc);
      },
    );
  };
}
