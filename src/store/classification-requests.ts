/**
 * Classification requests' queries: one request (with a row lock for a step), the exporter's own and the
 * authority's queue (with the applicant's and the requester's names), filtered, searched and paged.
 */
import { and, asc, desc, eq, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "./db.ts";
import { likePattern, searchWords } from "./like.ts";
import { classificationRequests, organisations, users } from "./schema.ts";
import type { ClassificationRequestState } from "./vocabulary.ts";

export type ClassificationRequestRow = typeof classificationRequests.$inferSelect;

export async function insertClassificationRequest(
  db: Db,
  r: Omit<typeof classificationRequests.$inferInsert, "id" | "createdAt" | "updatedAt">,
): Promise<string> {
  const [row] = await db
    .insert(classificationRequests)
    .values(r)
    .returning({ id: classificationRequests.id });
  return row!.id;
}

/** The request locked for a step in this transaction. */
export async function classificationRequestForUpdate(
  tx: Db,
  id: string,
): Promise<ClassificationRequestRow | undefined> {
  const [row] = await tx
    .select()
    .from(classificationRequests)
    .where(eq(classificationRequests.id, id))
    .for("update");
  return row;
}

export async function classificationRequestOf(
  db: Db,
  id: string,
): Promise<(ClassificationRequestRow & { applicant: string; requester: string }) | undefined> {
  const [row] = await db
    .select({ r: classificationRequests, applicant: organisations.name, requester: users.name })
    .from(classificationRequests)
    .innerJoin(organisations, eq(organisations.id, classificationRequests.orgId))
    .innerJoin(users, eq(users.id, classificationRequests.requestedBy))
    .where(eq(classificationRequests.id, id));
  return row ? { ...row.r, applicant: row.applicant, requester: row.requester } : undefined;
}

export async function updateClassificationRequest(
  tx: Db,
  id: string,
  set: Partial<typeof classificationRequests.$inferInsert>,
): Promise<void> {
  await tx
    .update(classificationRequests)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(classificationRequests.id, id));
}

export interface ClassificationRequestFilter {
  /** The organisation's own requests, or the queue of the authority for this regime (none withdrawn). */
  scope: { orgId: string } | { regime: string };
  status?: ClassificationRequestState | undefined;
  /** Words in the product's code, name, HS code, the description or the applicant's name. */
  q?: string | undefined;
  limit: number;
  offset: number;
}

export async function classificationRequestsOf(db: Db, f: ClassificationRequestFilter) {
  const words = searchWords(f.q);
  const where: SQL | undefined = and(
    "orgId" in f.scope
      ? eq(classificationRequests.orgId, f.scope.orgId)
      : and(
          eq(classificationRequests.regime, f.scope.regime),
          ne(classificationRequests.status, "withdrawn"),
        ),
    f.status ? eq(classificationRequests.status, f.status) : undefined,
    ...words.map(
      (w) =>
        sql`(${classificationRequests.product}::text ilike ${likePattern(w)} or ${classificationRequests.description} ilike ${likePattern(w)} or ${organisations.name} ilike ${likePattern(w)})`,
    ),
  );
  const [rows, [count]] = await Promise.all([
    db
      .select({ r: classificationRequests, applicant: organisations.name, requester: users.name })
      .from(classificationRequests)
      .innerJoin(organisations, eq(organisations.id, classificationRequests.orgId))
      .innerJoin(users, eq(users.id, classificationRequests.requestedBy))
      .where(where)
      .orderBy(
        sql`${classificationRequests.dueOn} asc nulls last`,
        desc(classificationRequests.createdAt),
        asc(classificationRequests.id),
      )
      .limit(f.limit)
      .offset(f.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(classificationRequests)
      .innerJoin(organisations, eq(organisations.id, classificationRequests.orgId))
      .where(where),
  ]);
  return {
    items: rows.map((x) => ({ ...x.r, applicant: x.applicant, requester: x.requester })),
    total: Number(count?.n ?? 0),
  };
}
