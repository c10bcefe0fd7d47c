/** Quantities, CAS numbers, HS codes, `name=value` parameters and text normalisation for the control-list search. */
import { describe, expect, it } from "vitest";
import {
  isValidCas,
  normaliseHs,
  normaliseNumber,
  parseParam,
  parseQuantity,
  parseText,
} from "../../src/classify/index.ts";
import { partialMatch, stem, tokenise } from "../../src/classify/text.ts";

describe("quantities", () => {
  it.each([
    ["193nm", 193, "nm", "length"],
    ["193 nm", 193, "nm", "length"],
    ["0.2 µm", 0.2, "µm", "length"],
    ["30 wt%", 30, "wt%", "mass-fraction"],
    ["30wt.%", 30, "wt%", "mass-fraction"],
    ["30 % by weight", 30, "wt%", "mass-fraction"],
    ["10%", 10, "%", "percent"],
    ["0,01 µC/mm²", 0.01, "µC/mm²", "charge-per-area"],
    ["290 °C", 290, "K", "temperature"],
    ["10 000 ohm-cm", 10000, "ohm·cm", "resistivity"],
    ["1.2 GHz", 1.2, "GHz", "frequency"],
    ["5e3 Gy", 5000, "Gy(Si)", "dose"],
  ])("%s", (text, value, unit, dimension) => {
    const q = parseQuantity(text)!;
    expect(q.value).toBeCloseTo(value);
    expect(q.dimension).toBe(dimension);
    if (unit !== "K") expect(q.unit).toBe(unit);
  });

  it("converts to base units (°C to K, µm to m, µC/cm² to µC/mm²)", () => {
    expect(parseQuantity("290 °C")!.base).toBeCloseTo(563.15);
    expect(parseQuantity("193 nm")!.base).toBeCloseTo(193e-9);
    expect(parseQuantity("0.193 µm")!.base).toBeCloseTo(193e-9);
    expect(parseQuantity("1 µC/cm²")!.base).toBeCloseTo(0.01);
  });

  it("unknown units and non-numbers are refused, a bare number has no unit", () => {
    expect(parseQuantity("193 furlongs")).toBeNull();
    expect(parseQuantity("positive")).toBeNull();
    expect(parseQuantity("193")).toMatchObject({ value: 193, unit: "", dimension: "number" });
  });
});

describe("CAS, HS, numbers, parameters", () => {
  it("CAS check digits", () => {
    expect(isValidCas("7664-39-3")).toBe(true);
    expect(isValidCas("142-84-7")).toBe(true);
    expect(isValidCas("7664-39-4")).toBe(false);
    expect(isValidCas("7664393")).toBe(false);
  });

  it("HS codes", () => {
    expect(normaliseHs("2811.11")).toBe("281111");
    expect(normaliseHs("HS 2811 11")).toBe("281111");
    expect(normaliseHs("2811.11.0000")).toBe("2811110000");
    expect(normaliseHs("28")).toBeNull();
  });

  it("control numbers and parameters", () => {
    expect(normaliseNumber("3c002.A.1")).toBe("3C002.a.1");
    expect(parseParam("wavelength=193nm")).toEqual({ name: "wavelength", value: "193nm" });
    expect(parseParam("HF content: 40 wt%")).toEqual({ name: "HF content", value: "40 wt%" });
    expect(parseParam("nothing")).toBeNull();
  });

  it("free text is split into words, quantities, CAS numbers and control numbers", () => {
    const p = parseText("photoresist 193 nm 7664-39-3 3C002.a.1 7(19)");
    expect(p.quantities.map((q) => q.text)).toEqual(["193 nm"]);
    expect(p.cas).toEqual(["7664-39-3"]);
    expect(p.numbers).toEqual(["3C002.a.1"]);
    expect(p.rows).toEqual(["7(19)"]);
    expect(p.words).toContain("photoresist");
    expect(parseText("281111").hs).toEqual(["281111"]);
  });
});

describe("text", () => {
  it("NFKC, lower case, stems plurals, drops headings' stop words", () => {
    expect(tokenise("Resist materials as follows").words).toEqual(["resist", "material"]);
    expect(tokenise("ＰＨＯＴＯＲＥＳＩＳＴ").words).toEqual(["photoresist"]);
    expect(stem("polyimides")).toBe("polyimide");
    expect(stem("glass")).toBe("glass");
  });

  it("indexes Japanese and Korean by character pairs", () => {
    expect(tokenise("フッ化水素").grams).toEqual(["フッ", "ッ化", "化水", "水素"]);
    expect(tokenise("불화수소 HF").grams).toEqual(["불화", "화수", "수소"]);
    expect(tokenise("불화수소 HF").words).toEqual(["hf"]);
  });

  it("related words match partially (photoresist ~ resist, fluorine ~ fluorinated), short ones never", () => {
    expect(partialMatch("photoresist", "resist")).toBeGreaterThan(0);
    expect(partialMatch("fluorine", "fluorinated")).toBeGreaterThan(0);
    expect(partialMatch("ic", "silicon")).toBe(0);
  });
});
