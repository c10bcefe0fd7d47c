/**
 * The binary form of a prepared screening index (no I/O: the adapter gives the bytes or a reader of ranges).
 * Layout: `TDSI`, the format number and the header's length (u32 each, little-endian), the header as JSON
 * (counts, the vocabulary and key strings, and where each section lies), then the sections, each starting on
 * an 8-byte boundary: typed arrays read whole at open, and record tables (offsets + UTF-8 JSON) whose records
 * are decoded one by one when first used — a screen touches a few dozen of the index's 80,000 names.
 */

const MAGIC = 0x49534454; // "TDSI" little-endian
/** Bumped whenever the layout or the meaning of a section changes: an older file is then not read. */
export const SNAPSHOT_FORMAT = 1;

/** Where the snapshot's bytes come from: a whole buffer, or a file read range by range. */
export interface SnapshotBytes {
  readonly size: number;
  read(offset: number, length: number): Uint8Array;
}

export class SnapshotFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SnapshotFormatError";
  }
}

type Section = Int32Array | Uint32Array | Float32Array | Float64Array | Uint8Array;
type SectionKind = "i32" | "u32" | "f32" | "f64" | "u8";

const kindOf = (a: Section): SectionKind =>
  a instanceof Int32Array
    ? "i32"
    : a instanceof Uint32Array
      ? "u32"
      : a instanceof Float32Array
        ? "f32"
        : a instanceof Float64Array
          ? "f64"
          : "u8";

const align8 = (n: number) => (n + 7) & ~7;

/** A table of JSON records: the offsets (n + 1) and the UTF-8 bytes, as two sections. */
export function recordTable(
  records: readonly unknown[],
  replacer?: (key: string, value: unknown) => unknown,
) {
  const enc = new TextEncoder();
  const parts = records.map((r) => enc.encode(JSON.stringify(r, replacer)));
  const offsets = new Uint32Array(parts.length + 1);
  let total = 0;
  parts.forEach((p, i) => {
    offsets[i] = total;
    total += p.length;
  });
  offsets[parts.length] = total;
  const bytes = new Uint8Array(total);
  parts.forEach((p, i) => bytes.set(p, offsets[i]!));
  return { offsets, bytes };
}

/** Flatten lists of ids into offsets (n + 1) and one array. */
export function flatLists(lists: readonly ArrayLike<number>[]): { offsets: Uint32Array; data: Int32Array } {
  const offsets = new Uint32Array(lists.length + 1);
  let total = 0;
  lists.forEach((l, i) => {
    offsets[i] = total;
    total += l.length;
  });
  offsets[lists.length] = total;
  const data = new Int32Array(total);
  lists.forEach((l, i) => data.set(l, offsets[i]!));
  return { offsets, data };
}

/** Strings (none holding U+0000) as one UTF-8 section, separated by U+0000: faster to read than JSON. */
export function stringSection(strings: readonly string[]): Uint8Array {
  for (const x of strings)
    if (x.includes("\0")) throw new Error(`a string holds U+0000: ${JSON.stringify(x)}`);
  return new TextEncoder().encode(strings.join("\0"));
}

/** Lists of ids by position, read on demand. */
export interface IdLists {
  readonly length: number;
  get(i: number): Int32Array | undefined;
}

/** Encode a header and named sections into the chunks of one file (written in order). */
export function encodeSnapshot(header: object, sections: Record<string, Section>): Uint8Array[] {
  const table: Record<string, [SectionKind, number, number]> = {};
  let at = 0;
  for (const [name, a] of Object.entries(sections)) {
    table[name] = [kindOf(a), at, a.byteLength];
    at = align8(at + a.byteLength);
  }
  const head = new TextEncoder().encode(JSON.stringify({ ...header, sections: table }));
  const prefix = new Uint8Array(align8(12 + head.length));
  const view = new DataView(prefix.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, SNAPSHOT_FORMAT, true);
  view.setUint32(8, head.length, true);
  prefix.set(head, 12);
  const chunks: Uint8Array[] = [prefix];
  for (const a of Object.values(sections)) {
    chunks.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    const pad = align8(a.byteLength) - a.byteLength;
    if (pad > 0) chunks.push(new Uint8Array(pad));
  }
  return chunks;
}

/** A snapshot opened for reading: the header, typed sections on demand, records decoded one at a time. */
export class SnapshotReader {
  readonly header: Record<string, unknown>;
  private readonly table: Record<string, [SectionKind, number, number]>;
  private readonly base: number;

  constructor(private readonly bytes: SnapshotBytes) {
    if (bytes.size < 12) throw new SnapshotFormatError("too short to be a screening index");
    const pre = bytes.read(0, 12);
    const view = new DataView(pre.buffer, pre.byteOffset, 12);
    if (view.getUint32(0, true) !== MAGIC) throw new SnapshotFormatError("not a screening index");
    const format = view.getUint32(4, true);
    if (format !== SNAPSHOT_FORMAT)
      throw new SnapshotFormatError(`format ${format}, this program reads ${SNAPSHOT_FORMAT}`);
    const len = view.getUint32(8, true);
    if (12 + len > bytes.size) throw new SnapshotFormatError("truncated header");
    const header = JSON.parse(new TextDecoder().decode(bytes.read(12, len))) as Record<string, unknown>;
    this.table = header.sections as Record<string, [SectionKind, number, number]>;
    this.header = header;
    this.base = align8(12 + len);
    const last = Object.values(this.table).reduce((m, [, off, n]) => Math.max(m, off + n), 0);
    if (this.base + last > bytes.size)
      throw new SnapshotFormatError("truncated: a section lies past the end");
  }

  private raw(name: string, kind: SectionKind): Uint8Array {
    const entry = this.table[name];
    if (!entry || entry[0] !== kind) throw new SnapshotFormatError(`no ${kind} section "${name}"`);
    const b = this.bytes.read(this.base + entry[1], entry[2]);
    // typed views need aligned memory: a slice of a pooled buffer may not be
    return b.byteOffset % 8 === 0 ? b : b.slice();
  }

  i32(name: string): Int32Array {
    const b = this.raw(name, "i32");
    return new Int32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  }

  u32(name: string): Uint32Array {
    const b = this.raw(name, "u32");
    return new Uint32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  }

  f32(name: string): Float32Array {
    const b = this.raw(name, "f32");
    return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  }

  f64(name: string): Float64Array {
    const b = this.raw(name, "f64");
    return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
  }

  /** Lists flattened by `flatLists`: list i as a view, made when first asked for. */
  lists(name: string): IdLists {
    const off = this.u32(`${name}.off`);
    const data = this.i32(`${name}.data`);
    const n = off.length - 1;
    const views = new Array<Int32Array | undefined>(n);
    return {
      length: n,
      get: (i) => {
        if (i < 0 || i >= n) return undefined;
        return (views[i] ??= data.subarray(off[i]!, off[i + 1]!));
      },
    };
  }

  /** The strings of a `stringSection`. */
  strings(name: string): string[] {
    const text = new TextDecoder().decode(this.raw(name, "u8"));
    return text === "" ? [] : text.split("\0");
  }

  /** The records of a `recordTable`, decoded when first asked for (and kept). */
  records<T>(name: string): LazyRecords<T> {
    const off = this.u32(`${name}.off`);
    const entry = this.table[`${name}.json`];
    if (!entry || entry[0] !== "u8") throw new SnapshotFormatError(`no record section "${name}"`);
    const start = this.base + entry[1];
    return new LazyRecords<T>(off, (from, to) => this.bytes.read(start + from, to - from));
  }
}

/** Records decoded on first use. */
export class LazyRecords<T> {
  private readonly cache: (T | undefined)[];
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly offsets: Uint32Array,
    private readonly read: (from: number, to: number) => Uint8Array,
  ) {
    this.cache = new Array<T | undefined>(offsets.length - 1);
  }

  get length(): number {
    return this.offsets.length - 1;
  }

  get(i: number): T {
    let r = this.cache[i];
    if (r === undefined) {
      if (i < 0 || i >= this.length) throw new RangeError(`record ${i} of ${this.length}`);
      r = JSON.parse(this.decoder.decode(this.read(this.offsets[i]!, this.offsets[i + 1]!))) as T;
      this.cache[i] = r;
    }
    return r;
  }
}
