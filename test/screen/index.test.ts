/**
 * The screening index on small fixtures: blocking keeps recall (typos anywhere in a token, joined and split
 * tokens, phonetic variants, reordered names, cross-script queries, very short names), entity facts adjust the
 * score, list filters and thresholds apply, and rarity weights let rare tokens count more than common ones.
 */
import { describe, expect, it } from "vitest";
import { ScreeningIndex, Transliterator, type ListEntity } from "../../src/screen/index.ts";
import { entity } from "./helpers.ts";

const tr = new Transliterator();
const fixtures: ListEntity[] = [
  entity("putin", ["PUTIN, Vladimir Vladimirovich", "Владимир Владимирович Путин"], {
    type: "person",
    countries: ["RU"],
    birthDates: ["1952-10-07"],
  }),
  entity("kim", ["KIM Jong Un", "KIM Jong-un"], {
    type: "person",
    countries: ["KP"],
    birthDates: ["1984-01-08"],
  }),
  entity("kim2", ["KIM Yong Nam"], { type: "person", countries: ["KP"] }),
  entity("ri", ["RI Chol"], { type: "person", countries: ["KP"] }),
  entity("huawei", ["HUAWEI TECHNOLOGIES CO., LTD.", "华为技术有限公司"], {
    type: "entity",
    countries: ["CN"],
  }),
  entity("zte", ["ZTE Corporation"], { type: "entity", countries: ["CN"] }),
  entity("ros", ["Rosoboronexport", "ROSOBORONEKSPORT OAO"], { type: "entity", countries: ["RU"] }),
  entity("siemens", ["SiemensAG"], { type: "entity" }),
  entity("mohammed", ["Mohammed Ali Hassan AL-ZUBAIDI"], {
    type: "person",
    countries: ["IQ"],
    identifiers: [{ type: "passport", value: "A 123 456" }],
  }),
  entity("mma", ["Muhammad Abdullah"], { type: "person" }),
  entity("vessel", ["SARA"], { type: "vessel", weak: [] }),
  entity("weak", ["Abu Bakr al-Baghdadi"], { type: "person", weak: ["Abu Dua"] }),
  entity("other", ["Mohammed Hassan"], { type: "person", list: "other" }),
];
const index = ScreeningIndex.build(
  fixtures.map((e) => (e.id === "other:other" ? { ...e, list: "other" } : e)),
  { transliterator: tr },
);
const top = (name: string, opts = {}) => index.screen({ name }, opts).matches[0]?.entityId;

describe("recall of blocking", () => {
  it.each([
    ["Vladimir Putin", "test:putin"],
    ["Vladmir Puttin", "test:putin"],
    ["Vladimri Ptuin", "test:putin"],
    ["PUTIN Vladimir", "test:putin"],
    ["VladimirPutin", "test:putin"],
    ["Владимир Путин", "test:putin"],
    ["Kim Jong-un", "test:kim"],
    ["Kim Jongun", "test:kim"],
    ["김정은", "test:kim"],
    ["金正恩", "test:kim"],
    ["리철", "test:ri"],
    ["Lee Chol", "test:ri"],
    ["Huawei Technologies", "test:huawei"],
    ["华为技术有限公司", "test:huawei"],
    ["Huawai Technologies Company Limited", "test:huawei"],
    ["ZTE", "test:zte"],
    ["Rosoboroneksport", "test:ros"],
    ["Siemens AG", "test:siemens"],
    ["Muhammad Ali Hasan al Zubaidi", "test:mohammed"],
    ["محمد عبد الله", "test:mma"],
  ])("%s → %s", (q, id) => {
    expect(index.screen({ name: q }).matches.map((m) => m.entityId)).toContain(id);
  });

  it("names that are not listed find nothing", () => {
    for (const q of ["Angela Merkel", "Sara Ray", "John Smith", "Vladimir Nabokov", "Kim Kardashian"])
      expect(index.screen({ name: q }).matches).toEqual([]);
  });

  it("results are sorted by score and above the threshold", () => {
    const r = index.screen({ name: "Mohammed Hassan" }, { threshold: 0.5 });
    const scores = r.matches.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.every((s) => s >= 0.5)).toBe(true);
    expect(r.matches[0]!.entityId).toBe("other:other");
  });
});

describe("entity facts and options", () => {
  it("country, date of birth and type conflicts lower the score; agreement raises it", () => {
    const base = index.screen({ name: "Kim Jong Un" }).matches[0]!;
    const agree = index.screen({ name: "Kim Jong Un", country: "KP", birthDate: "1984" }).matches[0]!;
    const conflict = index.screen(
      { name: "Kim Jong Un", country: "FR", birthDate: "1960-01-01", type: "entity" },
      { threshold: 0.1 },
    ).matches[0]!;
    expect(agree.score).toBeGreaterThan(base.score - 1e-9);
    expect(conflict.score).toBeLessThan(base.score);
    expect(conflict.features).toMatchObject({ country: -0.05, birthDate: -0.12, type: -0.15 });
  });

  it("an equal identifier adds to the score, never up to 1.0 for a different name", () => {
    const m = index.screen({ name: "Mohamed Ali Hassan al-Zubaidi", identifiers: ["a123456"] }).matches[0]!;
    expect(m.features.identifier).toBeGreaterThan(0);
    expect(m.score).toBeLessThan(1);
  });

  it("a weak alias counts a little less", () => {
    const m = index.screen({ name: "Abu Dua" }, { threshold: 0.5 }).matches[0]!;
    expect(m.matchedName).toBe("Abu Dua");
    expect(m.features.weakAlias).toBeLessThan(0);
  });

  it("filters by list and limits the results", () => {
    expect(
      index
        .screen({ name: "Mohammed Hassan" }, { lists: ["test"], threshold: 0.5 })
        .matches.every((m) => m.list === "test"),
    ).toBe(true);
    expect(index.screen({ name: "Kim" }, { threshold: 0.01, limit: 1 }).matches.length).toBeLessThanOrEqual(
      1,
    );
  });

  it("exact normalised names score 1.0", () => {
    expect(index.screen({ name: "putin, vladimir vladimirovich" }).matches[0]!.score).toBe(1);
    expect(top("Rosoboronexport")).toBe("test:ros");
  });
});
