/**
 * Who hears of what happens to an application: an applicant's act (submit, withdraw, a comment or an
 * attachment) reaches the officers of the authority that reviews it; an officer's act reaches the user who
 * drafted it. One notification row per recipient, written in the acting transaction (so it exists exactly
 * when the act does), with the e-mail queued in the same row when e-mail is configured.
 */
import { and, eq, isNull, ne } from "drizzle-orm";
import { notifications, organisations, users, type Db, type Principal } from "../store/index.ts";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export const notificationKinds = [
  "application.submit",
  "application.withdraw",
  "application.review",
  "application.request-changes",
  "application.approve",
  "application.deny",
  "application.comment",
  "application.attachment",
  "classification.submit",
  "classification.resubmit",
  "classification.return",
  "classification.answer",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export interface NotifiedApplication {
  id: string;
  orgId: string;
  createdBy: string;
  regime: string;
  status: string;
}

/** The officers (not disabled) of every authority that reviews the regime's applications. */
async function officersOf(tx: Tx | Db, regime: string): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(and(eq(organisations.authorityFor, regime), eq(users.role, "officer"), isNull(users.disabledAt)));
  return rows.map((r) => r.id);
}

async function activeUser(tx: Tx | Db, id: string): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, id), isNull(users.disabledAt), ne(users.role, "auditor")));
  return rows.map((r) => r.id);
}

/**
 * The recipients of an act by `actor` on the application: the other side (a draft has no other side), never
 * the actor.
 */
export async function recipientsOf(tx: Tx, app: NotifiedApplication, actor: Principal): Promise<string[]> {
  const byApplicant = actor.orgId === app.orgId;
  if (byApplicant && app.status === "draft") return [];
  const ids = byApplicant ? await officersOf(tx, app.regime) : await activeUser(tx, app.createdBy);
  return ids.filter((id) => id !== actor.userId);
}

/**
 * Writes the notifications of one step on a classification request: the applicant's (submit, resubmit) reach the
 * regime's authority's officers, the authority's (return, answer) the user who asked.
 */
export async function notifyClassification(
  tx: Tx | Db,
  r: { id: string; regime: string; requestedBy: string; orgId: string },
  actor: Principal,
  kind: NotificationKind,
  params: Record<string, string>,
  mail: boolean,
): Promise<number> {
  const byApplicant = actor.orgId === r.orgId;
  const to = (byApplicant ? await officersOf(tx, r.regime) : await activeUser(tx, r.requestedBy)).filter(
    (id) => id !== actor.userId,
  );
  if (to.length === 0) return 0;
  const [org] = await tx
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, r.orgId));
  await tx.insert(notifications).values(
    to.map((userId) => ({
      userId,
      kind,
      classificationRequestId: r.id,
      actorId: actor.userId,
      params: { ...params, applicant: org?.name ?? "" },
      mailState: mail ? ("pending" as const) : ("none" as const),
    })),
  );
  return to.length;
}

/** Writes the notifications of one act (and queues their e-mails when `mail`). */
export async function notifyOf(
  tx: Tx,
  app: NotifiedApplication,
  actor: Principal,
  kind: NotificationKind,
  params: Record<string, string>,
  mail: boolean,
): Promise<number> {
  const to = await recipientsOf(tx, app, actor);
  if (to.length === 0) return 0;
  const [org] = await tx
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, app.orgId));
  const [who] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId));
  await tx.insert(notifications).values(
    to.map((userId) => ({
      userId,
      kind,
      applicationId: app.id,
      actorId: actor.userId,
      params: { ...params, applicant: org?.name ?? "", actor: who?.name ?? "" },
      mailState: mail ? ("pending" as const) : ("none" as const),
    })),
  );
  return to.length;
}
