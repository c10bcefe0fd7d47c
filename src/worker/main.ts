/**
 * `tradectl worker`: a job worker in a process of its own. Opens the database (PostgreSQL at DATABASE_URL; the
 * embedded database only when no server holds it), the policy packs and the screening lists, and runs jobs
 * until SIGINT/SIGTERM, when it stops taking jobs and lets the running ones finish.
 */
import type { PolicySet } from "../policy/index.ts";
import { screeningFromDatabase } from "../lists/db-screening.ts";
import { watchedListsInForce } from "../store/lists.ts";
import { defaultHome, openDatabase } from "../store/index.ts";
import { openQueue } from "../store/queue.ts";
import { startWorker, type WorkerOptions } from "./worker.ts";
import { mailSettingsFromEnv, smtpHostOf } from "../app/mail.ts";

export interface WorkOptions extends WorkerOptions {
  databaseUrl?: string | undefined;
  home?: string;
  policies: PolicySet;
  out?: (line: string) => void;
}

/**
 * Timings from the environment (operators tune them; the scale-out test shortens them):
 * `TRADECTL_JOB_HEARTBEAT_MS` (default 2000) and `TRADECTL_JOB_STALE_SECONDS` (default 15).
 */
export function runnerTimingsFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerOptions {
  const num = (name: string, min: number, max: number): number | undefined => {
    const v = env[name];
    if (v === undefined || v === "") return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max)
      throw new Error(`${name} must be a number from ${min} to ${max} (got "${v}")`);
    return n;
  };
  const heartbeatMs = num("TRADECTL_JOB_HEARTBEAT_MS", 100, 60_000);
  const staleSeconds = num("TRADECTL_JOB_STALE_SECONDS", 1, 3600);
  return {
    ...(heartbeatMs === undefined ? {} : { heartbeatMs }),
    ...(staleSeconds === undefined
      ? {}
      : { staleSeconds, sweepMs: Math.max(200, (staleSeconds * 1000) / 3) }),
  };
}

export async function workForever(o: WorkOptions): Promise<void> {
  const out = o.out ?? ((l: string) => console.log(l));
  const home = o.home ?? defaultHome();
  const database = await openDatabase({ databaseUrl: o.databaseUrl, home });
  const queue = await openQueue(database, { supervise: true });
  // The list versions in force kept until an import (through any process) announces a change.
  const lists = await watchedListsInForce(database.db, database.listen);
  const mail = mailSettingsFromEnv();
  const worker = await startWorker(
    {
      db: database.db,
      policies: o.policies,
      screening: screeningFromDatabase(database.db, { inForce: lists.get }),
      queue,
    },
    { ...runnerTimingsFromEnv(), mail, ...o, log: out },
  );
  out(
    `tradectl worker ${process.pid} — database: ${database.kind} (${database.location}); jobs: impact, recheck; concurrency ${o.concurrency ?? 1}; e-mail: ${mail ? smtpHostOf(mail) : "off"}`,
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      out(`tradectl worker: ${signal} received, finishing running jobs`);
      resolve();
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
  await worker.stop();
  await lists.stop();
  await database.close();
}
