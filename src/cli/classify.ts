/**
 * `tradectl classify "<text>" [--regime JP|KR] [--cas …] [--hs …] [--param k=v] [--date D] [--lang L] [--json]`:
 * find the control-list entry for an item, in each regime's numbering, and check its parameters against it (the
 * check's reasons and caveats in English, Korean or Japanese).
 */
import type { Command } from "commander";
import {
  buildClassifyIndex,
  checkParameters,
  entryForHit,
  parseParam,
  searchControlList,
  type ItemParameter,
} from "../classify/index.ts";
import { localiseHits } from "../app/localise.ts";
import { isLang } from "../messages/index.ts";
import { dateProblem, type PolicySet } from "../policy/index.ts";
import type { Io } from "./io.ts";
import { RemoteError } from "./remote.ts";

export function classifyCommand(
  policies: PolicySet,
  query: {
    text?: string;
    regime?: string;
    cas?: string[];
    hs?: string[];
    param?: string[];
    date?: string;
    limit?: number;
    lang?: string;
  },
) {
  const problems: string[] = [];
  if (query.regime && !policies.has(query.regime.toUpperCase()))
    problems.push(`--regime: unknown regime "${query.regime}" (known: ${[...policies.keys()].join(", ")})`);
  if (query.date && dateProblem(query.date)) problems.push(`--date: ${dateProblem(query.date)}`);
  if (query.lang !== undefined && !isLang(query.lang))
    problems.push(`--lang: "${query.lang}" is not one of en, ko, ja`);
  const params: ItemParameter[] = [];
  for (const p of query.param ?? []) {
    const parsed = parseParam(p);
    if (!parsed) problems.push(`--param: "${p}" is not name=value (e.g. wavelength=193nm)`);
    else params.push(parsed);
  }
  if (!query.text?.trim() && !query.cas?.length && !query.hs?.length && params.length === 0)
    problems.push("give a text, --cas, --hs or --param");
  if (problems.length > 0) throw new RemoteError(problems);
  const index = buildClassifyIndex(policies.values());
  const regime = query.regime?.toUpperCase();
  const hits = searchControlList(
    index,
    { text: query.text, cas: query.cas, hs: query.hs, params },
    { regime, date: query.date, limit: query.limit ?? 10 },
  );
  const results = hits.map((hit) => {
    const entry = entryForHit(index, hit, regime);
    const check =
      params.length > 0 && entry
        ? checkParameters(entry, params, { date: query.date, subItem: hit.entry.number })
        : undefined;
    return check ? { ...hit, check } : hit;
  });
  return localiseHits(results, isLang(query.lang) ? query.lang : "en");
}

export function registerClassifyCommand(program: Command, io: Io, policies: () => PolicySet): void {
  program
    .command("classify")
    .description(
      "find the control-list entry for an item (words in English/Korean/Japanese, CAS, HS, parameters)",
    )
    .argument("[text]", 'what the item is, e.g. "photoresist 193 nm" or 불화수소')
    .option("--regime <regime>", "JP or KR")
    .option("--cas <cas...>", "CAS numbers")
    .option("--hs <hs...>", "HS codes")
    .option("--param <k=v...>", "item parameters, e.g. wavelength=193nm")
    .option("--date <YYYY-MM-DD>", "the entries in force on this date")
    .option(
      "--lang <lang>",
      "the language of the explanations and the check's reasons and caveats: en, ko or ja (default: en)",
    )
    .option("--json", "print JSON")
    .action(
      (
        text: string | undefined,
        o: {
          regime?: string;
          cas?: string[];
          hs?: string[];
          param?: string[];
          date?: string;
          lang?: string;
          json?: boolean;
        },
      ) => {
        const results = classifyCommand(policies(), { text, ...o });
        if (o.json) {
          io.stdout(JSON.stringify({ query: { text, ...o, json: undefined }, results }, null, 2));
          return;
        }
        if (results.length === 0) {
          io.stdout("no entry found");
          return;
        }
        for (const r of results) {
          const n = r.regimeNumbering;
          const where = [n.wa && `WA/EU ${n.wa}`, n.kr && `KR ${n.kr}`, n.jp && `JP row ${n.jp}`]
            .filter(Boolean)
            .join(" · ");
          io.stdout(`${r.entry.number}  ${r.entry.title}  (score ${r.score.toFixed(2)}; ${where})`);
          for (const w of r.why) io.stdout(`    why: ${w}`);
          if ("check" in r && r.check) {
            io.stdout(
              `    parameters: ${r.check.result}${r.check.subItem ? ` (${r.check.subItem})` : ""}${r.check.missing.length ? `; missing: ${r.check.missing.join(", ")}` : ""}`,
            );
            for (const c of r.check.caveats) io.stdout(`    caveat [UNVERIFIED]: ${c}`);
          }
        }
      },
    );
}
