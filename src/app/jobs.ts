/**
 * Background jobs as the API sees them: an impact run over uploaded shipments and a recheck of the
 * organisation's records are queued (a `jobs` row for users, a delivery on the queue for the workers); any
 * process reads their status, progress and result, and asks one to stop. The work itself runs in a worker
 * (src/app/job-runner.ts), in this process or another.
 */
import { isUuid } from "./ids.ts";
import { createHash } from "node:crypto";
import type { PolicySet } from "../policy/index.ts";
import type { Db } from "../store/db.ts";
import type { Principal } from "../store/identity.ts";
import {
  insertJob,
  jobOf,
  jobReportOf,
  jobsOfOrganisation,
  requestCancel,
  updateJob,
  type JobKind,
} from "../store/jobs.ts";
import type { JobQueue } from "../store/queue.ts";
import { appendUploadChunk, completeUpload, createUpload, deleteUpload, uploadOf } from "../store/uploads.ts";
import type { CheckRequestContext } from "./check-request.ts";
import { BadInputError, RefusalError, notFoundError } from "./errors.ts";
import { overlayRegime } from "./impact-runner.ts";
import { organisationInput } from "./records-impact.ts";

export interface JobsContext extends CheckRequestContext {
  queue: JobQueue;
}

/** The largest upload (impact shipments) the API takes: 2 GiB. */
export const MAX_UPLOAD_BYTES = 2 * 2 ** 30;
/** Bytes per stored chunk of an upload. */
const CHUNK = 4 * 2 ** 20;

/** Queue a job for the caller's organisation; answers its id at once. */
async function enqueue(
  ctx: JobsContext,
  p: Principal,
  kind: JobKind,
  params: unknown,
  uploadId?: string,
): Promise<{ id: string; status: "queued" }> {
  const id = await insertJob(ctx.db, { orgId: p.orgId, userId: p.userId, kind, params, uploadId });
  try {
    await updateJob(ctx.db, id, { queueId: await ctx.queue.send(kind, id) });
  } catch (e) {
    await updateJob(ctx.db, id, { status: "failed", error: `could not be queued: ${(e as Error).message}` });
    throw e;
  }
  return { id, status: "queued" };
}

/**
 * Store an upload streamed in by a client (CSV or a JSON array of shipments) in chunks, with its size and
 * sha256. A stream that breaks off or passes the limit leaves nothing behind.
 */
export async function storeUpload(
  db: Db,
  p: Principal,
  format: "csv" | "json",
  body: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  maxBytes = MAX_UPLOAD_BYTES,
): Promise<{ id: string; bytes: number; sha256: string; format: "csv" | "json" }> {
  const id = await createUpload(db, { orgId: p.orgId, userId: p.userId, format });
  const hash = createHash("sha256");
  let bytes = 0;
  let seq = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    await appendUploadChunk(db, id, seq++, Buffer.concat(pending, pendingBytes));
    pending = [];
    pendingBytes = 0;
  };
  try {
    for await (const part of body) {
      const b =
        typeof part === "string"
          ? Buffer.from(part)
          : Buffer.from(part.buffer, part.byteOffset, part.byteLength);
      bytes += b.byteLength;
      if (bytes > maxBytes)
        throw new RefusalError(422, `the upload is larger than the limit of ${maxBytes} bytes`);
      hash.update(b);
      pending.push(b);
      pendingBytes += b.byteLength;
      if (pendingBytes >= CHUNK) await flush();
    }
    await flush();
    if (bytes === 0) throw new BadInputError([{ path: "$", message: "the upload is empty" }], "empty upload");
    const sha256 = hash.digest("hex");
    await completeUpload(db, id, bytes, sha256);
    return { id, bytes, sha256, format };
  } catch (e) {
    await deleteUpload(db, id).catch(() => {});
    throw e;
  }
}

export interface ImpactRequest {
  /** The shipments inline (small inputs) … */
  shipments?: string | undefined;
  /** … or the id of an upload (`POST /v1/uploads`). */
  upload?: string | undefined;
  format?: "csv" | "json" | undefined;
  overlay?: string | undefined;
  regime?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Run the change against the organisation's recorded checks, open applications and licences instead. */
  records?: boolean | undefined;
}

/** The regime a request's change is about: its own, or the one its overlay names (undefined: not readable). */
function requestRegime(b: ImpactRequest): string | undefined {
  return b.regime ?? overlayRegime(b.overlay ?? "");
}

/** What an impact request must give before it is queued: the input and a change to run. */
function impactRequestProblems(policies: PolicySet, b: ImpactRequest): void {
  if (b.records) {
    if (b.shipments !== undefined || b.upload !== undefined)
      throw new BadInputError(
        [{ path: "$.records", message: "the organisation's records, or shipments: not both" }],
        "two inputs",
      );
  } else if ((b.shipments === undefined) === (b.upload === undefined))
    throw new BadInputError(
      [{ path: "$.shipments", message: "give the shipments inline or the id of an upload (not both)" }],
      "no shipments",
    );
  if (!b.overlay && !(b.from && b.to && b.regime))
    throw new BadInputError(
      [{ path: "$.overlay", message: "an overlay (YAML) or regime + from + to" }],
      "give an overlay, or regime with from and to",
    );
  if (b.regime !== undefined && !policies.has(b.regime))
    throw new BadInputError(
      [{ path: "$.regime", message: `known: ${[...policies.keys()].join(", ")}` }],
      `unknown regime "${b.regime}"`,
    );
}

export interface ImpactJobParams {
  format: "csv" | "json";
  regime?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  overlay?: string | undefined;
  bytes: number;
  sha256: string;
  /** The organisation's licences of the regime (JSON), when the run is on its records. */
  licences?: string | undefined;
  /** What the input is, in words (the organisation's records), for the report. */
  input?: string | undefined;
}

/** Queue an impact run over inline shipments or an upload; the worker writes the report and its HTML page. */
export async function startImpact(ctx: JobsContext, p: Principal, b: ImpactRequest) {
  impactRequestProblems(ctx.policies, b);
  let upload: { id: string; bytes: number; sha256: string; format: "csv" | "json" };
  let records: Awaited<ReturnType<typeof organisationInput>> | undefined;
  let regime: string | undefined;
  if (b.records) {
    regime = requestRegime(b);
    if (!regime || !ctx.policies.has(regime))
      throw new BadInputError(
        [{ path: "$.overlay", message: "the overlay's header names no known regime (overlay: regime: JP)" }],
        "unknown regime",
      );
    records = await organisationInput(ctx.db, ctx.policies, p, regime);
    upload = await storeUpload(ctx.db, p, "json", [records.shipments]);
  } else if (b.upload !== undefined) {
    const u = isUuid(b.upload) ? await uploadOf(ctx.db, p.orgId, b.upload) : undefined;
    if (!u?.complete || !u.sha256)
      throw new BadInputError(
        [{ path: "$.upload", message: `no complete upload ${b.upload}` }],
        "unknown upload",
      );
    upload = { id: u.id, bytes: u.bytes, sha256: u.sha256, format: u.format };
  } else {
    upload = await storeUpload(ctx.db, p, b.format ?? "csv", [b.shipments!]);
  }
  const params: ImpactJobParams = {
    format: upload.format,
    regime: b.regime,
    from: b.from,
    to: b.to,
    overlay: b.overlay,
    bytes: upload.bytes,
    sha256: upload.sha256,
  };
  if (records) {
    params.licences = records.licences;
    params.input = `your organisation's records: ${records.checksLimited ? "the newest " : ""}${records.checks} recorded check${records.checks === 1 ? "" : "s"} and ${records.applications} open application${records.applications === 1 ? "" : "s"} of ${regime} (${records.lines} line${records.lines === 1 ? "" : "s"})`;
  }
  return enqueue(ctx, p, "impact", params, upload.id);
}

export function startRecheck(ctx: JobsContext, p: Principal) {
  return enqueue(ctx, p, "recheck", {});
}

/** Ask a job of the caller's organisation to stop (a queued one stops at once). */
export async function cancelJob(ctx: JobsContext, p: Principal, id: string) {
  const j = await requestCancel(ctx.db, p.orgId, id);
  if (!j) {
    if (!(await jobOf(ctx.db, p.orgId, id))) throw notFoundError(`no job ${id}`);
    throw new RefusalError(409, `job ${id} has ended already`);
  }
  if (j.status === "cancelled") {
    if (j.queueId) await ctx.queue.cancel(j.kind, j.queueId).catch(() => {});
    if (j.uploadId) await deleteUpload(ctx.db, j.uploadId);
  }
  return { id, status: j.status === "cancelled" ? "cancelled" : "cancelling" };
}

export const jobsOf = (db: Db, p: Principal) => jobsOfOrganisation(db, p.orgId);

/** A job of the caller's organisation, with the address of its report when it has one. */
export async function jobFor(db: Db, p: Principal, id: string) {
  const j = await jobOf(db, p.orgId, id);
  if (!j) throw notFoundError(`no job ${id}`);
  const { html, params, ...rest } = j;
  // The overlay's text is not echoed back (it can be long); that there was one is.
  const shown = { ...(params as Record<string, unknown>) };
  if (typeof shown.overlay === "string") shown.overlay = true;
  if (typeof shown.licences === "string") shown.licences = true;
  return { ...rest, params: shown, report: html ? `/v1/jobs/${j.id}/report.html` : undefined };
}

export async function jobReport(db: Db, p: Principal, id: string): Promise<string> {
  const html = await jobReportOf(db, p.orgId, id);
  if (!html) throw notFoundError(`no report for job ${id}`);
  return html;
}
