// Company words written in Han, Hangul and katakana are read as the English words the lists use: a full
// Chinese company name finds its romanised list entry, and a Korean company name no longer matches a person
// on the syllables of its company word.
import { describe, expect, it } from "vitest";
import { nativeWords } from "../../src/screen/native-words.ts";
import { ScreeningIndex, Transliterator } from "../../src/screen/index.ts";
import { entity } from "./helpers.ts";

describe("native company words", () => {
  it("cuts leading places and trailing company words, keeping at least two characters of name", () => {
    expect(nativeWords("华为技术")).toEqual({ before: [], rest: "华为", after: ["technology"] });
    expect(nativeWords("中国华为电子科技")).toEqual({
      before: ["china"],
      rest: "华为",
      after: ["electronics", "technology"],
    });
    expect(nativeWords("삼성전자")).toEqual({ before: [], rest: "삼성", after: ["electronics"] });
    expect(nativeWords("ソニーテクノロジーズ")).toEqual({
      before: [],
      rest: "ソニー",
      after: ["technology"],
    });
    // Nothing is cut when the name itself would be lost.
    expect(nativeWords("技术").rest).toBe("技术");
  });

  const index = ScreeningIndex.build(
    [
      entity("H", ["Huawei Technologies Co., Ltd."], { type: "entity", countries: ["CN"] }),
      entity("P", ["CHA, Sung Jun"], { type: "person" }),
    ],
    { transliterator: new Transliterator({}) },
  );
  const top = (q: string) => index.screen({ name: q }, { threshold: 0.8, limit: 3 }).matches[0];

  it("finds the romanised entry from the full Chinese name, simplified or traditional", () => {
    for (const q of ["华为技术有限公司", "華為技術有限公司"]) expect(top(q)?.entityId).toBe("test:H");
  });

  it("does not match a Korean company name to a person on its company word", () => {
    expect(top("삼성전자")?.entityId).not.toBe("test:P");
  });
});
