/**
 * Transliteration per script, with the Korean spellings real lists use and phonetic agreement: Hangul (Revised
 * Romanization + McCune–Reischauer / North Korean variants), hanja, kana, Han (pinyin), Cyrillic, Greek,
 * Arabic (consonant skeleton), Hebrew, Thai; Mohammed / Muhammad / Muhammed.
 */
import { describe, expect, it } from "vitest";
import {
  compareNames,
  DEFAULT_THRESHOLD,
  metaphone,
  prepareName,
  skeleton,
  tokenSimilarity,
  Transliterator,
} from "../../src/screen/index.ts";
import { syllableSpellings } from "../../src/screen/translit/hangul.ts";
import { kanaToRomaji } from "../../src/screen/translit/kana.ts";
import { arabicToLatin } from "../../src/screen/translit/arabic.ts";
import { hanjaToHangul } from "../../src/screen/translit/hanja.ts";

const tr = new Transliterator();
const score = (a: string, b: string) => compareNames(a, b, tr)?.score ?? 0;
const forms = (name: string) => prepareName(name, tr).variants.map((v) => v.tokens.map((t) => t.forms));

describe("Hangul", () => {
  it("gives the Revised Romanization first", () => {
    expect(syllableSpellings("김")[0]).toBe("gim");
    expect(syllableSpellings("정")[0]).toBe("jeong");
    expect(syllableSpellings("철")[0]).toBe("cheol");
  });

  it("adds the spellings lists use: 리/이 → Ri/Yi/Lee, 정 → Jong/Jeong/Chong, 철 → Chol/Cheol", () => {
    for (const s of ["ri", "yi", "lee"]) {
      expect(syllableSpellings("리")).toContain(s);
      expect(syllableSpellings("이")).toContain(s);
    }
    for (const s of ["jong", "jeong", "chong", "chung"]) expect(syllableSpellings("정")).toContain(s);
    for (const s of ["chol", "cheol", "chul"]) expect(syllableSpellings("철")).toContain(s);
    expect(syllableSpellings("박")).toEqual(expect.arrayContaining(["bak", "park", "pak"]));
    expect(syllableSpellings("최")).toEqual(expect.arrayContaining(["choe", "choi"]));
  });

  it("splits a Korean name into syllables and matches the list spellings", () => {
    expect(forms("김정은")[0]!.map((f) => f[0])).toEqual(["gim", "jeong", "eun"]);
    expect(score("김정은", "KIM Jong Un")).toBeGreaterThan(0.95);
    expect(score("리철", "RI Chol")).toBeGreaterThan(0.95);
    expect(score("이철", "Lee Cheol")).toBeGreaterThan(0.95);
    expect(score("정철", "CHONG Chol")).toBeGreaterThan(0.95);
    expect(score("박지성", "Park Ji Sung")).toBeGreaterThan(0.95);
  });

  it("does not take a different syllable for the same name", () => {
    expect(score("김종은", "김정은")).toBeLessThan(DEFAULT_THRESHOLD);
  });

  it("reads Korean names in hanja the Korean way as well as in pinyin", () => {
    expect(hanjaToHangul("金正恩")).toBe("김정은");
    expect(hanjaToHangul("金正恩X")).toBeUndefined();
    expect(score("金正恩", "Kim Jong Un")).toBeGreaterThan(0.95);
  });
});

describe("kana, Han", () => {
  it("romanises kana (Hepburn, long vowels plain)", () => {
    expect(kanaToRomaji("バラク・オバマ")).toBe("baraku obama");
    expect(kanaToRomaji("しんぞう")).toBe("shinzou");
    expect(kanaToRomaji("キャッチ")).toBe("kyatchi");
    expect(kanaToRomaji("ファイル")).toBe("fairu");
    expect(score("バラク・オバマ", "Barack Obama")).toBeGreaterThan(DEFAULT_THRESHOLD);
  });

  it("reads Han as pinyin, and joins syllables as lists write them", () => {
    expect(forms("王伟")[0]!.map((f) => f[0])).toEqual(["wang", "wei"]);
    expect(score("王伟", "Wang Wei")).toBeGreaterThan(0.95);
    expect(score("习近平", "Xi Jinping")).toBeGreaterThan(0.9);
    expect(score("李明", "Li Ming")).toBeGreaterThan(0.95);
  });
});

describe("alphabets and abjads", () => {
  it("Cyrillic and Greek through any-ascii, with the usual English spellings", () => {
    expect(score("Владимир Путин", "Vladimir Putin")).toBeGreaterThan(0.95);
    expect(score("Александр Петров", "Alexander Petrov")).toBeGreaterThan(0.85);
    expect(score("Дмитрий Медведев", "Dmitry Medvedev")).toBeGreaterThan(0.9);
    expect(score("Джамиль", "Jamil")).toBeGreaterThan(0.85);
    expect(score("Αλέξανδρος", "Alexander")).toBeGreaterThan(DEFAULT_THRESHOLD);
    expect(score("Νικόλαος", "Nikolaos")).toBe(0.99); // the same name read from another script: never certain (1.0 is for the same script)
  });

  it("Arabic: consonant frame with long vowels, article split, compared by skeleton", () => {
    expect(arabicToLatin("محمد")).toEqual(["mhmd"]);
    expect(arabicToLatin("علي")).toEqual(["ali"]);
    expect(arabicToLatin("السوداني")).toEqual(["al", "sudani"]);
    expect(skeleton("mohammed")).toBe(skeleton("mhmd"));
    expect(skeleton("abdullah")).toBe("bdlh");
    expect(score("محمد علي", "Mohamed Ali")).toBeGreaterThan(0.85);
    expect(score("أحمد حسن", "Ahmed Hassan")).toBeGreaterThan(0.85);
    expect(score("عبد الله", "Abdullah")).toBeGreaterThan(0.85);
    expect(score("خالد محمود", "Khaled Mahmoud")).toBeGreaterThan(0.85);
  });

  it("Hebrew and Thai through any-ascii and the skeleton", () => {
    expect(score("משה", "Moshe")).toBeGreaterThan(DEFAULT_THRESHOLD);
    expect(score("דוד", "David")).toBeGreaterThan(DEFAULT_THRESHOLD);
    expect(score("สมชาย", "Somchai")).toBeGreaterThan(DEFAULT_THRESHOLD);
  });
});

describe("phonetic agreement", () => {
  it("Mohammed, Muhammad and Muhammed share a Double Metaphone code and meet", () => {
    const codes = ["Mohammed", "Muhammad", "Muhammed", "Mohamad"].map((n) => metaphone(n.toLowerCase())[0]);
    expect(new Set(codes).size).toBe(1);
    const [a, b] = ["Mohammed", "Muhammad"].map((n) => prepareName(n, tr).variants[0]!.tokens[0]!);
    const s = tokenSimilarity(a!, b!);
    expect(s.phonetic).toBe(true);
    expect(s.sim).toBeGreaterThan(s.str);
    expect(score("Mohammed Ali", "Muhammad Ali")).toBeGreaterThan(0.85);
    expect(score("Muhammed Hassan", "Mohammed Hassan")).toBeGreaterThan(0.85);
  });
});
