/**
 * The job queue: pg-boss on the same database (its own `pgboss` schema), on PostgreSQL through the pool and
 * on PGlite through the same client. pg-boss dispatches each job to one worker (row locks with SKIP LOCKED)
 * and keeps its state; tradectl's `jobs` row keeps what users see (status, progress, result) and the
 * heartbeat by which a stopped worker is noticed (src/app/job-runner.ts).
 */
import PgBoss from "pg-boss";
import type { Database } from "./db.ts";
import type { JobKind } from "./jobs.ts";

export interface QueuedJob {
  /** The queue's id of this delivery. */
  queueId: string;
  /** tradectl's job id. */
  jobId: string;
}

export interface JobQueue {
  /** Queue a job; returns the queue's id of it. */
  send(kind: JobKind, jobId: string): Promise<string>;
  /** Run `handler` for each job of `kind` delivered to this process, `concurrency` at a time. */
  work(kind: JobKind, concurrency: number, handler: (job: QueuedJob) => Promise<void>): Promise<void>;
  /** Mark a delivery failed (its worker stopped) so the queue does not hand it out again. */
  fail(kind: JobKind, queueId: string, reason: string): Promise<void>;
  cancel(kind: JobKind, queueId: string): Promise<void>;
  /** Stop taking jobs; wait for the running ones up to `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
}

const queueName = (kind: JobKind) => `tradectl-${kind}`;
export const jobKinds: JobKind[] = ["impact", "recheck"];

/**
 * Open the queue on the database. `supervise`: this process runs pg-boss's maintenance (workers do; an API
 * process that only sends does not need to).
 */
export async function openQueue(database: Database, opts: { supervise: boolean }): Promise<JobQueue> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values: unknown[]) => database.execSql(text, values) },
    supervise: opts.supervise,
    schedule: false,
    migrate: true,
    maintenanceIntervalSeconds: 60,
  });
  boss.on("error", (e: Error) => console.warn(`tradectl: job queue: ${e.message}`));
  await boss.start();
  for (const kind of jobKinds) {
    const name = queueName(kind);
    if (!(await boss.getQueue(name)))
      await boss.createQueue(name).catch(async (e: Error) => {
        // Another process created it between the two calls.
        if (!(await boss.getQueue(name))) throw e;
      });
  }
  const workerIds: string[] = [];
  return {
    send: async (kind, jobId) => {
      // Retries are tradectl's (a stopped worker is noticed by its heartbeat): the queue delivers once.
      const id = await boss.send(queueName(kind), { jobId }, { retryLimit: 0, expireInHours: 23 });
      if (!id) throw new Error(`the queue refused job ${jobId}`);
      for (const w of workerIds) boss.notifyWorker(w);
      return id;
    },
    work: async (kind, concurrency, handler) => {
      for (let i = 0; i < concurrency; i++)
        workerIds.push(
          await boss.work<{ jobId: string }>(
            queueName(kind),
            { pollingIntervalSeconds: 1, batchSize: 1 },
            async ([job]) => {
              if (job) await handler({ queueId: job.id, jobId: job.data.jobId });
            },
          ),
        );
    },
    fail: (kind, queueId, reason) => boss.fail(queueName(kind), queueId, { reason }),
    cancel: (kind, queueId) => boss.cancel(queueName(kind), queueId),
    stop: (timeoutMs = 30_000) => boss.stop({ graceful: true, wait: true, timeout: timeoutMs }),
  };
}

/** A queue opened on first use (a process that never queues a job does not pay for pg-boss's start). */
export function lazyQueue(open: () => Promise<JobQueue>): JobQueue & { opened: () => boolean } {
  let q: Promise<JobQueue> | undefined;
  const get = () => (q ??= open());
  return {
    opened: () => q !== undefined,
    send: async (kind, jobId) => (await get()).send(kind, jobId),
    work: async (kind, n, handler) => (await get()).work(kind, n, handler),
    fail: async (kind, id, reason) => (await get()).fail(kind, id, reason),
    cancel: async (kind, id) => (await get()).cancel(kind, id),
    stop: async (timeoutMs) => {
      if (q) await (await q).stop(timeoutMs);
    },
  };
}
