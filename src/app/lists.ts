/**
 * The lists service: an official list file (or the generic CSV) parsed as it streams in and stored as a new
 * version in the database with its entities, content version and source hash — for every organisation (the
 * operator's import) or for one (its admin's). Nothing is stored when the file cannot be read as a whole or
 * yields no entry. Lists imported into a data directory by `tradectl lists import` are brought into the
 * database when a server starts on it.
 */
import { createHash } from "node:crypto";
import { loadAll, type ListMeta } from "../lists/store.ts";
import { FORMAT_IDS, FORMATS, isFormatId, ImportError } from "../screen/formats/index.ts";
import type { ImportResult } from "../screen/index.ts";
import { listVersion } from "../lists/store.ts";
import type { Db } from "../store/db.ts";
import {
  ALL_ORGANISATIONS,
  headOf,
  insertListVersion,
  listsInForce,
  type ListVersionInfo,
} from "../store/lists.ts";
import { appendAudit } from "../permits/service.ts";
import { BadInputError, notFoundError } from "./errors.ts";

export interface ImportOptions {
  listId?: string | undefined;
  fileName?: string | undefined;
  encoding?: "utf-8" | "windows-1252";
  /** Where the file was fetched from (recorded, so that the list can be refreshed from it). */
  url?: string | undefined;
  /** The audit action of an organisation's import (default list.import). */
  action?: string;
}

export interface ImportedVersion {
  list: string;
  format: string;
  scope: string;
  version: string;
  sourceHash: string;
  count: number;
  skippedCount: number;
  skipped: ImportResult["skipped"];
  /** The same content as the version in force: nothing new was stored. */
  unchanged: boolean;
}

/** Pass the bytes through while hashing them and counting. */
function hashing(body: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>) {
  const hash = createHash("sha256");
  let bytes = 0;
  async function* pass(): AsyncGenerator<Uint8Array> {
    for await (const part of body) {
      const b = typeof part === "string" ? Buffer.from(part) : part;
      hash.update(b);
      bytes += b.byteLength;
      yield b;
    }
  }
  return { source: pass(), digest: () => `sha256:${hash.digest("hex")}`, bytes: () => bytes };
}

export async function importListVersion(
  db: Db,
  who: { scope: string; userId?: string | undefined },
  format: string,
  body: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  o: ImportOptions = {},
): Promise<ImportedVersion> {
  if (!isFormatId(format))
    throw new BadInputError(
      [{ path: "format", message: `unknown format "${format}" (known: ${FORMAT_IDS.join(", ")})` }],
      "unknown list format",
    );
  const spec = FORMATS[format];
  if (spec.companions)
    throw new BadInputError(
      [{ path: "format", message: `${format} is a set of files: import it with tradectl lists import` }],
      "a multi-file format",
    );
  if (o.listId !== undefined && !spec.takesListId)
    throw new BadInputError(
      [{ path: "listId", message: `the ${format} format has the fixed list id "${format}"` }],
      "list id not allowed",
    );
  const src = hashing(body);
  let result: ImportResult;
  try {
    result = await spec.parse(
      { main: src.source },
      {
        ...(spec.takesListId && o.listId ? { listId: o.listId } : {}),
        encoding: o.encoding ?? "utf-8",
        fileName: o.fileName ?? `upload.${format}`,
      },
    );
  } catch (e) {
    if (e instanceof ImportError)
      throw new BadInputError([{ path: "body", message: e.message }], "the list cannot be read");
    throw e;
  }
  if (result.entities.length === 0)
    throw new BadInputError(
      [
        {
          path: "body",
          message: `no entries could be imported (${result.skipped.length} record(s) skipped); nothing was stored`,
        },
        ...result.skipped.slice(0, 5).map((s) => ({ path: "body", message: `${s.record}: ${s.reason}` })),
      ],
      "empty list",
    );
  return storeVersion(
    db,
    who,
    result,
    {
      sourceHash: src.digest(),
      source: { bytes: src.bytes(), fileName: o.fileName ?? null, ...(o.url ? { url: o.url } : {}) },
    },
    o.action ?? "list.import",
  );
}

async function storeVersion(
  db: Db,
  who: { scope: string; userId?: string | undefined },
  result: ImportResult,
  src: { sourceHash: string; source: unknown },
  action = "list.import",
): Promise<ImportedVersion> {
  const version = listVersion(result.entities);
  const head = await headOf(db, who.scope, result.list);
  const out = {
    list: result.list,
    format: result.format,
    scope: who.scope,
    version,
    sourceHash: src.sourceHash,
    count: result.entities.length,
    skippedCount: result.skipped.length,
    skipped: result.skipped,
  };
  if (head?.version === version) return { ...out, unchanged: true };
  await insertListVersion(
    db,
    {
      scope: who.scope,
      list: result.list,
      format: result.format,
      version,
      sourceHash: src.sourceHash,
      source: {
        ...(src.source as object),
        published: result.published ?? null,
        skipped: result.skipped.length,
      },
      importedBy: who.userId,
    },
    result.entities,
    500,
    // An organisation's import is in its audit log (the operator's, for every organisation, is not).
    who.scope === ALL_ORGANISATIONS
      ? undefined
      : (tx) =>
          appendAudit(tx, {
            orgId: who.scope,
            userId: who.userId ?? null,
            action,
            objectType: "list",
            objectId: result.list,
            payload: { version, count: result.entities.length, sourceHash: src.sourceHash },
          }).then(() => undefined),
  );
  return { ...out, unchanged: false };
}

export const listsFor = (db: Db, orgId: string): Promise<ListVersionInfo[]> => listsInForce(db, orgId);

/**
 * Bring the lists of a data directory (imported with `tradectl lists import`) into the database for every
 * organisation, where their content differs from the version in force. Returns the lists brought in.
 */
export async function syncListsFromHome(db: Db, home: string): Promise<string[]> {
  const { lists, entities } = loadAll(home);
  const brought: string[] = [];
  for (const meta of lists) {
    const head = await headOf(db, ALL_ORGANISATIONS, meta.list);
    if (head?.version === meta.version) continue;
    const mine = entities.filter((e) => e.list === meta.list);
    await storeVersion(
      db,
      { scope: ALL_ORGANISATIONS },
      {
        list: meta.list,
        format: meta.format,
        entities: mine,
        skipped: [],
        ...(meta.published ? { published: meta.published } : {}),
      },
      {
        sourceHash: sourceHashOf(meta),
        source: { files: meta.files, importedAt: meta.importedAt, from: "data directory" },
      },
    );
    brought.push(meta.list);
  }
  return brought;
}

const sourceHashOf = (m: ListMeta) =>
  m.files.length === 1
    ? `sha256:${m.files[0]!.sha256}`
    : `sha256:${createHash("sha256")
        .update(m.files.map((f) => f.sha256).join(","))
        .digest("hex")}`;

/**
 * The hosts a list may be fetched from by URL: the publishers of the official lists, and the operator's own
 * (`TRADECTL_LIST_HOSTS`, comma-separated host[:port], e.g. a mirror inside the network). A client names a
 * URL, so the server fetches only from these (no request to an internal address on a client's word), over
 * HTTPS unless the operator lists the host.
 */
const PUBLISHERS = [
  "data.trade.gov",
  "api.trade.gov",
  "www.treasury.gov",
  "ofac.treasury.gov",
  "sanctionslistservice.ofac.treas.gov",
  "scsanctions.un.org",
  "main.un.org",
  "webgate.ec.europa.eu",
  "assets.publishing.service.gov.uk",
  "www.meti.go.jp",
];

export function listHostsFrom(env: NodeJS.ProcessEnv = process.env): { https: string[]; operator: string[] } {
  const operator = (env.TRADECTL_LIST_HOSTS ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  return { https: PUBLISHERS, operator };
}

/** The URL if the server may fetch a list from it; else a bad-input error naming why. */
export function fetchableListUrl(raw: string, hosts = listHostsFrom()): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new BadInputError([{ path: "url", message: `"${raw}" is not a URL` }], "bad list URL");
  }
  const host = u.host.toLowerCase();
  const ok =
    (u.protocol === "https:" && hosts.https.includes(host)) ||
    ((u.protocol === "https:" || u.protocol === "http:") && hosts.operator.includes(host));
  if (!ok || u.username || u.password)
    throw new BadInputError(
      [
        {
          path: "url",
          message: `lists are fetched only over HTTPS from their publishers (${hosts.https.join(", ")}) or from a host the operator allows in TRADECTL_LIST_HOSTS; not from ${u.protocol}//${host}`,
        },
      ],
      "list URL not allowed",
    );
  return u;
}

/** The largest list the server fetches by URL (as the upload's limit). */
export const MAX_FETCHED_LIST_BYTES = 512 * 2 ** 20;

/** The body of `url`, streamed, refusing more than `limit` bytes; a failure is the client's bad input. */
async function* fetched(
  url: URL,
  limit: number,
  fetchFn: typeof fetch,
  hosts: ReturnType<typeof listHostsFrom>,
): AsyncGenerator<Uint8Array> {
  let res: Response;
  let at = url;
  // Redirects are followed only to allowed hosts, at most three.
  for (let hop = 0; ; hop++) {
    try {
      res = await fetchFn(at, { redirect: "manual", signal: AbortSignal.timeout(120_000) });
    } catch (e) {
      throw new BadInputError(
        [{ path: "url", message: `cannot fetch ${at.href}: ${(e as Error).message}` }],
        "list not fetched",
      );
    }
    const to = res.status >= 300 && res.status < 400 ? res.headers.get("location") : null;
    if (!to) break;
    if (hop === 3)
      throw new BadInputError(
        [{ path: "url", message: `${url.href}: too many redirects` }],
        "list not fetched",
      );
    at = fetchableListUrl(new URL(to, at).href, hosts);
  }
  if (!res.ok || !res.body)
    throw new BadInputError(
      [{ path: "url", message: `${url.href} answered ${res.status} ${res.statusText}` }],
      "list not fetched",
    );
  let n = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    n += chunk.byteLength;
    if (n > limit)
      throw new BadInputError(
        [{ path: "url", message: `${url.href} is larger than ${limit} bytes` }],
        "list too large",
      );
    yield chunk;
  }
}

const fileNameOf = (u: URL) => decodeURIComponent(u.pathname.split("/").pop() || u.host).slice(0, 200);

/** Fetch a list from `url` (an allowed host) and import it for the organisation, recording the URL. */
export async function importListFromUrl(
  db: Db,
  who: { scope: string; userId?: string | undefined },
  format: string,
  url: string,
  o: { listId?: string | undefined; fetchFn?: typeof fetch; hosts?: ReturnType<typeof listHostsFrom> } = {},
): Promise<ImportedVersion> {
  const hosts = o.hosts ?? listHostsFrom();
  const u = fetchableListUrl(url, hosts);
  return importListVersion(db, who, format, fetched(u, MAX_FETCHED_LIST_BYTES, o.fetchFn ?? fetch, hosts), {
    listId: o.listId,
    fileName: fileNameOf(u),
    url: u.href,
  });
}

/**
 * Refresh the organisation's own list from the URL its version in force was fetched from: a new version when
 * the content changed, `unchanged` when not. A list not fetched from a URL (uploaded as a file) cannot be.
 */
export async function refreshList(
  db: Db,
  who: { scope: string; userId?: string | undefined },
  list: string,
  o: { fetchFn?: typeof fetch; hosts?: ReturnType<typeof listHostsFrom> } = {},
): Promise<ImportedVersion> {
  const head = await headOf(db, who.scope, list);
  if (!head) throw notFoundError(`your organisation has no list "${list}"`);
  const url = (head.source as { url?: unknown } | null)?.url;
  if (typeof url !== "string")
    throw new BadInputError(
      [
        {
          path: "list",
          message: `"${list}" was imported from a file, not a URL: import the new file instead`,
        },
      ],
      "no source URL",
    );
  const hosts = o.hosts ?? listHostsFrom();
  const u = fetchableListUrl(url, hosts);
  const spec = isFormatId(head.format) ? FORMATS[head.format] : undefined;
  const body = fetched(u, MAX_FETCHED_LIST_BYTES, o.fetchFn ?? fetch, hosts);
  return importListVersion(db, who, head.format, body, {
    listId: spec?.takesListId ? list : undefined,
    fileName: fileNameOf(u),
    url: u.href,
    action: "list.refresh",
  });
}
