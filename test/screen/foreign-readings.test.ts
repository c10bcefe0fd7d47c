// Korean entity names read word by word (McCune–Reischauer, as DPRK entries are written) and katakana
// renderings of foreign names read back to their romanised forms.
import { describe, expect, it } from "vitest";
import { ScreeningIndex, Transliterator } from "../../src/screen/index.ts";
import { koreanWordSpellings, mccuneReischauer } from "../../src/screen/translit/hangul.ts";
import { foreignReadings } from "../../src/screen/translit/kana.ts";
import { entity } from "./helpers.ts";

describe("Korean words", () => {
  it("McCune–Reischauer without diacritics: plain stops voiced between voiced sounds", () => {
    expect(mccuneReischauer("정찰")).toBe("chongchal");
    expect(mccuneReischauer("총국")).toBe("chongguk");
    expect(mccuneReischauer("조선")).toBe("choson");
    expect(mccuneReischauer("광업")).toBe("kwangop");
    expect(mccuneReischauer("개발")).toBe("kaebal");
    expect(mccuneReischauer("련봉")).toBe("ryonbong");
  });
  it("gives the Revised Romanization beside it", () => {
    expect(koreanWordSpellings("정찰")).toEqual(["chongchal", "jeongchal"]);
  });
});

describe("katakana of foreign names", () => {
  it("drops the vowels Japanese adds and reads ン as n or ng", () => {
    const [kim, jongun] = foreignReadings("キム・ジョンウン");
    expect(kim?.[0]).toBe("kim");
    expect(jongun).toEqual(expect.arrayContaining(["jonun", "jongun"]));
    expect(foreignReadings("ロスオボロンエクスポルト")[0]).toContain("rosoboroneksport");
    expect(foreignReadings("ロスオボロンエクスポルト")[0]).toContain("rosoboronexport");
    expect(foreignReadings("ロステック")[0]).toContain("rostek");
    expect(foreignReadings("ワグネル")[0]).toContain("wagner");
    expect(foreignReadings("ジンピン")[0]).toContain("jinping");
  });
});

describe("screening Korean and Japanese renderings", () => {
  const index = ScreeningIndex.build(
    [
      entity("RGB", ["Reconnaissance General Bureau", "Chongch'al Ch'ongguk"], { type: "entity" }),
      entity("KOMID", ["Korea Mining Development Trading Corporation", "KOMID"], { type: "entity" }),
      entity("KJU", ["KIM, Jong Un"], { type: "person" }),
      entity("KJJ", ["KIM, Jung Jong"], { type: "person" }),
      entity("ROE", ["ROSOBORONEXPORT"], { type: "entity" }),
      entity("CHA", ["CHA, Sung Jun"], { type: "person" }),
    ],
    { transliterator: new Transliterator({}) },
  );
  const top = (q: string) => index.screen({ name: q }, { limit: 3 }).matches[0];

  it("finds DPRK entities from their Korean names", () => {
    expect(top("정찰총국")?.entityId).toBe("test:RGB");
    expect(top("조선광업개발무역회사")?.entityId).toBe("test:KOMID");
  });
  it("finds listed names from katakana", () => {
    expect(top("キム・ジョンウン")?.entityId).toBe("test:KJU");
    expect(top("ロスオボロンエクスポルト")?.entityId).toBe("test:ROE");
  });
  it("a transliterated name never scores 1.0", () => {
    expect(top("정찰총국")?.score).toBeLessThan(1);
    expect(top("Chongch'al Ch'ongguk")?.score).toBe(1);
  });
  it("a Korean company name is not read as a person's syllables", () => {
    expect(top("삼성전자")).toBeUndefined();
  });
});

describe("more scripts and words", () => {
  const tr = new Transliterator({});
  const index = ScreeningIndex.build(
    [
      entity("PUT", ["PUTIN, Vladimir Vladimirovich"], { type: "person" }),
      entity("LAZ", ["LAZARUS GROUP"], { type: "entity" }),
      entity("NITC", ["NATIONAL IRANIAN TANKER COMPANY"], { type: "entity" }),
      entity("ROS", ["ROSTEC"], { type: "entity" }),
      entity("BUAA", ["Beijing University of Aeronautics and Astronautics"], { type: "entity" }),
      entity("AHM", ["محمد احمدی"], { type: "person" }),
      entity("KHA", ["KHAMENEI, Ali"], { type: "person" }),
    ],
    { transliterator: tr },
  );
  const score = (q: string, id: string) =>
    index.screen({ name: q }, { threshold: 0.3, limit: 10 }).matches.find((m) => m.entityId === `test:${id}`)
      ?.score ?? 0;

  it("reads Hangul and katakana renderings of European names", () => {
    expect(score("블라디미르 푸틴", "PUT")).toBeGreaterThanOrEqual(0.75);
    expect(score("ウラジーミル・プーチン", "PUT")).toBeGreaterThanOrEqual(0.75);
    expect(score("라자루스 그룹", "LAZ")).toBeGreaterThanOrEqual(0.75);
  });

  it("reads Persian company words in English beside the transliteration", () => {
    expect(score("شرکت ملی نفتکش ایران", "NITC")).toBeGreaterThanOrEqual(0.75);
  });

  it("joins a Persian compound written with the zero-width non-joiner", () => {
    const p = index.prepare("علی خامنه\u200cای");
    expect(p.variants[0]!.tokens).toHaveLength(2);
  });

  it("compares two names in the same abjad letter for letter", () => {
    expect(score("محمد احمدی", "AHM")).toBeGreaterThanOrEqual(0.75);
    expect(score("محمد احمد", "AHM")).toBeLessThan(0.75);
  });

  it("reads Cyrillic kh and ts as the lists write them, and Goskorporatsiya as a legal form", () => {
    expect(score("Госкорпорация «Ростех»", "ROS")).toBeGreaterThanOrEqual(0.75);
    expect(index.prepare("Госкорпорация «Ростех»").variants[0]!.tokens[0]!.role).toBe("legal");
  });

  it("tries the alternative English readings of words in step (航空 aeronautics, 航天 astronautics)", () => {
    expect(score("北京航空航天大学", "BUAA")).toBeGreaterThanOrEqual(0.75);
  });
});
