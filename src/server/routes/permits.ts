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
import { applicationStates } from "../../store/vocabulary.ts";
import { requireAuth } from "../auth.ts";
import type { ServerContext } from "../context.ts";
import { notFound } from "../problem.ts";

const uuid = z.object({ id: z.string().uuid() });

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
          summary: "Your applications, or (officers) the review queue with due dates",
          tags: ["applications"],
          querystring: z.strictObject({ status: z.enum(applicationStates).optional() }),
        },
      },
      async (req) => ({ items: await permits.listApplications(ctx.db, req.principal!, req.query.status) }),
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
          summary: "Record a decision on a screening match (tied to the list entry's version)",
          tags: ["screening"],
          body: z.strictObject({
            entityId: z.string().min(1),
            entityVersion: z.string().min(1),
            queryName: z.string().min(1),
            decision: z.enum(["false-positive", "confirmed"]),
            note: z.string().optional(),
          }),
        },
      },
      async (req, reply) => {
        const id = await permits.recordScreeningDecision(ctx.db, req.principal!, req.body);
        reply.code(201);
        return { id };
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
      "/v1/audit/verify",
      {
        preHandler: requireAuth(ctx.db, ["auditor", "admin"]),
        schema: { summary: "Recompute the audit chain; names the first broken link", tags: ["audit"] },
      },
      async (req) => {
        const r = await permits.verifyAudit(ctx.db, req.principal!.orgId);
        return { entries: r.entries, valid: r.broken === null, firstBroken: r.broken };
      },
    );
  };
}
