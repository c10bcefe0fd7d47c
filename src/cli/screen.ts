/**
 * `tradectl screen "<name>"` and `tradectl screen --file parties.csv`: screen party names (any script) against
 * the lists imported into the data directory (`TRADECTL_HOME`, default `~/.tradectl`), with explained scores.
 * Opens the index kept beside the lists (src/lists/index-cache.ts; built and written on first use), loads the
 * Japanese reader only for names with kanji,
 * prints matches above the threshold (table or `--json`), or writes a batch result (`--out x.csv|x.json`) with a
 * progress bar on a terminal. Bad input is a `CliInputError` (exit 2): an empty name, a name of only legal-form
 * or generic words, an unknown list, country or type, a CSV without a name column.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { extname } from "node:path";
import { SingleBar, Presets } from "cli-progress";
import type { Command } from "commander";
import { parse } from "csv-parse/sync";
import { homeIndex, readJapaneseFor } from "../lists/index-cache.ts";
import { defaultHome, listIds, type ListMeta } from "../lists/store.ts";
import { isCountryCode } from "../policy/countries.ts";
import { DEFAULT_THRESHOLD, type ScreenMatch, type ScreenQuery } from "../screen/index.ts";
import { sourcesOf, type MatchSource } from "../app/parties.ts";
import { formatMatchSources } from "./format.ts";
import { nameProblem } from "../app/screening.ts";
import { csvCell } from "../impact/csv-cell.ts";
import { BadInputError as CliInputError } from "../app/errors.ts";
import type { Io } from "./io.ts";

export { CliInputError };

export interface ScreenCommandOptions {
  /** Environment to read TRADECTL_HOME from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Read kanji the Japanese way too (loads kuromoji's dictionary, ~0.5 s); default true. */
  japanese?: boolean;
  /** Whether to draw a progress bar for batches (default: when standard error is a terminal). */
  progress?: boolean;
}

/** One match as `--json` prints it. */
export interface MatchJson {
  entityId: string;
  list: string;
  name: string;
  matchedName: string;
  score: number;
  features: Record<string, number>;
  alignment: [string, string][];
  /** The official entry's link, where the list gives one. */
  url?: string;
  /** The alias-table entries the name was read through. */
  via?: { native: string; listed: string; source: string }[];
  /** Every list entry of the matched party (copies across lists), the match first. */
  sources: MatchSource[];
}

export interface ScreenJson {
  query: ScreenQuery & { lists?: string[]; threshold: number };
  listVersions: Record<string, string>;
  matches: MatchJson[];
}

interface Flags {
  file?: string;
  out?: string;
  country?: string;
  type?: string;
  birthDate?: string;
  lists?: string;
  threshold?: string;
  limit?: string;
  json?: boolean;
}

/** Add `screen` to a commander program. Its action is async: run the program with `parseAsync`. */
export function registerScreenCommand(program: Command, io: Io, options: ScreenCommandOptions = {}): Command {
  return program
    .command("screen")
    .description("screen a party name (any script) against the imported restricted-party lists")
    .argument("[name]", "the name to screen")
    .option("--country <XX>", "the party's country (ISO 3166 alpha-2)")
    .option("--type <type>", "person or entity")
    .option("--birth-date <date>", "date of birth, YYYY or YYYY-MM-DD")
    .option("--lists <ids>", "only these lists, comma-separated (e.g. csl,sdn,un)")
    .option("--threshold <score>", `report matches from this score (default ${DEFAULT_THRESHOLD})`)
    .option("--limit <n>", "at most n matches per name (default 20)")
    .option("--json", "print machine-readable JSON")
    .option(
      "--file <parties.csv>",
      "screen every row of a CSV (columns: name, and optionally country, type, birth_date, id)",
    )
    .option("--out <file>", "with --file: write results to a .csv or .json file instead of standard output")
    .action(async (name: string | undefined, flags: Flags) => {
      await runScreen(name, flags, io, options);
    });
}

function parseThreshold(s: string | undefined, problems: string[]): number {
  if (s === undefined) return DEFAULT_THRESHOLD;
  const t = Number(s);
  if (!Number.isFinite(t) || t <= 0 || t > 1) {
    problems.push(`--threshold: "${s}" is not a score in (0, 1]`);
    return DEFAULT_THRESHOLD;
  }
  return t;
}

function checkParty(
  where: string,
  q: { country?: string; type?: string; birthDate?: string },
  problems: string[],
): Pick<ScreenQuery, "country" | "type" | "birthDate"> {
  const out: Pick<ScreenQuery, "country" | "type" | "birthDate"> = {};
  if (q.country) {
    const c = q.country.trim().toUpperCase();
    if (!isCountryCode(c))
      problems.push(`${where}country: unknown country code "${q.country}" (ISO 3166 alpha-2, e.g. KR)`);
    else out.country = c;
  }
  if (q.type) {
    const t = q.type.trim().toLowerCase();
    if (t !== "person" && t !== "entity") problems.push(`${where}type: "${q.type}" is not person or entity`);
    else out.type = t;
  }
  if (q.birthDate) {
    const d = q.birthDate.trim();
    if (!validPartialDate(d))
      problems.push(`${where}birth date: "${q.birthDate}" is not YYYY, YYYY-MM or YYYY-MM-DD`);
    else out.birthDate = d;
  }
  return out;
}

/** YYYY, YYYY-MM or YYYY-MM-DD, and a real month and day. */
function validPartialDate(d: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(d);
  if (!m) return false;
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
}

function toJson(m: ScreenMatch): MatchJson {
  return {
    entityId: m.entityId,
    list: m.list,
    name: m.name,
    matchedName: m.matchedName,
    score: m.score,
    features: { ...m.features },
    alignment: m.alignment,
    ...(m.entity.url ? { url: m.entity.url } : {}),
    ...(m.via ? { via: m.via } : {}),
    sources: sourcesOf(m),
  };
}

function versions(lists: ListMeta[]): Record<string, string> {
  return Object.fromEntries(lists.map((l) => [l.list, l.version]));
}

async function runScreen(
  name: string | undefined,
  flags: Flags,
  io: Io,
  options: ScreenCommandOptions,
): Promise<void> {
  const problems: string[] = [];
  if (name !== undefined && flags.file !== undefined) problems.push("give a name or --file, not both");
  if (name === undefined && flags.file === undefined)
    problems.push('give a name to screen (tradectl screen "<name>") or --file parties.csv');
  if (flags.out !== undefined && flags.file === undefined)
    problems.push("--out applies to --file batches only");
  if (flags.out !== undefined && ![".csv", ".json"].includes(extname(flags.out).toLowerCase()))
    problems.push(`--out: "${flags.out}" must end in .csv or .json`);
  const threshold = parseThreshold(flags.threshold, problems);
  let limit = 20;
  if (flags.limit !== undefined) {
    limit = Number(flags.limit);
    if (!Number.isInteger(limit) || limit < 1)
      problems.push(`--limit: "${flags.limit}" is not a positive whole number`);
  }
  const party = checkParty(
    "--",
    { country: flags.country, type: flags.type, birthDate: flags.birthDate },
    problems,
  );
  if (name !== undefined && name.trim() === "") problems.push("the name is empty");
  // the parties of a batch are read before the lists are loaded, so that a bad file fails fast
  let rows: Record<string, string>[] | undefined;
  if (flags.file !== undefined) rows = readParties(flags.file, problems);
  const home = defaultHome(options.env ?? process.env);
  // the lists' ids are their files' names: bad input is found before the index is opened (or built)
  const imported = listIds(home);
  let listFilter: string[] | undefined;
  if (flags.lists !== undefined) {
    listFilter = flags.lists
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    const known = new Set(imported);
    const unknown = listFilter.filter((l) => !known.has(l));
    if (listFilter.length === 0) problems.push("--lists: no list named");
    for (const u of unknown)
      problems.push(`--lists: unknown list "${u}" (imported: ${imported.join(", ") || "none"})`);
  }
  if (imported.length === 0)
    problems.push(`no lists imported in ${home}: import one first (tradectl lists import <format> <file>)`);
  if (problems.length > 0) throw new CliInputError(problems);

  // the index kept beside the lists (built and written on the first screen after an import)
  const opened = await homeIndex(home, { japanese: options.japanese !== false });
  const lists = opened.lists;

  const index = opened.index;
  if (!index)
    throw new CliInputError([`no lists imported in ${home} (removed meanwhile?): import one again`]);
  // kanji are read the Japanese way too: the reader's dictionary is loaded only for names that have them
  if (options.japanese !== false && opened.transliterator) {
    const names = rows ? rows.map((r) => r.name ?? "") : [name!];
    await readJapaneseFor(opened.transliterator, names);
  }
  const listVersions = versions(listFilter ? lists.filter((l) => listFilter.includes(l.list)) : lists);
  const screenOne = (q: ScreenQuery): ScreenJson => {
    const r = index.screen(q, { threshold, limit, ...(listFilter ? { lists: listFilter } : {}) });
    return {
      query: { ...q, ...(listFilter ? { lists: listFilter } : {}), threshold },
      listVersions,
      matches: r.matches.map(toJson),
    };
  };

  if (rows === undefined) {
    const n = name!;
    const bad = nameProblem(index, n);
    if (bad) throw new CliInputError([bad]);
    const res = screenOne({ name: n, ...party });
    io.stdout(flags.json ? JSON.stringify(res, null, 2) : formatResult(res));
    return;
  }

  // batch
  const rowProblems: string[] = [];
  const queries: { id: string; q: ScreenQuery }[] = [];
  rows.forEach((r, i) => {
    const where = `${flags.file} row ${i + 2}: `;
    const n = r.name ?? "";
    const bad = nameProblem(index, n);
    if (bad) rowProblems.push(`${where}${bad}`);
    const p = checkParty(where, { country: r.country, type: r.type, birthDate: r.birth_date }, rowProblems);
    queries.push({ id: r.id || String(i + 1), q: { name: n, ...p } });
  });
  if (rowProblems.length > 0) throw new CliInputError(rowProblems);
  const showBar = options.progress ?? Boolean(process.stderr.isTTY);
  const bar = showBar
    ? new SingleBar(
        { format: "screening {bar} {value}/{total} parties | {eta_formatted} left", stream: process.stderr },
        Presets.shades_classic,
      )
    : undefined;
  bar?.start(queries.length, 0);
  const results: (ScreenJson & { id: string })[] = [];
  for (const { id, q } of queries) {
    results.push({ id, ...screenOne(q) });
    bar?.increment();
  }
  bar?.stop();
  const asJson = flags.out ? extname(flags.out).toLowerCase() === ".json" : flags.json === true;
  const text = asJson ? `${JSON.stringify(results, null, 2)}\n` : batchCsv(results);
  if (flags.out) {
    writeFileSync(flags.out, text);
    const hit = results.filter((r) => r.matches.length > 0).length;
    io.stderr(
      `screened ${results.length} parties: ${hit} with matches at ${threshold}; results in ${flags.out}`,
    );
  } else io.stdout(text);
}

function readParties(file: string, problems: string[]): Record<string, string>[] | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    problems.push(`cannot read ${file}: ${(e as Error).message}`);
    return undefined;
  }
  let records: Record<string, string>[];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      relax_column_count: true,
    }) as Record<string, string>[];
  } catch (e) {
    problems.push(`${file}: malformed CSV: ${(e as Error).message}`);
    return undefined;
  }
  const header = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const columns = header.split(",").map((h) => h.trim().replace(/^"|"$/g, "").toLowerCase());
  if (!columns.includes("name")) {
    problems.push(
      `${file}: no "name" column (header: ${header || "empty"}); columns: name, country, type, birth_date, id`,
    );
    return undefined;
  }
  if (records.length === 0) problems.push(`${file}: no parties (only a header)`);
  return records;
}

const CSV_COLUMNS = [
  "id",
  "name",
  "country",
  "type",
  "birth_date",
  "rank",
  "score",
  "list",
  "entity_id",
  "listed_name",
  "matched_name",
  "alignment",
  "sources",
];

/** One CSV line per match, and one (without match columns) for a party with no match. */
function batchCsv(results: (ScreenJson & { id: string })[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const r of results) {
    const base = [r.id, r.query.name, r.query.country, r.query.type, r.query.birthDate];
    if (r.matches.length === 0) lines.push([...base, "", "", "", "", "", "", "", ""].map(csvCell).join(","));
    r.matches.forEach((m, i) =>
      lines.push(
        [
          ...base,
          i + 1,
          m.score,
          m.list,
          m.entityId,
          m.name,
          m.matchedName,
          m.alignment.map(([a, b]) => `${a}=${b}`).join(" "),
          m.sources.map((x) => x.entityId).join(" "),
        ]
          .map(csvCell)
          .join(","),
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}

function formatResult(r: ScreenJson): string {
  const head = `screening "${r.query.name}" against ${Object.keys(r.listVersions).join(", ")} (threshold ${r.query.threshold})`;
  if (r.matches.length === 0) return `${head}\nno matches`;
  const lines = [head];
  for (const m of r.matches) {
    const matched = m.matchedName === m.name ? "" : ` (as "${m.matchedName}")`;
    lines.push(`${m.score.toFixed(2)}  ${m.list.padEnd(6)} ${m.name}${matched}  [${m.entityId}]`);
    lines.push(`      ${m.alignment.map(([a, b]) => (a === b ? a : `${a}→${b}`)).join("  ")}`);
    // one party, every list entry of it, with the official entry's link where the list gives one
    if (m.sources.length > 1 || m.url || m.via) lines.push(...formatMatchSources(m));
  }
  return lines.join("\n");
}
