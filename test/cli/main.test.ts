/** CLI tests: the `check --json` contract, `groups`, `timeline`, and bad input (exit 2, every problem by path, no stack trace). */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { evidenceLegend } from "../../src/cli/format.ts";
import { run, type Io } from "../../src/cli/main.ts";

const repo = fileURLToPath(new URL("../..", import.meta.url));

async function cli(args: string[], stdin = "") {
  let out = "";
  let err = "";
  const io: Io = { stdout: (s) => (out += `${s}\n`), stderr: (s) => (err += `${s}\n`), stdin: () => stdin };
  const code = await run(args, io);
  return { code, out, err };
}

const hf = {
  regime: "JP",
  date: "2019-08-01",
  destination: "KR",
  endUser: { name: "Korean chipmaker", country: "KR" },
  endUse: { wmd: "none", military: "none", informed: [], endUserListed: false, redFlags: [] },
  items: [
    {
      id: "1",
      description: "hydrogen fluoride",
      controlNumber: "1C350",
      hsCode: "281111",
      quantity: 1000,
      unit: "kg",
      value: 1500000,
      currency: "JPY",
    },
  ],
};

describe("tradectl check", () => {
  it("answers the contract's example with --json from standard input", async () => {
    const r = await cli(["check", "-", "--json"], JSON.stringify(hf));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({
      regime: "JP",
      date: "2019-08-01",
      destination: "KR",
      destinationGroups: ["A"],
    });
    expect(out.policyVersion).toMatch(/^sha256:[0-9a-f]{64}$/);
    const d = out.decisions[0];
    expect(d).toMatchObject({
      id: "1",
      outcome: "licence-required",
      basis: "special-measure",
      licenceOptions: ["individual"],
      exemptions: [],
    });
    expect(d.trace.length).toBeGreaterThan(2);
    for (const step of d.trace) expect(step).toHaveProperty("rule");
  });

  it("reads a file and prints a table and an indented trace by default", async () => {
    const r = await cli(["check", join(repo, "examples/jp-kr-hf-2019-08-01.json")]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("licence-required");
    expect(r.out).toContain("jp-2019-07-04-kr-three-items");
    // the evidence marks the trace shows are explained below it, and only those
    expect(r.out).toMatch(/evidence marks:\n {2}\[V\] verified: a primary source states it/);
    expect(r.out).toContain("[R] reported:");
  });

  it("explains only the evidence marks a text shows", () => {
    expect(evidenceLegend("[V] a\n[V] b")).toBe(
      "evidence marks:\n  [V] verified: a primary source states it (the legal text, or an official notice or release)",
    );
    expect(evidenceLegend("licence x [unverified]")).toContain("[UNVERIFIED] not confirmed");
    expect(evidenceLegend("nothing marked")).toBe("");
  });

  it("accepts an array of shipments", async () => {
    const r = await cli(["check", "-", "--json"], JSON.stringify([hf, { ...hf, date: "2023-08-01" }]));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.map((x: { decisions: { basis: string }[] }) => x.decisions[0]!.basis)).toEqual([
      "special-measure",
      "listed",
    ]);
  });

  it("decides a technology transfer in the reader's language, with its provision in the trace", async () => {
    const tech = {
      regime: "JP",
      kind: "technology",
      date: "2022-05-01",
      destination: "CN",
      technology: { recipient: "resident-specified", place: "domestic", means: "training" },
      items: [{ controlNumber: "3E001" }],
    };
    const r = await cli(["check", "-", "--lang", "ja"], JSON.stringify(tech));
    expect(r.code).toBe(0);
    expect(r.out).toContain("役務取引許可");
    expect(r.out).toContain("みなし輸出");
    const j = await cli(["check", "-", "--json"], JSON.stringify({ ...tech, date: "2022-04-30" }));
    expect(JSON.parse(j.out).decisions[0].outcome).toBe("undetermined");
  });

  const bad: [string, unknown, string[]][] = [
    [
      "technology without its facts",
      { ...hf, kind: "technology" },
      ["$.technology: a technology transfer needs its facts"],
    ],
    [
      "technology facts given as null",
      { ...hf, kind: "technology", technology: null },
      ["$.technology: a technology transfer needs its facts"],
    ],
    [
      "brokering facts of the wrong type",
      { ...hf, kind: "brokering", destination: undefined, brokering: 7 },
      ["$.brokering:"],
    ],
    [
      "transit without a final destination",
      { ...hf, kind: "transit", destination: undefined, transit: { origin: "US" } },
      ["$.transit.finalDestination: is required"],
    ],
    ["malformed JSON", "{not json", ["$: malformed JSON"]],
    ["unknown regime", { ...hf, regime: "XX" }, ['$.regime: unknown regime "XX"']],
    ["unknown country code", { ...hf, destination: "ZZ" }, ['$.destination: unknown country code "ZZ"']],
    ["impossible date", { ...hf, date: "2019-02-30" }, ["$.date:", "not a calendar date"]],
    [
      "item with neither controlNumber nor hsCode",
      { ...hf, items: [{ id: "1" }] },
      ["$.items[0]: an item needs a controlNumber or an hsCode"],
    ],
    [
      "non-numeric quantity",
      { ...hf, items: [{ ...hf.items[0], quantity: "ten" }] },
      ["$.items[0].quantity: quantity must be a number"],
    ],
    [
      "unreadable control number",
      { ...hf, items: [{ controlNumber: "foo" }] },
      ['$.items[0].controlNumber: "foo" is not a control number'],
    ],
    ["unknown key", { ...hf, destinaton: "KR" }, ['unknown key "destinaton"']],
    ["date before the pack", { ...hf, date: "2010-01-01" }, ["$.date: no policy data before 2017-02-22"]],
    [
      "several problems at once",
      { ...hf, destination: "ZZ", date: "2019-13-01" },
      ["$.destination", "$.date"],
    ],
  ];
  for (const [name, input, expected] of bad)
    it(`bad input: ${name} → exit 2, named by path, no stack trace`, async () => {
      const r = await cli(["check", "-"], typeof input === "string" ? input : JSON.stringify(input));
      expect(r.code).toBe(2);
      for (const e of expected) expect(r.err).toContain(e);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.out).toBe("");
    });
});

describe("tradectl groups and timeline", () => {
  it("groups JP KR --date 2020-01-01 --json", async () => {
    const r = await cli(["groups", "JP", "KR", "--date", "2020-01-01", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      regime: "JP",
      country: "KR",
      date: "2020-01-01",
      groups: ["B"],
    });
  });
  it("groups KR JP on 2020-01-01 is 가의2, on 2023-04-24 가", async () => {
    expect(
      JSON.parse((await cli(["groups", "KR", "JP", "--date", "2020-01-01", "--json"])).out).groups,
    ).toEqual(["가의2"]);
    expect(
      JSON.parse((await cli(["groups", "KR", "JP", "--date", "2023-04-24", "--json"])).out).groups,
    ).toEqual(["가"]);
  });
  it("groups without --date uses today in the regime's time zone", async () => {
    const r = await cli(["groups", "jp", "kr", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
  it("groups with a bad date or country exits 2", async () => {
    expect((await cli(["groups", "JP", "KR", "--date", "2020-02-31"])).code).toBe(2);
    expect((await cli(["groups", "JP", "XX"])).code).toBe(2);
    expect((await cli(["groups", "EU", "KR"])).code).toBe(2);
    expect((await cli(["groups", "JP", "KR", "--date", "2001-01-01"])).err).toContain(
      "no policy data before 2017-02-22",
    );
  });
  it("timeline JP KR lists the 2019 and 2023 transitions with sources", async () => {
    const r = await cli(["timeline", "JP", "KR", "--json"]);
    expect(r.code).toBe(0);
    const t = JSON.parse(r.out);
    expect(t.periods.map((p: { from: string; groups: string[] }) => [p.from, p.groups.join("")])).toEqual([
      ["2017-02-22", "A"],
      ["2019-08-28", "B"],
      ["2023-07-21", "A"],
    ]);
    for (const p of t.periods) for (const f of p.facts) expect(f.cite.length).toBeGreaterThan(0);
    expect((await cli(["timeline", "KR", "JP"])).out).toContain("가의2");
  });
});

describe("the tradectl executable", () => {
  it("runs as a process: exit 0 on success, 2 on bad input", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tradectl-"));
    const file = join(dir, "s.json");
    writeFileSync(file, JSON.stringify(hf));
    const ok = execFileSync(process.execPath, [join(repo, "bin/tradectl.js"), "check", file, "--json"], {
      encoding: "utf8",
    });
    expect(JSON.parse(ok).decisions[0].outcome).toBe("licence-required");
    const badRun = spawnSync(process.execPath, [join(repo, "bin/tradectl.js"), "check", "-"], {
      input: "[",
      encoding: "utf8",
    });
    expect(badRun.status).toBe(2);
    expect(badRun.stderr).toContain("malformed JSON");
  });

  it("runs an impact in worker threads from the bundled program, as without them", () => {
    const run = (workers: string) =>
      JSON.parse(
        execFileSync(
          process.execPath,
          [
            join(repo, "bin/tradectl.js"),
            "impact",
            "--shipments",
            join(repo, "examples/demo/jp-kr-2019-shipments.csv"),
            "--overlay",
            join(repo, "examples/demo/kr-leaves-group-a-2019-08-28.yaml"),
            "--workers",
            workers,
            "--json",
          ],
          { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
        ),
      ) as { totals: { rows: number; changed: number }; changedLines: unknown[] };
    const threads = run("2");
    const alone = run("0");
    expect(threads.totals.rows).toBe(3120);
    expect(threads.totals.changed).toBeGreaterThan(0);
    expect(threads.totals).toEqual(alone.totals);
    expect(threads.changedLines).toEqual(alone.changedLines);
  }, 60_000);
});
