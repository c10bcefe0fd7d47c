// The typed-array hash table of line classes: the same answers as a Map over random keys, through growth and
// clearing.
import { describe, expect, it } from "vitest";
import { ClassTable } from "../../src/impact/class-table.ts";
import { mulberry32 } from "../../bench/determine/generate.ts";

describe("ClassTable", () => {
  it("finds what was set and nothing else, as a Map does, through growth", () => {
    const rnd = mulberry32(11);
    const t = new ClassTable<number>(16);
    const m = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      // Small ranges, so that keys repeat and differ in one part only.
      const a = Math.floor(rnd() * 50);
      const b = Math.floor(rnd() * 300) << 16;
      const c = Math.floor(rnd() * 4);
      const k = `${a},${b},${c}`;
      expect(t.get(a, b, c)).toBe(m.get(k));
      if (!m.has(k)) {
        t.set(a, b, c, i);
        m.set(k, i);
      }
    }
    expect(t.size).toBe(m.size);
    expect(m.size).toBeGreaterThan(10_000);
    for (const [k, v] of m) {
      const [a, b, c] = k.split(",").map(Number) as [number, number, number];
      expect(t.get(a, b, c)).toBe(v);
    }
    expect(t.get(50, 0, 0)).toBeUndefined();
  });

  it("is empty after clear and takes keys again", () => {
    const t = new ClassTable<string>();
    t.set(1, 2, 3, "x");
    t.clear();
    expect(t.size).toBe(0);
    expect(t.get(1, 2, 3)).toBeUndefined();
    t.set(1, 2, 3, "y");
    expect(t.get(1, 2, 3)).toBe("y");
  });
});
