/** The US Consolidated Screening List importer: the trade.gov CSV and JSON, bad records, wrong files, real data. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { entryUrl, parse } from "../../../src/screen/formats/csl.ts";
import { ImportError } from "../../../src/screen/formats/index.ts";
import { bySource, fixture, haveReal, names, real, stream } from "./helpers.ts";

describe("csl entry links", () => {
  const row = {
    source: "Entity List (EL) - Bureau of Industry and Security",
    entity_number: "",
    federal_register_notice: "",
    source_list_url: "http://bit.ly/1L47xrV",
    source_information_url: "http://bit.ly/1L47xrV",
  };
  it("never gives the short link every row of a sub-list shares as the entry's link", () => {
    expect(entryUrl(row)).toBeUndefined();
    expect(entryUrl({ ...row, federal_register_notice: "68 F.R. 38290 6/27/03 71 F.R. 38843 7/10/06" })).toBe(
      "https://www.federalregister.gov/citation/68-FR-38290",
    );
    expect(entryUrl({ ...row, source_information_url: "https://www.bis.gov/entity-list" })).toBe(
      "https://www.bis.gov/entity-list",
    );
    expect(
      entryUrl({
        ...row,
        source: "Sectoral Sanctions Identifications List (SSI) - Treasury Department",
        entity_number: "18792",
      }),
    ).toBe("https://sanctionssearch.ofac.treas.gov/Details.aspx?id=18792");
  });
});

describe("csl CSV", () => {
  it("reads each row as one entity with names, countries, dates, ids and programs", async () => {
    const r = await parse(stream(fixture("csl/consolidated.csv")));
    expect(r.list).toBe("csl");
    expect(r.format).toBe("csl");
    expect(r.entities).toHaveLength(7);
    const p = bySource(r, "SDN-90001");
    expect(p).toMatchObject({
      id: "csl:SDN-90001",
      type: "person",
      countries: ["IR", "AE"],
      addresses: ["12 Sample Street, Tehran, IR", "Dubai, AE"],
      birthDates: ["1970-02-03", "1971"],
      programs: ["SDGT", "IRAN"],
      // the entry's own page in OFAC's Sanctions List Search, by its entity number
      url: "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=90001",
    });
    expect(names(p, "primary")).toEqual(["EXAMPLE, Tomas Ivo"]);
    expect(names(p, "alias")).toEqual(["EXAMPEL, Tomas", "EKSAMPL, Tom"]);
    expect(p.identifiers).toEqual([
      { type: "Passport", value: "X1234567", country: "IR" },
      { type: "National ID No.", value: "0000111" },
    ]);
    expect(p.remarks).toContain("Gender: Male");
    expect(p.version).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("keeps Entity List rows (no type) as unknown, with a multi-line address and the licence terms", async () => {
    const r = await parse(stream(fixture("csl/consolidated.csv")));
    const el = r.entities.find((e) => e.sourceId.startsWith("EL-"))!;
    expect(el.type).toBe("unknown");
    expect(el.countries).toEqual(["CN"]);
    expect(el.addresses[0]).toBe("Room 1, Building 2, No. 3 Example Road, Example District, Shanghai, CN");
    expect(el.remarks).toContain("License policy: Presumption of denial.");
    // the Federal Register notice that listed it
    expect(el.url).toBe("https://www.federalregister.gov/citation/89-FR-12345");
    expect(bySource(r, "SDN-90002")).toMatchObject({ type: "vessel", countries: ["PA"] });
    expect(bySource(r, "SDN-90005").type).toBe("aircraft");
  });

  it("gives each sub-list its own id and numbers repeats within one", async () => {
    const r = await parse(stream(fixture("csl/consolidated.csv")));
    const ids = r.entities.map((e) => e.sourceId);
    expect(ids).toContain("CAP-90003");
    expect(ids).toContain("SDN-90003");
    expect(ids).toContain("SDN-90003#2");
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("reports a row without a name and skips it", async () => {
    const r = await parse(stream(fixture("csl/consolidated.csv")));
    expect(r.skipped).toEqual([{ record: "line 9", reason: "no name" }]);
  });

  it("rejects a CSV without the CSL columns, naming the line", async () => {
    await expect(parse("id,title\n1,x\n")).rejects.toThrow(
      /line 1: not the CSL CSV: the header lacks _id, source, name/,
    );
  });

  it("rejects XML", async () => {
    await expect(parse('<?xml version="1.0"?><CONSOLIDATED_LIST/>')).rejects.toBeInstanceOf(ImportError);
  });

  it("rejects broken quoting with the line", async () => {
    const text = `${readFileSync(fixture("csl/consolidated.csv"), "utf8").split("\n")[0]}\n90009,"SDN,unclosed\n`;
    await expect(parse(text)).rejects.toThrow(/line 2: malformed CSV/);
  });
});

describe("csl JSON", () => {
  it("reads the results of the JSON download like the CSV", async () => {
    const r = await parse(readFileSync(fixture("csl/consolidated.json")));
    expect(r.entities).toHaveLength(2);
    expect(r.published).toBe("2025-05-22");
    const p = bySource(r, "SDN-90001");
    expect(p).toMatchObject({
      type: "person",
      countries: ["IR"],
      birthDates: ["1970-02-03"],
      programs: ["SDGT", "IRAN"],
    });
    expect(p.identifiers).toEqual([{ type: "Passport", value: "X1234567", country: "IR" }]);
    expect(r.skipped).toEqual([{ record: "results[2] (id 90004)", reason: "no name" }]);
  });

  it("gives the same entry version for the same entry in CSV and JSON when the content is the same", async () => {
    const json = await parse(
      '{"results":[{"id":"1","source":"Entity List (EL) - X","name":"ACME","type":""}]}',
    );
    const csv = await parse(
      "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids\n1,Entity List (EL) - X,,,,ACME,,,,,,,,,,,,,,,,,,,,,,,\n",
    );
    expect(csv.entities[0]!.version).toBe(json.entities[0]!.version);
  });

  it("rejects malformed JSON and JSON without results", async () => {
    await expect(parse('{"results": [')).rejects.toThrow(/malformed JSON/);
    await expect(parse('{"items": []}')).rejects.toThrow(/expected \{ "results"/);
  });
});

describe.skipIf(!haveReal("us-consolidated-screening-list/consolidated.csv"))("csl real data", () => {
  it(
    "imports all 14,160 entries of the trade.gov CSV (PROVENANCE.md), by sub-list",
    { timeout: 20_000 },
    async () => {
      const r = await parse(stream(real("us-consolidated-screening-list/consolidated.csv")));
      expect(r.entities).toHaveLength(14_160);
      expect(r.skipped).toEqual([]);
      const count = (prefix: string) => r.entities.filter((e) => e.sourceId.startsWith(`${prefix}-`)).length;
      expect(count("SDN")).toBe(10_026);
      expect(count("EL")).toBe(2_001);
      expect(count("DPL")).toBe(462);
      expect(count("MEU")).toBe(71);
      expect(new Set(r.entities.map((e) => e.id)).size).toBe(14_160);
      for (const e of r.entities) for (const c of e.countries) expect(c).toMatch(/^[A-Z]{2}$/);
    },
  );
});
