/**
 * A hash table from three small non-negative integers to a value, in typed arrays with open addressing: one
 * lookup reads one or two cache lines, where a map of maps of maps reads several objects scattered over the
 * heap (an impact run looks up a class of lines for every line, over hundreds of thousands of classes).
 */
export class ClassTable<V> {
  private keys: Int32Array;
  private slots: Int32Array;
  private readonly values: V[] = [];
  private mask: number;

  constructor(capacity = 1 << 12) {
    let cap = 16;
    while (cap < capacity) cap <<= 1;
    this.mask = cap - 1;
    this.keys = new Int32Array(cap * 3);
    this.slots = new Int32Array(cap).fill(-1);
  }

  get size(): number {
    return this.values.length;
  }

  private static hash(a: number, b: number, c: number): number {
    let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
    h = Math.imul(h ^ (h >>> 16) ^ c, 0x27d4eb2f);
    return (h ^ (h >>> 15)) >>> 0;
  }

  get(a: number, b: number, c: number): V | undefined {
    const mask = this.mask;
    const keys = this.keys;
    const slots = this.slots;
    for (let i = ClassTable.hash(a, b, c) & mask; ; i = (i + 1) & mask) {
      const s = slots[i]!;
      if (s < 0) return undefined;
      const k = i * 3;
      if (keys[k] === a && keys[k + 1] === b && keys[k + 2] === c) return this.values[s];
    }
  }

  /** Add a key that is not in the table (callers look it up first). */
  set(a: number, b: number, c: number, v: V): void {
    if ((this.values.length + 1) * 2 > this.slots.length) this.grow();
    this.place(a, b, c, this.values.length);
    this.values.push(v);
  }

  clear(): void {
    this.values.length = 0;
    this.slots.fill(-1);
  }

  private place(a: number, b: number, c: number, s: number): void {
    const mask = this.mask;
    let i = ClassTable.hash(a, b, c) & mask;
    while (this.slots[i]! >= 0) i = (i + 1) & mask;
    this.slots[i] = s;
    const k = i * 3;
    this.keys[k] = a;
    this.keys[k + 1] = b;
    this.keys[k + 2] = c;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldSlots = this.slots;
    const cap = oldSlots.length * 2;
    this.mask = cap - 1;
    this.keys = new Int32Array(cap * 3);
    this.slots = new Int32Array(cap).fill(-1);
    for (let i = 0; i < oldSlots.length; i++) {
      const s = oldSlots[i]!;
      if (s >= 0) this.place(oldKeys[i * 3]!, oldKeys[i * 3 + 1]!, oldKeys[i * 3 + 2]!, s);
    }
  }
}
