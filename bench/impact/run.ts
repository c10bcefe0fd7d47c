/**
 * The impact benchmark (`npm run bench:impact`): writes N generated shipment lines to a CSV file, then runs
 * `tradectl impact` on them exactly as the command does — stream the file, decide every line under the JP
 * pack and under bench/impact/overlay.yaml in worker threads, merge, build the report — and prints the wall
 * time, lines/s and memory (peak resident set of the process, worker threads included) against the target
 * (1,000,000 lines in under 10 s on this 2-core machine). Every printed figure is measured on this run.
 *
 *   tsx bench/impact/run.ts [--lines 1000000] [--workers N] [--runs 1] [--seed N] [--single] [--keep FILE]
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type * as RunnerModule from "../../src/app/impact-runner.ts";
import type * as ImpactModule from "../../src/impact/index.ts";
import type * as PolicyModule from "../../src/policy/index.ts";

/**
 * The code under measurement: the compiled JavaScript that `tradectl impact` runs (dist/, built by `npm run
 * build`, which `npm run bench:impact` runs first), its worker threads included; the TypeScript sources
 * through tsx only when there is no build (the figures then say so).
 */
const dist = new URL("../../dist/", import.meta.url);
const compiled = existsSync(fileURLToPath(new URL("app/impact-runner.js", dist)));
const load = async <T>(js: string, ts: string): Promise<T> =>
  (await import(compiled ? new URL(js, dist).href : new URL(ts, import.meta.url).href)) as T;
const { impactReport } = await load<typeof RunnerModule>(
  "app/impact-runner.js",
  "../../src/app/impact-runner.ts",
);
const { reportHtml, reportJson } = await load<typeof ImpactModule>(
  "impact/index.js",
  "../../src/impact/index.ts",
);
const { loadPolicies } = await load<typeof PolicyModule>("policy/index.js", "../../src/policy/index.ts");

/** Write the input in a child process, so that its memory is not counted in this one's. */
function generateInChild(file: string, lines: number, seed: number): { lines: number; bytes: number } {
  const script = fileURLToPath(new URL("./generate.ts", import.meta.url));
  const out = execFileSync(
    process.execPath,
    [...process.execArgv, script, file, String(lines), String(seed)],
    {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(out) as { lines: number; bytes: number };
}

/** Wall-time targets for 1,000,000 lines on 2 cores: issue 16's, and the older floor of issues 7 and 18. */
const TARGETS = [
  { seconds: 5, what: "target (issue 16)" },
  { seconds: 10, what: "floor (issues 7, 18)" },
];
const FLAGS = ["lines", "workers", "runs", "seed", "keep"];
const SWITCHES = ["single"];

function checkArgs(args: string[]): void {
  for (let i = 0; i < args.length; i++) {
    const name = args[i]!.replace(/^--/, "");
    if (FLAGS.includes(name)) i++;
    else if (!SWITCHES.includes(name))
      throw new Error(
        `unknown argument ${args[i]}; flags: ${[...FLAGS, ...SWITCHES].map((f) => `--${f}`).join(" ")}`,
      );
  }
}
function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}
function int(name: string, fallback: number, min = 1): number {
  const v = flag(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} needs a whole number >= ${min}, got ${v}`);
  return n;
}
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
const since = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

/** Samples the process's resident set size (all threads) every 25 ms; `stop` gives the peak. */
function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

async function main(): Promise<void> {
  checkArgs(process.argv.slice(2));
  const lines = int("lines", 1_000_000);
  const runs = int("runs", 1);
  const seed = int("seed", 20250701);
  const workers = process.argv.includes("--single") ? 0 : int("workers", cpus().length, 0);
  const overlay = fileURLToPath(new URL("./overlay.yaml", import.meta.url));

  console.log(`tradectl impact benchmark — ${new Date().toISOString().slice(0, 10)}`);
  console.log(
    `machine: ${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} logical cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; Node ${process.version}`,
  );
  console.log(`load average (1 min) at start: ${loadavg()[0]!.toFixed(2)}`);
  console.log(
    compiled
      ? "code: the compiled JavaScript in dist/ (what `tradectl impact` runs)"
      : "code: the TypeScript sources through tsx (no build in dist/: run `npm run build` to measure what `tradectl impact` runs)",
  );

  const dir = mkdtempSync(join(tmpdir(), "tradectl-bench-impact-"));
  const file = flag("keep") ?? join(dir, "shipments.csv");
  try {
    let t0 = process.hrtime.bigint();
    const made = generateInChild(file, lines, seed);
    console.log(
      `generated ${fmt(made.lines)} lines (${mib(made.bytes)} of CSV, seed ${seed}) in ${since(t0).toFixed(1)} s, in a child process → ${file}`,
    );
    t0 = process.hrtime.bigint();
    const policies = loadPolicies();
    console.log(
      `loaded the policy packs in ${since(t0).toFixed(2)} s (before the timed runs, as the CLI does once)`,
    );

    for (let r = 1; r <= runs; r++) {
      if (global.gc) global.gc();
      const rssBefore = process.memoryUsage().rss;
      const sampler = rssSampler();
      const cpu0 = process.cpuUsage();
      t0 = process.hrtime.bigint();
      const { report, result } = await impactReport(policies, { shipments: file, overlay }, { workers });
      const runSeconds = since(t0);
      const cpu = process.cpuUsage(cpu0);
      const peak = sampler.stop();
      const t1 = process.hrtime.bigint();
      const html = reportHtml(report);
      const json = reportJson(report);
      const renderSeconds = since(t1);
      const heap = process.memoryUsage().heapUsed;
      const t = report.totals;
      console.log(
        `\nrun ${r}/${runs}: ${result.workers === 0 ? "one thread (no workers)" : `${result.workers} worker threads + the reading thread`}`,
      );
      console.log(
        `  impact (overlay load, stream, decide under base and overlay, merge, report): ${runSeconds.toFixed(2)} s wall = ${fmt(t.rows / runSeconds)} lines/s`,
      );
      console.log(
        `  decisions: ${fmt(t.decisions)} (${fmt(2 * t.decided - t.decisions)} lines fell in periods where base and overlay hold the same law and were decided once) = ${fmt(t.decisions / runSeconds)} decisions/s`,
      );
      console.log(
        `  engine calls: ${fmt(result.tally.computed)} (${((100 * result.tally.computed) / Math.max(1, t.decisions)).toFixed(1)}% of the decisions; lines the engine cannot tell apart share one)`,
      );
      console.log(
        `  CPU time of the process (all threads, GC included): ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (${(cpu.user / 1e6).toFixed(2)} user + ${(cpu.system / 1e6).toFixed(2)} system)`,
      );
      console.log(
        `  rendering the reports: HTML ${mib(Buffer.byteLength(html))}, JSON ${mib(Buffer.byteLength(json))} in ${renderSeconds.toFixed(2)} s (not in the figure above)`,
      );
      console.log(
        `  rows ${fmt(t.rows)}: decided ${fmt(t.decided)}, bad ${fmt(t.bad)} (generated lines without control number or HS code); changed ${fmt(t.changed)} (${((100 * t.changed) / Math.max(1, t.decided)).toFixed(1)}%), kept in detail ${fmt(report.changedLines.length)}`,
      );
      for (const k of report.kinds) console.log(`    ${k.label.padEnd(36)} ${fmt(k.lines).padStart(9)}`);
      console.log(
        `  memory: peak RSS ${mib(peak)} (all threads; ${mib(rssBefore)} before the run, +${mib(peak - rssBefore)}); heap used after ${mib(heap)}; input file ${mib(statSync(file).size)}`,
      );
      const verdict = TARGETS.map(({ seconds, what }) =>
        runSeconds <= seconds
          ? `${what}: met (${runSeconds.toFixed(2)} s <= ${seconds} s)`
          : `${what}: missed by ${(runSeconds - seconds).toFixed(2)} s (${runSeconds.toFixed(2)} s against <= ${seconds} s)`,
      ).join("; ");
      console.log(
        `  ${lines === 1_000_000 ? verdict : `(${fmt(lines)} lines; the target is for 1,000,000)`}`,
      );
    }
    console.log(`load average (1 min) at the end: ${loadavg()[0]!.toFixed(2)}`);
  } finally {
    if (flag("keep") === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
