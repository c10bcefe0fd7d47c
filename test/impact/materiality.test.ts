// Materiality: each change of decision in one class, the most burdensome effect, with the licence types, the
// basis and the evidence it rests on; the demo's headline in those words; direction-coloured HTML.
import { describe, expect, it } from "vitest";
import type { Decision, TraceStep } from "../../src/determine/types.ts";
import { effectOf, effectText } from "../../src/impact/materiality.ts";
import { impactReport } from "../../src/cli/impact.ts";
import { reportHtml } from "../../src/impact/index.ts";
import { join } from "node:path";
import { demoOverlay, packs, repo } from "./helpers.ts";

type Side = Parameters<typeof effectOf>[0];

const step = (rule: string, evidence: "verified" | "unverified", licence?: string): TraceStep =>
  ({
    kind: licence ? "licence-eligibility" : "catch-all",
    rule,
    result: `${licence ?? rule}: found`,
    msg: { id: "x", p: licence ? { id: licence } : {} },
    facts: [{ id: rule, from: "2017-01-01", evidence, cite: [] }],
  }) as unknown as TraceStep;

const side = (
  outcome: Decision["outcome"],
  options: string[] = [],
  possible: string[] = [],
  trace: TraceStep[] = [],
  basis: Decision["basis"] = outcome === "no-licence-required" ? null : "listed",
): Side => ({ outcome, basis, licenceOptions: options, unverifiedLicenceOptions: possible, trace });

describe("the effect of a change of decision", () => {
  it("a lost possible option rests on the unverified fact that made it possible", () => {
    const gb = step("jp-gb-matrix", "unverified", "general-bulk");
    const ind = step("jp-individual", "verified", "individual");
    const e = effectOf(
      side("licence-required", ["individual"], ["general-bulk", "specific-bulk"], [gb, ind]),
      side("licence-required", ["individual"], ["specific-bulk"], [ind]),
    );
    expect(e).toMatchObject({
      class: "lost-licence-type",
      licences: [],
      possible: ["general-bulk"],
      evidence: "unverified",
      restsOn: ["jp-gb-matrix"],
    });
    expect(effectText(e)).toBe("lost general bulk (resting on an unverified fact: jp-gb-matrix)");
  });

  it("a lost established option is established, the possible ones lost with it named apart", () => {
    const e = effectOf(
      side("licence-required", ["special-general-bulk", "individual"], ["general-bulk"]),
      side("licence-required", ["individual"], [], [], "special-measure"),
    );
    expect(e).toMatchObject({
      class: "lost-licence-type",
      licences: ["special-general-bulk"],
      possible: ["general-bulk"],
      evidence: "established",
    });
    expect(effectText(e)).toBe("lost special general bulk; also the possible general bulk");
  });

  it("classes outcome changes by the most burdensome effect", () => {
    const ca = step("jp-ca-wmd-inform", "verified");
    expect(
      effectOf(side("no-licence-required"), side("licence-required", ["individual"], [], [ca], "catch-all")),
    ).toMatchObject({
      class: "newly-licence-required",
      licences: ["individual"],
      basis: "catch-all",
      evidence: "established",
    });
    expect(
      effectText(
        effectOf(
          side("no-licence-required"),
          side("licence-required", ["individual"], [], [ca], "catch-all"),
        ),
      ),
    ).toBe("newly need an individual licence (catch-all)");
    expect(
      effectOf(side("licence-required", ["individual"]), side("prohibited", [], [], [], "embargo")).class,
    ).toBe("newly-prohibited");
    expect(effectOf(side("licence-required", ["individual"]), side("undetermined")).class).toBe(
      "undetermined",
    );
    expect(effectOf(side("licence-required", ["individual"]), side("no-licence-required"))).toMatchObject({
      class: "relieved",
      basis: "listed",
    });
    expect(
      effectOf(side("prohibited", [], [], [], "embargo"), side("licence-required", ["individual"])).class,
    ).toBe("relieved");
    expect(effectOf(side("undetermined"), side("licence-required", ["individual"])).class).toBe(
      "newly-licence-required",
    );
    expect(
      effectOf(
        side("licence-required", ["individual"]),
        side("licence-required", ["individual", "specific-bulk"]),
      ),
    ).toMatchObject({ class: "gained-licence-type", licences: ["specific-bulk"] });
    // same options, another basis: same burden
    expect(
      effectOf(
        side("licence-required", ["individual"]),
        side("licence-required", ["individual"], [], [], "special-measure"),
      ).class,
    ).toBe("other");
  });

  it("an outcome brought in by an unverified step is said to rest on it", () => {
    const limb = step("kr-sp-cautious", "unverified");
    const e = effectOf(
      side("no-licence-required"),
      side("licence-required", ["individual"], [], [limb], "catch-all"),
    );
    expect(e).toMatchObject({ evidence: "unverified", restsOn: ["kr-sp-cautious"] });
  });
});

describe("the demo's headline (Korea leaves Group A on 2019-08-28)", () => {
  it("reads per class, the most burdensome first, with values and the fact it rests on", async () => {
    const { report } = await impactReport(packs(), {
      shipments: join(repo, "examples/demo/jp-kr-2019-shipments.csv"),
      overlay: demoOverlay,
    });
    expect(report.effects.map((e) => [e.direction, e.lines, e.value.JPY, e.text])).toEqual([
      ["worse", 2, 2_920_000, "newly need an individual licence (catch-all)"],
      [
        "worse",
        136,
        2_461_522_000,
        "lost general bulk (resting on an unverified fact: jp-gb-group-a-matrix)",
      ],
    ]);
    // grouped by effect, rule change, item and destination; the groups add up to the changed lines
    expect(report.changeGroups.reduce((n, g) => n + g.lines, 0)).toBe(report.totals.changed);
    expect(report.changeGroups[0]).toMatchObject({
      item: "HS 8481 (not listed)",
      destination: "KR",
      lines: 2,
    });
    expect(report.changeGroups.find((g) => g.item === "2B001")).toMatchObject({
      lines: 37,
      rules: expect.arrayContaining(["+jp-gb-group-a-only", "-jp-gb-group-a-matrix"]),
    });
    for (const g of report.changeGroups) expect(g.examples.length).toBe(Math.min(20, g.lines));
    const html = reportHtml(report);
    expect(html).toContain("lost general bulk (resting on an unverified fact: jp-gb-group-a-matrix)");
    // colours follow the direction of the change, not old / new
    expect(html).toContain('<span class="dir worse">worse</span>');
    expect(html).not.toContain('class="was"');
    // each group opens on its lines (no script)
    expect(html).toMatch(/<details><summary>first 20 of 37 lines<\/summary><div class="scroll"><table>/);
  });
});
