// What-if runs over technology transfers, brokering and transit lines: each kind read from its columns and
// decided by the pack's transaction rules under both dates, the same as a check of the line gives; a row of a
// kind without its facts is a bad row naming the column.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { impactReport } from "../../src/cli/impact.ts";
import { check } from "../../src/determine/index.ts";
import { packs, tempFiles } from "./helpers.ts";

const header =
  "id,date,destination,controlNumber,hsCode,wmd,kind,recipient,place,means,exemption,origin,exportLicence";
const rows = [
  // KR technology to a foreigner: permit before and after the 2024 amendment
  "t1,2024-09-01,US,3E001,,,technology,foreign-national,abroad,email,,,",
  // a clean transit: undetermined before the Decree of 2024-10-08, no permit after
  "t2,2024-09-01,VN,3A001.a.1,,,transit,,,,,JP,",
  // transit with suspected WMD use: a permit on both dates
  "t3,2024-09-01,IR,,847989,suspected,transit,,,,,CN,",
  // brokering goods the US licensed: undetermined (the Decree's exemptions before 2024-10-08) → exempt after
  "t4,2024-09-01,IR,3A001.a.1,,,brokering,,,,,US,true",
  // bad rows: technology without a recipient; transit without an origin
  "b1,2024-09-01,US,3E001,,,technology,,abroad,email,,,",
  "b2,2024-09-01,IR,3A001.a.1,,,transit,,,,,,",
];

describe("impact over technology, brokering and transit lines", () => {
  it("decides each kind under both dates by its rules, as a check of the line does", async () => {
    const dir = tempFiles({ "lines.csv": [header, ...rows].join("\n") + "\n" });
    const { report } = await impactReport(packs(), {
      shipments: join(dir, "lines.csv"),
      regime: "KR",
      from: "2024-09-01",
      to: "2024-10-08",
    });
    expect(report.totals).toMatchObject({ rows: 6, decided: 4, bad: 2 });
    expect(report.problems.map((p) => [p.line, p.message])).toEqual([
      [6, expect.stringContaining("recipient: is required for technology")],
      [7, expect.stringContaining("origin: is required for transit")],
    ]);
    const changed = new Map(report.changedLines.map((l) => [l.id, l]));
    expect(changed.has("t1")).toBe(false);
    expect(changed.has("t3")).toBe(false);
    expect(changed.get("t2")).toMatchObject({
      before: { outcome: "undetermined" },
      after: { outcome: "no-licence-required" },
    });
    expect(changed.get("t4")).toMatchObject({
      before: { outcome: "undetermined" },
      after: { outcome: "no-licence-required", basis: "transaction" },
    });
    // the same answers as a check of the line on the later date
    const t2 = check(packs(), {
      regime: "KR",
      kind: "transit",
      date: "2024-10-08",
      transit: { origin: "JP", finalDestination: "VN" },
      items: [{ controlNumber: "3A001.a.1" }],
    });
    expect(t2.ok && t2.result.decisions[0]!.outcome).toBe("no-licence-required");
  });
});
