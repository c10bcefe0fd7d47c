// The shape of a name against the kind of the entry, how much of the query a match covers, and short guessed
// readings: the false hits the cross-script review found stay below the default threshold, with the reason in
// the features.
import { describe, expect, it } from "vitest";
import { DEFAULT_THRESHOLD, prepareName, ScreeningIndex, Transliterator } from "../../src/screen/index.ts";
import { entity } from "./helpers.ts";

const tr = new Transliterator({});
const index = ScreeningIndex.build(
  [
    entity("PER", ["SAMSONG, Chol"], { type: "person" }),
    entity("SUN", ["SUN"], { type: "entity" }),
    entity("VES", ["SONIA I"], { type: "vessel" }),
    entity("CO", ["HYON DAE MU"], { type: "entity" }),
  ],
  { transliterator: tr },
);
const find = (q: string, id: string) =>
  index.screen({ name: q }, { threshold: 0.3, limit: 10 }).matches.find((m) => m.entityId === `test:${id}`);

describe("the shape of a name", () => {
  it("is a company when it has a legal form or a native company word, a person for a Korean name in Hangul", () => {
    expect(prepareName("삼성전자", tr).shape).toBe("entity");
    expect(prepareName("Sun Pharmaceutical Co., Ltd.", tr).shape).toBe("entity");
    expect(prepareName("최룡해", tr).shape).toBe("person");
    expect(prepareName("Sun", tr).shape).toBeUndefined();
  });

  it("a company-shaped name is held below the threshold against a person, with the points in `kind`", () => {
    const m = find("Samsong Chol Co., Ltd.", "PER");
    expect(m).toBeDefined();
    expect(m!.score).toBeLessThan(DEFAULT_THRESHOLD);
    expect(m!.features.kind).toBeLessThan(0);
    // the same words without the legal form are a person's name and may match
    expect(find("Samsong Chol", "PER")!.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });

  it("a Korean personal name is held below the threshold against a company", () => {
    const m = find("현대무", "CO");
    expect(m).toBeDefined();
    expect(m!.score).toBeLessThan(DEFAULT_THRESHOLD);
    expect(m!.features.kind).toBeLessThan(0);
  });
});

describe("coverage and short readings", () => {
  it("a short list name found inside a long query does not reach the threshold", () => {
    const m = find("Sun Pharmaceutical Industries Research Laboratories", "SUN");
    expect(m === undefined || m.score < DEFAULT_THRESHOLD).toBe(true);
    expect(find("Sun", "SUN")!.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });

  it("a short katakana reading met only approximately does not hit a vessel (ソニー ↔ SONIA I)", () => {
    const m = find("ソニー", "VES");
    expect(m === undefined || m.score < DEFAULT_THRESHOLD).toBe(true);
    // a Latin typo of a short name still matches: the cap is for guessed readings only
    expect(find("Sonya I", "VES")?.score ?? 0).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });
});
