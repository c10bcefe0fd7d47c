/** The trace reads in the law's order, and an option a later step takes away is kept and marked as removed. */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { check, type Decision } from "../../src/determine/index.ts";
import { loadPolicies } from "../../src/policy/index.ts";

const policies = loadPolicies(fileURLToPath(new URL("../../policy", import.meta.url)));

function decisions(date: string, items: Record<string, unknown>[]): Decision[] {
  const r = check(policies, { regime: "JP", date, destination: "KR", items });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.result.decisions;
}
const kinds = (d: Decision) => [...new Set(d.trace.map((s) => s.kind))];

describe("trace order", () => {
  it("puts the exemptions right after the list control, before which licence", () => {
    // 2019-06-01: before the 2019 measure; the ¥800,000 polyimide line is small-value exempt
    const [hf, polyimide] = decisions("2019-06-01", [
      { id: "hf", controlNumber: "1C350", hsCode: "281111", value: 1500000, currency: "JPY" },
      { id: "polyimide", controlNumber: "1C009.b", value: 800000, currency: "JPY" },
    ]);
    expect(polyimide!.outcome).toBe("no-licence-required");
    expect(kinds(hf!).slice(0, 4)).toEqual([
      "destination",
      "classification",
      "list-control",
      "licence-eligibility",
    ]);
    const k = kinds(polyimide!);
    expect(k.slice(0, 3)).toEqual(["destination", "classification", "list-control"]);
    expect(k.indexOf("exemption")).toBe(3);
    expect(k.indexOf("licence-eligibility")).toBeGreaterThan(k.indexOf("exemption"));
  });

  it("marks the bulk licences the 2019 measure took away as removed by it, and keeps the individual licence", () => {
    const [hf] = decisions("2019-08-01", [
      { id: "hf", controlNumber: "1C350", hsCode: "281111", value: 1500000, currency: "JPY" },
    ]);
    expect(hf!.licenceOptions).toEqual(["individual"]);
    const elig = hf!.trace.filter((s) => s.kind === "licence-eligibility" && !/not eligible/.test(s.result));
    const removed = elig.filter((s) => s.removedBy).map((s) => s.result.split(":")[0]);
    expect(removed).toContain("special-general-bulk");
    expect(elig.filter((s) => s.removedBy).every((s) => s.removedBy === "jp-2019-07-04-kr-three-items")).toBe(
      true,
    );
    expect(elig.find((s) => s.result.startsWith("individual:"))!.removedBy).toBeUndefined();
    // the measure comes after the options it narrows
    const at = (k: string) => hf!.trace.findIndex((s) => s.kind === k);
    expect(at("special-measure")).toBeGreaterThan(at("licence-eligibility"));
    // after the measure was lifted, nothing is removed
    const [later] = decisions("2024-01-10", [
      { id: "hf", controlNumber: "1C350", hsCode: "281111", value: 1500000, currency: "JPY" },
    ]);
    expect(later!.trace.some((s) => s.removedBy)).toBe(false);
  });
});
