/** The generic CSV importer (format `csv`): documented columns, list id, bad rows, the name column, delimiters. */
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { parse } from "../../../src/screen/formats/generic-csv.ts";
import { bySource, fixture, names, stream } from "./helpers.ts";

describe("csv (generic)", () => {
  it("reads the documented columns into entities of the chosen list", async () => {
    const r = await parse(stream(fixture("csv/end-user-list.csv")), { listId: "meti-eul" });
    expect(r.list).toBe("meti-eul");
    expect(r.format).toBe("csv");
    expect(r.entities.map((e) => e.sourceId)).toEqual(["EUL-0001", "EUL-0002", "EUL-0003"]);
    const a = bySource(r, "EUL-0001");
    expect(a).toMatchObject({
      id: "meti-eul:EUL-0001",
      type: "entity",
      countries: ["IR"],
      addresses: ["1 Example Road, Tehran"],
      programs: ["Missile", "Chemical"],
      url: "https://www.meti.go.jp/policy/anpo/",
    });
    expect(names(a, "alias")).toEqual(["Example Aero", "EAI"]);
    const b = bySource(r, "EUL-0002");
    expect(b).toMatchObject({
      type: "entity",
      countries: ["PK"],
      identifiers: [{ type: "Registration", value: "12-345" }],
    });
    expect(names(b, "weak")).toEqual(["SRI"]);
    const c = bySource(r, "EUL-0003");
    expect(c).toMatchObject({ type: "person", countries: ["KP"], birthDates: ["1970-01-02", "1971"] });
    expect(c.remarks).toContain("Country (not an ISO country): Atlantis");
  });

  it("reads an alias column named as published lists name it (Alias, alt_names, aka)", async () => {
    const csv = "Name,Clean Name,Alias\nBYD Company Limited (BYD),BYD Company Limited,BYD\n";
    const r = await parse(Readable.from([Buffer.from(csv)]), { listId: "us-dod-1260h" });
    expect(names(r.entities[0]!, "alias")).toEqual(["BYD"]);
  });

  it("uses the list id custom by default", async () => {
    const r = await parse("name\nACME\n");
    expect(r.entities[0]).toMatchObject({
      list: "custom",
      type: "unknown",
      names: [{ name: "ACME", kind: "primary" }],
    });
    expect(r.entities[0]!.sourceId).toMatch(/^[0-9a-f]{16}$/);
  });

  it("reports and skips rows without a name, with an unknown type, a bad birth date or a repeated id", async () => {
    const r = await parse(stream(fixture("csv/end-user-list.csv")), { listId: "meti-eul" });
    expect(r.skipped).toEqual([
      { record: "line 5", reason: "no name" },
      { record: "line 6", reason: 'unknown type "spaceship" (expected person, entity, vessel or aircraft)' },
      { record: "line 7", reason: 'birth_date "02/03/1970" is not YYYY, YYYY-MM or YYYY-MM-DD' },
      { record: "line 8", reason: 'id "EUL-0001" repeated' },
    ]);
  });

  it("rejects a CSV without the name column, naming what it found", async () => {
    await expect(parse(stream(fixture("csv/no-name-column.csv")))).rejects.toThrow(
      /csv: line 1: the header has no "name" column \(found: company, country\)/,
    );
    await expect(parse("")).rejects.toThrow(/the file is empty/);
  });

  it("accepts semicolon- and tab-separated files and header names in any case", async () => {
    const semi = await parse("Name;Country;Aliases\nACME;JP;A1, Inc.\n");
    expect(semi.entities[0]).toMatchObject({ countries: ["JP"] });
    expect(names(semi.entities[0]!, "alias")).toEqual(["A1, Inc."]);
    const tab = await parse("name\tcountry\nACME\tJapan\n");
    expect(tab.entities[0]!.countries).toEqual(["JP"]);
  });
});
