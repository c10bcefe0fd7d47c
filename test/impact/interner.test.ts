// FieldInterner: the same characters give the same string object; different ones never do; a full table
// starts over without losing an answer.
import { describe, expect, it } from "vitest";
import { FieldInterner } from "../../src/impact/interner.ts";

describe("FieldInterner", () => {
  it("gives the copy met before for the same characters, and the characters asked for", () => {
    const t = new FieldInterner();
    const text = "2019-09-02,KR,2019-09-02,KR,KS";
    const a = t.get(text, 0, 10);
    const b = t.get(text, 14, 24);
    expect(a).toBe("2019-09-02");
    expect(b).toBe(a);
    expect(t.get(text, 11, 13)).toBe("KR");
    expect(t.get(text, 28, 30)).toBe("KS");
    expect(t.get(text, 5, 5)).toBe("");
  });

  it("keeps strings with the same hash slot apart and starts over when full", () => {
    const t = new FieldInterner(16);
    const seen = new Map<string, string>();
    for (let i = 0; i < 500; i++) {
      const s = `v${i % 40}`;
      const text = `,${s},`;
      const got = t.get(text, 1, 1 + s.length);
      expect(got).toBe(s);
      seen.set(s, got);
    }
    expect(seen.size).toBe(40);
  });

  it("slices long values without keeping them", () => {
    const t = new FieldInterner(16, 4);
    const text = "abcdefgh";
    expect(t.get(text, 0, 8)).toBe("abcdefgh");
    expect(() => new FieldInterner(10)).toThrow(/power of two/);
  });
});
