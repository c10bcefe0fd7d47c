// The sourced alias table: the repository's file loads under its strict schema, a bad entry is an error with
// file and line, and a listed name reached only through the table is found from its Chinese name.
import { describe, expect, it } from "vitest";
import { loadAliases, parseAliasTable } from "../../src/screen-runtime/aliases.ts";
import { ScreeningIndex, Transliterator } from "../../src/screen/index.ts";
import { entity } from "../screen/helpers.ts";

describe("the alias table", () => {
  it("loads the repository's table, every entry with a source", () => {
    const words = loadAliases();
    expect(words.length).toBeGreaterThan(30);
    for (const w of words) expect(w.source).toMatch(/<https?:\/\//);
    const hik = words.find((w) => w.native.includes("海康威视"));
    expect(hik?.listed).toContain("Hikvision");
  });

  it("refuses an unknown key and a bad address, naming the file and line", () => {
    const ok = `- native: ["浪潮"]\n  listed: ["Inspur"]\n  source:\n    title: "t"\n    url: "https://example.org/"\n  checked: false\n`;
    expect(parseAliasTable(ok, "a.yaml")).toHaveLength(1);
    expect(() => parseAliasTable(`${ok}  colour: red\n`, "a.yaml")).toThrow(/a\.yaml:7: .*colour/);
    expect(() => parseAliasTable(ok.replace("https://example.org/", "ftp://x"), "a.yaml")).toThrow(
      /a\.yaml:5: \[0\]\.source\.url/,
    );
    expect(() => parseAliasTable(ok.replace('listed: ["Inspur"]', "listed: []"), "a.yaml")).toThrow(
      /a\.yaml:2: \[0\]\.listed/,
    );
  });

  it("reaches a party the lists hold only under its brand", () => {
    const entities = [entity("I", ["INSPUR GROUP CO., LTD."], { type: "entity" })];
    const without = ScreeningIndex.build(entities, { transliterator: new Transliterator({}) });
    const withTable = ScreeningIndex.build(entities, {
      transliterator: new Transliterator({ aliases: loadAliases() }),
    });
    expect(without.screen({ name: "浪潮集团有限公司" }).matches).toHaveLength(0);
    const m = withTable.screen({ name: "浪潮集团有限公司" }).matches[0];
    expect(m?.entityId).toBe("test:I");
    expect(m!.score).toBeLessThan(1);
    expect(m!.via?.[0]).toMatchObject({ native: "浪潮集团", listed: "inspur" });
  });
});
