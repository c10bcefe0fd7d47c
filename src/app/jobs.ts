/**
 * Background jobs: an impact run over uploaded shipments and a recheck of the organisation's records. A job
 * is a row (status, progress, result, the report); its work is one of the services below. `runJob` runs the
 * work in this process after the request that queued it has answered.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { reportHtml } from "../impact/index.ts";
import type { PolicySet } from "../policy/index.ts";
import type { Db } from "../store/db.ts";
import type { Principal } from "../store/identity.ts";
import { insertJob, jobOf, jobReportOf, jobsOfOrganisation, updateJob, type JobKind } from "../store/jobs.ts";
import type { CheckRequestContext } from "./check-request.ts";
import { BadInputError, notFoundError } from "./errors.ts";
import { impactReport } from "./impact-runner.ts";
import { recheckOrganisation } from "./recheck.ts";

export interface JobOutput {
  result: unknown;
  html?: string;
}

type Work = (progress: (fraction: number) => void) => Promise<JobOutput>;

/** Queue a job for the caller's organisation and run its work; answers the job's id at once. */
export async function runJob(
  db: Db,
  p: Principal,
  kind: JobKind,
  params: unknown,
  work: Work,
): Promise<{ id: string; status: "queued" }> {
  const id = await insertJob(db, { orgId: p.orgId, userId: p.userId, kind, params });
  setImmediate(async () => {
    let last = 0;
    const progress = (f: number) => {
      if (f - last < 0.05 && f < 1) return;
      last = f;
      void updateJob(db, id, { progress: Math.min(1, f) }).catch(() => {});
    };
    try {
      await updateJob(db, id, { status: "running" });
      const { result, html } = await work(progress);
      await updateJob(db, id, { status: "done", progress: 1, result, html: html ?? null });
    } catch (e) {
      const message = e instanceof BadInputError ? e.lines().join("; ") : (e as Error).message;
      await updateJob(db, id, { status: "failed", error: message }).catch(() => {});
    }
  });
  return { id, status: "queued" };
}

export interface ImpactParams {
  shipments: string;
  format: "csv" | "json";
  overlay?: string | undefined;
  regime?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Check an impact request before it is queued: a change to run (an overlay, or a regime and two dates). */
export function impactRequestProblems(policies: PolicySet, b: ImpactParams): void {
  if (!b.overlay && !(b.from && b.to && b.regime))
    throw new BadInputError(
      [{ path: "$.overlay", message: "an overlay (YAML) or regime + from + to" }],
      "give an overlay, or regime with from and to",
    );
  if (b.regime !== undefined && !policies.has(b.regime))
    throw new BadInputError(
      [{ path: "$.regime", message: `known: ${[...policies.keys()].join(", ")}` }],
      `unknown regime "${b.regime}"`,
    );
}

/** An impact run over shipments sent in the request: the report and its offline HTML page. */
export function startImpact(ctx: CheckRequestContext, p: Principal, b: ImpactParams) {
  impactRequestProblems(ctx.policies, b);
  const params = {
    format: b.format,
    regime: b.regime,
    from: b.from,
    to: b.to,
    overlay: b.overlay !== undefined,
    bytes: b.shipments.length,
  };
  return runJob(ctx.db, p, "impact", params, async (progress) => {
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
}

export function startRecheck(ctx: CheckRequestContext, p: Principal) {
  return runJob(ctx.db, p, "recheck", {}, async (progress) => ({
    result: await recheckOrganisation(ctx, p.orgId, progress),
  }));
}

export const jobsOf = (db: Db, p: Principal) => jobsOfOrganisation(db, p.orgId);

/** A job of the caller's organisation, with the address of its report when it has one. */
export async function jobFor(db: Db, p: Principal, id: string) {
  const j = await jobOf(db, p.orgId, id);
  if (!j) throw notFoundError(`no job ${id}`);
  const { html, ...rest } = j;
  return { ...rest, report: html ? `/v1/jobs/${j.id}/report.html` : undefined };
}

export async function jobReport(db: Db, p: Principal, id: string): Promise<string> {
  const html = await jobReportOf(db, p.orgId, id);
  if (!html) throw notFoundError(`no report for job ${id}`);
  return html;
}
