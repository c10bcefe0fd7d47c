// The validity a pack gives a licence: the months of the terms in force for the destination, and the last day
// by the civil codes' reckoning.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { validityBound } from "../../src/determine/validity.ts";
import { lastDayOf } from "../../src/policy/dates.ts";
import { loadPolicies } from "../../src/policy/index.ts";

const policies = loadPolicies(fileURLToPath(new URL("../../policy", import.meta.url)));

describe("lastDayOf", () => {
  it("counts from the day after grant and ends the day before the corresponding day", () => {
    expect(lastDayOf("2026-01-15", 6)).toBe("2026-07-15");
    expect(lastDayOf("2026-02-28", 1)).toBe("2026-03-31");
    expect(lastDayOf("2026-12-31", 1)).toBe("2027-01-31");
    expect(lastDayOf("2026-01-01", 36)).toBe("2029-01-01");
  });
  it("ends on the last day of a month without the corresponding day", () => {
    expect(lastDayOf("2026-08-31", 6)).toBe("2027-02-28");
    expect(lastDayOf("2027-08-31", 6)).toBe("2028-02-29");
    expect(lastDayOf("2026-01-30", 1)).toBe("2026-02-28");
  });
});

describe("validityBound", () => {
  it("gives Japan's individual licence 6 months (Export Trade Control Order Art. 8(1)) and bulk licences 3 years", () => {
    const jp = policies.get("JP")!;
    const ind = validityBound(jp.asOf("2026-01-15"), "individual", "CN", "2026-01-15")!;
    expect(ind).toMatchObject({ months: 6, until: "2026-07-15" });
    expect(ind.ref.evidence).toBe("verified");
    expect(validityBound(jp.asOf("2026-01-15"), "general-bulk", "US", "2026-01-15")?.months).toBe(36);
  });
  it("follows the destination and the date: Korea's comprehensive permit to 가의2 was 2 years, 3 years to 가", () => {
    const kr = policies.get("KR")!;
    expect(validityBound(kr.asOf("2020-03-02"), "comprehensive", "JP", "2020-03-02")?.months).toBe(24);
    expect(validityBound(kr.asOf("2020-03-02"), "comprehensive", "US", "2020-03-02")?.months).toBe(36);
    expect(validityBound(kr.asOf("2025-03-02"), "individual", "CN", "2025-03-02")?.months).toBe(12);
  });
  it("states nothing where the pack gives no figure", () => {
    const kr = policies.get("KR")!;
    expect(validityBound(kr.asOf("2025-03-02"), "unification-approval", "KP", "2025-03-02")).toBeUndefined();
    expect(validityBound(kr.asOf("2025-03-02"), "no-such-type", "CN", "2025-03-02")).toBeUndefined();
  });
});
