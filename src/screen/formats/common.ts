/**
 * Shared plumbing of the list importers: the input a parser accepts (text, bytes or a stream, never a path),
 * decoding, CSV records with the line each starts on, XML events, the `ImportError` a malformed file raises,
 * the builder every importer uses to make a `ListEntity`, and the entry's content hash.
 *
 * Pure: no file system or network access; streams are read only as they are handed in.
 */
import { parse as csvParse, CsvError, type Options as CsvOptions } from "csv-parse";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { canonicalJson, contentHash } from "./content-hash.ts";

export { canonicalJson, contentHash };
import type { EntityIdentifier, EntityName, EntityType, ImportResult, ListEntity } from "../entity.ts";
import { isCountry, toCountry } from "./countries.ts";

/** What a parser reads: the text itself, its bytes, or a stream / async iterable of chunks (e.g. a file stream). */
export type Source = string | Uint8Array | AsyncIterable<string | Uint8Array>;

/** Text encodings a file may be read in; UTF-8 unless told otherwise. */
export type Encoding = "utf-8" | "windows-1252";

export interface ParseOptions {
  /** The list id to give the entries (only the generic CSV format takes one; the official formats have fixed ids). */
  listId?: string;
  /** The file's encoding (default UTF-8; invalid UTF-8 is an error, not replaced silently). */
  encoding?: Encoding;
  /** Name of the file, used in error locations. */
  fileName?: string;
}

/** A file that cannot be imported as a whole: wrong format, broken CSV/XML, missing header. Nothing is imported. */
export class ImportError extends Error {
  constructor(
    readonly format: string,
    /** Where: `line 12`, `add.csv line 3`, `line 4:17` (XML line:column), or undefined for the file as a whole. */
    readonly location: string | undefined,
    readonly reason: string,
  ) {
    super(location ? `${format}: ${location}: ${reason}` : `${format}: ${reason}`);
    this.name = "ImportError";
  }
}

/** The file's text in chunks, decoded strictly (a byte sequence invalid in the encoding is an `ImportError`). */
export async function* textChunks(
  source: Source,
  format: string,
  options: { encoding?: Encoding; fileName?: string } = {},
): AsyncGenerator<string> {
  const encoding = options.encoding ?? "utf-8";
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
  let bytes = 0;
  const decode = (chunk: Uint8Array, stream: boolean): string => {
    try {
      return decoder.decode(chunk, { stream });
    } catch {
      throw new ImportError(
        format,
        options.fileName,
        `not valid ${encoding} text (near byte ${bytes}); if this is a legacy file, import it with --encoding windows-1252`,
      );
    } finally {
      bytes += chunk.length;
    }
  };
  let first = true;
  const strip = (s: string): string => {
    if (first && s.length > 0) {
      first = false;
      return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
    }
    return s;
  };
  if (typeof source === "string") {
    yield strip(source);
    return;
  }
  if (source instanceof Uint8Array) {
    yield strip(decode(source, false));
    return;
  }
  for await (const chunk of source) {
    const text = typeof chunk === "string" ? chunk : decode(chunk, true);
    if (text) yield strip(text);
  }
  const rest = decode(new Uint8Array(0), false);
  if (rest) yield strip(rest);
}

/** The whole text of a source (for formats that are parsed as one document, e.g. JSON). */
export async function readAll(source: Source, format: string, options: ParseOptions = {}): Promise<string> {
  let text = "";
  for await (const chunk of textChunks(source, format, options)) text += chunk;
  return text;
}

/** The first characters of a source and a source that still yields everything (for format sniffing). */
export async function peek(
  source: Source,
  format: string,
  options: ParseOptions,
  size = 4096,
): Promise<{ head: string; source: AsyncIterable<string> }> {
  const it = textChunks(source, format, options)[Symbol.asyncIterator]();
  const buffered: string[] = [];
  let head = "";
  let done = false;
  while (head.length < size) {
    const next = await it.next();
    if (next.done) {
      done = true;
      break;
    }
    buffered.push(next.value);
    head += next.value;
  }
  async function* rest(): AsyncGenerator<string> {
    try {
      yield* buffered;
      if (done) return;
      for (;;) {
        const next = await it.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      // Close the underlying stream when the reader stops early (e.g. on an ImportError).
      if (!done) await it.return?.(undefined);
    }
  }
  return { head, source: rest() };
}

/** One CSV record: its fields (untrimmed) and the line it starts on (1-based, physical lines). */
export interface CsvRecord {
  fields: string[];
  line: number;
}

const NEWLINES = /\r\n|\r|\n/g;
/** The DOS end-of-file mark (Ctrl-Z) that ends OFAC's legacy files. */
const CTRL_Z = String.fromCharCode(0x1a);

/**
 * The records of a CSV (or other delimiter-separated) source, streamed with csv-parse. Blank lines and the DOS
 * end-of-file mark (Ctrl-Z, found at the end of OFAC's legacy files) are skipped. Broken quoting is an
 * `ImportError` naming the line; records of the wrong width are returned as they are (the caller decides).
 */
export async function* csvRecords(
  source: Source,
  format: string,
  options: ParseOptions & { delimiter?: string; file?: string } = {},
): AsyncGenerator<CsvRecord> {
  let line = 1;
  const label = options.file ?? options.fileName;
  // Records are collected by on_record (which returns null, so nothing queues on the readable side) and handed
  // out after each chunk: the records before a broken one are seen (e.g. a header to check) before the error.
  const queue: CsvRecord[] = [];
  let failure: unknown;
  const csvOptions: CsvOptions<CsvRecord, unknown> = {
    delimiter: options.delimiter ?? ",",
    relax_column_count: true,
    raw: true,
    bom: true,
    // With `raw`, each record arrives as { record, raw }; count the physical lines it spans.
    on_record: (value: unknown) => {
      const { record, raw } = value as { record: string[]; raw: string };
      const start = line;
      line += (raw.match(NEWLINES) ?? []).length;
      const blank = record.length === 1 && (record[0] ?? "").replaceAll(CTRL_Z, "").trim() === "";
      if (!blank) queue.push({ fields: record, line: start });
      return null;
    },
  };
  const parser = csvParse(csvOptions as unknown as CsvOptions);
  parser.on("error", (e) => {
    failure ??= e;
  });
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  const check = (): void => {
    if (failure === undefined) return;
    if (failure instanceof CsvError) {
      const reason = failure.message.replace(/ at line \d+$/, "");
      throw new ImportError(format, `${label ? `${label} ` : ""}line ${line}`, `malformed CSV: ${reason}`);
    }
    throw failure;
  };
  for await (const text of textChunks(source, format, options)) {
    parser.write(text);
    await settle();
    yield* queue.splice(0);
    check();
  }
  parser.end();
  await settle();
  yield* queue.splice(0);
  check();
}

/** Handlers for XML events; element names are given without a namespace prefix. */
export interface XmlHandlers {
  open(name: string, attributes: Record<string, string>, line: number): void;
  text?(text: string): void;
  close(name: string): void;
}

/** Parse an XML source with saxes, streaming; a well-formedness error is an `ImportError` with line:column. */
export async function parseXml(
  source: Source,
  format: string,
  handlers: XmlHandlers,
  options: ParseOptions = {},
): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  let error: Error | undefined;
  const local = (name: string): string => name.slice(name.indexOf(":") + 1);
  parser.on("error", (e) => {
    error ??= e;
  });
  parser.on("opentag", (tag: SaxesTagPlain) => handlers.open(local(tag.name), tag.attributes, parser.line));
  parser.on("closetag", (tag: SaxesTagPlain) => handlers.close(local(tag.name)));
  if (handlers.text) {
    const onText = handlers.text.bind(handlers);
    parser.on("text", onText);
    parser.on("cdata", onText);
  }
  const fail = (): never => {
    const m = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(error?.message ?? "");
    throw new ImportError(
      format,
      m ? `${options.fileName ? `${options.fileName} ` : ""}line ${m[1]}:${m[2]}` : options.fileName,
      `malformed XML: ${m ? m[3] : error?.message}`,
    );
  };
  for await (const chunk of textChunks(source, format, options)) {
    parser.write(chunk);
    if (error) fail();
  }
  parser.close();
  if (error) fail();
}

/** A small element tree of one record of an XML list. */
export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
  line: number;
}

/** The text of the first child named `name` (trimmed; "" when absent). */
export function childText(node: XmlNode, name: string): string {
  return clean(node.children.find((c) => c.name === name)?.text);
}

export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

/**
 * Stream an XML list and hand over each record (an element named in `records`, not nested in another record)
 * as a small tree, so memory holds one record at a time. The root element must be `root` (else `ImportError`).
 */
export async function parseXmlRecords(
  source: Source,
  format: string,
  spec: {
    root: string;
    rootDescription: string;
    records: ReadonlySet<string>;
    onRoot?(attributes: Record<string, string>): void;
    onRecord(node: XmlNode): void;
  },
  options: ParseOptions = {},
): Promise<{ rootSeen: boolean }> {
  const stack: XmlNode[] = [];
  let depth = 0;
  let rootSeen = false;
  const { head, source: rest } = await peek(source, format, options, 64);
  if (!head.trimStart().startsWith("<"))
    throw new ImportError(
      format,
      `${options.fileName ? `${options.fileName} ` : ""}line 1`,
      `not ${spec.rootDescription}: the file is not XML (it starts "${head.trimStart().slice(0, 20)}")`,
    );
  await parseXml(
    rest,
    format,
    {
      open(name, attributes, line) {
        depth += 1;
        if (depth === 1) {
          if (name !== spec.root)
            throw new ImportError(
              format,
              `${options.fileName ? `${options.fileName} ` : ""}line ${line}`,
              `not ${spec.rootDescription}: the root element is <${name}>, expected <${spec.root}>`,
            );
          rootSeen = true;
          spec.onRoot?.(attributes);
          return;
        }
        if (stack.length === 0 && !spec.records.has(name)) return;
        const node: XmlNode = { name, attributes, children: [], text: "", line };
        stack.at(-1)?.children.push(node);
        stack.push(node);
      },
      text(t) {
        const top = stack.at(-1);
        if (top) top.text += t;
      },
      close() {
        depth -= 1;
        const node = stack.pop();
        if (node && stack.length === 0) spec.onRecord(node);
      },
    },
    options,
  );
  if (!rootSeen)
    throw new ImportError(format, options.fileName, `not ${spec.rootDescription}: no XML element`);
  return { rootSeen };
}

/** Whitespace collapsed and trimmed; OFAC's `-0-` (meaning empty) becomes "". */
export function clean(value: string | undefined | null): string {
  if (value == null) return "";
  const s = value.replace(/\s+/g, " ").trim();
  return s === "-0-" ? "" : s;
}

/** Split a multi-valued cell on `sep`, cleaned, empty parts dropped. */
export function splitList(value: string | undefined, sep: string | RegExp = ";"): string[] {
  return clean(value)
    .split(sep)
    .map((s) => clean(s))
    .filter((s) => s.length > 0);
}

/** Builds one `ListEntity`: deduplicates, validates countries and dates, and computes the content hash. */
/** An absolute http(s) URL. */
export function safeUrl(u: string): boolean {
  try {
    const p = new URL(u.trim()).protocol;
    return p === "http:" || p === "https:";
  } catch {
    return false;
  }
}

export class EntityBuilder {
  private readonly names: EntityName[] = [];
  private readonly countries: string[] = [];
  private readonly addresses: string[] = [];
  private readonly birthDates: string[] = [];
  private readonly identifiers: EntityIdentifier[] = [];
  private readonly programs: string[] = [];
  private readonly remarks: string[] = [];
  url: string | undefined;

  constructor(
    readonly list: string,
    readonly sourceId: string,
    public type: EntityType,
  ) {}

  get nameCount(): number {
    return this.names.length;
  }

  /** Add a name; the first `primary` wins, a later `primary` becomes an alias; a weak alias seen again as strong is upgraded. */
  name(value: string | undefined, kind: EntityName["kind"] = "alias"): this {
    const name = clean(value);
    if (!name) return this;
    const existing = this.names.find((n) => n.name === name);
    if (existing) {
      if (existing.kind === "weak" && kind !== "weak") existing.kind = "alias";
      return this;
    }
    const k = kind === "primary" && this.names.some((n) => n.kind === "primary") ? "alias" : kind;
    this.names.push({ name, kind: k });
    return this;
  }

  /** Add an ISO alpha-2 code (ignored when not an assigned code). */
  countryCode(code: string | undefined): this {
    const c = clean(code).toUpperCase();
    if (isCountry(c) && !this.countries.includes(c)) this.countries.push(c);
    return this;
  }

  /** Add a country given by name or code; returns false (and adds nothing) when it is not recognised. */
  country(text: string | undefined): boolean {
    const c = toCountry(text);
    if (!c) return false;
    this.countryCode(c);
    return true;
  }

  address(value: string | undefined): this {
    const a = clean(value);
    if (a && !this.addresses.includes(a)) this.addresses.push(a);
    return this;
  }

  /** Add a date of birth already normalised to YYYY, YYYY-MM or YYYY-MM-DD. */
  birthDate(value: string | undefined): this {
    const d = clean(value);
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(d);
    if (!m || isoDate(+m[1]!, m[2] ? +m[2] : undefined, m[3] ? +m[3] : undefined) !== d) return this;
    if (!this.birthDates.includes(d)) this.birthDates.push(d);
    return this;
  }

  identifier(type: string | undefined, value: string | undefined, country?: string): this {
    const t = clean(type);
    const v = clean(value);
    if (!v) return this;
    const c = toCountry(country);
    const id: EntityIdentifier = { type: t || "identifier", value: v, ...(c ? { country: c } : {}) };
    if (!this.identifiers.some((x) => x.type === id.type && x.value === id.value && x.country === id.country))
      this.identifiers.push(id);
    return this;
  }

  program(value: string | undefined): this {
    const p = clean(value);
    if (p && !this.programs.includes(p)) this.programs.push(p);
    return this;
  }

  /** Add a remark (free text the list gives that has no field of its own). */
  remark(value: string | undefined, label?: string): this {
    const r = clean(value);
    if (!r) return this;
    const line = label ? `${label}: ${r}` : r;
    if (!this.remarks.includes(line)) this.remarks.push(line);
    return this;
  }

  /** The entity, or a reason why the record cannot be one (no name). */
  build(): ListEntity | { error: string } {
    if (this.names.length === 0) return { error: "no name" };
    // Only web links are kept: a `javascript:`, `data:` or other scheme would run or mislead where the link
    // is shown. The entry itself is kept (it is still a listed party), with a note of what was refused.
    if (this.url !== undefined && !safeUrl(this.url)) {
      this.remark(`link refused at import (not http or https): ${this.url.slice(0, 40)}`);
      this.url = undefined;
    }
    const names = this.names.some((n) => n.kind === "primary")
      ? this.names
      : [{ ...this.names[0]!, kind: "primary" as const }, ...this.names.slice(1)];
    const body: Omit<ListEntity, "version"> = {
      id: `${this.list}:${this.sourceId}`,
      list: this.list,
      sourceId: this.sourceId,
      type: this.type,
      names: names.map((n) => ({ ...n })),
      countries: [...this.countries],
      addresses: [...this.addresses],
      birthDates: [...this.birthDates],
      identifiers: this.identifiers.map((i) => ({ ...i })),
      programs: [...this.programs],
      ...(this.url ? { url: this.url } : {}),
      ...(this.remarks.length > 0 ? { remarks: this.remarks.join("\n") } : {}),
    };
    return { ...body, version: contentHash(body) };
  }
}

/** Collects entities and skipped records, keeping source ids unique within the file. */
export class ResultCollector {
  readonly entities: ListEntity[] = [];
  readonly skipped: ImportResult["skipped"] = [];
  private readonly ids = new Map<string, number>();

  constructor(
    readonly list: string,
    readonly format: string,
  ) {}

  /** A source id not used before in this file: a repeated id gets `#2`, `#3` ... in file order. */
  uniqueId(sourceId: string): string {
    const n = (this.ids.get(sourceId) ?? 0) + 1;
    this.ids.set(sourceId, n);
    return n === 1 ? sourceId : `${sourceId}#${n}`;
  }

  add(builder: EntityBuilder, record: string): void {
    const built = builder.build();
    if ("error" in built) this.skip(record, built.error);
    else this.entities.push(built);
  }

  skip(record: string, reason: string): void {
    this.skipped.push({ record, reason });
  }

  result(published?: string): ImportResult {
    return {
      list: this.list,
      format: this.format,
      entities: this.entities,
      skipped: this.skipped,
      ...(published ? { published } : {}),
    };
  }
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** YYYY, YYYY-MM or YYYY-MM-DD from numbers, or undefined when they are not a calendar date. */
export function isoDate(year: number, month?: number, day?: number): string | undefined {
  if (!Number.isInteger(year) || year < 1000 || year > 2999) return undefined;
  if (!month) return String(year);
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  const mm = String(month).padStart(2, "0");
  if (!day) return `${year}-${mm}`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (!Number.isInteger(day) || day < 1 || day > days) return undefined;
  return `${year}-${mm}-${String(day).padStart(2, "0")}`;
}

/** Ranges of years longer than this are kept as their two ends rather than every year. */
const MAX_RANGE_YEARS = 10;

/**
 * Dates written the ways the lists write them, normalised: `1973-03-25`, `1973-03`, `1973`, `25 Mar 1973`,
 * `Mar 1973`, `circa 1958`, `approximately 1958`, `1960 to 1962` (every year of a short range), and with
 * `order` set, `25/03/1973` (`dmy`) or `03/25/1973` (`mdy`) where `00` means an unknown day or month.
 * Returns [] for text that is not a date (the caller keeps it in the remarks).
 */
export function parseDates(text: string | undefined, order?: "dmy" | "mdy"): string[] {
  let s = clean(text)
    .replace(/^(circa|approximately|approx\.?|about|ca\.|c\.)\s*/i, "")
    .replace(/\.$/, "");
  if (!s) return [];
  const range =
    /^(.+?)\s+(?:to|-|–)\s+(.+)$/i.exec(s) ??
    /^between\s+(.+?)\s+and\s+(.+)$/i.exec(s) ??
    /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(s);
  if (range) {
    const from = parseDates(range[1], order);
    const to = parseDates(range[2], order);
    if (from.length !== 1 || to.length !== 1) return [];
    const [a, b] = [from[0]!, to[0]!];
    if (/^\d{4}$/.test(a) && /^\d{4}$/.test(b) && +b > +a && +b - +a <= MAX_RANGE_YEARS) {
      return Array.from({ length: +b - +a + 1 }, (_, i) => String(+a + i));
    }
    return a === b ? [a] : [a, b];
  }
  s = s.replace(/,/g, " ").replace(/\s+/g, " ");
  let m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T.*)?$/.exec(s);
  if (m) return one(isoDate(+m[1]!, m[2] ? +m[2] : undefined, m[3] ? +m[3] : undefined));
  m = /^(\d{1,2}) ([A-Za-z]{3,9})\.? (\d{4})$/.exec(s);
  if (m) return one(month(m[2]!) ? isoDate(+m[3]!, month(m[2]!), +m[1]!) : undefined);
  m = /^([A-Za-z]{3,9})\.? (\d{1,2}) (\d{4})$/.exec(s);
  if (m) return one(month(m[1]!) ? isoDate(+m[3]!, month(m[1]!), +m[2]!) : undefined);
  m = /^([A-Za-z]{3,9})\.? (\d{4})$/.exec(s);
  if (m) return one(month(m[1]!) ? isoDate(+m[2]!, month(m[1]!)) : undefined);
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(s);
  if (m && order) {
    const [d, mo] = order === "dmy" ? [+m[1]!, +m[2]!] : [+m[2]!, +m[1]!];
    if (mo === 0) return one(d === 0 ? isoDate(+m[3]!) : undefined);
    return one(isoDate(+m[3]!, mo, d === 0 ? undefined : d));
  }
  return [];
}

function month(name: string): number | undefined {
  const n = name.toLowerCase();
  return MONTHS[n] ?? MONTHS[n.slice(0, 3)];
}

function one(d: string | undefined): string[] {
  return d ? [d] : [];
}

/** Add each date of `text` to the builder; unparseable text goes to the remarks. */
export function addBirthDates(b: EntityBuilder, text: string | undefined, order?: "dmy" | "mdy"): void {
  const t = clean(text);
  if (!t) return;
  const dates = parseDates(t, order);
  if (dates.length === 0) b.remark(t, "Date of birth as given");
  for (const d of dates) b.birthDate(d);
}

/** Add a country by name or code; an unrecognised one goes to the remarks, never into `countries`. */
export function addCountry(b: EntityBuilder, text: string | undefined, label: string): void {
  const t = clean(text);
  if (!t || /^(unknown|n\/?a|none|none identified|undetermined|not known|00|-+)$/i.test(t)) return;
  if (!b.country(t)) b.remark(t, `${label} (not an ISO country)`);
}
