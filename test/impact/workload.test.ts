// The licensing workload: lines grouped into applications as the licence types are granted (an individual
// licence per contract, a bulk licence once per validity period), in the established and the possible reading.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { impactReport } from "../../src/cli/impact.ts";
import {
  addWorkload as addChoice,
  applicationsIn,
  chosenLicence,
  emptyWorkload,
  mergeWorkload,
  workloadChoice,
  workloadReport,
  type WorkloadDecision,
  type WorkloadTally,
} from "../../src/impact/workload.ts";

/** A line decided as `d` on one side (its choice made as the run makes it, once per decision). */
const addWorkload = (
  w: WorkloadTally,
  which: "baseline" | "change",
  d: WorkloadDecision,
  line: { month: string; contract?: string },
) => addChoice(w, which, workloadChoice(w, d), line.month, line.contract);
import { demoOverlay, packs, repo } from "./helpers.ts";

const details = [
  { id: "individual", reviewDays: 15, validityMonths: 12 },
  { id: "general-bulk", validityMonths: 36 },
  { id: "specific-bulk" },
];
const indiv: WorkloadDecision = {
  outcome: "licence-required",
  licenceOptions: ["individual"],
  unverifiedLicenceOptions: ["specific-bulk"],
  licenceDetails: details,
};
const bulk: WorkloadDecision = {
  outcome: "licence-required",
  licenceOptions: ["general-bulk", "individual"],
  unverifiedLicenceOptions: [],
  licenceDetails: details,
};
const free: WorkloadDecision = {
  outcome: "no-licence-required",
  licenceOptions: [],
  unverifiedLicenceOptions: [],
  licenceDetails: [],
};

describe("the licensing workload", () => {
  it("chooses the least burdensome established option; the possible reading takes a possible bulk type", () => {
    expect(chosenLicence(indiv, "established", "individual")).toBe("individual");
    expect(chosenLicence(indiv, "possible", "individual")).toBe("specific-bulk");
    expect(chosenLicence(bulk, "possible", "individual")).toBe("general-bulk");
    expect(chosenLicence(free, "established", "individual")).toBeUndefined();
  });

  it("one individual licence per contract, in its first month; a bulk licence again when its validity ran out", () => {
    const w = emptyWorkload();
    addWorkload(w, "baseline", indiv, { month: "2019-03", contract: "C1" });
    addWorkload(w, "baseline", indiv, { month: "2019-02", contract: "C1" });
    addWorkload(w, "baseline", indiv, { month: "2019-02" });
    addWorkload(w, "baseline", indiv, { month: "2019-02" });
    addWorkload(w, "baseline", free, { month: "2019-02" });
    // bulk: first use 2019-01, valid 36 months → a new application from 2022-01
    for (const m of ["2019-01", "2020-06", "2021-12", "2022-01", "2023-05"])
      addWorkload(w, "change", bulk, { month: m });
    // merging two halves gives the same as one
    const other = emptyWorkload();
    addWorkload(other, "baseline", indiv, { month: "2019-01", contract: "C1" });
    mergeWorkload(w, other);
    const r = workloadReport(w);
    const est = r.readings.find((x) => x.reading === "established")!;
    expect(est.baseline.byMonth).toEqual({ "2019-01": { individual: 1 }, "2019-02": { individual: 2 } });
    expect(est.baseline.applications).toBe(3);
    expect(est.baseline.reviewDays).toBe(45);
    expect(est.change.byMonth).toEqual({
      "2019-01": { "general-bulk": 1 },
      "2022-01": { "general-bulk": 1 },
    });
    // the pack gives no review days for general bulk: counted apart, not as zero
    expect(est.change).toMatchObject({ applications: 2, reviewDays: 0, applicationsWithoutReviewDays: 2 });
    expect(Object.values(r.terms)).toContainEqual({
      type: "general-bulk",
      reviewDays: null,
      validityMonths: 36,
    });
    // the possible reading: specific bulk, of unknown validity: one application for the whole run
    const poss = r.readings.find((x) => x.reading === "possible")!;
    expect(poss.baseline.byMonth).toEqual({ "2019-01": { "specific-bulk": 1 } });
    expect(applicationsIn(est.baseline, "2019-02")).toBe(2);
    expect(r.months).toEqual(["2019-01", "2019-02", "2022-01"]);
  });

  it("counts a type whose terms differ by destination with each line's own review days", () => {
    // Korea's individual permit: 5 review days to 가, 15 to 나 (the pack's terms by region)
    const to = (days: number): WorkloadDecision => ({
      outcome: "licence-required",
      licenceOptions: ["individual"],
      unverifiedLicenceOptions: [],
      licenceDetails: [{ id: "individual", reviewDays: days }],
    });
    const w = emptyWorkload();
    addWorkload(w, "change", to(5), { month: "2020-01", contract: "K1" });
    addWorkload(w, "change", to(15), { month: "2020-01", contract: "K2" });
    addWorkload(w, "change", to(15), { month: "2020-02" });
    const est = workloadReport(w).readings[0]!.change;
    expect(est).toMatchObject({ applications: 3, reviewDays: 5 + 15 + 15, applicationsWithoutReviewDays: 0 });
    expect(est.byMonth).toEqual({ "2020-01": { individual: 2 }, "2020-02": { individual: 1 } });
  });

  it("the demo overlay: two more individual applications (the catch-all lines), in their months", async () => {
    const { report } = await impactReport(packs(), {
      shipments: join(repo, "examples/demo/jp-kr-2019-shipments.csv"),
      overlay: demoOverlay,
    });
    const est = report.workload.readings[0]!;
    expect(est.reading).toBe("established");
    expect(est.change.applications - est.baseline.applications).toBe(2);
    const months = report.changedLines
      .filter((l) => l.effect.class === "newly-licence-required")
      .map((l) => l.month);
    for (const m of report.workload.months) {
      const more = months.filter((x) => x === m).length;
      expect(applicationsIn(est.change, m) - applicationsIn(est.baseline, m)).toBe(more);
    }
    // Japan's pack gives no review days: said so, not counted as zero
    expect(Object.values(report.workload.terms).filter((t) => t.type === "individual")).toEqual([
      { type: "individual", reviewDays: null, validityMonths: 6 },
    ]);
  });
});
