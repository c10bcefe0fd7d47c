/**
 * An application's thread: comments between the applicant and the reviewing officers, and the files either side
 * attaches. Each addition runs in one transaction with its audit entry (in the applicant's chain) and the
 * notifications of the other side. Who may see the application may read the thread; who may act on it (the
 * applicant's exporters and admins, the authority's officers once submitted) may add to it.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import {
  applicationAttachments,
  applicationComments,
  applications,
  organisations,
  users,
  type Db,
  type Principal,
} from "../store/index.ts";
import { notifyOf } from "./notify.ts";
import { appendAudit, PermitError } from "./service.ts";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type Application = typeof applications.$inferSelect;

/** An application has at most this many attachments and comments. */
export const MAX_ATTACHMENTS = 50;
export const MAX_COMMENTS = 1000;

/** Which side the caller is on for this application, or null when they may not see it. */
async function sideOf(
  tx: Tx | Db,
  p: Principal,
  app: Application,
): Promise<"applicant" | "authority" | null> {
  if (app.orgId === p.orgId) return "applicant";
  if (p.role !== "officer" || app.status === "draft") return null;
  const [org] = await tx
    .select({ authorityFor: organisations.authorityFor })
    .from(organisations)
    .where(eq(organisations.id, p.orgId));
  return org?.authorityFor === app.regime ? "authority" : null;
}

/** The application locked for an addition by the caller, refused with the reason when they may not add. */
async function forAddition(tx: Tx, p: Principal, id: string, what: string): Promise<Application> {
  const [app] = await tx.select().from(applications).where(eq(applications.id, id)).for("update");
  const side = app ? await sideOf(tx, p, app) : null;
  if (!app || !side) throw new PermitError(404, `no application ${id}`);
  if (p.role === "auditor") throw new PermitError(403, `auditors read applications; they do not add ${what}`);
  return app;
}

/** Refuses (404, 403) before a file is read when the caller may not add to the application. */
export async function checkMayAdd(db: Db, p: Principal, id: string): Promise<void> {
  await visible(db, p, id);
  if (p.role === "auditor")
    throw new PermitError(403, "auditors read applications; they do not add attachments");
}

async function visible(db: Db, p: Principal, id: string): Promise<Application> {
  const [app] = await db.select().from(applications).where(eq(applications.id, id));
  if (!app || !(await sideOf(db, p, app))) throw new PermitError(404, `no application ${id}`);
  return app;
}

const countOf = async (
  tx: Tx,
  table: typeof applicationComments | typeof applicationAttachments,
  id: string,
) => {
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(table)
    .where(eq(table.applicationId, id));
  return Number(r?.n ?? 0);
};

const author = { name: users.name, email: users.email, role: users.role };

// ------------------------------------------------------------------------------------------------ comments

export async function addComment(
  db: Db,
  p: Principal,
  id: string,
  body: string,
  mail: boolean,
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const app = await forAddition(tx, p, id, "comments");
    if ((await countOf(tx, applicationComments, id)) >= MAX_COMMENTS)
      throw new PermitError(409, `the application has ${MAX_COMMENTS} comments, the most it may have`);
    const [row] = await tx
      .insert(applicationComments)
      .values({ applicationId: id, orgId: p.orgId, userId: p.userId, body })
      .returning({ id: applicationComments.id });
    await appendAudit(tx, {
      orgId: app.orgId,
      userId: p.userId,
      action: "application.comment",
      objectType: "application",
      objectId: id,
      payload: { commentId: row!.id, body },
    });
    await notifyOf(tx, app, p, "application.comment", { excerpt: excerpt(body) }, mail);
    return { id: row!.id };
  });
}

/** The first 140 characters of a comment (whole characters, not UTF-16 halves), for a notification. */
export function excerpt(text: string, max = 140): string {
  const chars = [...text.replace(/\s+/g, " ").trim()];
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("")}…`;
}

export async function commentsOf(db: Db, p: Principal, id: string) {
  const app = await visible(db, p, id);
  const rows = await db
    .select({ c: applicationComments, author })
    .from(applicationComments)
    .innerJoin(users, eq(users.id, applicationComments.userId))
    .where(eq(applicationComments.applicationId, id))
    .orderBy(asc(applicationComments.createdAt), asc(applicationComments.id));
  return rows.map((r) => ({
    id: r.c.id,
    body: r.c.body,
    createdAt: r.c.createdAt,
    author: r.author,
    side: r.c.orgId === app.orgId ? ("applicant" as const) : ("authority" as const),
  }));
}

// --------------------------------------------------------------------------------------------- attachments

export interface AttachmentFile {
  filename: string;
  contentType: string;
  data: Buffer;
  sha256: string;
}

/** States in which files may still be attached (after a decision the record is closed). */
const OPEN = new Set(["draft", "submitted", "under-review", "returned-for-changes"]);

export async function addAttachment(
  db: Db,
  p: Principal,
  id: string,
  f: AttachmentFile,
  mail: boolean,
): Promise<AttachmentMeta> {
  return db.transaction(async (tx) => {
    const app = await forAddition(tx, p, id, "attachments");
    if (!OPEN.has(app.status))
      throw new PermitError(409, `the application is ${app.status}: no more files may be attached`);
    if ((await countOf(tx, applicationAttachments, id)) >= MAX_ATTACHMENTS)
      throw new PermitError(409, `the application has ${MAX_ATTACHMENTS} attachments, the most it may have`);
    const [row] = await tx
      .insert(applicationAttachments)
      .values({
        applicationId: id,
        orgId: p.orgId,
        userId: p.userId,
        filename: f.filename,
        contentType: f.contentType,
        bytes: f.data.length,
        sha256: f.sha256,
        data: f.data,
      })
      .returning(metaColumns);
    const meta = row!;
    await appendAudit(tx, {
      orgId: app.orgId,
      userId: p.userId,
      action: "application.attachment",
      objectType: "application",
      objectId: id,
      payload: {
        attachmentId: meta.id,
        filename: f.filename,
        contentType: f.contentType,
        bytes: f.data.length,
        sha256: f.sha256,
      },
    });
    await notifyOf(tx, app, p, "application.attachment", { filename: f.filename }, mail);
    return meta;
  });
}

const metaColumns = {
  id: applicationAttachments.id,
  filename: applicationAttachments.filename,
  contentType: applicationAttachments.contentType,
  bytes: applicationAttachments.bytes,
  sha256: applicationAttachments.sha256,
  createdAt: applicationAttachments.createdAt,
};
export type AttachmentMeta = {
  id: string;
  filename: string;
  contentType: string;
  bytes: number;
  sha256: string;
  createdAt: Date;
};

export async function attachmentsOf(db: Db, p: Principal, id: string) {
  const app = await visible(db, p, id);
  const rows = await db
    .select({ ...metaColumns, orgId: applicationAttachments.orgId, author })
    .from(applicationAttachments)
    .innerJoin(users, eq(users.id, applicationAttachments.userId))
    .where(eq(applicationAttachments.applicationId, id))
    .orderBy(asc(applicationAttachments.createdAt), asc(applicationAttachments.id));
  return rows.map(({ orgId, ...r }) => ({
    ...r,
    side: orgId === app.orgId ? ("applicant" as const) : ("authority" as const),
  }));
}

export async function attachmentFile(db: Db, p: Principal, id: string, attachmentId: string) {
  await visible(db, p, id);
  const [row] = await db
    .select()
    .from(applicationAttachments)
    .where(and(eq(applicationAttachments.applicationId, id), eq(applicationAttachments.id, attachmentId)));
  if (!row) throw new PermitError(404, `no attachment ${attachmentId} on application ${id}`);
  return row;
}
