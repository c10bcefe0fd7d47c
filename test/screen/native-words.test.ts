// Company words written in Han, Hangul and katakana are read as the English words the lists use: a full
// Chinese company name finds its romanised list entry, and a Korean company name no longer matches a person
// on the syllables of its company word.
import { describe, expect, it } from "vitest";
import { isWord, makeDictionary, segmentNative } from "../../src/screen/native-words.ts";
import { ScreeningIndex, Transliterator } from "../../src/screen/index.ts";
import { entity } from "./helpers.ts";

describe("native company words", () => {
  const words = (run: string) =>
    segmentNative(run)
      .map((s) => (isWord(s) ? `[${s.word}]` : s.text))
      .join(" ");

  it("cuts the ends of a short run, keeping at least two characters of name", () => {
    expect(words("华为技术")).toBe("华为 [technology]");
    expect(words("삼성전자")).toBe("삼성 [electronics]");
    expect(words("ソニーテクノロジーズ")).toBe("ソニー [technology]");
    // a Korean personal name is not cut into a word (김정보: 정보 is "information")
    expect(words("김정보")).toBe("김정보");
    // nothing is cut when the name itself would be lost
    expect(words("技术")).toBe("技术");
  });

  it("cuts a long run wherever a word is found, and reads places as the lists spell them", () => {
    expect(words("中国华为电子科技")).toBe("[china|chinese] 华为 [electronics] [technology]");
    expect(words("中国电子科技集团")).toBe("[china|chinese] [electronics] [technology] [group]");
    expect(words("조선광업개발무역")).toBe("[korea|korean|choson] [mining] [development] [trading]");
    expect(words("哈尔滨工业大学")).toBe(
      "[harbin] [polytechnical university|institute of technology|university of technology]",
    );
  });

  it("reads a word beside a name in another script as a word (LG전자)", () => {
    expect(segmentNative("전자", undefined, false).map((s) => isWord(s) && s.word)).toEqual(["electronics"]);
  });

  it("reads a name of the alias table as the listed name, with its source", () => {
    const d = makeDictionary([{ native: ["海康威视"], listed: ["Hikvision"], source: "test source" }]);
    const segs = segmentNative("杭州海康威视数字技术", d);
    expect(segs.map((s) => (isWord(s) ? s.word : s.text))).toEqual([
      "hangzhou",
      "hikvision",
      "digital",
      "technology",
    ]);
    expect(segs.find((s) => isWord(s) && s.kind === "alias")).toMatchObject({ source: "test source" });
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
