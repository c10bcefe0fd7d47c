/**
 * The determination benchmark (`npm run bench`): decides N generated Japanese-regime lines in-process with
 * tradectl's `decide` (full legal trace and caveats built for every line), then the same rules written for
 * json-rules-engine as the baseline, checks that both agree on a sample, and prints lines/s, lines/s/core
 * and the ratio against the targets. Every printed figure is measured on this run.
 *
 *   tsx bench/determine/run.ts [--lines 1000000] [--baseline-lines 20000] [--agree-lines 2000] [--seed N]
 */
import { cpus, totalmem } from "node:os";
import { decide } from "../../src/determine/decide.ts";
import type { Decision, Shipment } from "../../src/determine/types.ts";
import { loadPolicy, type Policy } from "../../src/policy/index.ts";
import { createBaseline, type BaselineDecision } from "./baseline-json-rules-engine.ts";
import { generate } from "./generate.ts";

const TARGET_PER_CORE = 500_000;
const TARGET_RATIO = 50;

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v <= 0)
    throw new Error(`--${name} needs a positive integer, got ${process.argv[i + 1]}`);
  return v;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const secondsSince = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

/** Take the first `n` lines of `shipments` (cutting the last shipment if needed). */
function firstLines(shipments: Shipment[], n: number): Shipment[] {
  const out: Shipment[] = [];
  let left = n;
  for (const s of shipments) {
    if (left <= 0) break;
    out.push(s.items.length <= left ? s : { ...s, items: s.items.slice(0, left) });
    left -= s.items.length;
  }
  return out;
}

/** A tally of the results, so the work cannot be optimised away and the mix can be shown. */
interface Tally {
  lines: number;
  outcomes: Map<string, number>;
  traceSteps: number;
  caveats: number;
}

function tallyDecision(t: Tally, d: Decision): void {
  t.lines++;
  const key = `${d.outcome} / ${d.basis ?? "-"}`;
  t.outcomes.set(key, (t.outcomes.get(key) ?? 0) + 1);
  t.traceSteps += d.trace.length;
  t.caveats += d.caveats.length;
}

function runTradectl(policy: Policy, shipments: Shipment[]): { seconds: number; tally: Tally } {
  const tally: Tally = { lines: 0, outcomes: new Map(), traceSteps: 0, caveats: 0 };
  const t0 = process.hrtime.bigint();
  for (const s of shipments) {
    const result = decide(policy.asOf(s.date), s, policy.version);
    for (const d of result.decisions) tallyDecision(tally, d);
  }
  return { seconds: secondsSince(t0), tally };
}

async function main(): Promise<void> {
  const lines = flag("lines", 1_000_000);
  const baselineLines = flag("baseline-lines", 20_000);
  const agreeLines = flag("agree-lines", 2_000);
  const seed = flag("seed", 20250701);

  const cpu = cpus()[0]?.model ?? "unknown CPU";
  console.log(`tradectl determination benchmark — ${new Date().toISOString().slice(0, 10)}`);
  console.log(
    `machine: ${cpu}, ${cpus().length} logical cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; Node ${process.version}`,
  );

  let t0 = process.hrtime.bigint();
  const jp = loadPolicy("policy/jp");
  console.log(`loaded policy/jp (${jp.version.slice(0, 19)}…) in ${secondsSince(t0).toFixed(2)} s`);
  t0 = process.hrtime.bigint();
  try {
    const kr = loadPolicy("policy/kr");
    console.log(
      `loaded policy/kr (${kr.version.slice(0, 19)}…) in ${secondsSince(t0).toFixed(2)} s (not used below: the lines are Japanese)`,
    );
  } catch (e) {
    console.log(`policy/kr did not load (not used below): ${String(e).split("\n")[0]}`);
  }

  t0 = process.hrtime.bigint();
  const { shipments, lines: made } = generate(lines, seed);
  console.log(
    `generated ${fmt(made)} lines in ${fmt(shipments.length)} shipments (seed ${seed}) in ${secondsSince(t0).toFixed(2)} s`,
  );

  // ---- tradectl ------------------------------------------------------------------------------------------
  // Warm-up: JIT and the per-date snapshot cache (Policy.asOf builds each date's snapshot once).
  const warm = runTradectl(jp, firstLines(shipments, Math.min(made, 200_000)));
  console.log(`\ntradectl warm-up: ${fmt(warm.tally.lines)} lines in ${warm.seconds.toFixed(2)} s`);
  const run = runTradectl(jp, shipments);
  const rate = run.tally.lines / run.seconds;
  console.log(`tradectl decide (trace on): ${fmt(run.tally.lines)} lines in ${run.seconds.toFixed(3)} s`);
  console.log(
    `  ${fmt(rate)} lines/s on 1 thread = ${fmt(rate)} lines/s/core (single-threaded run: one core)`,
  );
  console.log(
    `  trace steps built: ${fmt(run.tally.traceSteps)} (${(run.tally.traceSteps / run.tally.lines).toFixed(2)} per line); caveats: ${fmt(run.tally.caveats)}`,
  );
  console.log("  outcome / basis mix:");
  for (const [k, v] of [...run.tally.outcomes].sort((a, b) => b[1] - a[1]))
    console.log(`    ${k.padEnd(36)} ${fmt(v).padStart(10)}  ${((100 * v) / run.tally.lines).toFixed(1)}%`);

  // ---- baseline ------------------------------------------------------------------------------------------
  const baseline = createBaseline();
  const decideBaseline = async (
    ships: Shipment[],
  ): Promise<{ seconds: number; decisions: BaselineDecision[] }> => {
    const decisions: BaselineDecision[] = [];
    const start = process.hrtime.bigint();
    for (const s of ships) for (const line of s.items) decisions.push(await baseline.decideLine(s, line));
    return { seconds: secondsSince(start), decisions };
  };
  const bSample = firstLines(shipments, Math.min(made, baselineLines));
  await decideBaseline(firstLines(shipments, Math.min(made, 2_000)));
  const b = await decideBaseline(bSample);
  const bRate = b.decisions.length / b.seconds;
  console.log(`\njson-rules-engine baseline: ${fmt(b.decisions.length)} lines in ${b.seconds.toFixed(3)} s`);
  console.log(`  ${fmt(bRate)} lines/s on 1 thread (sequential await engine.run per line)`);

  // ---- agreement -----------------------------------------------------------------------------------------
  const aSample = firstLines(shipments, Math.min(made, agreeLines));
  let agreeOutcome = 0;
  let agreeBasis = 0;
  let total = 0;
  const disagreements: string[] = [];
  for (const s of aSample) {
    const ours = decide(jp.asOf(s.date), s, jp.version).decisions;
    for (const [i, line] of s.items.entries()) {
      const theirs = await baseline.decideLine(s, line);
      const d = ours[i]!;
      total++;
      const sameOutcome = d.outcome === theirs.outcome;
      if (sameOutcome) agreeOutcome++;
      if (sameOutcome && d.basis === theirs.basis) agreeBasis++;
      else if (disagreements.length < 10)
        disagreements.push(
          `    ${s.date} ${s.destination} ${line.controlNumber ?? "-"} HS ${line.hsCode ?? "-"} ¥${line.value ?? "?"} wmd=${s.endUse.wmd} mil=${s.endUse.military}` +
            ` informed=[${s.endUse.informed.join(",")}] listedEU=${s.endUse.endUserListed}: tradectl ${d.outcome}/${d.basis ?? "-"}, baseline ${theirs.outcome}/${theirs.basis ?? "-"}` +
            (d.caveats.length > 0
              ? ` [tradectl caveats: ${d.caveats.map((c) => c.message).join(" | ")}]`
              : ""),
        );
    }
  }
  console.log(
    `\nagreement on ${fmt(total)} lines: outcome ${fmt(agreeOutcome)}/${fmt(total)}, outcome and basis ${fmt(agreeBasis)}/${fmt(total)}`,
  );
  if (disagreements.length > 0) {
    console.log(`  first ${disagreements.length} disagreements (outcome or basis):`);
    for (const d of disagreements) console.log(d);
  }

  // ---- verdict -------------------------------------------------------------------------------------------
  const ratio = rate / bRate;
  console.log(`\nratio tradectl / json-rules-engine: ${ratio.toFixed(1)}×`);
  console.log(
    `target ≥ ${fmt(TARGET_PER_CORE)} lines/s/core: ${rate >= TARGET_PER_CORE ? "MET" : "NOT MET"} (${fmt(rate)})`,
  );
  console.log(
    `target ≥ ${TARGET_RATIO}× the baseline: ${ratio >= TARGET_RATIO ? "MET" : "NOT MET"} (${ratio.toFixed(1)}×)`,
  );
}

await main();
