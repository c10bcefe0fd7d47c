/** Japan's End User List importer (METI's published layout as CSV): names, aliases, countries, concerns, bad rows. */
import { describe, expect, it } from "vitest";
import { detect, importList } from "../../../src/screen/formats/index.ts";
import { parse, splitAliases } from "../../../src/screen/formats/jp-eul.ts";
import { fixture, names, stream } from "./helpers.ts";
import { readFileSync } from "node:fs";

describe("jp-eul", () => {
  it("reads each row as an entity with its aliases, country and types of concern (English headers)", async () => {
    const r = await parse(stream(fixture("jp-eul/end-user-list-en.csv")));
    expect(r.list).toBe("jp-eul");
    expect(r.entities).toHaveLength(5);
    const [kabul, eapi, edig, kegtc, radio] = r.entities;
    expect(kabul).toMatchObject({ type: "entity", countries: ["AF"], programs: ["nuclear"], sourceId: "1" });
    expect(names(eapi!)).toEqual([
      "Example Aerospace Precision Institute",
      "Example Institute No. 9",
      "EAPI",
    ]);
    expect(eapi!.countries).toEqual(["CN"]);
    expect(edig!.programs.sort()).toEqual(["biological", "chemical", "missile", "nuclear"]);
    expect(names(edig!)).toContain("Sazeman-e Sanaye Nemouneh");
    // "Co., Ltd." is part of a name, not a separator.
    expect(names(kegtc!)).toEqual([
      "Korea Example General Trading Corporation",
      "Example Trading Co., Ltd.",
      "KEGTC",
    ]);
    expect(kegtc!.countries).toEqual(["KP"]);
    expect(radio!.programs).toEqual(["conventional"]);
    expect(radio!.url).toMatch(/^https:\/\/www\.meti\.go\.jp\//);
  });

  it("reports a row without a name or without its No., and imports the rest", async () => {
    const r = await parse(stream(fixture("jp-eul/end-user-list-en.csv")));
    expect(r.skipped).toEqual([
      { record: "line 7", reason: "no company or organisation name" },
      { record: "line 8", reason: "no No. (the list's row number)" },
    ]);
    expect(r.entities.map((e) => e.sourceId)).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("reads the Japanese headers of METI's Japanese edition", async () => {
    const r = await parse(stream(fixture("jp-eul/end-user-list-ja.csv")));
    expect(r.entities).toHaveLength(2);
    expect(names(r.entities[0]!)).toEqual(["例示航空精密研究所", "第九研究所", "EAPI"]);
    expect(r.entities[0]!.programs).toEqual(["missile"]);
    expect(r.entities[1]!.programs.sort()).toEqual(["chemical", "nuclear"]);
  });

  it("refuses a file that is not the End User List, naming the header it lacks", async () => {
    await expect(parse("Name,Address\nX,Y\n")).rejects.toThrow(/not METI's End User List.*lacks no, country/);
    await expect(parse("")).rejects.toThrow(/empty/);
  });

  it("is told apart from a generic CSV by its header, and imported by its format id", async () => {
    expect(detect(readFileSync(fixture("jp-eul/end-user-list-en.csv"), "utf8"))).toEqual(["jp-eul"]);
    expect(detect(readFileSync(fixture("jp-eul/end-user-list-ja.csv"), "utf8"))).toEqual(["jp-eul"]);
    const r = await importList("jp-eul", {
      main: readFileSync(fixture("jp-eul/end-user-list-en.csv"), "utf8"),
    });
    expect(r.entities).toHaveLength(5);
  });

  it("splits aliases on line breaks, semicolons and 、, and on commas between names only", () => {
    expect(splitAliases("A Co., Ltd., B Inc.; C\nD、E")).toEqual(["A Co., Ltd.", "B Inc.", "C", "D", "E"]);
    expect(splitAliases("-")).toEqual([]);
  });
});
