// The change builder: a change in an analyst's terms becomes an overlay the loader validates like a hand-written
// one; the demo's change built this way gives the demo's impact; problems name the step and field.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { impactReport } from "../../src/cli/impact.ts";
import { loadPolicyWithOverlay } from "../../src/policy/load.ts";
import { buildOverlay, changeSpec, type ChangeSpec } from "../../src/policy/overlay-builder.ts";
import { cli, demoOverlay, packJp, packs, repo, tempFiles } from "../impact/helpers.ts";

const order71 = {
  provision:
    "輸出貿易管理令の一部を改正する政令 (令和元年政令第71号), in force 2019-08-28: 別表第三 without 大韓民国",
  url: "https://github.com/xyna-bpinelab/law-as-code-fefta",
};

const demo: ChangeSpec = changeSpec.parse({
  regime: "JP",
  title: "Korea leaves Group A (別表第三) on 2019-08-28 and joins Group B",
  effective: "2019-08-28",
  statusQuo: "2019-08-27",
  sources: [order71],
  steps: [
    { kind: "leave-group", country: "KR", group: "A", on: "2019-08-28" },
    { kind: "join-group", countries: ["KR"], group: "B", from: "2019-08-28" },
  ],
});

const jp = () => packs().get("JP")!.data;

/** A change of one regime with one source, built. */
const built = (regime: string, effective: string, steps: unknown[]) =>
  buildOverlay(
    changeSpec.parse({
      regime,
      title: `a change on ${effective}`,
      effective,
      sources: [{ url: "https://example.org/" }],
      steps,
    }),
    packs().get(regime)!.data,
  );

describe("the change builder", () => {
  it("writes the demo's change as the demo overlay: Group A's list ends for KR, Group B's list gains it", () => {
    const r = buildOverlay(demo, jp());
    expect(r.problems).toEqual([]);
    const doc = parse(r.yaml!) as Record<string, unknown>;
    expect(doc.ends).toEqual([
      { list: "jp-appended-table-3", country: "KR", on: "2019-08-28", cite: [order71] },
    ]);
    expect(doc.memberships).toEqual([
      { list: "jp-group-b", countries: ["KR"], from: "2019-08-28", evidence: "reported", cite: [order71] },
    ]);
    expect(doc.overlay).toMatchObject({ regime: "JP", effective: "2019-08-28", statusQuo: "2019-08-27" });
    // the source written once, cited by reference
    expect(r.yaml!.match(/輸出貿易管理令の一部を改正する政令/g)).toHaveLength(1);
    expect(r.yaml).toContain("&s1");
    expect(r.yaml).toContain("*s1");
  });

  it("gives the demo overlay's impact on the demo shipments", async () => {
    const dir = tempFiles({ "built.yaml": buildOverlay(demo, jp()).yaml! });
    const shipments = join(repo, "examples/demo/jp-kr-2019-shipments.csv");
    const built = (await impactReport(packs(), { shipments, overlay: join(dir, "built.yaml") })).report;
    const hand = (await impactReport(packs(), { shipments, overlay: demoOverlay })).report;
    expect(built.totals).toEqual(hand.totals);
    expect(built.effects.map((e) => [e.text, e.lines])).toEqual(hand.effects.map((e) => [e.text, e.lines]));
    expect(built.changedLines.map((l) => l.line)).toEqual(hand.changedLines.map((l) => l.line));
  });

  it("ends a measure and adds HS codes to a catch-all list; the loader takes both", () => {
    const end = built("JP", "2021-01-01", [
      { kind: "end-measure", measure: "jp-2019-07-04-kr-three-items", on: "2021-01-01" },
    ]);
    expect(end.problems).toEqual([]);
    const dir = tempFiles({ "end.yaml": end.yaml! });
    expect(() => loadPolicyWithOverlay(packJp, join(dir, "end.yaml"))).not.toThrow();

    const gains = built("KR", "2025-01-01", [
      {
        kind: "item-list-gains",
        itemList: "kr-annex-2-2",
        hs: ["930690", "930700"],
        title: "arms parts",
        from: "2025-01-01",
      },
    ]);
    expect(gains.problems).toEqual([]);
    const doc = parse(gains.yaml!) as { itemListEntries: { hs: string }[] };
    expect(doc.itemListEntries.map((e) => e.hs)).toEqual(["930690", "930700"]);
    writeFileSync(join(dir, "gains.yaml"), gains.yaml!);
    expect(() => loadPolicyWithOverlay(join(repo, "policy/kr"), join(dir, "gains.yaml"))).not.toThrow();
  });

  it("names the step and the field of every problem", () => {
    const bad = changeSpec.parse({
      regime: "JP",
      title: "bad",
      effective: "2020-01-01",
      sources: [{ url: "https://example.org/" }],
      steps: [
        { kind: "leave-group", country: "US", group: "B", on: "2020-01-01" },
        { kind: "leave-group", country: "KR", group: "Z", on: "2020-01-01" },
        { kind: "join-group", countries: ["KR"], group: "C", from: "2020-01-01" },
        { kind: "end-measure", measure: "no-such", on: "2020-01-01" },
        { kind: "item-list-gains", itemList: "nope", hs: ["8479"], from: "2020-01-01" },
      ],
    });
    const r = buildOverlay(bad, jp());
    expect(r.yaml).toBeUndefined();
    expect(r.problems.map((p) => p.path)).toEqual([
      "steps[0].country",
      "steps[1].group",
      "steps[2].group",
      "steps[3].measure",
      "steps[4].itemList",
    ]);
    expect(r.problems[0]!.message).toMatch(/US is not in group B on 2020-01-01/);
    expect(r.problems[2]!.message).toMatch(/no list of its own/);
    // a group the pack has only after the status quo: said why
    const later = buildOverlay(
      changeSpec.parse({
        regime: "KR",
        title: "Japan leaves 가",
        effective: "2019-09-18",
        statusQuo: "2019-09-17",
        sources: [{ provision: "전략물자 수출입고시 개정" }],
        steps: [{ kind: "join-group", countries: ["JP"], group: "가의2", from: "2019-09-18" }],
      }),
      packs().get("KR")!.data,
    );
    expect(later.problems[0]!.message).toMatch(
      /no group "가의2" in KR on 2019-09-17 \(the pack has it from a later date/,
    );
    // the spec itself is strict: an unknown key or a bad date is refused
    expect(changeSpec.safeParse({ ...demo, extra: 1 }).success).toBe(false);
    expect(
      changeSpec.safeParse({ ...demo, steps: [{ kind: "end-measure", measure: "m", on: "2019-02-30" }] })
        .success,
    ).toBe(false);
  });
});

describe("tradectl policy build-overlay", () => {
  it("builds the demo's change from options, validates it and saves it", async () => {
    const dir = tempFiles({});
    const out = join(dir, "kr-leaves-a.yaml");
    const r = await cli([
      "policy",
      "build-overlay",
      "--regime",
      "JP",
      "--title",
      demo.title,
      "--effective",
      "2019-08-28",
      "--status-quo",
      "2019-08-27",
      "--source",
      `${order71.provision}|${order71.url}`,
      "--leave-group",
      "KR:A:2019-08-28",
      "--join-group",
      "KR:B:2019-08-28",
      "--out",
      out,
    ]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Overlay kr-leaves-a.yaml: valid with the pack policy/jp");
    expect(r.out).toContain("What the overlay changes (2 facts)");
    expect(readFileSync(out, "utf8")).toBe(buildOverlay(demo, jp()).yaml);
    // and the saved file is an overlay like any other
    const applied = await cli(["policy", "apply-overlay", out]);
    expect(applied.code).toBe(0);
  });

  it("bad input exits 2 and names the step, the field or the overlay's line", async () => {
    const base = [
      "policy",
      "build-overlay",
      "--regime",
      "JP",
      "--title",
      "x",
      "--effective",
      "2019-08-28",
      "--source",
      "https://example.org/",
    ];
    const notIn = await cli([...base, "--leave-group", "US:B:2019-08-28"]);
    expect(notIn.code).toBe(2);
    expect(notIn.err).toContain("steps[0].country: US is not in group B on 2019-08-28");
    const shape = await cli([...base, "--end-measure", "only-an-id"]);
    expect(shape.code).toBe(2);
    expect(shape.err).toContain('--end-measure "only-an-id": expected MEASURE:DATE');
    // a measure not in force on the day: the loader's check, on the overlay's own line
    const loader = await cli([...base, "--end-measure", "jp-2019-07-04-kr-three-items:2024-01-01"]);
    expect(loader.code).toBe(2);
    expect(loader.err).toMatch(
      /overlay\.yaml:\d+: ends\[0\]\.on: measure "jp-2019-07-04-kr-three-items" is not in force on 2024-01-01/,
    );
  });
});
