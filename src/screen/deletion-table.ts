/**
 * The deletion neighbourhood of the screening vocabulary as one sorted table of (hash, spelling id): every
 * spelling itself and every spelling with one letter removed, hashed without building the shortened strings.
 * A probe (a query spelling, or it with one letter removed) finds the spellings equal to it or one letter
 * longer than it that shorten to it — any single edit between two spellings meets in it. Hash hits are checked
 * letter by letter, so a collision never reports a spelling.
 */

/** FNV-1a over the UTF-16 units of `s`, the unit at `skip` left out (−1: none). */
function hashSkip(s: string, skip: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    if (i === skip) continue;
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Whether `s` with `skip` removed (−1: none) equals `long` with at most one unit removed (`extra` 0 or 1). */
function shortensTo(long: string, s: string, skip: number): boolean {
  const n = s.length - (skip >= 0 ? 1 : 0);
  const extra = long.length - n;
  if (extra !== 0 && extra !== 1) return false;
  let i = 0; // in s
  let j = 0; // in long
  let skipped = extra === 0;
  while (j < long.length) {
    if (i === skip) i++;
    if (i < s.length && s.charCodeAt(i) === long.charCodeAt(j)) {
      i++;
      j++;
    } else if (!skipped) {
      skipped = true;
      j++;
    } else return false;
  }
  if (i === skip) i++;
  return i === s.length;
}

export class DeletionTable {
  private constructor(
    private readonly hashes: Float64Array,
    private readonly ids: Int32Array,
    private readonly vocab: readonly string[],
    private readonly mask: number,
  ) {}

  /**
   * The table over `vocab`: each spelling itself (when `self(v)`), and with one letter removed when
   * `deletions(v)` (spellings of a length that a single edit does not make unrecognisable).
   */
  static build(
    vocab: readonly string[],
    self: (v: number) => boolean,
    deletions: (v: number) => boolean,
  ): DeletionTable {
    // hash and id packed in one float64 (exact below 2^53), sorted natively
    const idBits = Math.max(1, Math.ceil(Math.log2(vocab.length + 1)));
    const hashBits = Math.min(32, 53 - idBits);
    const mask = hashBits === 32 ? 0xffffffff : 2 ** hashBits - 1;
    const scale = 2 ** idBits;
    const packed: number[] = [];
    for (let v = 0; v < vocab.length; v++) {
      const s = vocab[v]!;
      if (self(v)) packed.push(((hashSkip(s, -1) & mask) >>> 0) * scale + v);
      if (!deletions(v)) continue;
      for (let i = 0; i < s.length; i++) {
        if (i > 0 && s[i] === s[i - 1]) continue; // the same shortened spelling
        packed.push(((hashSkip(s, i) & mask) >>> 0) * scale + v);
      }
    }
    const sorted = Float64Array.from(packed).sort();
    const hashes = new Float64Array(sorted.length);
    const ids = new Int32Array(sorted.length);
    for (let k = 0; k < sorted.length; k++) {
      const id = sorted[k]! % scale;
      ids[k] = id;
      hashes[k] = (sorted[k]! - id) / scale;
    }
    return new DeletionTable(hashes, ids, vocab, mask);
  }

  /**
   * Calls `hit(v)` for every spelling equal to `s` without its unit at `skip` (−1: none), or one letter
   * longer than it and shortening to it. A spelling may be reported more than once.
   */
  probe(s: string, skip: number, hit: (v: number) => void): void {
    const h = (hashSkip(s, skip) & this.mask) >>> 0;
    const hs = this.hashes;
    let lo = 0;
    let hi = hs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (hs[mid]! < h) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < hs.length && hs[k] === h; k++) {
      const v = this.ids[k]!;
      if (shortensTo(this.vocab[v]!, s, skip)) hit(v);
    }
  }

  /** The table's arrays, to store it (see `fromParts`). */
  parts(): { hashes: Float64Array; ids: Int32Array; mask: number } {
    return { hashes: this.hashes, ids: this.ids, mask: this.mask };
  }

  /** A table stored by `parts`, over the same vocabulary. */
  static fromParts(
    hashes: Float64Array,
    ids: Int32Array,
    vocab: readonly string[],
    mask: number,
  ): DeletionTable {
    return new DeletionTable(hashes, ids, vocab, mask);
  }

  /** Number of entries (spellings and their shortened forms). */
  get size(): number {
    return this.ids.length;
  }
}
