/**
 * Impact input: shipment lines from CSV (streamed in chunks that never cut a quoted field, each chunk parsed on
 * its own, with its first line number) or from a JSON array (split element by element as the text arrives),
 * checked row by row. A bad row becomes a problem with its line number; the other rows go on. Pure: text in.
 */
import { parse } from "csv-parse/sync";
import { controlNumberProblem } from "../determine/classify-item.ts";
import type { EndUse, Knowledge, Shipment } from "../determine/types.ts";
import { dateProblem, isCountryCode } from "../policy/index.ts";
import { FieldInterner } from "./interner.ts";
import {
  TECHNOLOGY_EXEMPTIONS,
  TECHNOLOGY_MEANS,
  TECHNOLOGY_PLACES,
  TRANSACTION_FIELDS,
  TRANSACTION_KINDS,
  transactionOf,
} from "../policy/transactions.ts";

/** One shipment line as the impact run decides it (one item, to one destination, on one date). */
export interface ImpactLine {
  /** The line of the input file the row starts on (1 = the CSV header). */
  line: number;
  id: string;
  date: string;
  destination: string;
  customer: string;
  /** The contract the line belongs to (one individual licence serves one contract); absent: the line is one. */
  contract?: string | undefined;
  controlNumber: string | null;
  hsCode?: string | undefined;
  value?: number | undefined;
  currency?: string | undefined;
  quantity?: number | undefined;
  description?: string | undefined;
  unit?: string | undefined;
  /** End-use facts, when the input gives any (otherwise none: a clean end use). */
  endUse?: EndUse | undefined;
  /** A technology transfer, a brokering or a transit (absent: a goods export), with its facts. */
  transaction?: LineTransaction | undefined;
}

/** The kind of a line that is not a goods export, and its facts (the shipment contract's). */
export type LineTransaction = Required<Pick<Shipment, "kind">> &
  Pick<Shipment, "technology" | "brokering" | "transit">;

export interface InputProblem {
  line: number;
  message: string;
}

export const requiredColumns = ["date", "destination"] as const;
export const knownColumns = [
  "id",
  "date",
  "destination",
  "customer",
  "contract",
  "controlNumber",
  "hsCode",
  "value",
  "currency",
  "quantity",
  "description",
  "unit",
  "wmd",
  "military",
  "informed",
  "endUserListed",
  "redFlags",
  // technology transfers, brokering and transit (absent or goods: a goods export)
  ...TRANSACTION_FIELDS,
] as const;

/** Problems of a CSV header (unknown or missing columns): the whole file is refused, nothing is guessed. */
export function headerProblems(columns: string[]): string[] {
  const out: string[] = [];
  const known = new Set<string>(knownColumns);
  const unknown = columns.filter((c) => !known.has(c));
  if (unknown.length > 0)
    out.push(
      `unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((c) => `"${c}"`).join(", ")} (known: ${knownColumns.join(", ")})`,
    );
  for (const c of requiredColumns) if (!columns.includes(c)) out.push(`missing column "${c}"`);
  if (!columns.includes("controlNumber") && !columns.includes("hsCode"))
    out.push('give a "controlNumber" or an "hsCode" column (or both)');
  const dup = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (dup.length > 0) out.push(`column${dup.length > 1 ? "s" : ""} given twice: ${dup.join(", ")}`);
  return out;
}

/** What a row is checked against: the exporting regime (not a destination) and its red-flag ids. */
export interface RowContext {
  regime: string;
  redFlags: ReadonlySet<string>;
  /** The regime's recipient categories of technology transfers. */
  recipients?: ReadonlySet<string> | undefined;
}

const HS = /^\d{4}(\.?\d{2}){1,3}$/;
const KNOWLEDGE = new Set(["none", "suspected", "known"]);

/** Checks of values that repeat from row to row (dates, countries, control numbers), remembered. */
const dates = new Map<string, string | null>();
const countries = new Map<string, boolean>();
const controlNumbers = new Map<string, string | null>();
function memo<T>(m: Map<string, T>, key: string, f: (k: string) => T): T {
  let v = m.get(key);
  if (v === undefined && !m.has(key)) {
    v = f(key);
    if (m.size > 50_000) m.clear();
    m.set(key, v);
  }
  return v as T;
}

function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  const s = typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : undefined;
  return s === "" ? undefined : s;
}

function num(row: Record<string, unknown>, key: string, problems: string[]): number | undefined {
  const v = row[key];
  if (typeof v === "number") {
    if (!Number.isFinite(v) || v < 0) problems.push(`${key}: must be a number >= 0, got ${v}`);
    return v;
  }
  const s = text(v);
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!/^\d+(\.\d+)?$/.test(s) || !Number.isFinite(n))
    problems.push(`${key}: "${s}" is not a number >= 0 (digits, optional decimals, no separators)`);
  return n;
}

function knowledge(key: string, v: string | undefined, problems: string[]): Knowledge {
  if (v === undefined) return "none";
  if (KNOWLEDGE.has(v)) return v as Knowledge;
  problems.push(`${key}: "${v}" is not none, suspected or known`);
  return "none";
}

/** Check one row (CSV strings or JSON values) and make it a line; or say every problem it has. */
export function toLine(
  row: Record<string, unknown>,
  line: number,
  ctx: RowContext,
): { ok: true; line: ImpactLine } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const date = text(row.date);
  if (date === undefined) problems.push("date: is required");
  else {
    const p = memo(dates, date, dateProblem);
    if (p) problems.push(`date: ${p}`);
  }
  const destination = text(row.destination)?.toUpperCase();
  const transaction = lineTransaction(row, ctx, destination, problems);
  if (destination === undefined) problems.push("destination: is required");
  else if (!memo(countries, destination, isCountryCode))
    problems.push(`destination: unknown country code "${destination}" (expected ISO 3166 alpha-2, e.g. KR)`);
  else if (destination === ctx.regime && text(row.kind)?.toLowerCase() !== "technology")
    problems.push(`destination: ${destination} is the exporting country of regime ${ctx.regime}`);
  const controlNumber = text(row.controlNumber) ?? null;
  if (controlNumber !== null) {
    const p = memo(controlNumbers, controlNumber, controlNumberProblem);
    if (p) problems.push(`controlNumber: ${p}`);
  }
  const hsCode = text(row.hsCode);
  if (hsCode !== undefined && !HS.test(hsCode))
    problems.push(`hsCode: "${hsCode}" is not an HS code of 6 to 10 digits (e.g. 281111 or 2811.11)`);
  if (controlNumber === null && hsCode === undefined) problems.push("give a controlNumber or an hsCode");
  const value = num(row, "value", problems);
  const quantity = num(row, "quantity", problems);
  const currency = text(row.currency)?.toUpperCase();
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency))
    problems.push(`currency: "${currency}" is not an ISO 4217 code such as JPY`);

  let endUse: EndUse | undefined;
  const wmd = text(row.wmd)?.toLowerCase();
  const military = text(row.military)?.toLowerCase();
  const informed = text(row.informed);
  const listed = text(row.endUserListed)?.toLowerCase();
  const flags = text(row.redFlags);
  if (
    wmd !== undefined ||
    military !== undefined ||
    informed !== undefined ||
    listed !== undefined ||
    flags
  ) {
    const inf = (informed ?? "")
      .split(/[;|]/)
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
    for (const i of inf)
      if (i !== "wmd" && i !== "conventional") problems.push(`informed: "${i}" is not wmd or conventional`);
    let endUserListed = false;
    if (listed !== undefined) {
      if (["true", "yes", "1"].includes(listed)) endUserListed = true;
      else if (!["false", "no", "0"].includes(listed))
        problems.push(`endUserListed: "${listed}" is not true or false`);
    }
    const redFlags = (flags ?? "")
      .split(/[;|]/)
      .map((s) => s.trim())
      .filter(Boolean);
    for (const f of redFlags)
      if (!ctx.redFlags.has(f))
        problems.push(
          ctx.redFlags.size === 0
            ? `redFlags: regime ${ctx.regime} defines no red flags`
            : `redFlags: unknown red flag "${f}"`,
        );
    endUse = {
      wmd: knowledge("wmd", wmd, problems),
      military: knowledge("military", military, problems),
      informed: inf as EndUse["informed"],
      endUserListed,
      redFlags,
    };
  }
  if (problems.length > 0) return { ok: false, problems };
  const out: ImpactLine = {
    line,
    id: text(row.id) ?? String(line),
    date: date!,
    destination: destination!,
    customer: text(row.customer) ?? "",
    controlNumber,
  };
  const contract = text(row.contract);
  if (contract !== undefined) out.contract = contract;
  if (hsCode !== undefined) out.hsCode = hsCode;
  if (value !== undefined) out.value = value;
  if (currency !== undefined) out.currency = currency;
  if (quantity !== undefined) out.quantity = quantity;
  const description = text(row.description);
  if (description !== undefined) out.description = description;
  const unit = text(row.unit);
  if (unit !== undefined) out.unit = unit;
  if (endUse) out.endUse = endUse;
  if (transaction) out.transaction = transaction;
  return { ok: true, line: out };
}

const KINDS = new Set<string>(TRANSACTION_KINDS);
const PLACES = new Set<string>(TECHNOLOGY_PLACES);
const MEANS = new Set<string>(TECHNOLOGY_MEANS);
const EXEMPTIONS = new Set<string>(TECHNOLOGY_EXEMPTIONS);

/**
 * The kind of a row and its facts (columns kind, recipient, place, means, exemption, origin, exportLicence):
 * undefined for a goods export. The `destination` column is the recipient's country for technology and where the
 * goods finally go for brokering and transit. Every problem is named by its column.
 */
function lineTransaction(
  row: Record<string, unknown>,
  ctx: RowContext,
  destination: string | undefined,
  problems: string[],
): LineTransaction | undefined {
  const kind = text(row.kind)?.toLowerCase();
  const given = TRANSACTION_FIELDS.filter((k) => k !== "kind" && text(row[k]) !== undefined);
  if (kind === undefined || kind === "goods") {
    if (given.length > 0) problems.push(`${given.join(", ")}: given for a goods export (set kind)`);
    return undefined;
  }
  if (!KINDS.has(kind)) {
    problems.push(`kind: "${kind}" is not ${TRANSACTION_KINDS.join(", ")}`);
    return undefined;
  }
  const before = problems.length;
  const pick = (k: string, allowed: ReadonlySet<string>, what: string, required = true) => {
    const v = text(row[k]);
    if (v === undefined) {
      if (required) problems.push(`${k}: is required for ${kind} (${what})`);
    } else if (!allowed.has(v)) problems.push(`${k}: "${v}" is not one of ${[...allowed].join(", ")}`);
    return v;
  };
  let origin: string | undefined;
  let exportLicence = false;
  if (kind === "technology") {
    pick("recipient", ctx.recipients ?? new Set(), "the recipient's category");
    pick("place", PLACES, "domestic or abroad");
    pick("means", MEANS, "how it is provided");
    pick("exemption", EXEMPTIONS, "", false);
  } else {
    origin = text(row.origin)?.toUpperCase();
    if (origin === undefined)
      problems.push(`origin: is required for ${kind} (the country the goods come from)`);
    else if (!memo(countries, origin, isCountryCode))
      problems.push(`origin: unknown country code "${origin}"`);
    else if (kind === "brokering" && origin === ctx.regime)
      problems.push(`origin: goods exported from ${ctx.regime} are an export, not a brokering`);
    const licensed = text(row.exportLicence)?.toLowerCase();
    if (licensed !== undefined) {
      if (["true", "yes", "1"].includes(licensed)) exportLicence = true;
      else if (!["false", "no", "0"].includes(licensed))
        problems.push(`exportLicence: "${licensed}" is not true or false`);
    }
  }
  if (problems.length > before) return undefined;
  const flat = {
    kind,
    recipient: text(row.recipient),
    place: text(row.place),
    means: text(row.means),
    exemption: text(row.exemption),
    origin,
    exportLicence,
  };
  return transactionOf(flat, destination ?? "") as LineTransaction;
}

/** A block of CSV text that ends on a record boundary, with the file line its first character is on. */
export interface CsvChunk {
  text: string;
  firstLine: number;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i >= 0; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

/**
 * Cuts streamed CSV text into chunks of about `size` characters that end on a record boundary (never inside a
 * quoted field), keeping count of lines. The first record (the header) is kept apart in `header`.
 */
export class CsvChunker {
  /** Text not yet handed out; it always starts on a record boundary. */
  private buf = "";
  private line = 1;
  header: CsvChunk | undefined;

  constructor(private readonly size = 1 << 20) {}

  /** Add text; returns the chunks now complete. */
  push(text: string): CsvChunk[] {
    if (this.header === undefined && this.buf === "" && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    this.buf += text;
    const out: CsvChunk[] = [];
    if (this.header === undefined) {
      const cut = boundary(this.buf, "first");
      if (cut < 0) return out;
      this.header = this.take(cut);
    }
    while (this.buf.length >= this.size) {
      const cut = boundary(this.buf, "last");
      if (cut < 0) break;
      out.push(this.take(cut));
    }
    return out;
  }

  /** The rest of the text, at the end of the input. */
  end(): CsvChunk[] {
    if (this.buf === "") return [];
    const chunk = this.take(this.buf.length - 1);
    if (this.header === undefined) {
      this.header = chunk;
      return [];
    }
    return [chunk];
  }

  private take(cut: number): CsvChunk {
    const chunk = { text: this.buf.slice(0, cut + 1), firstLine: this.line };
    this.line += countNewlines(chunk.text);
    this.buf = this.buf.slice(cut + 1);
    return chunk;
  }
}

/**
 * The first or last newline of `b` that ends a record (outside quotes), or -1. `b` starts on a record
 * boundary. Quote-free text (the usual case) needs no scan.
 */
function boundary(b: string, which: "first" | "last"): number {
  if (b.indexOf('"') < 0) return which === "first" ? b.indexOf("\n") : b.lastIndexOf("\n");
  let quoted = false;
  let last = -1;
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) {
      if (which === "first") return i;
      last = i;
    }
  }
  return last;
}

/** The column names of a CSV header line. */
export function parseHeader(chunk: CsvChunk): string[] {
  const rows = parse(chunk.text, {
    relax_column_count: true,
    skip_empty_lines: true,
    record_delimiter: ["\r\n", "\n"],
  }) as string[][];
  return (rows[0] ?? []).map((c) => c.trim());
}

/**
 * Parse one chunk of CSV records against the header's columns. Quote-free text is split directly (it cannot
 * hold an escaped comma or newline); text with quotes goes through csv-parse. A row with the wrong number of
 * fields, or CSV the parser refuses, is a problem with its line; the other rows are returned.
 */
export function parseCsvChunk(
  chunk: CsvChunk,
  columns: string[],
  share?: Share,
): { rows: { line: number; values: string[] }[]; problems: InputProblem[] } {
  const rows: { line: number; values: string[] }[] = [];
  const problems: InputProblem[] = [];
  const width = columns.length;
  const keys = share ? shareColumns(columns) : [];
  const check = (line: number, values: string[]) => {
    if (values.length === 1 && values[0]!.trim() === "") return;
    if (share && !ownedBy(share, keys.every((k) => k < values.length) ? hashFields(values, keys) : line))
      return;
    if (values.length !== width)
      problems.push({
        line,
        message: `expected ${width} fields (${columns.join(",")}), got ${values.length}`,
      });
    else rows.push({ line, values });
  };
  if (chunk.text.indexOf('"') < 0) {
    readPlainChunk(chunk, columns, share, keys, rows, problems);
    return { rows, problems };
  }
  let unclosed = false;
  const records = parse(chunk.text, {
    record_delimiter: ["\r\n", "\n"],
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      if (!err) return;
      if ((err as { code?: string }).code === "CSV_QUOTE_NOT_CLOSED") {
        unclosed = true;
        return;
      }
      const line = chunk.firstLine + ((err as { lines?: number }).lines ?? 1) - 1;
      if (!share || ownedBy(share, line))
        problems.push({ line, message: `CSV: ${err.message.replace(/ at line \d+$| on line \d+$/, "")}` });
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];
  for (const r of records) {
    // info.lines counts the line the record ends on; a record with a quoted newline starts earlier.
    let extra = 0;
    for (const v of r.record) extra += countNewlines(v);
    check(chunk.firstLine + r.info.lines - 1 - extra, r.record);
  }
  if (unclosed) {
    // A quote opened and never closed: that record is bad; read on from the line after the one it starts on.
    const start = unclosedStart(chunk.text);
    const line = chunk.firstLine + countNewlines(chunk.text.slice(0, start));
    if (!share || ownedBy(share, line))
      problems.push({ line, message: "CSV: a quoted field opened on this line is never closed" });
    const next = chunk.text.indexOf("\n", start);
    if (next >= 0 && next + 1 < chunk.text.length) {
      const rest = parseCsvChunk({ text: chunk.text.slice(next + 1), firstLine: line + 1 }, columns, share);
      rows.push(...rest.rows);
      problems.push(...rest.problems);
    }
  }
  return { rows, problems };
}

/** Columns whose values repeat from row to row (all but the id, numbers and description): kept as one string each. */
const REPEATING = new Set<string>(
  knownColumns.filter((c) => c !== "id" && c !== "value" && c !== "quantity" && c !== "description"),
);
const fields = new FieldInterner();
let commas = new Int32Array(64);

/**
 * Quote-free text: split directly (no field can hold an escaped comma or newline), line by line, a trailing
 * CR dropped and empty lines skipped. The worker that owns a line is found from its fields' characters before
 * any string is cut; repeating values come from the interner.
 */
function readPlainChunk(
  chunk: CsvChunk,
  columns: string[],
  share: Share | undefined,
  keys: number[],
  rows: { line: number; values: string[] }[],
  problems: InputProblem[],
): void {
  const text = chunk.text;
  const n = text.length;
  const width = columns.length;
  const repeating = columns.map((c) => REPEATING.has(c));
  let pos = 0;
  for (let lineNo = chunk.firstLine; pos < n; lineNo++) {
    let eol = text.indexOf("\n", pos);
    if (eol < 0) eol = n;
    const end = eol > pos && text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
    const start = pos;
    pos = eol + 1;
    if (end === start) continue;
    // Field boundaries: commas[f] is the index of the comma that ends field f.
    let count = 0;
    for (let c = text.indexOf(",", start); c >= 0 && c < end; c = text.indexOf(",", c + 1)) {
      if (count === commas.length) {
        const grown = new Int32Array(commas.length * 2);
        grown.set(commas);
        commas = grown;
      }
      commas[count++] = c;
    }
    const fieldCount = count + 1;
    if (share) {
      let owner: number = lineNo;
      if (keys.every((k) => k < fieldCount)) {
        let h = 0x811c9dc5;
        for (const k of keys) {
          const a = k === 0 ? start : commas[k - 1]! + 1;
          const b = k === count ? end : commas[k]!;
          for (let i = a; i < b; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
          h = Math.imul(h ^ 44, 0x01000193);
        }
        owner = h >>> 0;
      }
      if (!ownedBy(share, owner)) continue;
    }
    if (fieldCount !== width) {
      problems.push({
        line: lineNo,
        message: `expected ${width} fields (${columns.join(",")}), got ${fieldCount}`,
      });
      continue;
    }
    const values = new Array<string>(width);
    for (let f = 0; f < width; f++) {
      const a = f === 0 ? start : commas[f - 1]! + 1;
      const b = f === count ? end : commas[f]!;
      values[f] = repeating[f] ? fields.get(text, a, b) : text.slice(a, b);
    }
    rows.push({ line: lineNo, values });
  }
}

/** Where the record with the unclosed quote starts: after the last newline at which the quotes balanced. */
function unclosedStart(text: string): number {
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) start = i + 1;
  }
  return start;
}

/**
 * One worker's share of the rows when several read the same chunks: the rows whose (destination, control
 * number, HS code) hash to `part` of `parts` (a row too short to have them: by its line number). So each row
 * is decided, or reported, by exactly one worker, and each worker meets only its share of the line plans
 * (which are per destination, control number and HS code); the HS code evens the shares out.
 */
export interface Share {
  part: number;
  parts: number;
}

const ownedBy = (share: Share, hash: number) => hash % share.parts === share.part;

function shareColumns(columns: string[]): number[] {
  return ["destination", "controlNumber", "hsCode"].map((c) => columns.indexOf(c)).filter((i) => i >= 0);
}

/** FNV-1a over the given fields of a row (as parsed). */
function hashFields(values: string[], keys: number[]): number {
  let h = 0x811c9dc5;
  for (const k of keys) {
    const v = values[k]!;
    for (let i = 0; i < v.length; i++) h = Math.imul(h ^ v.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 44, 0x01000193);
  }
  return h >>> 0;
}

/** A row of strings as an object keyed by column, for `toLine`. */
export function rowObject(columns: string[], values: string[]): Record<string, string> {
  const o: Record<string, string> = {};
  for (let i = 0; i < columns.length; i++) o[columns[i]!] = values[i]!;
  return o;
}

/** One element of a JSON array, as text, with the line it starts on. */
export interface JsonElement {
  text: string;
  line: number;
}

/**
 * Splits a streamed JSON array (`[ {...}, {...} ]`) into its elements as their text arrives, counting lines,
 * so that a large file is never held whole. Each element is parsed on its own (`JSON.parse`); a malformed one
 * is a problem on its line.
 */
export class JsonArraySplitter {
  private state: "start" | "between" | "in" | "done" = "start";
  private depth = 0;
  private inString = false;
  private escape = false;
  private line = 1;
  private current: string[] = [];
  private startLine = 1;
  /** A structural problem of the array itself (not of one element). */
  problem: InputProblem | undefined;

  push(text: string): JsonElement[] {
    const out: JsonElement[] = [];
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.line++;
      if (this.problem) return out;
      if (this.state === "in") {
        if (this.inString) {
          if (this.escape) this.escape = false;
          else if (c === 92) this.escape = true;
          else if (c === 34) this.inString = false;
          continue;
        }
        if (c === 34) this.inString = true;
        else if (c === 123 || c === 91) this.depth++;
        else if (c === 125 || c === 93) {
          if (this.depth === 0) {
            // the array's own closing bracket after an element without a trailing comma
            this.current.push(text.slice(from, i));
            out.push({ text: this.current.join(""), line: this.startLine });
            this.current = [];
            this.state = "done";
            continue;
          }
          this.depth--;
        } else if (c === 44 && this.depth === 0) {
          this.current.push(text.slice(from, i));
          out.push({ text: this.current.join(""), line: this.startLine });
          this.current = [];
          this.state = "between";
        }
        continue;
      }
      if (c === 32 || c === 9 || c === 10 || c === 13 || (c === 0xfeff && this.state === "start")) continue;
      if (this.state === "start") {
        if (c === 91) this.state = "between";
        else this.problem = { line: this.line, message: "the JSON input is not an array ([ … ])" };
      } else if (this.state === "between") {
        if (c === 93) this.state = "done";
        else {
          this.state = "in";
          this.startLine = this.line;
          from = i;
          this.depth = 0;
          this.inString = false;
          i--; // read this character again as part of the element (it is not a newline)
        }
      } else if (this.state === "done")
        this.problem = { line: this.line, message: "text after the end of the JSON array" };
    }
    if (this.state === "in") this.current.push(text.slice(from));
    return out;
  }

  /** At the end of the input: a problem when the array was not closed. */
  end(): InputProblem | undefined {
    if (this.problem) return this.problem;
    if (this.state === "start") return { line: this.line, message: "the JSON input is empty" };
    if (this.state !== "done")
      return { line: this.line, message: "the JSON array is not closed (missing ])" };
    return undefined;
  }
}
