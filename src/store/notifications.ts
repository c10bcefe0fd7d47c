/**
 * Notifications: a user's own (newest first, unread count, marked read one by one or all at once) and the e-mail
 * outbox in the same rows. A sender claims due e-mails with `FOR UPDATE SKIP LOCKED` and a lease (state
 * "sending" until `mail_at`), so several workers on one PostgreSQL never send one twice, and one that stops
 * mid-way leaves them to be taken again when the lease ends.
 */
import { and, desc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { applications, classificationRequests, notifications, users } from "./schema.ts";
import type { Db } from "./db.ts";

export async function notificationsOf(db: Db, userId: string, o: { unread?: boolean; limit: number }) {
  const where = and(eq(notifications.userId, userId), o.unread ? isNull(notifications.readAt) : undefined);
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        applicationId: notifications.applicationId,
        classificationRequestId: notifications.classificationRequestId,
        params: notifications.params,
        readAt: notifications.readAt,
        createdAt: notifications.createdAt,
        mailState: notifications.mailState,
      })
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(o.limit),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
  ]);
  return { items: rows, unread: Number(count?.n ?? 0) };
}

/** Marks the user's notifications read (the given ones, or all); answers how many changed. */
export async function markRead(db: Db, userId: string, ids?: string[]): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids ? inArray(notifications.id, ids) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}

export interface DueMail {
  id: string;
  kind: string;
  params: Record<string, string>;
  applicationId: string | null;
  classificationRequestId: string | null;
  attempts: number;
  to: string;
  name: string;
  lang: string | null;
  regime: string | null;
}

/** Claims up to `limit` e-mails that are due (pending, or sending past their lease) for `leaseMs`. */
export async function claimDueMail(db: Db, limit: number, leaseMs: number): Promise<DueMail[]> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const due = await tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(
        or(
          and(
            eq(notifications.mailState, "pending"),
            or(isNull(notifications.mailAt), lte(notifications.mailAt, now)),
          ),
          and(eq(notifications.mailState, "sending"), lte(notifications.mailAt, now)),
        ),
      )
      .orderBy(notifications.createdAt)
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    const ids = due.map((d) => d.id);
    await tx
      .update(notifications)
      .set({
        mailState: "sending",
        mailAt: new Date(now.getTime() + leaseMs),
        mailAttempts: sql`${notifications.mailAttempts} + 1`,
      })
      .where(inArray(notifications.id, ids));
    const rows = await tx
      .select({
        id: notifications.id,
        kind: notifications.kind,
        params: notifications.params,
        applicationId: notifications.applicationId,
        classificationRequestId: notifications.classificationRequestId,
        attempts: notifications.mailAttempts,
        to: users.email,
        name: users.name,
        lang: users.lang,
        regime: sql<string | null>`coalesce(${applications.regime}, ${classificationRequests.regime})`,
      })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .leftJoin(applications, eq(applications.id, notifications.applicationId))
      .leftJoin(classificationRequests, eq(classificationRequests.id, notifications.classificationRequestId))
      .where(inArray(notifications.id, ids));
    return rows;
  });
}

/** The outcome of one claimed e-mail: sent, or failed (tried again at `retryAt`, or given up when null). */
export async function settleMail(
  db: Db,
  id: string,
  outcome: { sent: true } | { sent: false; error: string; retryAt: Date | null },
): Promise<void> {
  await db
    .update(notifications)
    .set(
      outcome.sent
        ? { mailState: "sent", mailAt: new Date(), mailError: null }
        : {
            mailState: outcome.retryAt ? "pending" : "failed",
            mailAt: outcome.retryAt,
            mailError: outcome.error.slice(0, 500),
          },
    )
    .where(eq(notifications.id, id));
}

export async function setUserLang(db: Db, userId: string, lang: string): Promise<void> {
  await db.update(users).set({ lang }).where(eq(users.id, userId));
}
