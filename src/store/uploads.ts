/**
 * Uploaded job inputs (impact shipments, up to gigabytes) stored in the database in chunks, so that any
 * worker process can read them: written as the request streams in, hashed on the way, usable once complete,
 * deleted when the job that reads them ends.
 */
import { and, asc, eq, gt, lt, sql } from "drizzle-orm";
import type { Db } from "./db.ts";
import { jobs, uploadChunks, uploads } from "./schema.ts";

export type UploadRow = typeof uploads.$inferSelect;

export async function createUpload(
  db: Db,
  u: { orgId: string; userId: string; format: "csv" | "json" },
): Promise<string> {
  const [row] = await db.insert(uploads).values(u).returning({ id: uploads.id });
  return row!.id;
}

export async function appendUploadChunk(db: Db, uploadId: string, seq: number, data: Buffer): Promise<void> {
  await db.insert(uploadChunks).values({ uploadId, seq, data });
}

export async function completeUpload(db: Db, id: string, bytes: number, sha256: string): Promise<void> {
  await db.update(uploads).set({ bytes, sha256, complete: true }).where(eq(uploads.id, id));
}

export async function uploadOf(db: Db, orgId: string, id: string): Promise<UploadRow | undefined> {
  const [u] = await db
    .select()
    .from(uploads)
    .where(and(eq(uploads.id, id), eq(uploads.orgId, orgId)));
  return u;
}

/** The upload's bytes in order, a few chunks per query. */
export async function* uploadBytes(db: Db, id: string, perQuery = 4): AsyncGenerator<Buffer> {
  let after = -1;
  for (;;) {
    const rows = await db
      .select({ seq: uploadChunks.seq, data: uploadChunks.data })
      .from(uploadChunks)
      .where(and(eq(uploadChunks.uploadId, id), gt(uploadChunks.seq, after)))
      .orderBy(asc(uploadChunks.seq))
      .limit(perQuery);
    if (rows.length === 0) return;
    for (const r of rows) yield r.data;
    after = rows[rows.length - 1]!.seq;
  }
}

export async function deleteUpload(db: Db, id: string): Promise<void> {
  await db.delete(uploads).where(eq(uploads.id, id));
}

/**
 * Uploads older than `hours` that no queued or running job reads (a request that broke off, an upload never
 * used): removed.
 */
export async function deleteAbandonedUploads(db: Db, hours: number): Promise<number> {
  const r = await db
    .delete(uploads)
    .where(
      and(
        lt(uploads.createdAt, new Date(Date.now() - hours * 3600_000)),
        sql`not exists (select 1 from ${jobs} where ${jobs.uploadId} = ${uploads.id}
          and ${jobs.status} in ('queued', 'running'))`,
      ),
    )
    .returning({ id: uploads.id });
  return r.length;
}
