/**
 * The scorer: generic tokens cannot carry a match, only identical normalised names reach 1.0 (property test),
 * every result explains itself (features and which query token met which list token).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareNames,
  DEFAULT_THRESHOLD,
  normalizeName,
  ScreeningIndex,
  Transliterator,
} from "../../src/screen/index.ts";
import { entity } from "./helpers.ts";

const tr = new Transliterator();

describe("generic tokens cannot carry a match", () => {
  const index = ScreeningIndex.build(
    [
      entity("1", ["ABC TRADING CO., LTD."]),
      entity("2", ["GLOBAL TRADING CORP"]),
      entity("3", ["CORP"]),
      entity("4", ["INTERNATIONAL TRADING COMPANY 123"]),
      entity("5", ["Rosoboronexport"]),
    ],
    { transliterator: tr },
  );

  for (const q of [
    "CORP",
    "TRADING CO LTD",
    "Trading Company",
    "International Trading Co. 123",
    "LLC",
    "123",
  ])
    it(`"${q}" matches nothing`, () => {
      expect(index.screen({ name: q }, { threshold: 0.1 }).matches).toEqual([]);
    });

  it("a distinctive word with generic words still matches", () => {
    expect(index.screen({ name: "ABC Trading Company Limited" }).matches.map((m) => m.entityId)).toEqual([
      "test:1",
    ]);
  });

  it("in a pairwise comparison, shared generic words stay below any threshold", () => {
    expect(compareNames("XYZ Trading Co Ltd", "ABC Trading Co Ltd", tr)!.score).toBeLessThan(
      DEFAULT_THRESHOLD,
    );
    expect(compareNames("Trading Co Ltd", "ABC Trading Co Ltd", tr)!.score).toBeLessThanOrEqual(0.5);
  });
});

describe("calibration: only identical normalised names reach 1.0", () => {
  const word = fc.constantFrom(
    "kim", "jong", "un", "vladimir", "putin", "mohammed", "ali", "hassan", "bank", "of", "china", "trading",
    "co", "ltd", "llc", "sergey", "lavrov", "abdul", "al", "rahman", "gazprom", "ooo", "jsc", "a", "b", "44",
    "forty", "four", "muhammad", "mohamed", "siemens", "ag", "aktiengesellschaft", "limited",
  ); // prettier-ignore
  const name = fc
    .array(word, { minLength: 1, maxLength: 5 })
    .chain((ws) =>
      fc.tuple(fc.constant(ws), fc.constantFrom(" ", ", ", "-", " . ")).map(([w, sep]) => w.join(sep)),
    );

  it("score === 1 exactly when the normalised names are equal", () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        const c = compareNames(a, b, tr);
        if (!c) return true;
        const same = normalizeName(a, tr) === normalizeName(b, tr);
        expect(c.score === 1).toBe(same);
        expect(c.score).toBeGreaterThanOrEqual(0);
        expect(c.score).toBeLessThanOrEqual(1);
      }),
      { numRuns: 400 },
    );
  });

  it("a name compared with itself scores 1, a changed letter below 1", () => {
    fc.assert(
      fc.property(name, fc.nat(), (a, k) => {
        if (!/[a-z]{3}/.test(a)) return true;
        expect(compareNames(a, a, tr)!.score).toBe(1);
        const letters = [...a].map((c, i) => [c, i] as const).filter(([c]) => /[a-z]/.test(c));
        const [, pos] = letters[k % letters.length]!;
        const changed = a.slice(0, pos) + (a[pos] === "q" ? "x" : "q") + a.slice(pos + 1);
        if (normalizeName(changed, tr) === normalizeName(a, tr)) return true;
        expect(compareNames(changed, a, tr)!.score).toBeLessThan(1);
      }),
      { numRuns: 300 },
    );
  });

  it("reordered or fuzzy names stay below 1", () => {
    expect(compareNames("Putin Vladimir", "Vladimir Putin", tr)!.score).toBeLessThan(1);
    expect(compareNames("Vladimir Putn", "Vladimir Putin", tr)!.score).toBeLessThan(1);
    expect(compareNames("Muhammad Ali", "Mohammed Ali", tr)!.score).toBeLessThan(1);
  });
});

describe("explanations", () => {
  it("every comparison lists its features and the token alignment", () => {
    const c = compareNames("Vladimir Putn", "PUTIN, Vladimir Vladimirovich", tr)!;
    expect(Object.keys(c.features).sort()).toEqual(
      [
        "conflict",
        "distinctive",
        "extra",
        "listCoverage",
        "order",
        "phonetic",
        "queryCoverage",
        "stringSimilarity",
        "tokenSet",
      ].sort(),
    );
    expect(c.alignment).toEqual(
      expect.arrayContaining([
        { query: "vladimir", list: "vladimir", sim: 1 },
        expect.objectContaining({ query: "putn", list: "putin" }),
      ]),
    );
  });

  it("joined tokens and initials are aligned as such", () => {
    expect(compareNames("VladimirPutin", "Vladimir Putin", tr)!.alignment[0]).toMatchObject({
      query: "vladimirputin",
      list: "vladimir putin",
    });
    expect(compareNames("V. Putin", "Vladimir Putin", tr)!.alignment[0]).toMatchObject({
      query: "v",
      list: "vladimir",
    });
  });

  it("index results carry name features, entity features and the alignment", () => {
    const index = ScreeningIndex.build(
      [entity("1", ["KIM Jong Un"], { type: "person", countries: ["KP"], birthDates: ["1984-01-08"] })],
      { transliterator: tr },
    );
    const [m] = index.screen({
      name: "김정은",
      country: "KP",
      birthDate: "1984-01-08",
      type: "person",
    }).matches;
    expect(m).toBeDefined();
    expect(m!.features).toMatchObject({
      country: 0.02,
      birthDate: 0.05,
      type: 0,
      identifier: 0,
      weakAlias: 0,
    });
    expect(m!.features.name).toBeGreaterThan(0.9);
    expect(m!.alignment).toEqual([
      ["kim", "kim"],
      ["jong", "jong"],
      ["un", "un"],
    ]);
    expect(m!.score).toBeLessThan(1);
  });
});
