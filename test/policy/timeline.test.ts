// The real Japan pack: Korea's classification over time (A -> B on 2019-08-28 -> A on 2023-07-21) and group
// resolution on the boundary days, with every fact carrying its citation.
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadPolicy } from "../../src/policy/load.ts";
import type { FactRef } from "../../src/policy/model.ts";
import type { Policy } from "../../src/policy/policy.ts";

const jpDir = fileURLToPath(new URL("../../policy/jp", import.meta.url));

let jp: Policy;
beforeAll(() => {
  jp = loadPolicy(jpDir);
});

const groupsOn = (date: string, country: string) => jp.asOf(date).groupsOf(country).groups;

function expectCited(f: FactRef) {
  expect(f.cite.length, `fact ${f.id} has no citation`).toBeGreaterThan(0);
  for (const c of f.cite)
    expect(c.provision !== undefined || c.url !== undefined, `a citation of ${f.id} is empty`).toBe(true);
}

describe("JP pack: timeline of KR", () => {
  it("is A from 2017-02-22 to 2019-08-28, B to 2023-07-21, then A with no end", () => {
    const t = jp.timeline("KR");
    expect(t.map((p) => ({ from: p.from, to: p.to, groups: p.groups }))).toEqual([
      { from: "2017-02-22", to: "2019-08-28", groups: ["A"] },
      { from: "2019-08-28", to: "2023-07-21", groups: ["B"] },
      { from: "2023-07-21", to: undefined, groups: ["A"] },
    ]);
  });

  it("starts at the pack's first date (regime.dataFrom)", () => {
    expect(jp.regime.dataFrom).toBe("2017-02-22");
    expect(jp.timeline("KR")[0]?.from).toBe(jp.regime.dataFrom);
  });

  it("every fact in it carries a citation", () => {
    const t = jp.timeline("KR");
    const facts = t.flatMap((p) => p.facts);
    expect(facts.length).toBeGreaterThanOrEqual(t.length * 2);
    for (const f of facts) expectCited(f);
  });

  it("each period is backed by its group fact and the membership that puts KR in the group", () => {
    const [a1, b, a2] = jp.timeline("KR");
    const ids = (facts: FactRef[] | undefined) => (facts ?? []).map((f) => f.id).sort();
    expect(ids(a1?.facts)).toEqual(["group:A", "jp-appended-table-3:KR"]);
    expect(ids(b?.facts)).toEqual(["group:B", "jp-group-b:KR"]);
    expect(ids(a2?.facts)).toEqual(["group:A", "jp-appended-table-3:KR"]);
    // The two Table 3 periods are distinct facts: removal in 2019, reinstatement in 2023.
    const kr1 = a1?.facts.find((f) => f.id === "jp-appended-table-3:KR");
    const kr2 = a2?.facts.find((f) => f.id === "jp-appended-table-3:KR");
    expect([kr1?.from, kr1?.to]).toEqual(["2017-02-22", "2019-08-28"]);
    expect([kr2?.from, kr2?.to]).toEqual(["2023-07-21", undefined]);
    const krb = b?.facts.find((f) => f.id === "jp-group-b:KR");
    expect([krb?.from, krb?.to]).toEqual(["2019-08-28", "2023-07-21"]);
  });

  it("periods are contiguous: each starts where the previous ends", () => {
    const t = jp.timeline("KR");
    for (let i = 1; i < t.length; i++) expect(t[i]?.from).toBe(t[i - 1]?.to);
  });
});

describe("JP pack: KR on the boundary days", () => {
  it.each([
    ["2017-02-22", ["A"]],
    ["2019-08-27", ["A"]],
    ["2019-08-28", ["B"]],
    ["2023-07-20", ["B"]],
    ["2023-07-21", ["A"]],
    ["2026-06-05", ["A"]],
  ])("asOf(%s).groupsOf(KR).groups = %j", (date, groups) => {
    expect(groupsOn(date, "KR")).toEqual(groups);
  });

  it("the facts behind each answer carry citations", () => {
    for (const date of ["2019-08-27", "2019-08-28", "2023-07-20", "2023-07-21"]) {
      const { facts } = jp.asOf(date).groupsOf("KR");
      expect(facts.length).toBe(2);
      for (const f of facts) expectCited(f);
    }
  });

  it("KR is on 別表第三 on 2019-08-27 and 2023-07-21, not on 2019-08-28 or 2023-07-20", () => {
    expect(jp.membership("jp-appended-table-3", "KR", "2019-08-27")).toBeDefined();
    expect(jp.membership("jp-appended-table-3", "KR", "2019-08-28")).toBeUndefined();
    expect(jp.membership("jp-appended-table-3", "KR", "2023-07-20")).toBeUndefined();
    expect(jp.membership("jp-appended-table-3", "KR", "2023-07-21")).toBeDefined();
  });
});

describe("JP pack: other destinations", () => {
  it("SD (Sudan, 別表第三の二) is Group D", () => {
    const r = jp.asOf("2020-01-01").groupsOf("SD");
    expect(r.groups).toEqual(["D"]);
    expect(r.facts.map((f) => f.id)).toEqual(["group:D", "jp-appended-table-3-2:SD"]);
    for (const f of r.facts) expectCited(f);
  });

  it("SD stays Group D across the whole timeline", () => {
    const t = jp.timeline("SD");
    expect(t.map((p) => p.groups)).toEqual([["D"]]);
    expect(t[0]?.from).toBe("2017-02-22");
    expect(t[0]?.to).toBeUndefined();
  });

  it("CN is Group C, and the group fact that says so is unverified", () => {
    const r = jp.asOf("2020-01-01").groupsOf("CN");
    expect(r.groups).toEqual(["C"]);
    expect(r.facts).toHaveLength(1);
    const [g] = r.facts;
    expect(g?.id).toBe("group:C");
    expect(g?.evidence).toBe("unverified");
    expectCited(g!);
  });

  it("CN's timeline is C throughout, with the unverified group fact", () => {
    const t = jp.timeline("CN");
    expect(t.map((p) => [p.from, p.to, p.groups])).toEqual([["2017-02-22", undefined, ["C"]]]);
    expect(t[0]?.facts.map((f) => [f.id, f.evidence])).toEqual([["group:C", "unverified"]]);
  });

  it("a Table 3 country that never changed (US) is A from the first date with no end", () => {
    const t = jp.timeline("US");
    expect(t.map((p) => [p.from, p.to, p.groups])).toEqual([["2017-02-22", undefined, ["A"]]]);
  });
});
