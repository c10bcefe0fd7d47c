/**
 * What a worker does with a job delivered by the queue: take it (one more attempt, its name on the row), say
 * it is alive every few seconds, run its work with progress written back, stop when asked to, and write the
 * end — done with the result, failed with the reason, or cancelled. A job whose worker stopped (no heartbeat)
 * is put back on the queue by any worker's sweep, or failed with the reason after its last attempt. The
 * uploaded input is removed when the job ends, whatever the outcome.
 */
import { hostname } from "node:os";
import { reportHtml } from "../impact/index.ts";
import {
  claimJob,
  finishOwnJob,
  heartbeat,
  reclaimStalledJobs,
  updateJob,
  updateOwnJob,
  type JobRow,
} from "../store/jobs.ts";
import type { QueuedJob } from "../store/queue.ts";
import { deleteAbandonedUploads, deleteUpload, uploadBytes } from "../store/uploads.ts";
import { BadInputError } from "./errors.ts";
import { impactReport } from "./impact-runner.ts";
import type { ImpactJobParams, JobsContext } from "./jobs.ts";
import { recheckOrganisation } from "./recheck.ts";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface RunnerOptions {
  /** This worker's name on the jobs it runs (default host:pid). */
  worker?: string;
  heartbeatMs?: number;
  /** A running job whose worker has been silent this long is taken back. */
  staleSeconds?: number;
  /** Runs a job gets before it fails for good (its worker stopping each time). */
  maxAttempts?: number;
}

export const defaultRunner = { heartbeatMs: 2_000, staleSeconds: 15, maxAttempts: 3 };

class Cancelled extends Error {
  constructor(readonly why: "cancelled" | "lost") {
    super(why === "cancelled" ? "cancelled on request" : "taken over by another worker");
  }
}

export function workerName(): string {
  return `${hostname()}:${process.pid}`;
}

type Progress = (fraction: number) => void;

async function work(
  ctx: JobsContext,
  j: JobRow,
  progress: Progress,
): Promise<{ result: unknown; html?: string }> {
  if (j.kind === "recheck") return { result: await recheckOrganisation(ctx, j.orgId, progress) };
  const p = j.params as ImpactJobParams;
  if (!j.uploadId) throw new BadInputError(["the job has no uploaded shipments"]);
  // The overlay is a small YAML file for the pack loader; it lives in a folder removed when the run ends.
  let dir: string | undefined;
  try {
    let overlay: string | undefined;
    let licences: string | undefined;
    if (p.overlay || p.licences) dir = mkdtempSync(join(tmpdir(), "tradectl-overlay-"));
    if (p.overlay) writeFileSync((overlay = join(dir!, "overlay.yaml")), p.overlay);
    if (p.licences) writeFileSync((licences = join(dir!, "licences.json")), p.licences);
    const { report } = await impactReport(
      ctx.policies,
      {
        shipments: {
          name: p.input ?? `upload ${j.uploadId} (sha256 ${p.sha256.slice(0, 12)}…)`,
          format: p.format,
          size: p.bytes,
          chunks: uploadBytes(ctx.db, j.uploadId),
        },
        overlay,
        from: p.from,
        to: p.to,
        regime: p.regime,
        licences,
        licencesLabel: licences ? "your organisation's active licences" : undefined,
      },
      { workers: 0, onProgress: (read, total) => progress(total ? read / total : 0) },
    );
    return { result: report, html: reportHtml(report) };
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** Run one delivered job to its end (the queue's delivery completes either way: retries are the sweep's). */
export async function runQueuedJob(ctx: JobsContext, job: QueuedJob, o: RunnerOptions = {}): Promise<void> {
  const worker = o.worker ?? workerName();
  const beatMs = o.heartbeatMs ?? defaultRunner.heartbeatMs;
  const j = await claimJob(ctx.db, job.jobId, worker);
  if (!j) return;
  let stop: Cancelled | undefined;
  const beat = setInterval(() => {
    heartbeat(ctx.db, j.id, worker).then(
      (h) => {
        if (!h.ours) stop ??= new Cancelled("lost");
        else if (h.cancelRequested) stop ??= new Cancelled("cancelled");
      },
      () => {},
    );
  }, beatMs);
  let last = 0;
  const progress: Progress = (f) => {
    if (stop) throw stop;
    if (f - last < 0.02 && f < 1) return;
    last = f;
    void updateOwnJob(ctx.db, j.id, worker, { progress: Math.min(1, f) }).catch(() => {});
  };
  let ended = true;
  try {
    const { result, html } = await work(ctx, j, progress);
    if (stop) throw stop;
    // A cancel asked for while the last part ran wins: the job ends cancelled, its result not kept.
    if (!(await finishOwnJob(ctx.db, j.id, worker, { result, html: html ?? null })))
      await updateOwnJob(ctx.db, j.id, worker, { status: "cancelled" });
  } catch (e) {
    if (e instanceof Cancelled) {
      if (e.why === "cancelled") await updateOwnJob(ctx.db, j.id, worker, { status: "cancelled" });
      else ended = false; // another worker runs it now and will clean up
    } else {
      const message = e instanceof BadInputError ? e.lines().join("; ") : (e as Error).message;
      await updateOwnJob(ctx.db, j.id, worker, { status: "failed", error: message });
    }
  } finally {
    clearInterval(beat);
    if (ended && j.uploadId) await deleteUpload(ctx.db, j.uploadId).catch(() => {});
  }
}

/** Take back the jobs of stopped workers: queued again (a new delivery), or failed after the last attempt. */
export async function sweepStalledJobs(ctx: JobsContext, o: RunnerOptions = {}): Promise<number> {
  const stalled = await reclaimStalledJobs(
    ctx.db,
    o.staleSeconds ?? defaultRunner.staleSeconds,
    o.maxAttempts ?? defaultRunner.maxAttempts,
    o.worker ?? workerName(),
  );
  for (const s of stalled) {
    if (s.queueId) await ctx.queue.fail(s.kind, s.queueId, "its worker stopped").catch(() => {});
    if (s.status === "queued") {
      try {
        await updateJob(ctx.db, s.id, { queueId: await ctx.queue.send(s.kind, s.id) });
      } catch (e) {
        await updateJob(ctx.db, s.id, {
          status: "failed",
          error: `could not be queued again: ${(e as Error).message}`,
        });
      }
    } else if (s.uploadId) await deleteUpload(ctx.db, s.uploadId).catch(() => {});
  }
  await deleteAbandonedUploads(ctx.db, 24);
  return stalled.length;
}
