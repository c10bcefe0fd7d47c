/**
 * `tradectl lists import <format> <file>` and `tradectl lists status`: read an official list file (streamed,
 * hashed), parse it with the pure importers of src/screen/formats, and store it whole in the data directory
 * (`TRADECTL_HOME`, default `~/.tradectl`) through src/lists/store.ts — or reject it whole. Bad input (unknown
 * format or list, unreadable file, a file in the wrong format, a CSV without its name column) is a
 * `CliInputError`: exit code 2 with every problem named.
 */
import { createHash } from "node:crypto";
import { createReadStream, openSync, readSync, closeSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import Table from "cli-table3";
import type { Command } from "commander";
import {
  FORMATS,
  FORMAT_IDS,
  ImportError,
  OFFICIAL_LIST_IDS,
  DEFAULT_LIST_ID,
  detect,
  isFormatId,
  type CompanionPart,
  type Encoding,
  type FormatSpec,
  type ImportInput,
} from "../screen/formats/index.ts";
import type { ImportResult } from "../screen/entity.ts";
import type { Io } from "./io.ts";
import {
  LIST_ID,
  defaultHome,
  listFile,
  saveList,
  status,
  type ListMeta,
  type SourceFile,
} from "../lists/store.ts";

/** Bad input to a `lists` command (the application layer's one error type): the CLI exits with 2. */
import { BadInputError as CliInputError } from "../app/errors.ts";
export { CliInputError };

/** Where the commands write: the CLI's `Io` (only its output side is used). */
export type ListsIo = Pick<Io, "stdout" | "stderr">;

export interface ListsOptions {
  /** Environment to read TRADECTL_HOME from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
}

const ENCODINGS: readonly Encoding[] = ["utf-8", "windows-1252"];

/** Add `lists import` and `lists status` to a commander program. Their actions are async: use `parseAsync`. */
export function registerListsCommands(program: Command, io: ListsIo, options: ListsOptions = {}): Command {
  const home = () => defaultHome(options.env ?? process.env);
  const lists = program
    .command("lists")
    .description("restricted-party lists: import official files, show what is loaded");

  lists
    .command("import")
    .description(
      `import a list file into the data directory (TRADECTL_HOME, default ~/.tradectl), replacing the previous import of that list, and into the database when DATABASE_URL is set; formats: ${FORMAT_IDS.join(", ")}`,
    )
    .argument("<format>", FORMAT_IDS.map((f) => `${f} = ${FORMATS[f].title}`).join("; "))
    .argument(
      "<file>",
      "the list file (for sdn / ofac-cons: the primary file or its directory; companions are read from beside it)",
    )
    .option("--list-id <id>", `list id for the generic csv format (default "${DEFAULT_LIST_ID}")`)
    .option("--encoding <encoding>", `text encoding of the file: ${ENCODINGS.join(" or ")}`, "utf-8")
    .option("--json", "print machine-readable JSON")
    .action(
      async (format: string, file: string, opts: { listId?: string; encoding: string; json?: boolean }) => {
        const r = await importListFile(home(), format, file, opts);
        for (const w of r.warnings) io.stderr(`tradectl: warning: ${w}`);
        // With DATABASE_URL, the list is also stored in the database for every organisation: every API
        // process and worker on it screens against it from its next request.
        let database: string[] | undefined;
        if (process.env.DATABASE_URL) {
          const { openDatabase } = await import("../store/db.ts");
          const { syncListsFromHome } = await import("../app/lists.ts");
          const d = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 2 });
          try {
            database = await syncListsFromHome(d.db, home());
          } finally {
            await d.close();
          }
        }
        if (opts.json) io.stdout(JSON.stringify(database ? { ...r, database } : r, null, 2));
        else
          io.stdout(
            formatImport(r) +
              (database
                ? `\nstored in the database (DATABASE_URL) for every organisation: ${database.join(", ") || "unchanged"}`
                : ""),
          );
      },
    );

  lists
    .command("status")
    .description("the lists loaded in the data directory: entries, skipped records, versions, file dates")
    .argument("[list]", "only this list")
    .option("--json", "print machine-readable JSON")
    .action(async (list: string | undefined, opts: { json?: boolean }) => {
      const all = status(home());
      let shown = all;
      if (list !== undefined) {
        shown = all.filter((l) => l.list === list);
        if (shown.length === 0)
          throw new CliInputError([
            `unknown list "${list}" (loaded: ${all.map((l) => l.list).join(", ") || "none"})`,
          ]);
      }
      if (opts.json) io.stdout(JSON.stringify(list !== undefined ? shown[0] : shown, null, 2));
      else io.stdout(formatStatus(shown, home()));
    });

  return lists;
}

/** What `lists import` reports. */
export interface ImportReport {
  list: string;
  format: string;
  count: number;
  skippedCount: number;
  skipped: ImportResult["skipped"];
  published?: string;
  fileName: string;
  fileDate: string;
  files: SourceFile[];
  version: string;
  path: string;
  warnings: string[];
}

/** Import one file into `home` (the whole of `lists import`, without printing). */
export async function importListFile(
  home: string,
  format: string,
  file: string,
  opts: { listId?: string; encoding?: string } = {},
): Promise<ImportReport> {
  if (!isFormatId(format))
    throw new CliInputError([`unknown format "${format}" (known: ${FORMAT_IDS.join(", ")})`]);
  const spec = FORMATS[format];
  const encoding = opts.encoding ?? "utf-8";
  if (!(ENCODINGS as readonly string[]).includes(encoding))
    throw new CliInputError([`--encoding: unknown encoding "${encoding}" (known: ${ENCODINGS.join(", ")})`]);
  const listId = checkListId(spec, opts.listId);
  const main = resolveMain(spec, file);
  const warnings: string[] = [];
  const sources: { path: string; done: () => SourceFile }[] = [];
  const open = (path: string) => {
    const s = hashedSource(path);
    sources.push(s);
    return s.source;
  };
  const input: ImportInput = { main: open(main) };
  if (spec.companions) {
    const parts: Partial<Record<CompanionPart, AsyncIterable<Uint8Array>>> = {};
    for (const [part, name] of Object.entries(spec.companions) as [CompanionPart, string][]) {
      const path = findBeside(main, name);
      if (path) parts[part] = open(path);
      else warnings.push(`no ${name} beside ${basename(main)}: its ${part} are not imported`);
    }
    input.parts = parts;
  }
  let result: ImportResult;
  try {
    result = await spec.parse(input, {
      ...(spec.takesListId ? { listId } : {}),
      encoding: encoding as Encoding,
      fileName: basename(main),
    });
  } catch (e) {
    if (e instanceof ImportError) throw new CliInputError([`${file}: ${e.message}`, ...hint(spec, main)]);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EACCES" || code === "EISDIR")
      throw new CliInputError([`cannot read ${file}: ${(e as Error).message}`]);
    throw e;
  }
  if (result.entities.length === 0)
    throw new CliInputError([
      `${file}: no entries could be imported (${result.skipped.length} record(s) skipped); nothing was stored`,
      ...result.skipped.slice(0, 5).map((s) => `${s.record}: ${s.reason}`),
    ]);
  const files = sources.map((s) => s.done());
  const meta = saveList(home, result, { files });
  return {
    list: meta.list,
    format: meta.format,
    count: meta.count,
    skippedCount: meta.skippedCount,
    skipped: result.skipped,
    ...(meta.published ? { published: meta.published } : {}),
    fileName: meta.fileName,
    fileDate: meta.fileDate,
    files,
    version: meta.version,
    path: listFile(home, meta.list),
    warnings,
  };
}

function checkListId(spec: FormatSpec, listId: string | undefined): string {
  if (!spec.takesListId) {
    if (listId !== undefined)
      throw new CliInputError([
        `--list-id applies to the csv format only; ${spec.id} is always list "${spec.id}"`,
      ]);
    return spec.id;
  }
  const id = listId ?? DEFAULT_LIST_ID;
  if (!LIST_ID.test(id))
    throw new CliInputError([`--list-id: "${id}" is not a list id (lower-case letters, digits and dashes)`]);
  if (OFFICIAL_LIST_IDS.includes(id))
    throw new CliInputError([
      `--list-id: "${id}" is the id of an official list; choose another (e.g. meti-eul)`,
    ]);
  return id;
}

/** The main file: the file given, or for multi-file formats the primary file inside a directory given. */
function resolveMain(spec: FormatSpec, file: string): string {
  let isDir: boolean;
  try {
    isDir = statSync(file).isDirectory();
  } catch (e) {
    throw new CliInputError([`cannot read ${file}: ${(e as Error).message}`]);
  }
  if (!isDir) return file;
  for (const name of spec.mainFiles ?? []) {
    const found = findIn(file, name);
    if (found) return found;
  }
  throw new CliInputError([`${file} is a directory; give the ${spec.id} file (${spec.files})`]);
}

function findIn(dir: string, name: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return undefined;
  }
  const hit = names.find((n) => n.toLowerCase() === name.toLowerCase());
  return hit ? join(dir, hit) : undefined;
}

function findBeside(main: string, name: string): string | undefined {
  return findIn(dirname(main), name);
}

/** A file as a stream of chunks, hashed as it is read; `done()` gives its name, date, size and SHA-256. */
function hashedSource(path: string): {
  path: string;
  source: AsyncIterable<Uint8Array>;
  done: () => SourceFile;
} {
  const hash = createHash("sha256");
  let bytes = 0;
  async function* read(): AsyncGenerator<Uint8Array> {
    for await (const chunk of createReadStream(path)) {
      const b = chunk as Buffer;
      hash.update(b);
      bytes += b.length;
      yield b;
    }
  }
  return {
    path,
    source: read(),
    done: () => ({
      name: basename(path),
      modified: statSync(path).mtime.toISOString(),
      sha256: hash.digest("hex"),
      bytes,
    }),
  };
}

/** When a file fails to import, say which format it looks like. */
function hint(spec: FormatSpec, path: string): string[] {
  let head = "";
  try {
    const fd = openSync(path, "r");
    try {
      const buf = Buffer.alloc(8192);
      head = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString("utf8");
    } finally {
      closeSync(fd);
    }
  } catch {
    return [];
  }
  const looks = detect(head);
  if (looks.includes(spec.id)) return [];
  if (looks.length === 0)
    return [`the file does not look like any supported list format (${FORMAT_IDS.join(", ")})`];
  return [
    `the file looks like ${looks.map((f) => `"${f}" (${FORMATS[f].title})`).join(" or ")}, not "${spec.id}" (${spec.files})`,
  ];
}

const n = (x: number) => x.toLocaleString("en-US");

function formatImport(r: ImportReport): string {
  const out = [
    `imported ${r.list} (${r.format}) from ${r.files.map((f) => f.name).join(", ")}: ${n(r.count)} entries, ${n(r.skippedCount)} record(s) skipped`,
    `  published ${r.published ?? "(not stated in the file)"}; file date ${r.fileDate}`,
    `  list version ${r.version}`,
    `  stored in ${r.path}`,
  ];
  if (r.skipped.length > 0) {
    out.push("skipped:");
    for (const s of r.skipped.slice(0, 20)) out.push(`  ${s.record}: ${s.reason}`);
    if (r.skipped.length > 20) out.push(`  ... and ${n(r.skipped.length - 20)} more (--json lists them all)`);
  }
  return out.join("\n");
}

function formatStatus(lists: ListMeta[], home: string): string {
  if (lists.length === 0)
    return `no lists loaded in ${home} (import one with: tradectl lists import <format> <file>)`;
  const table = new Table({
    head: ["list", "format", "entries", "skipped", "published", "file", "file date", "imported", "version"],
    style: { head: [], border: [] },
  });
  for (const l of lists)
    table.push([
      l.list,
      l.format,
      n(l.count),
      n(l.skippedCount),
      l.published ?? "-",
      l.fileName,
      l.fileDate.slice(0, 10),
      l.importedAt.slice(0, 16).replace("T", " "),
      `${l.version.slice(0, 19)}…`,
    ]);
  return `lists in ${home}\n${table.toString()}`;
}
