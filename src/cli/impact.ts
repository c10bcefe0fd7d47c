/**
 * `tradectl diff`, `tradectl impact` and `tradectl policy apply-overlay`: the what-if commands. Parses the
 * options, calls the impact service (src/app/impact-runner.ts), prints a summary and writes the report.
 */
import type { Command } from "commander";
import { RowsLeftOut } from "./errors.ts";
import { registerBuildOverlay } from "./build-overlay.ts";
import { writeFileSync } from "node:fs";
import { extname } from "node:path";
import { BadInputError } from "../app/errors.ts";
import {
  dateArg,
  display,
  impactReport,
  loadOverlay,
  policyOf,
  type RunOptions,
} from "../app/impact-runner.ts";
import {
  formatLawDiff,
  formatOverlay,
  overlaySummary,
  reportCsv,
  reportHtml,
  reportJson,
  summaryText,
} from "../impact/index.ts";
import { diffDates } from "../policy/diff.ts";
import { NoPolicyDataError, type PolicySet } from "../policy/index.ts";
import type { Io } from "./io.ts";

export {
  impactReport,
  impactPlan,
  loadOverlay,
  packDir,
  readLicences,
  runImpact,
} from "../app/impact-runner.ts";

async function withProgress<T>(
  enabled: boolean,
  f: (cb?: RunOptions["onProgress"]) => Promise<T>,
): Promise<T> {
  if (!enabled) return f(undefined);
  const { SingleBar, Presets } = await import("cli-progress");
  const bar = new SingleBar(
    {
      format: "impact |{bar}| {percentage}% | {value}/{total} MB | {duration}s",
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  let started = false;
  try {
    return await f((read, total) => {
      const mb = (n: number) => Math.round(n / 2 ** 20);
      if (!started) {
        bar.start(Math.max(1, mb(total)), 0);
        started = true;
      }
      bar.update(mb(read));
    });
  } finally {
    if (started) bar.stop();
  }
}

export function registerImpactCommands(program: Command, io: Io, policies: () => PolicySet): void {
  program
    .command("diff")
    .description("every dated fact of a regime's law that differs between two dates, with sources")
    .argument("<regime>", "JP or KR")
    .argument("<date1>", "YYYY-MM-DD")
    .argument("<date2>", "YYYY-MM-DD (on or after date1)")
    .option("--json", "print machine-readable JSON")
    .action((regime: string, date1: string, date2: string, opts: { json?: boolean }) => {
      const policy = policyOf(policies(), regime);
      const a = dateArg("<date1>", date1);
      const b = dateArg("<date2>", date2);
      if (b < a)
        throw new BadInputError([`<date2> ${b} is before <date1> ${a}; give the earlier date first`]);
      let d;
      try {
        d = diffDates(policy, a, b);
      } catch (e) {
        if (e instanceof NoPolicyDataError) throw new BadInputError([`<date1>: ${e.message}`]);
        throw e;
      }
      io.stdout(opts.json ? JSON.stringify(d, null, 2) : formatLawDiff(d));
    });

  const policyCmd =
    program.commands.find((c) => c.name() === "policy") ??
    program.command("policy").description("policy packs and proposed changes (overlays)");
  registerBuildOverlay(policyCmd, io, policies);
  policyCmd
    .command("apply-overlay")
    .description("validate an overlay (a proposed change) against its pack and show the resulting timeline")
    .argument("<overlay>", "overlay YAML file")
    .option("--json", "print machine-readable JSON")
    .action((file: string, opts: { json?: boolean }) => {
      const o = loadOverlay(file, policies());
      const s = overlaySummary(display(file), display(o.dir), o.overlay, o.baseline, o.policy);
      io.stdout(opts.json ? JSON.stringify(s, null, 2) : formatOverlay(s));
    });

  program
    .command("impact")
    .description(
      "decide every shipment line under the baseline and under a change (overlay, or the law of two dates) and report what changes",
    )
    .requiredOption("--shipments <file>", "shipment lines: .csv (streamed) or .json (array)")
    .option("--overlay <file>", "a proposed change (overlay YAML); the baseline is its pack")
    .option("--from <date>", "decide every line under the law of this date …")
    .option("--to <date>", "… and of this date")
    .option("--regime <regime>", "JP or KR (with --from/--to; an overlay names its own)")
    .option("--licences <file>", "licences held (JSON, the API's licence shape): which stop covering lines")
    .option("--out <file>", "write the report: .html (charts, offline), .json or .csv (changed lines)")
    .option("--workers <n>", "worker threads (0 = none; default: by input size)")
    .option("--json", "print the JSON report instead of the summary")
    .option("--lines <n>", "changed lines listed in the summary per section (default 10)")
    .option(
      "--accept-bad-rows",
      "exit 0 although bad rows were left out (without it: exit 4 when any row was)",
    )
    .action(
      async (o: {
        shipments: string;
        overlay?: string;
        from?: string;
        to?: string;
        regime?: string;
        licences?: string;
        out?: string;
        workers?: string;
        json?: boolean;
        lines?: string;
        acceptBadRows?: boolean;
      }) => {
        const int = (name: string, v: string | undefined) => {
          if (v === undefined) return undefined;
          const n = Number(v);
          if (!Number.isInteger(n) || n < 0)
            throw new BadInputError([`${name}: "${v}" is not a whole number`]);
          return n;
        };
        const workers = int("--workers", o.workers);
        const lines = int("--lines", o.lines);
        const outExt = o.out ? extname(o.out).toLowerCase() : undefined;
        if (outExt !== undefined && ![".html", ".htm", ".json", ".csv"].includes(outExt))
          throw new BadInputError([`--out: ${o.out} is not .html, .json or .csv`]);
        const { report } = await withProgress(Boolean(process.stderr.isTTY) && !o.json, (onProgress) =>
          impactReport(policies(), o, { workers, onProgress }),
        );
        if (o.out) {
          const text =
            outExt === ".json"
              ? reportJson(report)
              : outExt === ".csv"
                ? reportCsv(report)
                : reportHtml(report);
          try {
            writeFileSync(o.out, text);
          } catch (e) {
            throw new BadInputError([`--out: cannot write ${o.out}: ${(e as Error).message}`]);
          }
        }
        io.stdout(o.json ? reportJson(report) : summaryText(report, { lines }));
        if (o.out && !o.json) io.stdout(`\nReport written to ${o.out}`);
        if (report.totals.bad > 0 && !o.acceptBadRows) throw new RowsLeftOut(report.totals.bad);
      },
    );
}
