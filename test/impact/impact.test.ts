// Impact runs: every line decided under the baseline and under the change (an overlay, or the law of two dates);
// changed lines found and tallied by destination, control number, customer and month; licences that stop
// covering lines; bad rows reported with their line numbers while the rest is processed; the reports.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { impactReport } from "../../src/cli/impact.ts";
import { ImpactRun, reportHtml, type ImpactReport } from "../../src/impact/index.ts";
import { loadPolicyWithOverlay } from "../../src/policy/load.ts";
import { cli, demoOverlay, packJp, packs, repo, tempFiles } from "./helpers.ts";

const CSV = `id,date,destination,customer,controlNumber,hsCode,value,currency,quantity,informed
h1,2019-06-03,KR,Hanul,1C350,281111,1500000,JPY,600,
h2,2019-09-02,KR,Hanul,1C350,281111,1500000,JPY,600,
i1,2019-09-02,KR,Gaon,2B001,845710,20000000,JPY,1,
v1,2019-09-02,KR,Dasan,,848180,1714000,JPY,10,wmd
u1,2019-09-02,US,Acme,2B001,845710,20000000,JPY,1,
s1,2019-09-03,KR,Dasan,3A001,854231,500000,JPY,5,
bad,2019-09-31,KR,Dasan,3A001,854231,500000,JPY,5,
`;

const licences = join(repo, "examples/demo/licences.json");

async function report(
  csv: string,
  o: Record<string, string>,
  workers = 0,
  dir = tempFiles({ "s.csv": csv }),
) {
  return (await impactReport(packs(), { shipments: join(dir, "s.csv"), ...o }, { workers })).report;
}

const changedIds = (r: ImpactReport) => r.changedLines.map((l) => l.id);
const group = (list: ImpactReport["byDestination"], key: string) => list.find((g) => g.key === key);

describe("impact of an overlay (Korea leaves Group A on 2019-08-28)", () => {
  it("finds the changed lines and tallies them", async () => {
    const r = await report(CSV, { overlay: demoOverlay });
    expect(r.totals).toMatchObject({ rows: 7, decided: 6, bad: 1, changed: 2 });
    expect(changedIds(r)).toEqual(["i1", "v1"]);
    const [i1, v1] = r.changedLines;
    // 2B001 to Korea: general bulk is no longer a possibility outside Group A.
    expect(i1).toMatchObject({ changes: ["licence-options"], line: 4 });
    expect(i1!.before.possible).toContain("general-bulk");
    expect(i1!.after.possible).not.toContain("general-bulk");
    expect(i1!.before.groups).toEqual(["A"]);
    expect(i1!.after.groups).toEqual(["B"]);
    expect(i1!.rules).toEqual(expect.arrayContaining(["+jp-gb-group-a-only", "-jp-gb-group-a-matrix"]));
    // An unlisted valve with a WMD inform notice: catch-all applies outside Group A.
    expect(v1).toMatchObject({
      changes: ["outcome", "basis", "licence-options", "now-individual"],
      before: { outcome: "no-licence-required" },
      after: { outcome: "licence-required", basis: "catch-all", options: ["individual"] },
    });
    expect(r.kinds.find((k) => k.kind === "now-individual")).toMatchObject({
      lines: 1,
      value: { JPY: 1714000 },
    });
    expect(group(r.byDestination, "KR")).toMatchObject({
      lines: 5,
      changed: 2,
      changedValue: { JPY: 21714000 },
    });
    expect(group(r.byDestination, "US")).toMatchObject({ lines: 1, changed: 0 });
    expect(group(r.byCustomer, "Dasan")).toMatchObject({ lines: 2, changed: 1, nowIndividual: 1 });
    expect(group(r.byItem, "2B001")).toMatchObject({ lines: 2, changed: 1 });
    expect(group(r.byItem, "HS 8481 (not listed)")).toMatchObject({ changed: 1 });
    expect(group(r.byMonth, "2019-06")).toMatchObject({ lines: 1, changed: 0 });
    expect(group(r.byMonth, "2019-09")).toMatchObject({ lines: 5, changed: 2 });
    expect(r.transitions).toHaveLength(2);
    expect(r.problems).toEqual([{ line: 8, message: 'date: "2019-09-31" is not a calendar date (day 31)' }]);
  });

  it("worker threads give the same report", async () => {
    const dir = tempFiles({ "s.csv": CSV });
    const a = await report(CSV, { overlay: demoOverlay }, 0, dir);
    const b = await report(CSV, { overlay: demoOverlay }, 2, dir);
    expect(b).toEqual(a);
  }, 30_000);
});

describe("impact between two dates, with licences held", () => {
  it("the three items now need an individual licence; held bulk licences stop covering lines", async () => {
    const r = await report(CSV, { from: "2019-07-01", to: "2019-09-01", regime: "JP", licences });
    // s1 (3A001, ¥500,000) stays within the small-value exemption in Group B too: unchanged.
    expect(changedIds(r)).toEqual(["h1", "h2", "i1", "v1"]);
    const h1 = r.changedLines[0]!;
    expect(h1.changes).toEqual(["basis", "licence-options", "now-individual", "licence-lost"]);
    expect(h1.before.options).toEqual(["special-general-bulk", "individual"]);
    expect(h1.after).toMatchObject({ basis: "special-measure", options: ["individual"] });
    expect(h1.lostLicences).toEqual(["JP-SGB-2018-0042"]);
    expect(h1.rules).toContain("+jp-2019-07-04-kr-three-items");
    const sgb = r.licences.find((l) => l.number === "JP-SGB-2018-0042")!;
    expect(sgb).toMatchObject({ covered: 2, coveredUnverified: 0, lost: 2, lostValue: { JPY: 3000000 } });
    expect(sgb.examples).toEqual([2, 3]);
    const gb = r.licences.find((l) => l.number === "JP-GB-2018-0107")!;
    // The general bulk licence covers the 2B001 line to KR (Group A) and to the US; only the KR line is lost.
    // General bulk is only a possibility in the pack (its matrix is unverified): counted, and said so.
    expect(gb).toMatchObject({ covered: 2, coveredUnverified: 2, lost: 1, examples: [4] });
    expect(group(r.byDestination, "KR")).toMatchObject({ changed: 4, licenceLost: 3 });
    // Every line is decided under the law of the two dates, whatever its own date (h1 is dated 2019-06-03).
    expect(r.meta.before.date).toBe("2019-07-01");
  });
});

describe("bad rows: reported with their line numbers, the rest processed, the counts stated", () => {
  const bad = `id,date,destination,customer,controlNumber,hsCode,value,currency,quantity
a1,2019-09-02,KR,Hanul,1C350,281111,1500000,JPY,100
a2,2019-02-30,KR,Hanul,1C350,281111,1500000,JPY,100
a3,2019-09-02,ZZ,Hanul,1C350,281111,1500000,JPY,100
a4,2019-09-02,KR,Hanul,3A001,,1.5e6,JPY,100
a5,2019-09-02,KR,Hanul,3A001,,1500000,JPY
"a6","2019-09-02","KR","Gaon, ""Precision""
Machinery","2B001","845710","20000000","JPY","1"
a7,2019-09-02,KR,Hanul,,,100,JPY,1
a8,2016-09-02,KR,Hanul,3A001,,1500000,JPY,1
a9,2019-09-02,KR,"unclosed,1C350,281111,1500000,JPY,100
a10,2019-09-02,KR,Hanul,1C350,281111,1500000,JPY,100
`;

  it("in the core: each bad row with its line, the other rows decided", async () => {
    const r = await report(bad, { overlay: demoOverlay });
    expect(r.totals).toMatchObject({ rows: 10, decided: 3, bad: 7 });
    expect(r.problems.map((p) => [p.line, p.message])).toEqual([
      [3, 'date: "2019-02-30" is not a calendar date (day 30)'],
      [4, 'destination: unknown country code "ZZ" (expected ISO 3166 alpha-2, e.g. KR)'],
      [5, 'value: "1.5e6" is not a number >= 0 (digits, optional decimals, no separators)'],
      [
        6,
        "expected 9 fields (id,date,destination,customer,controlNumber,hsCode,value,currency,quantity), got 8",
      ],
      [9, "give a controlNumber or an hsCode"],
      [10, "date: no policy data before 2017-02-22 for regime JP (asked for 2016-09-02)"],
      [11, "CSV: a quoted field opened on this line is never closed"],
    ]);
    // Worker threads share the rows out: each bad row is still reported once, each good row decided once.
    const shared = await report(bad, { overlay: demoOverlay }, 3);
    expect(shared.problems).toEqual(r.problems);
    expect(shared.totals).toEqual(r.totals);
    // a6 spans two lines (a quoted newline) and is decided; a10 after the unclosed quote is decided too.
    const dir = tempFiles({ "s.csv": bad });
    const res = await cli([
      "impact",
      "--shipments",
      join(dir, "s.csv"),
      "--overlay",
      demoOverlay,
      "--out",
      join(dir, "r.json"),
    ]);
    // the report is written, and the exit code says rows were left out (4), unless they are accepted
    expect(res.code).toBe(4);
    expect(res.err).toContain("tradectl: 7 bad rows were left out");
    expect(res.err).toContain("--accept-bad-rows");
    expect(res.out).toContain("10 rows; 3 decided under both; 7 bad rows");
    expect(res.out).toContain("line 3: date:");
    expect(res.out).toContain("line 11: CSV: a quoted field opened on this line is never closed");
    const json = JSON.parse(readFileSync(join(dir, "r.json"), "utf8")) as ImpactReport;
    expect(json.totals.bad).toBe(7);
    expect(json.changedLines.map((l) => [l.id, l.line])).toEqual([["a6", 7]]);
    const accepted = await cli([
      "impact",
      "--shipments",
      join(dir, "s.csv"),
      "--overlay",
      demoOverlay,
      "--accept-bad-rows",
    ]);
    expect(accepted.code).toBe(0);
    expect(accepted.err).toBe("");
  });

  it("a bad header, a missing file or conflicting options are bad input (exit 2)", async () => {
    const dir = tempFiles({
      "h.csv": "id,date,destination,colour,controlNumber\n1,2019-09-02,KR,red,1C350\n",
      "empty.csv": "",
      "x.txt": "",
    });
    const cases: [string[], RegExp][] = [
      [["--shipments", join(dir, "h.csv"), "--overlay", demoOverlay], /h\.csv:1: unknown column "colour"/],
      [["--shipments", join(dir, "empty.csv"), "--overlay", demoOverlay], /empty/],
      [["--shipments", join(dir, "x.txt"), "--overlay", demoOverlay], /neither \.csv nor \.json/],
      [["--shipments", join(dir, "nope.csv"), "--overlay", demoOverlay], /no file/],
      [
        ["--shipments", join(dir, "h.csv"), "--overlay", demoOverlay, "--from", "2019-01-01"],
        /either --overlay/,
      ],
      [["--shipments", join(dir, "h.csv"), "--from", "2019-01-01", "--to", "2019-09-01"], /--regime/],
      [
        ["--shipments", join(dir, "h.csv"), "--from", "2019-01-01", "--to", "2019-09-31", "--regime", "JP"],
        /--to/,
      ],
      [["--shipments", join(dir, "h.csv"), "--overlay", demoOverlay, "--out", join(dir, "r.pdf")], /--out/],
    ];
    for (const [args, re] of cases) {
      const r = await cli(["impact", ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err).toMatch(re);
    }
  });

  it("JSON arrays: bad elements reported by line", async () => {
    const dir = tempFiles({
      "s.json": `[
  { "id": "j1", "date": "2019-09-02", "destination": "KR", "controlNumber": "2B001", "value": 20000000 },
  { "id": "j2", "date": "2019-09-02", "destination": "KR", "controlNumber": "1C350", "valu": 1 },
  { "id": "j3",
    "date": "2019-09-02", "destination": "KR", "hsCode": "848180", "value": 100, } ,
  5,
  { "id": "j5", "date": "2019-09-02", "destination": "KR", "hsCode": "848180", "informed": "wmd", "value": 7 }
]`,
    });
    const { report: r } = await impactReport(packs(), {
      shipments: join(dir, "s.json"),
      overlay: demoOverlay,
    });
    expect(r.totals).toMatchObject({ rows: 5, decided: 2, bad: 3, changed: 2 });
    expect(r.problems.map((p) => p.line)).toEqual([3, 4, 6]);
    expect(r.problems[0]!.message).toMatch(/unknown key "valu"/);
    expect(changedIds(r)).toEqual(["j1", "j5"]);
    expect(r.changedLines.map((l) => l.line)).toEqual([2, 7]);
  });

  it("keeps the first 1,000 bad rows by line, the same with or without worker threads", async () => {
    // 3,000 rows, every other one bad in one of two ways (an unreadable record, reported when the chunk is
    // parsed, and a row without control number or HS code, reported when it is read), in small chunks.
    const rows = ["id,date,destination,customer,controlNumber,hsCode,value,currency,quantity"];
    for (let i = 0; i < 3000; i++) {
      const dest = ["KR", "US", "CN", "DE"][i % 4];
      if (i % 4 === 1) rows.push(`b${i},2019-09-02,${dest},C${i % 7},1C350,281111,100,JPY`);
      else if (i % 4 === 3) rows.push(`b${i},2019-09-02,${dest},C${i % 7},,,100,JPY,1`);
      else rows.push(`g${i},2019-0${1 + (i % 9)}-02,${dest},C${i % 7},1C350,281111,1500000,JPY,1`);
    }
    const dir = tempFiles({ "s.csv": rows.join("\n") + "\n" });
    const run = async (workers: number) =>
      (
        await impactReport(
          packs(),
          { shipments: join(dir, "s.csv"), overlay: demoOverlay },
          { workers, chunkSize: 4096 },
        )
      ).report;
    const alone = await run(0);
    const threads = await run(2);
    expect(alone.totals).toMatchObject({ rows: 3000, bad: 1500 });
    const lines = alone.problems.map((p) => p.line);
    expect(lines).toEqual(Array.from({ length: 1000 }, (_, k) => 3 + 2 * k));
    expect(threads.problems).toEqual(alone.problems);
    expect(threads.changedLines).toEqual(alone.changedLines);
    expect(threads.totals).toEqual(alone.totals);
  }, 60_000);
});

describe("reports", () => {
  it("HTML: SVG charts drawn inline, nothing loaded from elsewhere", async () => {
    const dir = tempFiles({ "s.csv": CSV });
    const out = join(dir, "r.html");
    const r = await cli([
      "impact",
      "--shipments",
      join(dir, "s.csv"),
      "--overlay",
      demoOverlay,
      "--out",
      out,
    ]);
    // the input has one bad row: written, and exit 4
    expect(r.code).toBe(4);
    expect(r.out).toContain(`Report written to ${out}`);
    const html = readFileSync(out, "utf8");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(3);
    expect(html).toContain("Affected value by month");
    expect(html).toContain("Affected value by item");
    expect(html).toMatch(/<rect [^>]*class="bar"><title>2019-09: 2 of 5 lines changed/);
    expect(html).not.toMatch(/<script|<link|@import|url\(|<img|<iframe|<object/i);
    expect(html).not.toMatch(/\ssrc=/i);
    // The only addresses are links to the sources of the change.
    for (const m of html.matchAll(/https?:\/\/[^\s"<]+/g))
      expect([
        "http://www.w3.org/2000/svg",
        "https://github.com/xyna-bpinelab/law-as-code-fefta/blob/798b96c9e27c000909ef189f2bf77a1c3ba0214a/jurisdictions/jp/raw/cabinet_orders/324CO0000000378_20190828_令和元年政令第七十一号.xml",
      ]).toContain(decodeURI(m[0]));
  });

  it("HTML escapes what the input says", async () => {
    const r = await report(CSV.replace("Gaon", "<b>Gaon</b>"), { overlay: demoOverlay });
    const html = reportHtml(r);
    expect(html).toContain("&lt;b&gt;Gaon&lt;/b&gt;");
    expect(html).not.toContain("<b>Gaon</b>");
  });

  it("CSV: one row per changed line; JSON: the whole report", async () => {
    const dir = tempFiles({ "s.csv": CSV });
    await cli([
      "impact",
      "--shipments",
      join(dir, "s.csv"),
      "--overlay",
      demoOverlay,
      "--out",
      join(dir, "r.csv"),
    ]);
    const rows = readFileSync(join(dir, "r.csv"), "utf8").trim().split("\n");
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(
      /^line,id,date,destination,customer,controlNumber,hsCode,value,currency,changes,/,
    );
    expect(rows[2]).toMatch(
      /^5,v1,2019-09-02,KR,Dasan,,848180,1714000,JPY,outcome;basis;licence-options;now-individual,A,/,
    );
    expect(rows[0]).toMatch(/,rules,lostLicences,effect,direction,evidence$/);
    expect(rows[2]).toMatch(/,newly need an individual licence \(catch-all\),worse,established$/);
    const j = await cli(["impact", "--shipments", join(dir, "s.csv"), "--overlay", demoOverlay, "--json"]);
    const parsed = JSON.parse(j.out) as ImpactReport;
    expect(parsed.meta.overlay?.statusQuo).toBe("2019-08-27");
    expect(parsed.totals.changed).toBe(2);
  });
});

describe("ImpactRun (the pure core)", () => {
  it("decides once where both sides hold the same law, twice elsewhere", () => {
    const o = loadPolicyWithOverlay(packJp, demoOverlay);
    const run = new ImpactRun({
      regime: "JP",
      before: { label: "baseline", policy: o.baseline },
      after: { label: "change", policy: o.policy },
      candidates: () => [{ licenceId: "L1", number: "GB-1", type: "general-bulk" }],
    });
    const line = (id: string, date: string) => ({
      line: 2,
      id,
      date,
      destination: "KR",
      customer: "C",
      controlNumber: "2B001",
      value: 20_000_000,
    });
    run.add(line("before", "2019-08-27"));
    run.add(line("after", "2019-08-28"));
    expect(run.tally.changedLines.map((l) => [l.id, l.changes])).toEqual([
      ["after", ["licence-options", "licence-lost"]],
    ]);
    expect(run.tally.licences.L1).toMatchObject({ covered: 2, lost: 1 });
  });
});
