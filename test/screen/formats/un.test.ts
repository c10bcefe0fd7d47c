/** The UN Security Council consolidated list importer: XML records, alias quality, dates, bad XML, real data. */
import { describe, expect, it } from "vitest";
import { parse } from "../../../src/screen/formats/un.ts";
import { bySource, fixture, haveReal, names, real, stream } from "./helpers.ts";

describe("un", () => {
  it("reads individuals and entities with their names, aliases (Low = weak), countries and programs", async () => {
    const r = await parse(stream(fixture("un/consolidated.xml")));
    expect(r.list).toBe("un");
    expect(r.published).toBe("2026-01-15");
    expect(r.entities.map((e) => e.sourceId)).toEqual(["9900001", "9900002", "9900101"]);
    const p = bySource(r, "9900001");
    expect(p).toMatchObject({
      id: "un:9900001",
      type: "person",
      countries: ["KP", "CN"],
      programs: ["DPRK"],
    });
    expect(names(p, "primary")).toEqual(["JOHN EXAMPLE SAMPLE"]);
    expect(names(p, "alias")).toEqual(["존 이그잼플", "Jon Eksampl"]);
    expect(names(p, "weak")).toEqual(["Big John"]);
    expect(p.identifiers).toEqual([
      { type: "Passport", value: "PX0000001", country: "KP" },
      { type: "UN reference", value: "KPi.999" },
    ]);
    const e = bySource(r, "9900101");
    expect(e).toMatchObject({ type: "entity", countries: ["KP", "IR"] });
    expect(names(e, "alias")).toEqual(["EXMIDTC", "Example General Trading"]);
    expect(e.remarks).toContain("Invented entry for tests & examples.");
  });

  it("reads exact, approximate and between dates of birth", async () => {
    const r = await parse(stream(fixture("un/consolidated.xml")));
    expect(bySource(r, "9900001").birthDates).toEqual(["1969-08-09", "1970", "1971", "1972"]);
    const a = bySource(r, "9900002");
    expect(a.birthDates).toEqual(["1980"]);
    expect(a.remarks).toContain("Date of birth: approximately 1980");
  });

  it("keeps names that are not countries out of countries", async () => {
    const a = bySource(await parse(stream(fixture("un/consolidated.xml"))), "9900002");
    expect(a.countries).toEqual(["IR"]);
    expect(a.remarks).toContain("Nationality (not an ISO country): former Soviet Union");
  });

  it("reports a record without a name and skips it", async () => {
    const r = await parse(stream(fixture("un/consolidated.xml")));
    expect(r.skipped).toEqual([{ record: "DATAID 9900003 (line 86)", reason: "no name" }]);
  });

  it("rejects broken XML with line and column, another root element, and a file that is not XML", async () => {
    await expect(
      parse(
        "<CONSOLIDATED_LIST>\n<INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID></INDIVIDUALS>\n</CONSOLIDATED_LIST>",
      ),
    ).rejects.toThrow(/un: line 2:\d+: malformed XML/);
    await expect(parse('<export generationDate="2026-01-01"/>')).rejects.toThrow(
      /not the UN Security Council consolidated list XML: the root element is <export>/,
    );
    await expect(parse("DATAID,NAME\n1,x\n")).rejects.toThrow(/line 1: not the UN .* the file is not XML/);
  });

  it("imports nothing from a truncated file", async () => {
    await expect(
      parse(
        "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>A</FIRST_NAME></INDIVIDUAL>",
      ),
    ).rejects.toThrow(/malformed XML/);
  });
});

describe.skipIf(!haveReal("un-sc-consolidated-list/UN_consolidated.xml"))("un real data", () => {
  it("imports 730 individuals and 273 entities (PROVENANCE.md)", async () => {
    const r = await parse(stream(real("un-sc-consolidated-list/UN_consolidated.xml")));
    expect(r.entities.filter((e) => e.type === "person")).toHaveLength(730);
    expect(r.entities.filter((e) => e.type === "entity")).toHaveLength(273);
    expect(r.skipped).toEqual([]);
    expect(r.published).toBe("2026-02-27");
    expect(r.entities.some((e) => e.names.some((n) => n.kind === "weak"))).toBe(true);
  });
});
