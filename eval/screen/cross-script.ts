/**
 * The cross-script evaluation: names of real listed parties written by the tradectl team the way Chinese,
 * Korean, Japanese, Russian and Persian/Arabic users type them (eval/screen/cross-script.csv), and legitimate
 * companies and ordinary names that must not hit, screened against every shared list. Per script: precision
 * and recall. A positive counts as found when a match at the threshold (among the first five) is the expected
 * party — its entry, or a copy grouped with it, has the expected name (or one of the names "A | B" under which
 * two lists hold the same party); a positive whose matches are all other
 * parties also counts a false positive. A negative with any match is a false positive.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import type { ListEntity } from "../../src/screen/entity.ts";
import { ScreeningIndex, type Transliterator } from "../../src/screen/index.ts";

export const SCRIPTS = ["han", "hangul", "kana", "cyrillic", "arabic"] as const;
export type EvalScript = (typeof SCRIPTS)[number];

export interface CrossScriptRow {
  script: EvalScript;
  kind: "positive" | "negative";
  type: "person" | "entity";
  query: string;
  expected: string;
  note: string;
}

export interface ScriptFigures {
  positives: number;
  negatives: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export interface CrossScriptResult {
  rows: number;
  byScript: Record<EvalScript, ScriptFigures>;
  all: ScriptFigures;
  /** Positives not found, and negatives (or positives) that hit another party, with the top match. */
  misses: { script: string; query: string; expected: string; got: string }[];
}

const here = dirname(fileURLToPath(import.meta.url));

export function readCrossScriptRows(file = join(here, "cross-script.csv")): CrossScriptRow[] {
  const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  return rows.map((r, i) => {
    const script = r.script as EvalScript;
    if (!SCRIPTS.includes(script)) throw new Error(`${file} line ${i + 2}: unknown script "${r.script}"`);
    if (r.kind !== "positive" && r.kind !== "negative")
      throw new Error(`${file} line ${i + 2}: kind must be positive or negative`);
    if (r.kind === "positive" && !r.expected)
      throw new Error(`${file} line ${i + 2}: a positive needs expected`);
    return {
      script,
      kind: r.kind,
      type: r.type === "person" ? "person" : "entity",
      query: r.query!,
      expected: r.expected ?? "",
      note: r.note ?? "",
    };
  });
}

/** A name as compared with the expected one: case, spacing and a parenthesised acronym ("(Alibaba)") aside. */
const norm = (s: string) =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\([^)]*\)/g, " ")
    .replace(/\s+/g, " ")
    .trim();

function figures(): ScriptFigures {
  return { positives: 0, negatives: 0, tp: 0, fp: 0, fn: 0, precision: 0, recall: 0 };
}

function finish(f: ScriptFigures): ScriptFigures {
  f.precision = f.tp + f.fp > 0 ? f.tp / (f.tp + f.fp) : 1;
  f.recall = f.tp + f.fn > 0 ? f.tp / (f.tp + f.fn) : 1;
  return f;
}

/** Screen every row against an index of all the shared lists. */
export function evaluateCrossScript(
  entities: readonly ListEntity[],
  tr: Transliterator,
  opts: { threshold: number; rows?: CrossScriptRow[]; index?: ScreeningIndex },
): CrossScriptResult {
  const rows = opts.rows ?? readCrossScriptRows();
  const index = opts.index ?? ScreeningIndex.build(entities, { transliterator: tr });
  const byId = new Map(entities.map((e) => [e.id, e]));
  const byScript = Object.fromEntries(SCRIPTS.map((s) => [s, figures()])) as Record<
    EvalScript,
    ScriptFigures
  >;
  const all = figures();
  const misses: CrossScriptResult["misses"] = [];
  for (const r of rows) {
    const matches = index.screen(
      { name: r.query, type: r.type },
      { threshold: opts.threshold, limit: 5 },
    ).matches;
    const f = byScript[r.script];
    const top = matches[0] ? `${matches[0].matchedName} (${matches[0].score})` : "—";
    if (r.kind === "negative") {
      f.negatives++;
      all.negatives++;
      if (matches.length > 0) {
        f.fp++;
        all.fp++;
        misses.push({ script: r.script, query: r.query, expected: "", got: top });
      }
      continue;
    }
    f.positives++;
    all.positives++;
    // the expected party's names as the lists write them ("A | B": the same party under two lists' names)
    const want = new Set(r.expected.split(" | ").map(norm));
    const isExpected = (id: string) => byId.get(id)?.names.some((n) => want.has(norm(n.name))) ?? false;
    const found = matches.some(
      (m) => isExpected(m.entityId) || (m.group?.sources.some((s) => isExpected(s.entityId)) ?? false),
    );
    if (found) {
      f.tp++;
      all.tp++;
    } else {
      f.fn++;
      all.fn++;
      if (matches.length > 0) {
        f.fp++;
        all.fp++;
      }
      misses.push({ script: r.script, query: r.query, expected: r.expected, got: top });
    }
  }
  for (const s of SCRIPTS) finish(byScript[s]);
  return { rows: rows.length, byScript, all: finish(all), misses };
}
