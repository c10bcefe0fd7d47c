/** The jobs table's queries: a job's row (status, progress, result, report) scoped to its organisation. */
import { and, desc, eq, inArray, lt, ne, sql } from "drizzle-orm";
import type { Db } from "./db.ts";
import { jobs } from "./schema.ts";

export type JobRow = typeof jobs.$inferSelect;
export type JobKind = JobRow["kind"];

export async function insertJob(
  db: Db,
  j: { orgId: string; userId: string; kind: JobKind; params: unknown; uploadId?: string | undefined },
): Promise<string> {
  const [row] = await db
    .insert(jobs)
    .values({ ...j, status: "queued", progress: 0 })
    .returning({ id: jobs.id });
  return row!.id;
}

export async function updateJob(
  db: Db,
  id: string,
  set: Partial<Pick<JobRow, "status" | "progress" | "result" | "html" | "error" | "queueId">>,
): Promise<void> {
  await db
    .update(jobs)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(jobs.id, id));
}

export async function jobsOfOrganisation(db: Db, orgId: string, limit = 50) {
  return db
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
    .where(eq(jobs.orgId, orgId))
    .orderBy(desc(jobs.createdAt))
    .limit(limit);
}

export async function jobOf(db: Db, orgId: string, id: string): Promise<JobRow | undefined> {
  const [j] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, id), eq(jobs.orgId, orgId)));
  return j;
}

export async function jobReportOf(db: Db, orgId: string, id: string): Promise<string | null | undefined> {
  const [j] = await db
    .select({ html: jobs.html })
    .from(jobs)
    .where(and(eq(jobs.id, id), eq(jobs.orgId, orgId)));
  return j?.html;
}

/**
 * A worker takes a job: running, one more attempt, its name and a first heartbeat. Undefined when the job is
 * no longer to run (done, failed or cancelled meanwhile).
 */
export async function claimJob(db: Db, id: string, worker: string): Promise<JobRow | undefined> {
  const [j] = await db
    .update(jobs)
    .set({
      status: "running",
      attempts: sql`${jobs.attempts} + 1`,
      worker,
      heartbeatAt: new Date(),
      progress: 0,
      updatedAt: new Date(),
    })
    .where(and(eq(jobs.id, id), inArray(jobs.status, ["queued", "running"]), eq(jobs.cancelRequested, false)))
    .returning();
  return j;
}

/** The worker says it is alive; answers whether the job is still its own and whether it is to stop. */
export async function heartbeat(
  db: Db,
  id: string,
  worker: string,
): Promise<{ ours: boolean; cancelRequested: boolean }> {
  const [j] = await db
    .update(jobs)
    .set({ heartbeatAt: new Date() })
    .where(and(eq(jobs.id, id), eq(jobs.worker, worker), eq(jobs.status, "running")))
    .returning({ cancelRequested: jobs.cancelRequested });
  return { ours: j !== undefined, cancelRequested: j?.cancelRequested ?? false };
}

/** Write a running job's progress or its end, only while it is this worker's. */
export async function updateOwnJob(
  db: Db,
  id: string,
  worker: string,
  set: Partial<Pick<JobRow, "status" | "progress" | "result" | "html" | "error">>,
): Promise<boolean> {
  const r = await db
    .update(jobs)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(jobs.id, id), eq(jobs.worker, worker), eq(jobs.status, "running")))
    .returning({ id: jobs.id });
  return r.length > 0;
}

/** Write a job's successful end, unless a cancel was asked for meanwhile (then false: nothing written). */
export async function finishOwnJob(
  db: Db,
  id: string,
  worker: string,
  set: Pick<JobRow, "result" | "html">,
): Promise<boolean> {
  const r = await db
    .update(jobs)
    .set({ ...set, status: "done", progress: 1, updatedAt: new Date() })
    .where(
      and(
        eq(jobs.id, id),
        eq(jobs.worker, worker),
        eq(jobs.status, "running"),
        eq(jobs.cancelRequested, false),
      ),
    )
    .returning({ id: jobs.id });
  return r.length > 0;
}

/**
 * Running jobs of other workers that have not said they are alive for `staleSeconds`: each goes back to the queue, or
 * fails with the reason once it has had `maxAttempts` runs. Returns what was changed, for the queue.
 */
export async function reclaimStalledJobs(db: Db, staleSeconds: number, maxAttempts: number, self: string) {
  const cutoff = new Date(Date.now() - staleSeconds * 1000);
  return (
    db
      .update(jobs)
      .set({
        status: sql`case when ${jobs.attempts} >= ${maxAttempts} then 'failed' else 'queued' end`,
        error: sql`case when ${jobs.attempts} >= ${maxAttempts}
        then 'its worker stopped (' || coalesce(${jobs.worker}, '?') || ', no heartbeat since ' ||
          to_char(${jobs.heartbeatAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ') on each of ' ||
          ${jobs.attempts} || ' runs'
        else ${jobs.error} end`,
        worker: null,
        updatedAt: new Date(),
      })
      // A worker that is sweeping is alive: its own jobs are late on their heartbeat, not abandoned.
      .where(and(eq(jobs.status, "running"), lt(jobs.heartbeatAt, cutoff), ne(jobs.worker, self)))
      .returning({
        id: jobs.id,
        kind: jobs.kind,
        status: jobs.status,
        queueId: jobs.queueId,
        uploadId: jobs.uploadId,
      })
  );
}

/**
 * Ask a job to stop: a queued job is cancelled at once, a running one when its worker next sees the request.
 * Undefined when there is no such job of the organisation that can still be cancelled.
 */
export async function requestCancel(db: Db, orgId: string, id: string) {
  const [j] = await db
    .update(jobs)
    .set({
      cancelRequested: true,
      status: sql`case when ${jobs.status} = 'queued' then 'cancelled' else ${jobs.status} end`,
      updatedAt: new Date(),
    })
    .where(and(eq(jobs.id, id), eq(jobs.orgId, orgId), inArray(jobs.status, ["queued", "running"])))
    .returning({
      id: jobs.id,
      kind: jobs.kind,
      status: jobs.status,
      queueId: jobs.queueId,
      uploadId: jobs.uploadId,
    });
  return j;
}
