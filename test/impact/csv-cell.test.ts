// CSV exports cannot run formulas in a spreadsheet: hostile cells are prefixed, numbers left as they are.
import { describe, expect, it } from "vitest";
import { csvCell } from "../../src/impact/csv-cell.ts";
import { reportCsv } from "../../src/impact/index.ts";

describe("CSV cells", () => {
  it("prefixes cells a spreadsheet would run", () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell("+1+1")).toBe("'+1+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell("Korea Chip Co.")).toBe("Korea Chip Co.");
    expect(csvCell(undefined)).toBe("");
  });

  it("escapes the impact report's cells", () => {
    const line = {
      line: 2,
      id: "=cmd|' /C calc'!A0",
      date: "2019-09-01",
      destination: "KR",
      customer: "@evil",
      controlNumber: "1C350",
      hsCode: "",
      value: 1,
      currency: "JPY",
      changes: [],
      before: { groups: [], outcome: "x", basis: "", options: [], possible: [] },
      after: { groups: [], outcome: "y", basis: "", options: [], possible: [] },
      rules: [],
      lostLicences: [],
    };
    const csv = reportCsv({ changedLines: [line] } as never);
    const row = csv.split("\n")[1]!;
    expect(row).toContain("'=cmd|' /C calc'!A0");
    expect(row).toContain("'@evil");
    expect(row).not.toMatch(/,=|,@/);
  });
});
