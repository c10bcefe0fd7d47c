// Overlays: a proposed change in the pack's own format plus an `overlay:` header, `ends:` and additions, loaded
// with the pack through the same loader. Each kind of bad overlay is an error naming file and line.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PolicyLoadError, type PolicyProblem } from "../../src/policy/errors.ts";
import { loadPolicy, loadPolicyWithOverlay } from "../../src/policy/load.ts";
import { cli, demoOverlay, packJp, repo, tempFiles } from "./helpers.ts";

const HEAD = `overlay:
  regime: JP
  title: test overlay
  effective: 2019-08-28
`;

/** Load `body` as an overlay on the JP pack; the problems it raises (or [] when it loads). */
function problems(body: string, header = HEAD): PolicyProblem[] {
  const dir = tempFiles({ "o.yaml": header + body });
  try {
    loadPolicyWithOverlay(packJp, join(dir, "o.yaml"), dir);
    return [];
  } catch (e) {
    if (e instanceof PolicyLoadError) return e.problems;
    throw e;
  }
}

/** Line (1-based) of the first line of `text` that contains `needle`. */
const lineOf = (text: string, needle: string, from = 0) =>
  text.split("\n").findIndex((l, i) => i >= from && l.includes(needle)) + 1;

describe("loading an overlay", () => {
  it("the demo overlay: Korea leaves Group A on 2019-08-28, against the law of the day before", () => {
    const o = loadPolicyWithOverlay(packJp, demoOverlay);
    expect(o.overlay).toMatchObject({ regime: "JP", effective: "2019-08-28", statusQuo: "2019-08-27" });
    expect(o.policy.timeline("KR").map((p) => [p.from, p.to, p.groups])).toEqual([
      ["2017-02-22", "2019-08-28", ["A"]],
      ["2019-08-28", undefined, ["B"]],
    ]);
    // The baseline is the law of 2019-08-27 held unchanged: Korea stays in A, the 2019 measure continues.
    expect(o.baseline.timeline("KR").map((p) => [p.from, p.to, p.groups])).toEqual([
      ["2017-02-22", undefined, ["A"]],
    ]);
    expect(o.baseline.data.measures.find((m) => m.id === "jp-2019-07-04-kr-three-items")?.to).toBeUndefined();
    // The trace of a line after the change cites the overlay's source.
    const facts = o.policy.asOf("2019-09-02").groupsOf("KR").facts;
    expect(facts.find((f) => f.id === "jp-group-b:KR")!.cite[0]!.provision).toContain("令和元年政令第71号");
  });

  it("leaves the pack itself as it was (same version)", () => {
    const plain = loadPolicy(packJp);
    const o = loadPolicyWithOverlay(packJp, join(repo, "bench/impact/overlay.yaml"));
    expect(o.baseline.version).toBe(plain.version);
    expect(o.policy.version).not.toBe(plain.version);
  });

  it("ends a measure, changes an eligibility rule, adds a measure", () => {
    const dir = tempFiles({
      "o.yaml": `${HEAD}ends:
  - measure: jp-2019-07-04-kr-three-items
    on: 2020-01-01
    cite: [{ provision: "lifted (what-if)" }]
  - eligibility: jp-gb-group-a-matrix
    on: 2021-01-01
    cite: [{ provision: "matrix replaced (what-if)" }]
eligibility:
  - licence: general-bulk
    id: jp-gb-group-a-matrix-2021
    result: not-eligible
    destinations: { groups: [A] }
    from: 2021-01-01
    evidence: unverified
    cite: [{ provision: "what-if" }]
measures:
  - id: what-if-cn-row-3
    title: individual licences for row 3 to China
    destinations: { countries: [CN] }
    items: { parts: ["3"] }
    effect: { only: [individual] }
    from: 2024-01-01
    evidence: unverified
    cite: [{ provision: "what-if" }]
`,
    });
    const o = loadPolicyWithOverlay(packJp, join(dir, "o.yaml"), dir);
    const measure = o.policy.data.measures.find((m) => m.id === "jp-2019-07-04-kr-three-items")!;
    expect(measure.to).toBe("2020-01-01");
    expect(measure.cite.at(-1)!.provision).toBe("lifted (what-if)");
    const gb = o.policy.data.licences.find((l) => l.id === "general-bulk")!;
    expect(gb.eligibility!.find((e) => e.id === "jp-gb-group-a-matrix")!.to).toBe("2021-01-01");
    expect(gb.eligibility!.map((e) => e.id)).toContain("jp-gb-group-a-matrix-2021");
    expect(o.policy.asOf("2024-02-01").measures.map((m) => m.id)).toContain("what-if-cn-row-3");
    expect(o.policy.boundaries()).toEqual(expect.arrayContaining(["2020-01-01", "2021-01-01", "2024-01-01"]));
  });

  it("adds items to a catch-all list (KR Annex 2-2) and ends a fact on its first day (removes it)", () => {
    const dir = tempFiles({
      "o.yaml": `overlay:
  regime: KR
  title: more Annex 2-2 items
  effective: 2025-01-01
itemListEntries:
  - itemList: kr-annex-2-2
    hs: "940360"
    title: wooden furniture (what-if)
    from: 2025-01-01
    evidence: unverified
    cite: [{ provision: "what-if" }]
ends:
  - itemList: kr-annex-2-2
    hs: "847950"
    on: 2023-04-28
    cite: [{ provision: "what-if: never listed" }]
`,
    });
    const o = loadPolicyWithOverlay(join(repo, "policy/kr"), join(dir, "o.yaml"), dir);
    const snap = o.policy.asOf("2025-02-01");
    expect([...snap.itemLists.get("kr-annex-2-2")!.entries.keys()]).toContain("940360");
    expect(o.baseline.asOf("2025-02-01").itemLists.get("kr-annex-2-2")!.entries.has("940360")).toBe(false);
    // The robot entry of 2023-04-28 ended on its first day: gone from the 798-item period.
    expect(o.baseline.asOf("2023-05-01").itemLists.get("kr-annex-2-2")!.entries.has("847950")).toBe(true);
    expect(o.policy.asOf("2023-05-01").itemLists.get("kr-annex-2-2")!.entries.has("847950")).toBe(false);
  });
});

describe("bad overlays: each error names the file and the line", () => {
  it("an unknown country (in an addition and in an end)", () => {
    const body = `memberships:
  - list: jp-group-b
    countries: [QQ]
    from: 2020-01-01
    evidence: unverified
    cite: [{ provision: x }]
ends:
  - list: jp-appended-table-3
    country: ZZ
    on: 2020-01-01
    cite: [{ provision: x }]
`;
    const p = problems(body);
    const text = HEAD + body;
    expect(p).toContainEqual(
      expect.objectContaining({
        file: "o.yaml",
        line: lineOf(text, "[QQ]"),
        message: 'unknown country code "QQ"',
      }),
    );
    expect(p).toContainEqual(
      expect.objectContaining({
        file: "o.yaml",
        line: lineOf(text, "country: ZZ"),
        message: 'unknown country code "ZZ"',
      }),
    );
  });

  it("an unknown group, list, measure and licence", () => {
    const body = `ends:
  - group: Z
    on: 2020-01-01
    cite: [{ provision: x }]
  - measure: no-such-measure
    on: 2020-01-01
    cite: [{ provision: x }]
memberships:
  - list: no-such-list
    countries: [KR]
    from: 2020-01-01
    evidence: unverified
    cite: [{ provision: x }]
measures:
  - id: m1
    title: t
    destinations: { groups: [Z] }
    items: { parts: ["3(1)"] }
    effect: { only: [no-such-licence] }
    from: 2020-01-01
    evidence: verified
    cite: [{ provision: x }]
`;
    const text = HEAD + body;
    const p = problems(body);
    const msg = (m: string) => p.find((x) => x.message === m);
    expect(msg('unknown group "Z"')?.line).toBe(lineOf(text, "- group: Z"));
    expect(msg('unknown measure "no-such-measure"')?.line).toBe(lineOf(text, "- measure: no-such-measure"));
    expect(msg('unknown country list "no-such-list"')?.line).toBe(lineOf(text, "list: no-such-list"));
    expect(p.filter((x) => x.message === 'unknown group "Z"').map((x) => x.line)).toContain(
      lineOf(text, "groups: [Z]"),
    );
    expect(msg('unknown licence type "no-such-licence"')?.line).toBe(lineOf(text, "no-such-licence"));
    expect(p.every((x) => x.file === "o.yaml")).toBe(true);
  });

  it("overlapping periods: with a fact of the pack (named with its file and line) and within the overlay", () => {
    const body = `memberships:
  - list: jp-group-b
    countries: [KR]
    from: 2019-08-28
    evidence: reported
    cite: [{ provision: x }]
`;
    const p = problems(body);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ file: "o.yaml", line: lineOf(HEAD + body, "from: 2019-08-28") });
    expect(p[0]!.message).toMatch(
      /overlapping periods: membership jp-group-b\/KR \[2019-08-28, open\) overlaps \[2019-08-28, 2023-07-21\) at \S*policy\/jp\/country-lists\.yaml:\d+$/,
    );
    const twice = `memberships:
  - list: jp-group-b
    countries: [TW]
    from: 2020-01-01
    evidence: unverified
    cite: [{ provision: x }]
  - list: jp-group-b
    countries: [TW]
    from: 2021-01-01
    evidence: unverified
    cite: [{ provision: x }]
`;
    const q = problems(twice);
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ file: "o.yaml", line: lineOf(HEAD + twice, "from: 2021-01-01") });
    expect(q[0]!.message).toMatch(/overlaps \[2020-01-01, open\) at o\.yaml:\d+$/);
  });

  it("a date outside the pack's range", () => {
    const body = `ends:
  - measure: jp-2019-07-04-kr-three-items
    on: 2023-01-01
    cite: [{ provision: x }]
memberships:
  - list: jp-group-b
    countries: [TW]
    from: 2015-01-01
    evidence: unverified
    cite: [{ provision: x }]
`;
    const header = HEAD.replace("effective: 2019-08-28", "effective: 2016-12-31");
    const text = header + body;
    const p = problems(body, header);
    expect(p).toContainEqual(
      expect.objectContaining({
        line: lineOf(text, "effective:"),
        message: "effective 2016-12-31 is before the pack's first date 2017-02-22 (regime.dataFrom)",
      }),
    );
    expect(p).toContainEqual(
      expect.objectContaining({
        line: lineOf(text, "from: 2015-01-01"),
        message: "from 2015-01-01 is before the pack's first date 2017-02-22 (regime.dataFrom)",
      }),
    );
  });

  it("an end on a date the fact is not in force", () => {
    const body = `ends:
  - list: jp-appended-table-3
    country: KR
    on: 2020-01-01
    cite: [{ provision: x }]
  - measure: jp-2019-07-04-kr-three-items
    on: 2024-01-01
    cite: [{ provision: x }]
`;
    const text = HEAD + body;
    const p = problems(body);
    expect(p.map((x) => [x.line, x.message])).toEqual([
      [
        lineOf(text, "on: 2020-01-01"),
        "KR is not on jp-appended-table-3 on 2020-01-01 (its periods: [2017-02-22, 2019-08-28), [2023-07-21, open))",
      ],
      [
        lineOf(text, "on: 2024-01-01"),
        'measure "jp-2019-07-04-kr-three-items" is not in force on 2024-01-01 (its periods: [2019-07-04, 2023-03-23))',
      ],
    ]);
  });

  it("a malformed end, an unknown key, a regime header and the wrong regime", () => {
    const body = `ends:
  - on: 2020-01-01
    cite: [{ provision: x }]
  - measure: a
    group: B
    on: 2020-01-01
    cite: [{ provision: x }]
colour: red
`;
    const text = HEAD + body;
    const p = problems(body);
    expect(p).toContainEqual(
      expect.objectContaining({ line: lineOf(text, "- on: 2020-01-01"), path: "ends[0]" }),
    );
    expect(p.find((x) => x.path === "ends[0]")!.message).toMatch(/name the fact that ends/);
    expect(p.find((x) => x.path === "ends[1]")!.message).toBe("an end names one fact, not group and measure");
    expect(p).toContainEqual(
      expect.objectContaining({ line: lineOf(text, "colour"), message: 'unknown key "colour"' }),
    );
    const wrong = problems("", HEAD.replace("regime: JP", "regime: KR"));
    expect(wrong).toEqual([
      expect.objectContaining({ line: 2, message: "the overlay is for regime KR, the pack is JP" }),
    ]);
  });
});

describe("tradectl policy apply-overlay", () => {
  it("validates the overlay and shows the resulting timeline", async () => {
    const r = await cli(["policy", "apply-overlay", demoOverlay]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("valid with the pack policy/jp");
    expect(r.out).toContain("stated against the law of 2019-08-27");
    expect(r.out).toMatch(/~ KR \(South Korea\) on jp-appended-table-3 .* changed on 2019-08-28/);
    expect(r.out).toMatch(/\+ KR \(South Korea\) on jp-group-b .* from 2019-08-28/);
    expect(r.out).toContain("2017-02-22 → 2019-08-28 (excl.): A");
    expect(r.out).toContain("2019-08-28 → open: B");
    expect(r.out).toContain("New legal periods start on: 2019-08-28");
  });

  it("--json", async () => {
    const r = await cli(["policy", "apply-overlay", demoOverlay, "--json"]);
    const s = JSON.parse(r.out) as { overlay: { regime: string }; timelines: { country: string }[] };
    expect(s.overlay.regime).toBe("JP");
    expect(s.timelines.map((t) => t.country)).toEqual(["KR"]);
  });

  it("a bad overlay exits 2 with file:line for each problem", async () => {
    const dir = tempFiles({
      "bad.yaml": `${HEAD}ends:
  - measure: nope
    on: 2020-01-01
    cite: [{ provision: x }]
`,
      "noregime.yaml": "overlay:\n  title: t\n",
    });
    const r = await cli(["policy", "apply-overlay", join(dir, "bad.yaml")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.yaml:6: ends\[0\]: unknown measure "nope"/);
    const r2 = await cli(["policy", "apply-overlay", join(dir, "noregime.yaml")]);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/noregime\.yaml:1: overlay\.regime/);
    const r3 = await cli(["policy", "apply-overlay", join(dir, "missing.yaml")]);
    expect(r3.code).toBe(2);
  });
});
