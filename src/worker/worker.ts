/**
 * A job worker: takes jobs from the queue (impact runs, rechecks) and runs them with the application layer's
 * runner, `concurrency` at a time per kind; every few seconds it sweeps for jobs whose worker stopped. Runs
 * as `tradectl worker` (a process of its own, on PostgreSQL) or inside `tradectl serve` (the embedded default).
 */
import { readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runQueuedJob, sweepStalledJobs, type RunnerOptions } from "../app/job-runner.ts";
import type { JobsContext } from "../app/jobs.ts";
import { jobKinds } from "../store/queue.ts";
import { licenceNamesOf, startMailer, type MailSettings } from "../app/mail.ts";

export interface WorkerOptions extends RunnerOptions {
  /** Jobs of each kind run at once in this process (default 1). */
  concurrency?: number;
  /** How often to sweep for stopped workers' jobs (default 5 s). */
  sweepMs?: number;
  log?: (line: string) => void;
  /** E-mail settings: this worker also sends the notifications' e-mails. */
  mail?: MailSettings | undefined;
}

export interface RunningWorker {
  /** Stop taking jobs; running ones finish (up to `timeoutMs`), then the queue closes. */
  stop: (timeoutMs?: number) => Promise<void>;
}

/** Overlay folders of runs that ended with their process (older than a day): removed at start. */
function removeStaleTempDirs(): void {
  const dir = tmpdir();
  for (const name of readdirSync(dir)) {
    if (!name.startsWith("tradectl-overlay-")) continue;
    const path = join(dir, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > 86_400_000) rmSync(path, { recursive: true, force: true });
    } catch {
      // another process removed it
    }
  }
}

export async function startWorker(ctx: JobsContext, o: WorkerOptions = {}): Promise<RunningWorker> {
  const log = o.log ?? (() => {});
  removeStaleTempDirs();
  const sweep = async () => {
    try {
      const n = await sweepStalledJobs(ctx, o);
      if (n > 0) log(`tradectl worker: took back ${n} job(s) of a stopped worker`);
    } catch (e) {
      log(`tradectl worker: sweep failed: ${(e as Error).message}`);
    }
  };
  await sweep();
  const timer = setInterval(() => void sweep(), o.sweepMs ?? 5_000);
  timer.unref();
  for (const kind of jobKinds)
    await ctx.queue.work(kind, o.concurrency ?? 1, (job) => runQueuedJob(ctx, job, o));
  const mailer = o.mail
    ? startMailer(ctx.db, o.mail, { log, names: licenceNamesOf(ctx.policies) })
    : undefined;
  return {
    stop: async (timeoutMs) => {
      clearInterval(timer);
      await mailer?.stop();
      await ctx.queue.stop(timeoutMs);
    },
  };
}
