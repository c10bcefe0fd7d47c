/** The jobs table's queries: a job's row (status, progress, result, report) scoped to its organisation. */
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "./db.ts";
import { jobs } from "./schema.ts";

export type JobRow = typeof jobs.$inferSelect;
export type JobKind = JobRow["kind"];

export async function insertJob(
  db: Db,
  j: { orgId: string; userId: string; kind: JobKind; params: unknown },
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
  set: Partial<Pick<JobRow, "status" | "progress" | "result" | "html" | "error">>,
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
