/**
 * Background jobs in the database: `POST /v1/impact` (an impact run over uploaded shipments, under an overlay
 * or at two dates) and `POST /v1/recheck` (re-decide the organisation's recorded checks and open applications
 * under the policy now loaded); `GET /v1/jobs/{id}` for status, progress and result; the impact report as an
 * offline HTML page at `GET /v1/jobs/{id}/report.html`. A job runs in the process that accepted it.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { impactReport } from "../../app/impact-runner.ts";
import { shipmentOfApplication } from "../../app/application-shipment.ts";
import { checkShipments } from "../../app/check.ts";
import { BadInputError } from "../../app/errors.ts";
import type { ApplicationInput } from "../../permits/model.ts";
import { matchDecisionsFor } from "../../permits/service.ts";
import { reportHtml } from "../../impact/index.ts";
import { dateProblem } from "../../policy/index.ts";
import { applications, checks, jobs, type Db } from "../../store/index.ts";
import { requireAuth } from "../auth.ts";
import type { ServerContext } from "../context.ts";
import { badRequest, notFound } from "../problem.ts";

const date = z
  .string()
  .refine((v) => dateProblem(v) === null, { message: "must be a calendar date YYYY-MM-DD" });
const uuid = z.object({ id: z.string().uuid() });

async function setJob(db: Db, id: string, set: Partial<typeof jobs.$inferInsert>) {
  await db
    .update(jobs)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(jobs.id, id));
}

export function jobsRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const start = (
    id: string,
    work: (progress: (p: number) => void) => Promise<{ result: unknown; html?: string }>,
  ) => {
    setImmediate(async () => {
      let last = 0;
      const progress = (p: number) => {
        if (p - last < 0.05 && p < 1) return;
        last = p;
        void setJob(ctx.db, id, { progress: Math.min(1, p) }).catch(() => {});
      };
      try {
        await setJob(ctx.db, id, { status: "running" });
        const { result, html } = await work(progress);
        await setJob(ctx.db, id, { status: "done", progress: 1, result, html: html ?? null });
      } catch (e) {
        const message = e instanceof BadInputError ? e.lines().join("; ") : (e as Error).message;
        await setJob(ctx.db, id, { status: "failed", error: message }).catch(() => {});
      }
    });
  };

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
        const b = req.body;
        if (!b.overlay && !(b.from && b.to && b.regime))
          throw badRequest("give an overlay, or regime with from and to", [
            { path: "$.overlay", message: "an overlay (YAML) or regime + from + to" },
          ]);
        if (b.regime !== undefined && !ctx.policies.has(b.regime))
          throw badRequest(`unknown regime "${b.regime}"`, [
            { path: "$.regime", message: `known: ${[...ctx.policies.keys()].join(", ")}` },
          ]);
        const p = req.principal!;
        const [row] = await ctx.db
          .insert(jobs)
          .values({
            orgId: p.orgId,
            userId: p.userId,
            kind: "impact",
            status: "queued",
            progress: 0,
            params: {
              format: b.format,
              regime: b.regime,
              from: b.from,
              to: b.to,
              overlay: b.overlay !== undefined,
              bytes: b.shipments.length,
            },
          })
          .returning({ id: jobs.id });
        start(row!.id, async (progress) => {
          const dir = mkdtempSync(join(tmpdir(), "tradectl-impact-"));
          try {
            const shipments = join(dir, `shipments.${b.format}`);
            writeFileSync(shipments, b.shipments);
            let overlay: string | undefined;
            if (b.overlay) writeFileSync((overlay = join(dir, "overlay.yaml")), b.overlay);
            const { report } = await impactReport(
              ctx.policies,
              { shipments, overlay, from: b.from, to: b.to, regime: b.regime },
              { workers: 0, onProgress: (read, total) => progress(total ? read / total : 0) },
            );
            return { result: report, html: reportHtml(report) };
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        });
        reply.code(202);
        return { id: row!.id, status: "queued" };
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
        const p = req.principal!;
        const [row] = await ctx.db
          .insert(jobs)
          .values({
            orgId: p.orgId,
            userId: p.userId,
            kind: "recheck",
            status: "queued",
            progress: 0,
            params: {},
          })
          .returning({ id: jobs.id });
        start(row!.id, async (progress) => {
          const recorded = await ctx.db
            .select({
              id: checks.id,
              input: checks.input,
              result: checks.result,
              policyVersion: checks.policyVersion,
            })
            .from(checks)
            .where(eq(checks.orgId, p.orgId))
            .orderBy(desc(checks.createdAt))
            .limit(50_000);
          const open = await ctx.db
            .select()
            .from(applications)
            .where(
              and(
                eq(applications.orgId, p.orgId),
                inArray(applications.status, ["submitted", "under-review", "returned-for-changes"]),
              ),
            );
          const changed: unknown[] = [];
          const summary = (r: {
            decisions: { id: string; outcome: string; basis: string | null; licenceOptions: string[] }[];
            verdict?: { status: string };
          }) =>
            `${r.decisions.map((d) => `${d.id}:${d.outcome}:${d.basis}:${d.licenceOptions.join("+")}`).join("|")}#${r.verdict?.status ?? ""}`;
          // The same service as a check: decided and screened again, one shipment at a time (bad old input is skipped).
          const deps = {
            policies: ctx.policies,
            screening: ctx.screening,
            decisionsFor: (entries: { entityId: string; version: string }[]) =>
              matchDecisionsFor(ctx.db, p.orgId, entries),
          };
          const again = async (input: unknown) => {
            try {
              return (await checkShipments(deps, [input], false))[0]!.result;
            } catch (e) {
              if (e instanceof BadInputError) return undefined;
              throw e;
            }
          };
          for (let i = 0; i < recorded.length; i++) {
            const c = recorded[i]!;
            const now = await again(c.input);
            if (now && summary(now) !== summary(c.result as never))
              changed.push({
                kind: "check",
                id: c.id,
                before: {
                  policyVersion: c.policyVersion,
                  decisions: (c.result as { decisions: unknown[] }).decisions.map((d) => pick(d)),
                  verdict: (c.result as { verdict?: { status: string } }).verdict?.status ?? null,
                },
                after: {
                  policyVersion: now.policyVersion,
                  decisions: now.decisions.map((d) => pick(d)),
                  verdict: now.verdict.status,
                },
              });
            if (i % 500 === 0) progress(i / (recorded.length + open.length));
          }
          for (const a of open) {
            const before = a.decision as {
              policyVersion: string;
              decisions: unknown[];
              verdict?: { status: string };
            } | null;
            const now = await again(shipmentOfApplication(a.content as ApplicationInput));
            if (now && before && summary(now) !== summary(before as never))
              changed.push({
                kind: "application",
                id: a.id,
                status: a.status,
                before: {
                  policyVersion: before.policyVersion,
                  decisions: before.decisions.map((d) => pick(d)),
                  verdict: before.verdict?.status ?? null,
                },
                after: {
                  policyVersion: now.policyVersion,
                  decisions: now.decisions.map((d) => pick(d)),
                  verdict: now.verdict.status,
                },
              });
          }
          return {
            result: {
              checks: recorded.length,
              applications: open.length,
              changed,
              policyVersions: Object.fromEntries(
                [...ctx.policies.values()].map((pol) => [pol.regime.id, pol.version]),
              ),
            },
          };
        });
        reply.code(202);
        return { id: row!.id, status: "queued" };
      },
    );

    app.get(
      "/v1/jobs",
      {
        preHandler: requireAuth(ctx.db),
        schema: { summary: "Your organisation's jobs, newest first", tags: ["impact"] },
      },
      async (req) => ({
        items: await ctx.db
          .select({
            id: jobs.id,
            kind: jobs.kind,
            status: jobs.status,
            progress: jobs.progress,
            createdAt: jobs.createdAt,
            updatedAt: jobs.updatedAt,
            error: jobs.error,
          })
          .from(jobs)
          .where(eq(jobs.orgId, req.principal!.orgId))
          .orderBy(desc(jobs.createdAt))
          .limit(50),
      }),
    );

    app.get(
      "/v1/jobs/:id",
      {
        preHandler: requireAuth(ctx.db),
        schema: { summary: "A job: status, progress and result", tags: ["impact"], params: uuid },
      },
      async (req) => {
        const [j] = await ctx.db
          .select()
          .from(jobs)
          .where(and(eq(jobs.id, req.params.id), eq(jobs.orgId, req.principal!.orgId)));
        if (!j) throw notFound(`no job ${req.params.id}`);
        const { html, ...rest } = j;
        return { ...rest, report: html ? `/v1/jobs/${j.id}/report.html` : undefined };
      },
    );

    app.get(
      "/v1/jobs/:id/report.html",
      {
        preHandler: requireAuth(ctx.db),
        schema: { summary: "The impact report (offline HTML)", tags: ["impact"], params: uuid },
      },
      async (req, reply) => {
        const [j] = await ctx.db
          .select({ html: jobs.html })
          .from(jobs)
          .where(and(eq(jobs.id, req.params.id), eq(jobs.orgId, req.principal!.orgId)));
        if (!j?.html) throw notFound(`no report for job ${req.params.id}`);
        return reply
          .type("text/html; charset=utf-8")
          .header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
          .send(j.html);
      },
    );
  };
}

function pick(d: unknown) {
  const x = d as { id: string; outcome: string; basis: string | null; licenceOptions: string[] };
  return { id: x.id, outcome: x.outcome, basis: x.basis, licenceOptions: x.licenceOptions };
}
