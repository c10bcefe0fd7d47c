/** The OFAC legacy CSV sets (SDN and consolidated non-SDN): companions, weak aliases, remarks, bad records, real data. */
import { describe, expect, it } from "vitest";
import { parse as parseSdn } from "../../../src/screen/formats/sdn.ts";
import { parse as parseCons } from "../../../src/screen/formats/ofac-cons.ts";
import { bySource, fixture, haveReal, names, real, stream } from "./helpers.ts";

const sdnSet = (dir: string, base: (p: string) => string = fixture) => ({
  primary: stream(base(`${dir}/sdn.csv`)),
  addresses: stream(base(`${dir}/add.csv`)),
  aliases: stream(base(`${dir}/alt.csv`)),
  comments: stream(base(`${dir}/sdn_comments.csv`)),
});

describe("sdn", () => {
  it("reads the primary file with its addresses, aliases and remarks continued in the comments", async () => {
    const r = await parseSdn(sdnSet("sdn"));
    expect(r.list).toBe("sdn");
    expect(r.entities.map((e) => e.sourceId)).toEqual(["90101", "90102", "90103", "90104"]);
    const company = bySource(r, "90101");
    expect(company).toMatchObject({
      id: "sdn:90101",
      type: "entity",
      countries: ["IR", "AE"],
      addresses: ["1 Example Square, Tehran, Iran", "Dubai, United Arab Emirates"],
      programs: ["IRAN", "SDGT"],
      url: "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=90101",
    });
    expect(names(company, "primary")).toEqual(["EXAMPLE TRADING COMPANY"]);
    expect(names(company, "alias")).toEqual(["EXAMPLE TRADING CO.", "EXAMPLE IMPORT EXPORT"]);
    expect(names(company, "weak")).toEqual(["ETC"]);
    expect(company.identifiers).toEqual([{ type: "Registration Number", value: "123456", country: "IR" }]);
  });

  it("reads dates of birth, nationality, documents and quoted (weak) a.k.a.s from the remarks", async () => {
    const p = bySource(await parseSdn(sdnSet("sdn")), "90102");
    expect(p.type).toBe("person");
    expect(p.birthDates).toEqual(["1962-01-06", "1963"]);
    expect(p.countries).toEqual(["PK", "AF"]);
    expect(names(p, "alias")).toEqual(["SAMPLE, Jan"]);
    expect(names(p, "weak")).toEqual(["SAMPLE, Johnny", "THE TRADER"]);
    expect(p.identifiers).toEqual([
      { type: "Passport", value: "OA123456", country: "AF" },
      { type: "National ID No.", value: "9876543", country: "PK" },
      { type: "Digital Currency Address - XBT", value: "1ExampleAddr9" },
      { type: "Email Address", value: "jan@example.org" },
      // "www.exam" in sdn.csv + "ple.org." in sdn_comments.csv
      { type: "Website", value: "www.example.org" },
    ]);
  });

  it("reads vessels and aircraft", async () => {
    const r = await parseSdn(sdnSet("sdn"));
    const v = bySource(r, "90103");
    expect(v).toMatchObject({ type: "vessel", countries: ["IR"] });
    expect(v.identifiers).toContainEqual({
      type: "Vessel Registration Identification",
      value: "IMO 9999992",
    });
    expect(v.identifiers).toContainEqual({ type: "Call Sign", value: "EPXM1" });
    expect(bySource(r, "90104").type).toBe("aircraft");
  });

  it("reports bad records and orphans with file and line, and skips them", async () => {
    const r = await parseSdn(sdnSet("sdn"));
    expect(r.skipped).toEqual([
      { record: "sdn.csv line 5", reason: "expected 12 fields, found 3" },
      { record: "add.csv line 4", reason: "no entry 99999 in sdn.csv" },
      { record: "sdn.csv line 6 (ent_num 90106)", reason: "no name" },
    ]);
  });

  it("imports the primary file alone", async () => {
    const r = await parseSdn(stream(fixture("sdn/sdn.csv")));
    expect(r.entities).toHaveLength(4);
    expect(bySource(r, "90101").addresses).toEqual([]);
  });

  it("rejects a file that is not an OFAC primary file, and a companion in the wrong place", async () => {
    await expect(parseSdn("name,country\nACME,IR\n")).rejects.toThrow(
      /sdn\.csv line 1: not an OFAC legacy sdn\.csv file: expected 12 fields/,
    );
    await expect(
      parseSdn({ primary: stream(fixture("sdn/sdn.csv")), aliases: stream(fixture("sdn/add.csv")) }),
    ).rejects.toThrow(/alt\.csv line 1: not an OFAC legacy alt\.csv file: expected 5 fields/);
  });

  it("rejects invalid UTF-8 unless told the encoding", async () => {
    const bytes = Buffer.from(
      '1,"CAF\xc9 EXAMPLE",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n',
      "latin1",
    );
    await expect(parseSdn(bytes)).rejects.toThrow(/not valid utf-8 text.*--encoding windows-1252/);
    const r = await parseSdn(bytes, { encoding: "windows-1252" });
    expect(names(r.entities[0]!)).toEqual(["CAFÉ EXAMPLE"]);
  });
});

describe("ofac-cons", () => {
  it("reads the consolidated non-SDN set with the same layout", async () => {
    const r = await parseCons({
      primary: stream(fixture("ofac-cons/cons_prim.csv")),
      addresses: stream(fixture("ofac-cons/cons_add.csv")),
      aliases: stream(fixture("ofac-cons/cons_alt.csv")),
      comments: stream(fixture("ofac-cons/cons_comments.csv")),
    });
    expect(r.list).toBe("ofac-cons");
    expect(r.entities).toHaveLength(2);
    const e = bySource(r, "90201");
    expect(e).toMatchObject({
      id: "ofac-cons:90201",
      type: "entity",
      countries: ["RU"],
      programs: ["UKRAINE-EO13662", "RUSSIA-EO14024"],
    });
    expect(e.identifiers).toContainEqual({ type: "Tax ID No.", value: "7700000001", country: "RU" });
    const p = bySource(r, "90202");
    // "Palestinian" is not a country name: kept out of countries, noted in the remarks.
    expect(p.countries).toEqual([]);
    expect(p.remarks).toContain("Address country (not an ISO country): Palestinian");
    expect(p.birthDates).toEqual(["1965"]);
  });
});

describe.skipIf(!haveReal("ofac-sdn/sdn.csv"))("sdn real data", () => {
  it(
    "imports 8,976 entries (PROVENANCE.md's 8,977 lines include the final Ctrl-Z line)",
    { timeout: 20_000 },
    async () => {
      const dir = real("ofac-sdn");
      const r = await parseSdn(sdnSet("", (p) => `${dir}${p}`));
      expect(r.entities).toHaveLength(8_976);
      expect(r.skipped).toEqual([]);
      const types = (t: string) => r.entities.filter((e) => e.type === t).length;
      expect([types("person"), types("entity"), types("vessel"), types("aircraft")]).toEqual([
        4_620, 3_673, 406, 277,
      ]);
      expect(r.entities.some((e) => e.names.some((n) => n.kind === "weak"))).toBe(true);
    },
  );
});

describe.skipIf(!haveReal("ofac-non-sdn-consolidated/cons_prim.csv"))("ofac-cons real data", () => {
  it("imports 442 entries (PROVENANCE.md's 443 lines include the final Ctrl-Z line)", async () => {
    const d = (f: string) => stream(real(`ofac-non-sdn-consolidated/${f}`));
    const r = await parseCons({
      primary: d("cons_prim.csv"),
      addresses: d("cons_add.csv"),
      aliases: d("cons_alt.csv"),
      comments: d("cons_comments.csv"),
    });
    expect(r.entities).toHaveLength(442);
    expect(r.skipped).toEqual([]);
  });
});
