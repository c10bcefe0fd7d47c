/**
 * Feeding an impact run: a chunk of CSV text or a batch of JSON array elements is parsed, checked row by row
 * and decided; a bad row becomes a problem with its line number and the rest go on. The same functions run in
 * the main thread and in worker threads. Pure: text in, tally updated.
 */
import type { ImpactRun } from "./compare.ts";
import {
  knownColumns,
  parseCsvChunk,
  rowObject,
  toLine,
  type CsvChunk,
  type JsonElement,
  type RowContext,
  type Share,
} from "./input.ts";

/** Decide every good row of a CSV chunk (or of this worker's share of it); report the others. */
export function addCsvChunk(
  run: ImpactRun,
  chunk: CsvChunk,
  columns: string[],
  ctx: RowContext,
  share?: Share,
): void {
  const { rows, problems } = parseCsvChunk(chunk, columns, share);
  for (const p of problems) run.problem(p);
  for (const r of rows) {
    const res = toLine(rowObject(columns, r.values), r.line, ctx);
    if (res.ok) run.queue(res.line);
    else run.problem({ line: r.line, message: res.problems.join("; ") });
  }
}

const known = new Set<string>(knownColumns);

/** Decide every good element of a JSON array batch (objects with the CSV's column names as keys). */
export function addJsonElements(run: ImpactRun, elements: JsonElement[], ctx: RowContext): void {
  for (const e of elements) {
    let value: unknown;
    try {
      value = JSON.parse(e.text);
    } catch (err) {
      run.problem({ line: e.line, message: `malformed JSON: ${(err as Error).message}` });
      continue;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      run.problem({ line: e.line, message: "an element is an object with the shipment line's fields" });
      continue;
    }
    const unknown = Object.keys(value).filter((k) => !known.has(k));
    if (unknown.length > 0) {
      run.problem({
        line: e.line,
        message: `unknown key${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"`).join(", ")} (known: ${knownColumns.join(", ")})`,
      });
      continue;
    }
    const res = toLine(value as Record<string, unknown>, e.line, ctx);
    if (res.ok) run.queue(res.line);
    else run.problem({ line: e.line, message: res.problems.join("; ") });
  }
}
