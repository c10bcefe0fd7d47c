// One card per real party: copies across lists and an Entity List company's rows are one result with all its
// sources; two people or two companies that only share a name stay apart.
import { describe, expect, it } from "vitest";
import { ScreeningIndex, Transliterator } from "../../src/screen/index.ts";
import { sameParty } from "../../src/screen/groups.ts";
import { entity } from "./helpers.ts";

const index = ScreeningIndex.build(
  [
    entity("1", ["KIM, Jong Un"], { list: "sdn", type: "person", birthDates: ["1984-01-08"] }),
    entity("2", ["KIM JONG UN"], { list: "csl", type: "person", birthDates: ["1984"] }),
    entity("3", ["Kim Jong Un"], { list: "eu", type: "person", birthDates: ["1990-05-05"] }),
    entity("H1", ["Huawei Technologies Co., Ltd."], {
      list: "csl",
      type: "entity",
      countries: ["CN"],
      addresses: ["Shenzhen"],
    }),
    entity("H2", ["HUAWEI TECHNOLOGIES CO., LTD."], {
      list: "csl",
      type: "entity",
      countries: ["CN"],
      addresses: ["Beijing"],
    }),
    entity("H3", ["Huawei Technologies Co., Ltd."], { list: "ofac-cons", type: "unknown", countries: [] }),
    entity("HB", ["Huawei Technologies Co., Ltd."], { list: "csl", type: "entity", countries: ["BO"] }),
  ],
  { transliterator: new Transliterator({}) },
);
const screen = (name: string) => index.screen({ name }, { limit: 10 }).matches;

describe("one card per party", () => {
  it("groups the copies of a person across lists when their dates of birth agree", () => {
    const cards = screen("Kim Jong Un");
    const kim = cards.find((c) => c.group?.sources.some((s) => s.entityId === "sdn:1"));
    expect(kim?.group?.sources.map((s) => s.entityId).sort()).toEqual(["csl:2", "sdn:1"]);
    // another Kim Jong Un, born in 1990, is another person: a card of its own
    expect(cards.some((c) => c.entityId === "eu:3" && c.group === undefined)).toBe(true);
  });

  it("groups one company's rows (addresses) and its copies, but not a namesake in another country", () => {
    const cards = screen("Huawei Technologies");
    const cn = cards.find((c) => c.group?.sources.some((s) => s.entityId === "csl:H1"));
    expect(cn?.group?.sources.map((s) => s.entityId).sort()).toEqual(["csl:H1", "csl:H2", "ofac-cons:H3"]);
    expect(cn?.group?.id).toMatch(/^group:/);
    expect(cards.some((c) => c.entityId === "csl:HB" && c.group === undefined)).toBe(true);
    expect(cards).toHaveLength(2);
  });

  it("gives every source with its list, version and own score", () => {
    const cn = screen("Huawei Technologies").find((c) => c.group)!;
    for (const s of cn.group!.sources) {
      expect(s.version).toMatch(/^sha256:/);
      expect(s.score).toBeGreaterThan(0.75);
    }
  });

  it("keeps two persons apart without a date of birth unless the full name has three words", () => {
    const a = entity("a", ["Ali Hassan"], { type: "person" });
    const b = entity("b", ["Ali Hassan"], { type: "person" });
    expect(sameParty(a, b, 2)).toBe(false);
    expect(sameParty(a, b, 3)).toBe(true);
    expect(sameParty(a, { ...b, type: "entity" }, 3)).toBe(false);
  });
});
