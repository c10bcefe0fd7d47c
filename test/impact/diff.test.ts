// Law diffs: `tradectl diff` lists every dated fact that differs between two dates, with its source, and the
// countries that changed group on the way; diffPolicies and samePeriods compare a pack without and with an
// overlay.
import { describe, expect, it } from "vitest";
import { diffDates, diffPolicies, samePeriods } from "../../src/policy/diff.ts";
import { loadPolicyWithOverlay } from "../../src/policy/load.ts";
import { cli, demoOverlay, packJp, packs } from "./helpers.ts";

describe("diffDates", () => {
  it("JP 2019-07-01 → 2019-09-01: the three-item measure and Korea's move from A to B, with sources", () => {
    const d = diffDates(packs().get("JP")!, "2019-07-01", "2019-09-01");
    const measure = d.changes.find((c) => c.key === "jp-2019-07-04-kr-three-items");
    expect(measure).toMatchObject({ kind: "measure", change: "added", on: "2019-07-04" });
    expect(measure!.after!.cite.some((c) => c.url?.includes("bakermckenzie"))).toBe(true);
    expect(measure!.after!.evidence).toBe("verified");

    const leftA = d.changes.find((c) => c.key === "jp-appended-table-3/KR");
    expect(leftA).toMatchObject({ kind: "membership", change: "removed", on: "2019-08-28" });
    expect(leftA!.before!.cite.map((c) => c.provision ?? "").join(" ")).toContain("令和元年政令第71号");
    const joinedB = d.changes.find((c) => c.key === "jp-group-b/KR");
    expect(joinedB).toMatchObject({ kind: "membership", change: "added", on: "2019-08-28" });
    expect(joinedB!.after!.cite.length).toBeGreaterThan(0);

    const kr = d.countries.find((c) => c.country === "KR");
    expect(kr).toMatchObject({ before: ["A"], after: ["B"] });
    expect(kr!.moves).toEqual([expect.objectContaining({ on: "2019-08-28", groups: ["B"] })]);
    expect(kr!.moves[0]!.facts.map((f) => f.id)).toContain("jp-group-b:KR");
    // Nothing that did not change is listed.
    expect(d.changes.find((c) => c.key === "jp-appended-table-3/US")).toBeUndefined();
  });

  it("KR 2019-09-01 → 2023-05-01: Japan 가 → 가의2 → 가, and the facts that came and went in between", () => {
    const d = diffDates(packs().get("KR")!, "2019-09-01", "2023-05-01");
    const jp = d.countries.find((c) => c.country === "JP")!;
    expect(jp.before).toEqual(["가"]);
    expect(jp.after).toEqual(["가"]);
    expect(jp.moves.map((m) => [m.on, m.groups])).toEqual([
      ["2019-09-18", ["가의2"]],
      ["2023-04-24", ["가"]],
    ]);
    expect(d.changes.find((c) => c.key === "kr-ga-2/JP")).toMatchObject({
      change: "in-between",
      on: "2019-09-18",
      after: expect.objectContaining({ from: "2019-09-18", to: "2023-04-24" }),
    });
    const back = d.changes.find((c) => c.key === "kr-ga-japan/JP")!;
    expect(back).toMatchObject({ change: "changed", on: "2023-04-24" });
    expect(back.after!.cite.some((c) => c.url?.includes("kimchang"))).toBe(true);
    expect(d.changes.find((c) => c.key === "limb/kr-sp-wmd-ga-2")).toMatchObject({ change: "in-between" });
  });

  it("the same date gives no change; dates out of order or before the pack are refused", () => {
    expect(diffDates(packs().get("JP")!, "2020-01-01", "2020-01-01").changes).toEqual([]);
    expect(() => diffDates(packs().get("JP")!, "2020-01-01", "2019-01-01")).toThrow(/before the first/);
    expect(() => diffDates(packs().get("JP")!, "2010-01-01", "2019-01-01")).toThrow(/no policy data before/);
  });
});

describe("diffPolicies and samePeriods (a pack without and with an overlay)", () => {
  const o = loadPolicyWithOverlay(packJp, demoOverlay);

  it("lists exactly what the overlay changes", () => {
    const d = diffPolicies(o.baseline, o.policy);
    expect(d.changes.map((c) => [c.key, c.change])).toEqual([
      ["jp-appended-table-3/KR", "changed"],
      ["jp-group-b/KR", "added"],
    ]);
    const clipped = d.changes[0]!;
    expect(clipped.before!.to).toBeUndefined();
    expect(clipped.after!.to).toBe("2019-08-28");
    expect(clipped.after!.note).toContain("Ended on 2019-08-28 by the overlay");
  });

  it("the two laws are the same until the overlay's first change", () => {
    expect(samePeriods(o.baseline, o.policy)).toEqual([{ from: "2017-02-22", to: "2019-08-28" }]);
    expect(samePeriods(o.policy, o.policy)).toEqual([{ from: "2017-02-22", to: undefined }]);
  });
});

describe("tradectl diff", () => {
  it("prints the changes with their sources", async () => {
    const r = await cli(["diff", "JP", "2019-07-01", "2019-09-01"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("KR (South Korea): A → B (2019-08-28)");
    expect(r.out).toMatch(/\+ jp-2019-07-04-kr-three-items: .* — from 2019-07-04/);
    expect(r.out).toMatch(/− KR \(South Korea\) on jp-appended-table-3 .* until 2019-08-28/);
    expect(r.out).toContain("sources: METI press release 2019-11-08");
  });

  it("KR: Japan's path through 가의2", async () => {
    const r = await cli(["diff", "KR", "2019-09-01", "2023-05-01"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("JP (Japan): 가 → 가의2 (2019-09-18) → 가 (2023-04-24)");
    expect(r.out).toMatch(/± JP \(Japan\) on kr-ga-2 .* in force only in between, from 2019-09-18/);
  });

  it("--json gives the machine form", async () => {
    const r = await cli(["diff", "JP", "2019-07-01", "2019-09-01", "--json"]);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out) as { regime: string; changes: { key: string }[] };
    expect(d.regime).toBe("JP");
    expect(d.changes.map((c) => c.key)).toContain("jp-2019-07-04-kr-three-items");
  });

  it("bad input exits 2 and names the problem", async () => {
    for (const args of [
      ["diff", "JP", "2019-02-30", "2019-09-01"],
      ["diff", "JP", "2019-09-01", "2019-07-01"],
      ["diff", "XX", "2019-07-01", "2019-09-01"],
      ["diff", "JP", "2001-01-01", "2019-09-01"],
    ]) {
      const r = await cli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err).toMatch(/bad input/);
    }
  });
});
