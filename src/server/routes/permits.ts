/**
 * Applications (draft → submitted → under-review → approved | denied | withdrawn, returned-for-changes),
 * licences, the usage ledger (drawdowns and corrections), screening decisions and the audit log.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actOnApplication, checkLicenceType, draftApplication, policyFor } from "../../app/applications.ts";
import { todayIn } from "../../policy/index.ts";
import {
  applicationInput,
  approval,
  correctionInput,
  drawdownInput,
  licenceInput,
} from "../../permits/model.ts";
import * as permits from "../../permits/service.ts";
import type { Action } from "../../permits/workflow.ts";
import { createCheckpoint, exportAudit, verifyOrganisation } from "../../app/audit.ts";
import { applicationStates } from "../../store/vocabulary.ts";
import { requireAuth } from "../auth.ts";
import type { ServerContext } from "../context.ts";
import { notFound } from "../problem.ts";
import { auditColumns, ledgerColumns, MAX_EXPORT_ROWS, toCsv } from "../../app/records-csv.ts";
import { sendCsv } from "../csv-reply.ts";

const uuid = z.object({ id: z.string().uuid() });
const checkpointSchema = z.strictObject({
  orgId: z.string(),
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string().max(40),
  keyId: z.string().regex(/^[0-9a-f]{64}$/),
  signature: z.string().max(200),
});

export function permitsRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const policyOf = (regime: string) => policyFor(ctx, regime);
  const today = (regime: string) => todayIn(policyOf(regime).regime.timeZone);

  return async (app) => {
    const act = (action: Action, body: z.ZodTypeAny = z.strictObject({ note: z.string().optional() })) =>
      app.post(
        `/v1/applications/:id/${action === "note" ? "notes" : action}`,
        {
          preHandler: requireAuth(ctx.db),
          schema: {
            summary: `Application: ${action}`,
            tags: ["applications"],
            params: uuid,
            body: body.optional(),
          },
        },
        async (req) =>
          actOnApplication(
            ctx,
            req.principal!,
            req.params.id,
            action,
            (req.body ?? {}) as { note?: string } & Record<string, unknown>,
          ),
      );

    app.post(
      "/v1/applications",
      {
        preHandler: requireAuth(ctx.db, ["exporter", "admin"]),
        schema: {
          summary: "Draft an application for a licence",
          tags: ["applications"],
          body: applicationInput,
        },
      },
      async (req, reply) => {
        const id = await draftApplication(ctx, req.principal!, req.body);
        reply.code(201);
        return { id, status: "draft" };
      },
    );
    app.get(
      "/v1/applications",
      {
        preHandler: requireAuth(ctx.db),
        schema: {
          summary:
            "Your applications, or (officers) the review queue: earliest due date first, with applicant, parties, items and value; filtered by status, destination and words (q), paged",
          tags: ["applications"],
          querystring: z.strictObject({
            status: z.enum(applicationStates).optional(),
            destination: z
              .string()
              .regex(/^[A-Za-z]{2}$/, "a country code such as KR")
              .transform((c) => c.toUpperCase())
              .optional(),
            q: z.string().max(200).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
          }),
        },
      },
      async (req) => ({
        ...(await permits.listApplications(ctx.db, req.principal!, req.query, today)),
        limit: req.query.limit,
        offset: req.query.offset,
      }),
    );
    app.get(
      "/v1/applications/:id",
      {
        preHandler: requireAuth(ctx.db),
        schema: { summary: "An application with its history", tags: ["applications"], params: uuid },
      },
      async (req) => {
        const a = await permits.getApplication(ctx.db, req.principal!, req.params.id);
        if (!a) throw notFound(`no application ${req.params.id}`);
        return { ...a, events: await permits.applicationEventsOf(ctx.db, a.id) };
      },
    );
    act("update", z.strictObject({ content: z.unknown(), note: z.string().optional() }));
    act("submit");
    act("withdraw");
    act("review");
    act("request-changes");
    act("deny", z.strictObject({ note: z.string().min(1) }));
    act("note", z.strictObject({ note: z.string().min(1) }));
    act("approve", approval);

    app.post(
      "/v1/licences",
      {
        preHandler: requireAuth(ctx.db, ["exporter", "admin"]),
        schema: {
          summary: "Register a licence issued elsewhere (e.g. a bulk licence held on paper)",
          tags: ["licences"],
          body: licenceInput,
        },
      },
      async (req, reply) => {
        policyOf(req.body.regime);
        checkLicenceType(ctx, req.body.regime, req.body.type, "$.type");
        const id = await permits.registerLicence(ctx.db, req.principal!, req.body);
        reply.code(201);
        return { id };
      },
    );
    app.get(
      "/v1/licences",
      {
        preHandler: requireAuth(ctx.db),
        schema: { summary: "Licences with balances derived from the ledger", tags: ["licences"] },
      },
      async (req) => ({
        items: await permits.listLicences(ctx.db, req.principal!, today),
      }),
    );
    app.get(
      "/v1/licences/:id",
      {
        preHandler: requireAuth(ctx.db),
        schema: { summary: "A licence, its balances and its ledger", tags: ["licences"], params: uuid },
      },
      async (req) => {
        const l = await permits.getLicence(ctx.db, req.principal!, req.params.id, today);
        if (!l) throw notFound(`no licence ${req.params.id}`);
        return l;
      },
    );
    app.post(
      "/v1/licences/:id/status",
      {
        preHandler: requireAuth(ctx.db, ["admin", "exporter"]),
        schema: {
          summary: "Suspend, reactivate or revoke a licence",
          tags: ["licences"],
          params: uuid,
          body: z.strictObject({ status: z.enum(["active", "suspended", "revoked"]) }),
        },
      },
      async (req) => {
        await permits.setLicenceStatus(ctx.db, req.principal!, req.params.id, req.body.status);
        return { id: req.params.id, status: req.body.status };
      },
    );
    app.post(
      "/v1/licences/:id/usage",
      {
        preHandler: requireAuth(ctx.db, ["exporter", "admin"]),
        schema: {
          summary:
            "Record a shipment against a licence (append-only ledger). Idempotent per shipment reference and line: a retry with the same figures answers 200 with the first entry (replayed: true); other figures are a 409",
          tags: ["licences"],
          params: uuid,
          body: drawdownInput,
        },
      },
      async (req, reply) => {
        const e = await permits.drawdown(ctx.db, req.principal!, req.params.id, req.body);
        // A retry of a drawdown already recorded (same shipment reference and figures) answers it again.
        reply.code("replayed" in e ? 200 : 201);
        return e;
      },
    );
    app.get(
      "/v1/usage",
      {
        preHandler: requireAuth(ctx.db),
        schema: {
          summary:
            "The organisation's drawdowns (not corrected) that carry a shipment reference, to warn before it is drawn again",
          tags: ["licences"],
          querystring: z.strictObject({ shipmentRef: z.string().min(1).max(200) }),
        },
      },
      async (req) => ({
        shipmentRef: req.query.shipmentRef,
        uses: await permits.shipmentRefUses(ctx.db, req.principal!.orgId, req.query.shipmentRef),
      }),
    );
    app.post(
      "/v1/licences/:id/corrections",
      {
        preHandler: requireAuth(ctx.db, ["exporter", "admin"]),
        schema: {
          summary: "Reverse a drawdown with a compensating entry",
          tags: ["licences"],
          params: uuid,
          body: correctionInput,
        },
      },
      async (req, reply) => {
        const e = await permits.correct(
          ctx.db,
          req.principal!,
          req.params.id,
          req.body.corrects,
          req.body.note,
        );
        reply.code(201);
        return e;
      },
    );

    app.post(
      "/v1/screening-decisions",
      {
        preHandler: requireAuth(ctx.db, ["exporter", "officer", "admin"]),
        schema: {
          summary:
            "Record a decision on a screening match: on one list entry, or on every source of a grouped match (each tied to its entry version)",
          tags: ["screening"],
          body: z
            .strictObject({
              entityId: z.string().min(1).max(300).optional(),
              entityVersion: z.string().min(1).max(300).optional(),
              entries: z
                .array(
                  z.strictObject({
                    entityId: z.string().min(1).max(300),
                    entityVersion: z.string().min(1).max(300),
                  }),
                )
                .min(1)
                .max(1000)
                .optional(),
              queryName: z.string().min(1).max(1000),
              decision: z.enum(["false-positive", "confirmed"]),
              note: z
                .string()
                .trim()
                .min(1, "a decision needs a note: why it is (or is not) this party")
                .max(4000),
            })
            .refine(
              (b) =>
                (b.entries !== undefined) !== (b.entityId !== undefined && b.entityVersion !== undefined),
              {
                message: "give entityId and entityVersion, or entries (every source of the match), not both",
                path: ["entries"],
              },
            ),
        },
      },
      async (req, reply) => {
        const ids = await permits.recordScreeningDecision(ctx.db, req.principal!, req.body);
        reply.code(201);
        return { id: ids[0], ids };
      },
    );

    app.get(
      "/v1/audit",
      {
        preHandler: requireAuth(ctx.db, ["auditor", "admin"]),
        schema: {
          summary: "The organisation's audit log, newest first",
          tags: ["audit"],
          querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(10_000).default(200) }),
        },
      },
      async (req) => ({ items: await permits.auditEntries(ctx.db, req.principal!.orgId, req.query.limit) }),
    );
    app.get(
      "/v1/audit/export.csv",
      {
        preHandler: requireAuth(ctx.db, ["auditor", "admin"]),
        schema: {
          summary: "The organisation's audit log as CSV (formula-safe), newest first",
          tags: ["audit"],
          querystring: z.strictObject({
            limit: z.coerce.number().int().min(1).max(MAX_EXPORT_ROWS).default(10_000),
          }),
        },
      },
      async (req, reply) => {
        const rows = await permits.auditEntries(ctx.db, req.principal!.orgId, req.query.limit + 1);
        return sendCsv(
          reply,
          "audit",
          toCsv(auditColumns, rows.slice(0, req.query.limit), rows.length > req.query.limit),
        );
      },
    );
    app.get(
      "/v1/licences/:id/ledger.csv",
      {
        preHandler: requireAuth(ctx.db),
        schema: {
          summary: "A licence's usage ledger as CSV (formula-safe)",
          tags: ["licences"],
          params: uuid,
        },
      },
      async (req, reply) => {
        const l = await permits.getLicence(ctx.db, req.principal!, req.params.id, today);
        if (!l) throw notFound(`no licence ${req.params.id}`);
        return sendCsv(reply, `ledger-${l.number}`, toCsv(ledgerColumns, l.ledger));
      },
    );
    const auditors = requireAuth(ctx.db, ["auditor", "admin"]);
    const verified = (r: Awaited<ReturnType<typeof verifyOrganisation>>) => {
      const chain = r.findings.find((f) => f.what === "chain");
      const first = chain ?? r.findings[0];
      return {
        entries: r.entries,
        valid: r.valid,
        firstBroken: first ? { seq: first.seq ?? null, id: first.id ?? null, reason: first.reason } : null,
        findings: r.findings,
      };
    };
    app.get(
      "/v1/audit/verify",
      {
        preHandler: auditors,
        schema: {
          summary:
            "Verify the audit records: the chain, its head, every ledger row against its audit entry, and the stored signed checkpoints",
          tags: ["audit"],
        },
      },
      async (req) => verified(await verifyOrganisation(ctx, req.principal!.orgId)),
    );
    app.post(
      "/v1/audit/verify",
      {
        preHandler: auditors,
        schema: {
          summary: "Verify as above, also against signed checkpoints an auditor kept outside the database",
          tags: ["audit"],
          body: z.strictObject({ checkpoints: z.array(checkpointSchema).max(10_000) }),
        },
      },
      async (req) => verified(await verifyOrganisation(ctx, req.principal!.orgId, req.body.checkpoints)),
    );
    app.post(
      "/v1/audit/checkpoints",
      {
        preHandler: auditors,
        schema: {
          summary:
            "Sign the chain as it stands (its head) with the server's key; keep the answer outside the database",
          tags: ["audit"],
        },
      },
      async (req, reply) => {
        reply.code(201);
        return createCheckpoint(ctx, req.principal!.orgId);
      },
    );
    app.get(
      "/v1/audit/export",
      {
        preHandler: auditors,
        schema: {
          summary: "The audit records with their checkpoints and the servers' public keys, to verify offline",
          tags: ["audit"],
        },
      },
      async (req) => exportAudit(ctx, req.principal!.orgId),
    );
  };
}
