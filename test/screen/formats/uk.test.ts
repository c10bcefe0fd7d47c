/** The UK importer: OFSI ConList.csv and the UK Sanctions List CSV, grouped rows, weak aliases, wrong files. */
import { describe, expect, it } from "vitest";
import { parse } from "../../../src/screen/formats/uk.ts";
import { bySource, fixture, haveReal, names, real, stream } from "./helpers.ts";

describe("uk OFSI ConList.csv", () => {
  it("groups the name rows of a target by Group ID, primary name first, Low quality = weak", async () => {
    const r = await parse(stream(fixture("uk/ConList.csv")));
    expect(r.list).toBe("uk");
    expect(r.published).toBe("2026-03-02");
    expect(r.entities.map((e) => e.sourceId)).toEqual(["99001", "99002", "99003"]);
    const p = bySource(r, "99001");
    expect(p).toMatchObject({
      id: "uk:99001",
      type: "person",
      countries: ["RU", "UA"],
      birthDates: ["1958", "1961-05-04"],
      programs: ["Russia"],
      addresses: ["1 Example Street, Moscow, Russia"],
    });
    expect(names(p, "primary")).toEqual(["Ivan Petrovich EXAMPLOV"]);
    expect(names(p, "alias")).toEqual(["Иван Петрович ЭКЗАМПЛОВ", "Ivan EKZAMPLOV"]);
    expect(names(p, "weak")).toEqual(["VANYA"]);
    expect(p.identifiers).toEqual([
      { type: "Passport", value: "700000002" },
      { type: "Passport", value: "700000003" },
      { type: "UK Sanctions List ref", value: "RUS9999" },
    ]);
    expect(p.remarks).toContain("Listed on: 2022-03-15");
    expect(bySource(r, "99002")).toMatchObject({ type: "entity", countries: ["KP"] });
    expect(bySource(r, "99003").type).toBe("vessel");
  });

  it("reports a row without a Group ID", async () => {
    const r = await parse(stream(fixture("uk/ConList.csv")));
    expect(r.skipped).toEqual([{ record: "line 10", reason: "no Group ID" }]);
  });
});

describe("uk Sanctions List CSV (FCDO)", () => {
  it("groups rows by Unique ID and reads the ship and person columns", async () => {
    const r = await parse(stream(fixture("uk/UK-Sanctions-List.csv")));
    expect(r.published).toBe("2026-03-02");
    const p = bySource(r, "RUS9999");
    expect(p).toMatchObject({ type: "person", countries: ["RU"], birthDates: ["1958"] });
    expect(names(p, "weak")).toEqual(["VANYA"]);
    expect(p.identifiers).toContainEqual({ type: "OFSI Group ID", value: "99001" });
    const s = bySource(r, "RUS9998");
    expect(s).toMatchObject({ type: "vessel", countries: ["GA"] });
    expect(s.identifiers).toEqual([{ type: "IMO", value: "IMO9999993" }]);
  });
});

describe("uk bad input", () => {
  it("rejects a CSV without the UK header", async () => {
    await expect(parse("Name,Country\nA,B\n")).rejects.toThrow(/uk: line 1: not a UK sanctions list CSV/);
    await expect(parse("Last Updated,01/01/2026\n")).rejects.toThrow(/no header found/);
  });
});

// No copy of a UK list is in the shared real data (the layouts were written from published descriptions); a copy
// dropped at these paths is checked.
describe.skipIf(!haveReal("uk-sanctions-list/ConList.csv"))("uk real data (OFSI ConList.csv)", () => {
  it("imports thousands of targets without skipping any", async () => {
    const r = await parse(stream(real("uk-sanctions-list/ConList.csv")));
    expect(r.entities.length).toBeGreaterThan(1_000);
    expect(r.skipped).toEqual([]);
  });
});

describe.skipIf(!haveReal("uk-sanctions-list/UK-Sanctions-List.csv"))(
  "uk real data (UK Sanctions List CSV)",
  () => {
    it("imports thousands of designations without skipping any", async () => {
      const r = await parse(stream(real("uk-sanctions-list/UK-Sanctions-List.csv")));
      expect(r.entities.length).toBeGreaterThan(1_000);
      expect(r.skipped).toEqual([]);
    });
  },
);
