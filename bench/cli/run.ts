/**
 * Cold starts of the command line (`npm run bench:cli`): each command run as a new process, as a user runs
 * it, against the floor of any Node program on the same machine — `node -e 0` — in one run, the commands taken
 * in turn so that a change of machine speed touches all of them alike. Commands:
 *
 * - `tradectl check` of one shipment (examples/jp-kr-hf-2019-08-01.json) with no list imported;
 * - the same check with every list of the shared data imported (the end user is screened);
 * - `tradectl screen "<name>"` with every shared list imported: a Latin name, and a Japanese name in kanji
 *   (which loads the Japanese reader's dictionary); the first screen after the import builds the index and
 *   writes it beside the lists, and is timed on its own;
 * - the named baseline: the same check run from the TypeScript sources through tsx, as `tradectl` ran before
 *   it was compiled and bundled.
 *
 *   tsx bench/cli/run.ts [--runs 15] [--out result.json]
 *
 * The compiled program must be built (`npm run build`). Without the shared data (`TRADECTL_DATA` or
 * ../shared/data) the commands with lists are left out and it says so.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { dataRoot } from "../../eval/screen/data.ts";
import { homeWithSharedLists } from "../shared-lists.ts";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(arg("runs") ?? 15);
const out = arg("out");

const bin = join(repo, "bin/tradectl.js");
if (!existsSync(join(repo, "dist/bundle/main.js"))) {
  console.error("bench:cli: the compiled program is missing: run `npm run build` first");
  process.exit(1);
}
const example = join(repo, "examples/jp-kr-hf-2019-08-01.json");
const emptyHome = mkdtempSync(join(tmpdir(), "tradectl-bench-cli-empty-"));

interface Case {
  name: string;
  args: string[];
  home: string;
  /** What the command must print, so that a failing command is not timed as a fast one. */
  expect: RegExp;
}

const cases: Case[] = [
  { name: "node -e 0 (floor)", args: ["-e", "0"], home: emptyHome, expect: /^$/ },
  {
    name: "check, no lists",
    args: [bin, "check", example],
    home: emptyHome,
    expect: /verdict: LICENCE-REQUIRED/,
  },
  {
    name: "check from the sources through tsx (baseline)",
    args: ["--import", "tsx", join(repo, "src/cli/main.ts"), "check", example],
    home: emptyHome,
    expect: /verdict: LICENCE-REQUIRED/,
  },
];

const root = dataRoot();
let listsHome: string | undefined;
let firstScreenMs: number | undefined;
let listSummary = "";
if (!root)
  console.log(
    "bench:cli: ../shared/data is absent (set TRADECTL_DATA): the commands with lists are left out",
  );
else {
  const shared = await homeWithSharedLists(root, "tradectl-bench-cli-lists-");
  listsHome = shared.home;
  listSummary = `${shared.lists.length} lists, ${shared.entities.length} entities`;
  // a listed name with one letter changed, and a Japanese company name in kanji
  const latin = "Rosoboronexprt";
  cases.push(
    { name: "check, all lists imported", args: [bin, "check", example], home: listsHome, expect: /verdict:/ },
    {
      name: `screen "${latin}", all lists`,
      args: [bin, "screen", latin],
      home: listsHome,
      expect: /ROSOBORONEXPORT/i,
    },
    {
      name: 'screen "株式会社東芝" (kanji), all lists',
      args: [bin, "screen", "株式会社東芝"],
      home: listsHome,
      expect: /./,
    },
  );
  // the first screen after the import builds the index and writes it
  const t0 = performance.now();
  const first = spawnSync(process.execPath, [bin, "screen", latin], {
    env: { ...process.env, TRADECTL_HOME: listsHome },
    encoding: "utf8",
  });
  firstScreenMs = performance.now() - t0;
  if (first.status !== 0) throw new Error(`the first screen failed: ${first.stderr}`);
}

const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
for (let r = 0; r < runs; r++)
  for (const c of cases) {
    const t0 = performance.now();
    const p = spawnSync(process.execPath, c.args, {
      cwd: repo,
      env: { ...process.env, TRADECTL_HOME: c.home },
      encoding: "utf8",
    });
    const ms = performance.now() - t0;
    if (p.status !== 0 || !c.expect.test(p.stdout))
      throw new Error(`${c.name}: exit ${p.status}\n${p.stdout.slice(0, 500)}\n${p.stderr.slice(0, 500)}`);
    times.get(c.name)!.push(ms);
  }

const pct = (a: number[], q: number) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const floor = pct(times.get(cases[0]!.name)!, 0.5);
console.log(
  `tradectl cold starts — ${new Date().toISOString().slice(0, 10)}; ${cpus()[0]?.model ?? "?"}, ${cpus().length} cores; Node ${process.version}; load ${loadavg()[0]!.toFixed(2)}; ${runs} runs each, in turn${listSummary ? `; ${listSummary}` : ""}`,
);
const rows = cases.map((c) => {
  const t = times.get(c.name)!;
  return {
    name: c.name,
    median: pct(t, 0.5),
    p90: pct(t, 0.9),
    min: Math.min(...t),
    ratio: pct(t, 0.5) / floor,
  };
});
for (const r of rows)
  console.log(
    `${r.name.padEnd(48)} median ${r.median.toFixed(0).padStart(5)} ms  p90 ${r.p90.toFixed(0).padStart(5)} ms  min ${r.min.toFixed(0).padStart(5)} ms  ${r.ratio.toFixed(2)}× node -e 0`,
  );
if (firstScreenMs !== undefined)
  console.log(`first screen after the import (builds and writes the index): ${firstScreenMs.toFixed(0)} ms`);
if (out) writeFileSync(out, JSON.stringify({ runs, floor, rows, firstScreenMs }, null, 2));
rmSync(emptyHome, { recursive: true, force: true });
if (listsHome) rmSync(listsHome, { recursive: true, force: true });
