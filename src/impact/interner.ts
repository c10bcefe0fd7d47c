/**
 * Canonical copies of the CSV field values that repeat from row to row (dates, countries, control numbers, HS
 * codes, customers), found from the characters of the chunk without cutting a new string for each row. A
 * million-row input then holds a few thousand distinct strings instead of millions, and the maps keyed by them
 * later (line plans, tallies) meet the same string object again. Pure: an open-addressing table of strings.
 */
export class FieldInterner {
  private keys: (string | undefined)[];
  private hashes: Int32Array;
  private size = 0;
  private readonly mask: number;

  /** `capacity`: a power of two; the table starts over when it is three-quarters full. */
  constructor(
    private readonly capacity = 1 << 16,
    private readonly longest = 48,
  ) {
    if (capacity & (capacity - 1)) throw new Error("FieldInterner: capacity must be a power of two");
    this.mask = capacity - 1;
    this.keys = new Array<string | undefined>(capacity);
    this.hashes = new Int32Array(capacity);
  }

  /** `text.slice(start, end)`, as the copy met before when there is one. */
  get(text: string, start: number, end: number): string {
    const len = end - start;
    if (len === 0) return "";
    if (len > this.longest) return text.slice(start, end);
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    let slot = h & this.mask;
    for (;;) {
      const k = this.keys[slot];
      if (k === undefined) break;
      if (this.hashes[slot] === h && k.length === len && same(k, text, start)) return k;
      slot = (slot + 1) & this.mask;
    }
    const s = text.slice(start, end);
    if (this.size >= (this.capacity >>> 2) * 3) {
      this.keys = new Array<string | undefined>(this.capacity);
      this.hashes.fill(0);
      this.size = 0;
      slot = h & this.mask;
    }
    this.keys[slot] = s;
    this.hashes[slot] = h;
    this.size++;
    return s;
  }
}

function same(k: string, text: string, start: number): boolean {
  for (let i = 0; i < k.length; i++) if (k.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
