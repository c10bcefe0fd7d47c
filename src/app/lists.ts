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
import { BadInputError } from "./errors.ts";

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
  o: { listId?: string | undefined; fileName?: string | undefined; encoding?: "utf-8" | "windows-1252" } = {},
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
  return storeVersion(db, who, result, {
    sourceHash: src.digest(),
    source: { bytes: src.bytes(), fileName: o.fileName ?? null },
  });
}

async function storeVersion(
  db: Db,
  who: { scope: string; userId?: string | undefined },
  result: ImportResult,
  src: { sourceHash: string; source: unknown },
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
