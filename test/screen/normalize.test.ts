/** Normalisation: NFKC, case, punctuation, dotted abbreviations, script detection, legal forms, number words. */
import { describe, expect, it } from "vitest";
import {
  compareNames,
  normalizeName,
  nothingDistinctive,
  onlyLegalForms,
  prepareName,
  scriptOf,
  Transliterator,
} from "../../src/screen/index.ts";
import { splitRuns, preclean } from "../../src/screen/name.ts";

const tr = new Transliterator();
const roles = (name: string) => prepareName(name, tr).variants[0]!.tokens.map((t) => `${t.text}:${t.role}`);

describe("normalisation", () => {
  it("folds width, case, accents and punctuation", () => {
    expect(normalizeName("ＡＢＣ　Ｔｒａｄｉｎｇ", tr)).toBe("abc trading");
    expect(normalizeName("Recep Tayyip ERDOĞAN", tr)).toBe("recep tayyip erdogan");
    expect(normalizeName("Jean-Marie  Le Pen", tr)).toBe("jean marie le pen");
    expect(normalizeName("O'Brien, Patrick", tr)).toBe("obrien patrick");
    expect(normalizeName("Straße", tr)).toBe("strasse");
  });

  it("joins dotted abbreviations and keeps initials", () => {
    expect(preclean("S.A.R.L. Foo")).toBe("sarl foo");
    expect(preclean("L.X.C Aviation")).toBe("lxc aviation");
    expect(roles("V. Putin")).toEqual(["v:initial", "putin:name"]);
  });

  it("detects the script per token and splits where it changes", () => {
    expect(scriptOf("a".codePointAt(0)!)).toBe("latin");
    expect(scriptOf("Ж".codePointAt(0)!)).toBe("cyrillic");
    expect(scriptOf("م".codePointAt(0)!)).toBe("arabic");
    expect(scriptOf("김".codePointAt(0)!)).toBe("hangul");
    expect(scriptOf("カ".codePointAt(0)!)).toBe("katakana");
    expect(scriptOf("漢".codePointAt(0)!)).toBe("han");
    expect(splitRuns(preclean("ABC株式会社")).map((r) => r.script)).toEqual(["latin", "han"]);
    expect(splitRuns(preclean("Ivan Иванов")).map((r) => r.script)).toEqual(["latin", "cyrillic"]);
  });

  it("folds number words and ordinals", () => {
    expect(roles("Brigade Forty-Four")).toEqual(["brigade:name", "44:number"]);
    expect(roles("1st International Bank")).toEqual(["1:number", "international:generic", "bank:name"]);
  });
});

describe("legal forms", () => {
  const cases: [string, string][] = [
    ["Huawei Technologies Co., Ltd.", "co ltd"],
    ["Apple Inc.", "inc"],
    ["Goldman Sachs L.L.C.", "llc"],
    ["Volkswagen Gesellschaft mit beschränkter Haftung", "gmbh"],
    ["OOO Romashka", "llc"],
    ["ООО Ромашка", "llc"],
    ["OAO Gazprom", "ojsc"],
    ["Open Joint Stock Company Gazprom", "ojsc"],
    ["トヨタ自動車株式会社", "kk"],
    ["山田有限会社", "yk"],
    ["삼성전자 주식회사", "jsc"],
    ["(주)삼성", "jsc"],
    ["华为技术有限公司", "ltd"],
  ];
  for (const [name, codes] of cases)
    it(`recognises the legal form of ${name}`, () => {
      const toks = prepareName(name, tr).variants[0]!.tokens;
      expect(
        toks
          .filter((t) => t.role === "legal")
          .map((t) => t.text)
          .join(" "),
      ).toBe(codes);
      // kept, weighted low, not dropped
      for (const t of toks.filter((x) => x.role === "legal")) expect(t.w).toBeLessThan(0.2);
      expect(toks.some((t) => t.role === "name")).toBe(true);
    });

  it("reads spelt-out and abbreviated forms the same", () => {
    expect(compareNames("Siemens Aktiengesellschaft", "Siemens AG", tr)!.score).toBe(1);
    expect(compareNames("OAO Gazprom", "Open Joint Stock Company Gazprom", tr)!.score).toBe(1);
    expect(compareNames("Vodafone Limited", "Vodafone Ltd", tr)!.score).toBe(1);
  });

  it("recognises a misspelt legal form, without calling it identical", () => {
    expect(roles("HARA COPANY")).toEqual(["hara:name", "co:legal"]);
    const c = compareNames("HARA COPANY", "HARA COMPANY", tr)!;
    expect(c.score).toBeGreaterThan(0.9);
    expect(c.score).toBeLessThan(1);
  });

  it("keeps ambiguous short forms only at the edges", () => {
    expect(roles("AS Bank")).toEqual(["sa:legal", "bank:name"]);
    expect(roles("Fly As Bird")).toEqual(["fly:name", "as:name", "bird:name"]);
  });

  it("tells a name of only legal-form or generic words", () => {
    expect(onlyLegalForms(prepareName("Co., Ltd.", tr))).toBe(true);
    expect(onlyLegalForms(prepareName("株式会社", tr))).toBe(true);
    expect(onlyLegalForms(prepareName("Trading Co Ltd", tr))).toBe(false);
    expect(nothingDistinctive(prepareName("Trading Co Ltd", tr))).toBe(true);
    expect(nothingDistinctive(prepareName("CORP", tr))).toBe(true);
    expect(nothingDistinctive(prepareName("ABC Trading Co Ltd", tr))).toBe(false);
  });
});
