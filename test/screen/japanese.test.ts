/** The Japanese reader (kuroshiro + kuromoji, loaded by the runtime adapter) injected into the pure core. */
import { beforeAll, describe, expect, it } from "vitest";
import { compareNames, prepareName, Transliterator, type JapaneseReader } from "../../src/screen/index.ts";
import { createJapaneseReader } from "../../src/screen-runtime/japanese.ts";

let reader: JapaneseReader;
beforeAll(async () => {
  reader = await createJapaneseReader();
});

describe("Japanese reader", () => {
  it("reads kanji names in passport romaji", () => {
    expect(reader("山田太郎")).toMatch(/^yamada taro(u)?$/);
    expect(reader("田中花子")).toBe("tanaka hanako");
  });

  it("adds a Japanese reading beside pinyin; the better one wins", () => {
    const tr = new Transliterator({ japanese: reader });
    const keys = prepareName("山田太郎", tr).variants.map((v) => v.key);
    expect(keys).toContain("yamada taro");
    expect(keys).toContain("shan tian tai lang");
    expect(compareNames("山田太郎", "Yamada Taro", tr)!.score).toBeGreaterThan(0.95);
    expect(compareNames("田中花子", "Tanaka Hanako", tr)!.score).toBeGreaterThan(0.95);
    // without the reader, kanji are read as pinyin only
    expect(compareNames("山田太郎", "Yamada Taro", new Transliterator())!.score).toBeLessThan(0.5);
  });
});
