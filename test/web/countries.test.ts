// The country boxes' search (web/src/countries.ts): names in three languages and their common forms find the
// country a user means first; a name that one country has exactly resolves to its code.
import { describe, expect, it } from "vitest";
import { resolveCountry, searchCountries } from "../../web/src/countries.ts";

const first = (text: string, lang = "en") => searchCountries(text, lang)[0]?.code;

describe("country search", () => {
  it("finds the Republic of Korea first by its common names in three languages", () => {
    for (const text of [
      "한국",
      "韓国",
      "대한민국",
      "ROK",
      "rok",
      "Korea",
      "korea",
      "South Korea",
      "かんこく",
      "ｋｏｒｅａ",
    ])
      for (const lang of ["en", "ko", "ja"])
        expect([text, lang, first(text, lang)]).toEqual([text, lang, "KR"]);
    // "Korea" offers both, the Republic first.
    const korea = searchCountries("Korea", "en").map((c) => c.code);
    expect(korea.slice(0, 2)).toEqual(["KR", "KP"]);
  });

  it("finds North Korea by its own names", () => {
    for (const text of ["북한", "北朝鮮", "DPRK", "North Korea", "조선"])
      expect([text, first(text, "ko")]).toEqual([text, "KP"]);
  });

  it("knows everyday and abbreviated forms", () => {
    expect(first("U.S.A.")).toBe("US");
    expect(first("미국", "ko")).toBe("US");
    expect(first("米国", "ja")).toBe("US");
    expect(first("UK")).toBe("GB");
    expect(first("イギリス", "ja")).toBe("GB");
    expect(first("대만", "ko")).toBe("TW");
    expect(first("中国", "ja")).toBe("CN");
    expect(first("Burma")).toBe("MM");
  });

  it("shows names in the user's language and matches the start of a name before a part of it", () => {
    expect(searchCountries("KR", "ko")[0]).toEqual({ code: "KR", name: "대한민국" });
    expect(searchCountries("KR", "ja")[0]).toEqual({ code: "KR", name: "韓国" });
    const ger = searchCountries("ger", "en").map((c) => c.code);
    expect(ger[0]).toBe("DE");
    expect(searchCountries("zzzz", "en")).toEqual([]);
  });

  it("resolves a name that one country has exactly, and nothing else", () => {
    expect(resolveCountry("한국", "ko")).toBe("KR");
    expect(resolveCountry(" 韓国 ", "ja")).toBe("KR");
    expect(resolveCountry("kr", "en")).toBe("KR");
    expect(resolveCountry("U.K.", "en")).toBe("GB");
    expect(resolveCountry("Germany", "ja")).toBe("DE");
    expect(resolveCountry("Kor", "en")).toBeUndefined();
    expect(resolveCountry("Atlantis", "en")).toBeUndefined();
    expect(resolveCountry("", "en")).toBeUndefined();
  });
});
