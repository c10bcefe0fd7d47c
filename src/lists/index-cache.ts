/**
 * The prepared screening index of the lists in a data directory, kept on disk beside them
 * (`<home>/index/screening-<key>.tdsi`, see src/screen/index-snapshot.ts) so that a command does not rebuild it:
 * the first use after an import builds and writes it; later ones open it and read only what a screen touches.
 * The key covers each list file (name, size, modification time), the program (the build's id, or the
 * screening sources when run from them), the alias table and whether kanji were read the Japanese way — any
 * change gives a new file, and older ones are removed. Written atomically (temporary file, rename); a data
 * directory that cannot be written still gets its index, built in memory.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ScreeningIndex, type Transliterator } from "../screen/index.ts";
import { SnapshotFormatError, SnapshotReader, type SnapshotBytes } from "../screen/index-snapshot.ts";
import type { NativeAlias } from "../screen/native-words.ts";
import { ALIAS_FILE } from "../screen-runtime/alias-file.ts";
import { aliasWords, createTransliterator } from "../screen-runtime/transliterator.ts";
import { listFilesStamp, loadAll, type ListMeta } from "./store.ts";

export { readJapaneseFor } from "../screen-runtime/transliterator.ts";

export interface HomeIndex {
  /** The lists the index holds, as `status` shows them. */
  lists: ListMeta[];
  /** Undefined when no list is imported. */
  index?: ScreeningIndex;
  /** The transliterator screens use (without the Japanese reader when opened: see readJapaneseFor). */
  transliterator?: Transliterator;
  /** Where the index came from: opened from its file, or built (and written, unless the home is read-only). */
  from: "file" | "built" | "none";
}

const here = dirname(fileURLToPath(import.meta.url));

/** What the adapter keeps in the index file's header. */
interface IndexMeta {
  key: string;
  lists: ListMeta[];
  aliases: NativeAlias[];
}

function hashFiles(h: ReturnType<typeof createHash>, dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const n of names) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) hashFiles(h, p);
    else if (/\.(ts|js)$/.test(n)) h.update(n).update("\0").update(readFileSync(p)).update("\0");
  }
}

let codeId: string | undefined;

/** The program's part of the key: the build's id (dist/build-id.json), else the screening sources' bytes. */
function programFingerprint(): string {
  if (codeId) return codeId;
  const h = createHash("sha256");
  const build = join(here, "../build-id.json");
  if (existsSync(build)) h.update(readFileSync(build));
  else for (const d of ["../screen", "../screen-runtime", "."]) hashFiles(h, join(here, d));
  for (const f of ALIAS_FILE) if (existsSync(f)) h.update(readFileSync(f));
  codeId = h.digest("hex");
  return codeId;
}

/** The key of the index of the lists now in `home`. */
function indexKey(home: string, japanese: boolean): { key: string; ids: string[] } {
  const { ids, stamp } = listFilesStamp(home);
  const h = createHash("sha256")
    .update(programFingerprint())
    .update(japanese ? "ja" : "-")
    .update(stamp);
  return { key: h.digest("hex"), ids };
}

const indexDir = (home: string) => join(home, "index");
const NAME = /^screening-[0-9a-f]{64}\.tdsi$/;

/** A file read range by range (the few records a screen needs), kept open while the index is in use. */
function fileBytes(path: string): SnapshotBytes & { close(): void } {
  const fd = openSync(path, "r");
  const size = fstatSync(fd).size;
  return {
    size,
    read(offset, length) {
      const b = Buffer.allocUnsafeSlow(length);
      let got = 0;
      while (got < length) {
        const n = readSync(fd, b, got, length - got, offset + got);
        if (n === 0) throw new SnapshotFormatError(`${path}: ends before byte ${offset + length}`);
        got += n;
      }
      return b;
    },
    close: () => closeSync(fd),
  };
}

function writeIndex(home: string, key: string, chunks: Uint8Array[]): void {
  const dir = indexDir(home);
  mkdirSync(dir, { recursive: true });
  const target = join(dir, `screening-${key}.tdsi`);
  const tmp = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const fd = openSync(tmp, "w");
  try {
    try {
      for (const c of chunks) {
        let at = 0;
        while (at < c.length) at += writeSync(fd, c, at, c.length - at);
      }
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  for (const n of readdirSync(dir))
    if ((NAME.test(n) && n !== `screening-${key}.tdsi`) || (n.endsWith(".tmp") && n !== tmp))
      try {
        // another process's temporary file may still be being written: only old ones are removed
        if (!n.endsWith(".tmp") || Date.now() - statSync(join(dir, n)).mtimeMs > 600_000)
          rmSync(join(dir, n), { force: true });
      } catch {
        /* removed meanwhile */
      }
}

let open: { path: string; bytes: { close(): void } } | undefined;

/**
 * The index of the lists in `home`: opened from its file when one matches the lists and the program, else
 * built from the lists and written for the next command. `japanese: false` builds without the Japanese
 * reader (tests); an opened index's transliterator gets the reader only when asked (readJapaneseFor).
 */
export async function homeIndex(home: string, opts: { japanese?: boolean } = {}): Promise<HomeIndex> {
  const japanese = opts.japanese !== false;
  const { key, ids } = indexKey(home, japanese);
  if (ids.length === 0) return { lists: [], from: "none" };
  const path = join(indexDir(home), `screening-${key}.tdsi`);
  if (existsSync(path)) {
    try {
      const bytes = fileBytes(path);
      try {
        const reader = new SnapshotReader(bytes);
        const meta = (reader.header as { meta?: Partial<IndexMeta> }).meta;
        if (meta?.key === key && Array.isArray(meta.lists) && Array.isArray(meta.aliases)) {
          // the alias table the index was built with (its file is in the key): no YAML to parse
          const transliterator = await createTransliterator({ japanese: false, aliases: meta.aliases });
          const index = ScreeningIndex.open(reader, { transliterator });
          if (open && open.path !== path) open.bytes.close();
          open = { path, bytes };
          return { lists: meta.lists, index, transliterator, from: "file" };
        }
      } catch {
        // damaged (a bad header, a section that does not fit): rebuilt below
      }
      bytes.close();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
    // damaged or foreign: built again below and replaced
  }
  const { lists, entities } = loadAll(home);
  const aliases = await aliasWords();
  const transliterator = await createTransliterator({ japanese, aliases });
  const index = ScreeningIndex.build(entities, { transliterator });
  // the lists may have changed while they were read: the index is keyed by what was read
  const after = indexKey(home, japanese);
  if (after.key === key)
    try {
      const meta: IndexMeta = { key, lists, aliases };
      writeIndex(home, key, index.toSnapshot(meta));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "EACCES" && code !== "EROFS" && code !== "EPERM" && code !== "ENOSPC") throw e;
    }
  return { lists, index, transliterator, from: "built" };
}
