/** The EU Financial Sanctions Files importer: XML 1.1 and CSV 1.1 layouts, weak aliases, bad records, wrong files. */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "../../../src/screen/formats/eu.ts";
import { parse as parseGeneric } from "../../../src/screen/formats/generic-csv.ts";
import { bySource, fixture, haveReal, names, real, stream } from "./helpers.ts";

describe("eu XML (xmlFullSanctionsList_1_1)", () => {
  it("reads sanctionEntity records with names, weak aliases, citizenship, births, documents and programmes", async () => {
    const r = await parse(stream(fixture("eu/xmlFullSanctionsList_1_1.xml")));
    expect(r.list).toBe("eu");
    expect(r.published).toBe("2026-03-02");
    expect(r.entities.map((e) => e.sourceId)).toEqual(["990001", "990002"]);
    const p = bySource(r, "990001");
    expect(p).toMatchObject({
      id: "eu:990001",
      type: "person",
      countries: ["RU"],
      birthDates: ["1961-05-04", "1962"],
      programs: ["UKR"],
      url: "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32022R0330",
    });
    expect(names(p, "primary")).toEqual(["Ivan Petrovich EXAMPLOV"]);
    expect(names(p, "alias")).toEqual(["Иван Петрович ЭКЗАМПЛОВ"]);
    expect(names(p, "weak")).toEqual(["Vanya"]);
    expect(p.identifiers).toEqual([
      { type: "National passport", value: "700000001", country: "RU" },
      { type: "EU reference", value: "EU.9001.01" },
    ]);
    const e = bySource(r, "990002");
    expect(e).toMatchObject({ type: "entity", programs: ["PRK", "TERR"] });
    // countryIso2Code "00" with the description IRAN: the description gives the country.
    expect(e.countries).toEqual(["KP", "IR"]);
    // A "Low quality" remark marks a weak alias even when strong="true".
    expect(names(e, "weak")).toEqual(["EXMIDTC"]);
    expect(e.identifiers).toContainEqual({ type: "UN reference", value: "KPe.999" });
  });

  it("reports a sanctionEntity without a name", async () => {
    const r = await parse(stream(fixture("eu/xmlFullSanctionsList_1_1.xml")));
    expect(r.skipped).toEqual([{ record: "sanctionEntity logicalId 990003 (line 37)", reason: "no name" }]);
  });

  it("rejects broken XML and XML of another list", async () => {
    await expect(parse('<export><sanctionEntity logicalId="1">')).rejects.toThrow(
      /eu: line 1:\d+: malformed XML/,
    );
    await expect(parse("<CONSOLIDATED_LIST/>")).rejects.toThrow(
      /root element is <CONSOLIDATED_LIST>, expected <export>/,
    );
  });
});

describe("eu CSV (csvFullSanctionsList_1_1)", () => {
  it("groups the rows of an entity by Entity_LogicalId and reads them like the XML", async () => {
    const r = await parse(stream(fixture("eu/csvFullSanctionsList_1_1.csv")));
    expect(r.published).toBe("2026-03-02");
    expect(r.entities.map((e) => e.sourceId)).toEqual(["990001", "990002"]);
    const p = bySource(r, "990001");
    expect(p).toMatchObject({
      type: "person",
      countries: ["RU"],
      birthDates: ["1961-05-04", "1962"],
      programs: ["UKR"],
    });
    expect(names(p, "primary")).toEqual(["Ivan Petrovich EXAMPLOV"]);
    expect(names(p, "weak")).toEqual(["Vanya"]);
    expect(p.identifiers).toContainEqual({ type: "National passport", value: "700000001", country: "RU" });
    expect(bySource(r, "990002").type).toBe("entity");
  });

  it("reports rows of the wrong width and entities without a name", async () => {
    const r = await parse(stream(fixture("eu/csvFullSanctionsList_1_1.csv")));
    expect(r.skipped).toEqual([
      { record: "line 14", reason: "expected 118 fields, found 5" },
      { record: "Entity_LogicalId 990003 (first row line 13)", reason: "no name" },
    ]);
  });

  it("rejects a CSV that is not the FSF layout", async () => {
    await expect(parse("name;country\nA;B\n")).rejects.toThrow(
      /eu: line 1: not the EU Financial Sanctions Files XML or CSV/,
    );
  });
});

const journal = "eu-sanctions-official-journal/consolidated";
describe.skipIf(!haveReal(journal))("eu real data (OpenSanctions journal CSV, not FSF)", () => {
  it("is rejected by the FSF importer as a file in another format", async () => {
    await expect(parse(stream(real(`${journal}/32014R0833.csv`)))).rejects.toThrow(
      /not the EU Financial Sanctions Files/,
    );
  });

  it("reads through the generic CSV importer (name column): 8,017 rows in 45 files (PROVENANCE.md)", async () => {
    const files = readdirSync(real(journal)).filter((f) => f.endsWith(".csv"));
    expect(files).toHaveLength(45);
    let rows = 0;
    for (const f of files) {
      const r = await parseGeneric(stream(real(`${journal}/${f}`)), { listId: "eu-journal" });
      rows += r.entities.length + r.skipped.length;
    }
    expect(rows).toBe(8_017);
  });
});

// No copy of the official FSF files is in the shared real data; a copy dropped at this path is checked.
describe.skipIf(!haveReal("eu-fsf/xmlFullSanctionsList_1_1.xml"))("eu real data (FSF XML)", () => {
  it("imports thousands of sanctionEntity records without skipping any", async () => {
    const r = await parse(stream(real("eu-fsf/xmlFullSanctionsList_1_1.xml")));
    expect(r.entities.length).toBeGreaterThan(1_000);
    expect(r.skipped).toEqual([]);
  });
});
