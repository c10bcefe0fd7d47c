/**
 * Applications (draft → submitted → under-review → approved | denied | withdrawn, returned-for-changes),
 * licences, the usage ledger (drawdowns and corrections), screening decisions and the audit log.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { applicationPath, shipmentOfApplication } from "../../app/application-shipment.ts";
import { checkShipments } from "../../app/check.ts";
import { BadInputError } from "../../app/errors.ts";
import { todayIn } from "../../policy/index.ts";
import {
  applicationInput,
  approval,
  correctionInput,
  drawdownInput,
  licenceInput,
  type ApplicationInput,
} from "../../permits/model.ts";
import { licenceFromApproval } from "../../permits/approval.ts";
import * as permits from "../../permits/service.ts";
import { addDays, type Action } from "../../permits/workflow.ts";
import { eq } from "drizzle-orm";
import { applicationStates, organisations } from "../../store/index.ts";
import { requireAuth } from "../auth.ts";
import type { ServerContext } from "../context.ts";
import { badRequest, notFound } from "../problem.ts";

const uuid = z.object({ id: z.string().uuid() });

export function permitsRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const policyOf = (regime: string) => {
    const p = ctx.policies.get(regime);
    if (!p)
      throw badRequest(`unknown regime "${regime}"`, [
        { path: "$.regime", message: `known: ${[...ctx.policies.keys()].join(", ")}` },
      ]);
    return p;
  };
  const today = (regime: string) => todayIn(policyOf(regime).regime.timeZone);
  const checkLicenceType = (regime: string, type: string, path = "$.licenceType") => {
    const ids = policyOf(regime).data.licences.map((l) => l.id);
    if (!ids.includes(type))
      throw badRequest(`unknown licence type "${type}" for ${regime}`, [
        { path, message: `known: ${ids.join(", ")}` },
      ]);
  };
  /**
   * The determination that makes the licence necessary: the application's lines and parties checked on its
   * date by the check service (the same answer as a check of the same shipment), with the verdict.
   */
  const determination = async (a: ApplicationInput, orgId: string) => {
    try {
      const [c] = await checkShipments(
        {
          policies: ctx.policies,
          screening: ctx.screening,
          decisionsFor: (entries) => permits.matchDecisionsFor(ctx.db, orgId, entries),
        },
        [shipmentOfApplication(a)],
        false,
      );
      return c!.result;
    } catch (e) {
      if (e instanceof BadInputError)
        throw badRequest("the application cannot be checked", e.problems.map(applicationPath));
      throw e;
    }
  };

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
        async (req) => {
          const p = req.principal!;
          const b = (req.body ?? {}) as { note?: string } & Record<string, unknown>;
          const extra: permits.TransitionInput = { note: b.note };
          if (action === "submit" || action === "approve") {
            const current = await permits.getApplication(ctx.db, p, req.params.id);
            if (!current) throw notFound(`no application ${req.params.id}`);
            const content = current.content as ApplicationInput;
            if (action === "submit") {
              const decision = await determination(content, p.orgId);
              const reviewDays = decision.decisions
                .flatMap((d) => d.licenceDetails)
                .find((d) => d.id === current.licenceType)?.reviewDays;
              extra.decision = decision;
              extra.screening = decision.verdict;
              extra.dueDate = reviewDays === undefined ? null : addDays(today(current.regime), reviewDays);
            } else {
              const a = approval.parse(b);
              if (a.validUntil < a.validFrom)
                throw badRequest("validUntil is before validFrom", [
                  { path: "$.validUntil", message: "before validFrom" },
                ]);
              extra.conditions = {
                validFrom: a.validFrom,
                validUntil: a.validUntil,
                limits: a.limits ?? null,
                permittedParties: a.permittedParties ?? null,
                conditions: a.conditions ?? null,
              };
              extra.licence = licenceFromApproval(
                { regime: current.regime, licenceType: current.licenceType, content },
                a,
                (await orgName(current.orgId)) ?? "applicant",
              );
            }
          }
          if (action === "update") {
            const content = applicationInput.parse(b.content);
            checkLicenceType(content.regime, content.licenceType, "$.content.licenceType");
            extra.content = content;
          }
          return permits.transition(ctx.db, p, req.params.id, action, extra);
        },
      );
    const orgName = async (orgId: string) => {
      const [o] = await ctx.db
        .select({ name: organisations.name })
        .from(organisations)
        .where(eq(organisations.id, orgId));
      return o?.name;
    };

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
        policyOf(req.body.regime);
        checkLicenceType(req.body.regime, req.body.licenceType);
        const id = await permits.createApplication(ctx.db, req.principal!, req.body);
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
        checkLicenceType(req.body.regime, req.body.type, "$.type");
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
          summary: "Record a shipment against a licence (append-only ledger)",
          tags: ["licences"],
          params: uuid,
          body: drawdownInput,
        },
      },
      async (req, reply) => {
        const e = await permits.drawdown(ctx.db, req.principal!, req.params.id, req.body);
        reply.code(201);
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
