/**
 * `tradectl policy build-overlay`: a proposed change in an analyst's terms, from options or a JSON file, written
 * as a validated overlay (YAML) for review and saved with `--out`. Parses the options into a change and calls the
 * change builder (src/app/change-builder.ts); prints the YAML and what it changes.
 */
import type { Command } from "commander";
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { BadInputError } from "../app/errors.ts";
import { buildChange } from "../app/change-builder.ts";
import { formatOverlay } from "../impact/law-text.ts";
import type { PolicySet } from "../policy/index.ts";
import type { Io } from "./io.ts";

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** `provision|url`, or a URL, or a provision. */
function source(v: string): Record<string, string> {
  const [a, b] = v.split("|").map((x) => x.trim());
  if (b !== undefined) return { ...(a ? { provision: a } : {}), ...(b ? { url: b } : {}) };
  return /^https?:\/\//.test(a!) ? { url: a! } : { provision: a! };
}

/** The steps named by the options, each `FIELD:FIELD:…` as its help says. */
function steps(o: Options): unknown[] {
  const bad: string[] = [];
  const parts = (flag: string, v: string, n: number, m = n) => {
    const p = v.split(":");
    if (p.length < n || p.length > m)
      bad.push(
        `${flag} "${v}": expected ${flag === "--leave-group" ? "COUNTRY:GROUP:DATE" : flag === "--join-group" ? "COUNTRIES:GROUP:DATE[:EVIDENCE]" : flag === "--end-measure" ? "MEASURE:DATE" : "LIST:HS,HS…:DATE[:TITLE]"}`,
      );
    return p;
  };
  const out: unknown[] = [];
  for (const v of o.leaveGroup ?? []) {
    const [country, group, on] = parts("--leave-group", v, 3);
    out.push({ kind: "leave-group", country: country?.toUpperCase(), group, on });
  }
  for (const v of o.joinGroup ?? []) {
    const [countries, group, from, evidence] = parts("--join-group", v, 3, 4);
    out.push({
      kind: "join-group",
      countries: (countries ?? "").split(",").map((c) => c.trim().toUpperCase()),
      group,
      from,
      ...(evidence ? { evidence } : {}),
    });
  }
  for (const v of o.endMeasure ?? []) {
    const p = parts("--end-measure", v, 2);
    out.push({ kind: "end-measure", measure: p[0], on: p[1] });
  }
  for (const v of o.itemListGains ?? []) {
    const [itemList, hs, from, ...title] = parts("--item-list-gains", v, 3, 99);
    out.push({
      kind: "item-list-gains",
      itemList,
      hs: (hs ?? "").split(",").map((h) => h.trim().replace(/\./g, "")),
      from,
      ...(title.length ? { title: title.join(":") } : {}),
    });
  }
  if (bad.length > 0) throw new BadInputError(bad);
  return out;
}

interface Options {
  spec?: string;
  regime?: string;
  title?: string;
  effective?: string;
  statusQuo?: string;
  note?: string;
  source?: string[];
  leaveGroup?: string[];
  joinGroup?: string[];
  endMeasure?: string[];
  itemListGains?: string[];
  out?: string;
  json?: boolean;
}

export function registerBuildOverlay(policyCmd: Command, io: Io, policies: () => PolicySet): void {
  policyCmd
    .command("build-overlay")
    .description(
      "build a proposed change (a country leaves or joins a group, a measure ends, an item list gains HS codes) as a validated overlay",
    )
    .option(
      "--spec <file>",
      "the change as JSON (regime, title, effective, statusQuo?, note?, sources, steps)",
    )
    .option("--regime <regime>", "JP or KR")
    .option("--title <text>", "what the change is")
    .option("--effective <date>", "the date the change takes effect")
    .option("--status-quo <date>", "state the change against the law of this date, held unchanged")
    .option("--note <text>", "a note on the change")
    .option("--source <provision|url>", "a source of the change (repeatable; every step cites them)", collect)
    .option(
      "--leave-group <COUNTRY:GROUP:DATE>",
      "the country leaves the group on the date (repeatable)",
      collect,
    )
    .option(
      "--join-group <COUNTRIES:GROUP:DATE[:EVIDENCE]>",
      "the countries join the group from the date",
      collect,
    )
    .option("--end-measure <MEASURE:DATE>", "the special measure ends on the date (repeatable)", collect)
    .option(
      "--item-list-gains <LIST:HS,HS:DATE[:TITLE]>",
      "the item list gains HS codes from the date",
      collect,
    )
    .option("--out <file>", "save the overlay (YAML) here")
    .option("--json", "print the YAML and the summary as JSON")
    .action((o: Options) => {
      let body: unknown;
      if (o.spec) {
        try {
          body = JSON.parse(readFileSync(o.spec, "utf8"));
        } catch (e) {
          throw new BadInputError([`--spec ${o.spec}: ${(e as Error).message}`]);
        }
      } else
        body = {
          regime: o.regime?.toUpperCase(),
          title: o.title,
          effective: o.effective,
          ...(o.statusQuo ? { statusQuo: o.statusQuo } : {}),
          ...(o.note ? { note: o.note } : {}),
          sources: (o.source ?? []).map(source),
          steps: steps(o),
        };
      const built = buildChange(policies(), body, o.out ? basename(o.out) : "overlay.yaml");
      if (o.out)
        try {
          writeFileSync(o.out, built.yaml);
        } catch (e) {
          throw new BadInputError([`--out: cannot write ${o.out}: ${(e as Error).message}`]);
        }
      if (o.json) io.stdout(JSON.stringify({ yaml: built.yaml, summary: built.summary }, null, 2));
      else
        io.stdout(
          `${built.yaml}\n${formatOverlay(built.summary)}${o.out ? `\n\nOverlay written to ${o.out}` : ""}`,
        );
    });
}
