/**
 * Imported restricted-party lists on disk (an adapter: it does the file I/O the pure importers must not).
 * Each list is one JSON file, `<home>/lists/<list>.json`, holding where it came from (format, file names,
 * their dates and SHA-256, the date the file says it was published), when it was imported, the records that
 * were skipped, and the entities. Files are written atomically (temporary file in the same directory, fsync,
 * rename), so a list is either the old one or the new one, never half-written. `loadAll` reads every list back
 * (the screening index is rebuilt from it at start); `status` reports what is loaded.
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { randomBytes } from "node:crypto";
import { homedir } from "node:os";
import { join } from "node:path";
import type { ImportResult, ListEntity } from "../screen/entity.ts";
import { contentHash } from "../screen/formats/content-hash.ts";

/** One file an imported list was read from. */
export interface SourceFile {
  name: string;
  /** Last modification time of the file, ISO 8601. */
  modified: string;
  sha256: string;
  bytes: number;
}

/** What `status` shows of a list: everything but the entities. */
export interface ListMeta {
  list: string;
  format: string;
  /** When it was imported, ISO 8601. */
  importedAt: string;
  /** The main file's name and modification date (the companions of a multi-file format are in `files`). */
  fileName: string;
  fileDate: string;
  files: SourceFile[];
  /** The date the file says it was published, when it says so. */
  published?: string;
  count: number;
  skippedCount: number;
  /** `sha256:` over the entities' versions in order: changes when any entry changes. */
  version: string;
}

export interface StoredList extends ListMeta {
  skipped: ImportResult["skipped"];
  entities: ListEntity[];
}

/** The data directory: `TRADECTL_HOME`, else `~/.tradectl`. */
export function defaultHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.TRADECTL_HOME || join(homedir(), ".tradectl");
}

export function listsDir(home: string): string {
  return join(home, "lists");
}

/** A list id usable as a file name: lower-case letters, digits and dashes, starting with a letter or digit. */
export const LIST_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function listFile(home: string, list: string): string {
  if (!LIST_ID.test(list)) throw new Error(`invalid list id "${list}"`);
  return join(listsDir(home), `${list}.json`);
}

/** The list-level version: a hash of the entities' versions in order. */
export function listVersion(entities: readonly ListEntity[]): string {
  return contentHash(entities.map((e) => e.version));
}

/** Write `text` to `path` atomically: a temporary file in the same directory, fsync, rename. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  let fd: number | undefined;
  try {
    fd = openSync(tmp, "wx", 0o644);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** Temporary files of writes whose process was killed before the rename: removed (the list in force stays). */
export function removeStaleTemps(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const n of names) {
    const m = /\.(\d+)\.[0-9a-f]{12}\.tmp$/.exec(n);
    if (m && Number(m[1]) !== process.pid && !alive(Number(m[1]))) {
      rmSync(join(dir, n), { force: true });
      removed.push(n);
    }
  }
  return removed;
}

/** Save an imported list, replacing the previous import of the same list as a whole. */
export function saveList(
  home: string,
  result: ImportResult,
  source: { files: SourceFile[]; importedAt?: string },
): ListMeta {
  const main = source.files[0];
  if (!main) throw new Error("saveList: no source file");
  const stored: StoredList = {
    list: result.list,
    format: result.format,
    importedAt: source.importedAt ?? new Date().toISOString(),
    fileName: main.name,
    fileDate: main.modified,
    files: source.files,
    ...(result.published ? { published: result.published } : {}),
    count: result.entities.length,
    skippedCount: result.skipped.length,
    version: listVersion(result.entities),
    skipped: result.skipped,
    entities: result.entities,
  };
  const path = listFile(home, result.list);
  mkdirSync(listsDir(home), { recursive: true });
  removeStaleTemps(listsDir(home));
  // Serialise first: if this throws, nothing has been written.
  const text = `${JSON.stringify(stored)}\n`;
  writeFileAtomic(path, text);
  return meta(stored);
}

function meta(s: StoredList): ListMeta {
  return {
    list: s.list,
    format: s.format,
    importedAt: s.importedAt,
    fileName: s.fileName,
    fileDate: s.fileDate,
    files: s.files,
    ...(s.published ? { published: s.published } : {}),
    count: s.count,
    skippedCount: s.skippedCount,
    version: s.version,
  };
}

/** The ids of the lists saved under `home`, sorted. */
export function listIds(home: string): string[] {
  let names: string[];
  try {
    names = readdirSync(listsDir(home));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  return names
    .filter((n) => n.endsWith(".json") && LIST_ID.test(n.slice(0, -5)))
    .map((n) => n.slice(0, -5))
    .sort();
}

/**
 * A stamp of the list files now saved under `home` (id, size, modification time, inode of each): it changes
 * whenever a list is imported again. A file removed while it is read is left out.
 */
export function listFilesStamp(home: string): { ids: string[]; stamp: string } {
  const parts: string[] = [];
  const ids: string[] = [];
  for (const id of listIds(home)) {
    let st;
    try {
      st = statSync(listFile(home, id));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw e;
    }
    ids.push(id);
    parts.push(`${id}\0${st.size}\0${st.mtimeMs}\0${st.ino}`);
  }
  return { ids, stamp: parts.join("\0") };
}

/** One saved list, or undefined when there is none with that id. A damaged file is an error naming the file. */
export function loadList(home: string, list: string): StoredList | undefined {
  const path = listFile(home, list);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`${path}: not valid JSON (${(e as Error).message}); import the list again`);
  }
  const s = data as Partial<StoredList>;
  if (
    !s ||
    typeof s !== "object" ||
    s.list !== list ||
    typeof s.format !== "string" ||
    !Array.isArray(s.entities) ||
    !Array.isArray(s.skipped) ||
    s.count !== s.entities.length
  )
    throw new Error(`${path}: not a tradectl list file (or damaged); import the list again`);
  return s as StoredList;
}

/** Every saved list and all their entities (the screening index is built from these). */
export function loadAll(home: string): { lists: ListMeta[]; entities: ListEntity[] } {
  const lists: ListMeta[] = [];
  const entities: ListEntity[] = [];
  for (const id of listIds(home)) {
    const s = loadList(home, id);
    if (!s) continue;
    lists.push(meta(s));
    entities.push(...s.entities);
  }
  return { lists, entities };
}

/** What is loaded: one entry per saved list, without the entities. */
export function status(home: string): ListMeta[] {
  return loadAll(home).lists;
}
