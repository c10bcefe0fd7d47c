/**
 * The application's thread as a flow: comments (1 to 4,000 characters) and attachments (read from the request
 * stream up to the limit, type read from the bytes, sha256 taken as read), each stored with its audit entry
 * and the other side's notifications (and their e-mails when e-mail is configured).
 */
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import * as thread from "../permits/thread.ts";
import type { Db, Principal } from "../store/index.ts";
import { attachmentType, cleanFilename, MAX_ATTACHMENT_BYTES } from "./attachment-type.ts";
import { BadInputError, RefusalError } from "./errors.ts";

export interface ThreadContext {
  db: Db;
  /** E-mail is configured: notifications queue their e-mails. */
  mailEnabled?: boolean | undefined;
}

export const MAX_COMMENT_CHARS = 4000;

export async function comment(ctx: ThreadContext, p: Principal, id: string, body: string) {
  const text = body.trim();
  if (!text)
    throw new BadInputError([{ path: "$.body", message: "write the comment" }], "the comment is empty");
  if ([...text].length > MAX_COMMENT_CHARS)
    throw new BadInputError(
      [{ path: "$.body", message: `at most ${MAX_COMMENT_CHARS} characters` }],
      "the comment is too long",
    );
  return thread.addComment(ctx.db, p, id, text, ctx.mailEnabled ?? false);
}

/** The stream's bytes, refused (413) as soon as they pass `max`. */
export async function readLimited(stream: Readable, max: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    n += b.length;
    if (n > max) {
      stream.destroy();
      throw new RefusalError(413, `the file is larger than ${max / 1024 / 1024} MiB`);
    }
    parts.push(b);
  }
  return Buffer.concat(parts);
}

export async function attach(
  ctx: ThreadContext,
  p: Principal,
  id: string,
  rawName: string,
  body: Readable,
  declaredBytes?: number,
) {
  const name = cleanFilename(rawName);
  if ("problem" in name)
    throw new BadInputError(
      [{ path: "query:filename", message: name.problem }],
      "the file name is not usable",
    );
  if (declaredBytes !== undefined && declaredBytes > MAX_ATTACHMENT_BYTES)
    throw new RefusalError(413, `the file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB`);
  await thread.checkMayAdd(ctx.db, p, id);
  const data = await readLimited(body, MAX_ATTACHMENT_BYTES);
  const type = await attachmentType(name.name, data);
  if ("problem" in type) throw new RefusalError(415, type.problem);
  return thread.addAttachment(
    ctx.db,
    p,
    id,
    {
      filename: name.name,
      contentType: type.contentType,
      data,
      sha256: createHash("sha256").update(data).digest("hex"),
    },
    ctx.mailEnabled ?? false,
  );
}

export const comments = (ctx: ThreadContext, p: Principal, id: string) => thread.commentsOf(ctx.db, p, id);
export const attachments = (ctx: ThreadContext, p: Principal, id: string) =>
  thread.attachmentsOf(ctx.db, p, id);
export const attachmentFile = (ctx: ThreadContext, p: Principal, id: string, attachmentId: string) =>
  thread.attachmentFile(ctx.db, p, id, attachmentId);
