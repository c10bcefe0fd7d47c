/** The BIS Denied Persons List importer: tab-separated rows, derived ids, bad rows, wrong files, real data. */
import { describe, expect, it } from "vitest";
import { parse } from "../../../src/screen/formats/dpl.ts";
import { fixture, haveReal, names, real, stream } from "./helpers.ts";

describe("dpl", () => {
  it("reads each row as one entity of unknown type, with address, country and the order's dates", async () => {
    const r = await parse(stream(fixture("dpl/dpl.txt")));
    expect(r.list).toBe("dpl");
    expect(r.entities).toHaveLength(3);
    const [john, dubai, moscow] = r.entities;
    expect(names(john!)).toEqual(["JOHN Q. EXAMPLE"]);
    expect(john).toMatchObject({ type: "unknown", countries: [] });
    expect(john!.addresses).toEqual([
      "INMATE NUMBER: 00000-000, FCI EXAMPLE, P.O. BOX 1, EXAMPLEVILLE, TX, 75000",
    ]);
    expect(john!.remarks).toContain("Effective date: 2020-06-19");
    expect(john!.remarks).toContain("Expiration date: 2030-06-19");
    expect(dubai!.countries).toEqual(["AE"]);
    expect(moscow!.countries).toEqual(["RU"]);
    // The same party at two addresses: two rows, two ids.
    expect(dubai!.sourceId).not.toBe(moscow!.sourceId);
    expect(john!.sourceId).toMatch(/^[0-9a-f]{16}$/);
  });

  it("derives the same id from the same row", async () => {
    const a = await parse(stream(fixture("dpl/dpl.txt")));
    const b = await parse(stream(fixture("dpl/dpl.txt")));
    expect(a.entities.map((e) => e.id)).toEqual(b.entities.map((e) => e.id));
    expect(a.entities.map((e) => e.version)).toEqual(b.entities.map((e) => e.version));
  });

  it("reports rows without a name or with the wrong number of fields", async () => {
    const r = await parse(stream(fixture("dpl/dpl.txt")));
    expect(r.skipped).toEqual([
      { record: "line 5", reason: "no name" },
      { record: "line 6", reason: "expected 12 tab-separated fields, found 2" },
    ]);
  });

  it("rejects a file without the DPL header", async () => {
    await expect(parse("name,address\nA,B\n")).rejects.toThrow(
      /dpl: line 1: not the BIS Denied Persons List .*the header lacks Name, Street_Address, Country, Effective_Date/,
    );
  });
});

describe.skipIf(!haveReal("bis-denied-persons-list/dpl.txt"))("dpl real data", () => {
  it("imports all 665 rows (PROVENANCE.md)", async () => {
    const r = await parse(stream(real("bis-denied-persons-list/dpl.txt")));
    expect(r.entities).toHaveLength(665);
    expect(r.skipped).toEqual([]);
    expect(new Set(r.entities.map((e) => e.id)).size).toBe(665);
  });
});
