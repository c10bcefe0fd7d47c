/**
 * Item lines from CSV (pasted or uploaded): one header line naming the columns, then one line per item.
 * Columns (any order, case and `_`/space/dash insensitive; src/app/item-columns.ts, shared with
 * `tradectl check --lines`): description, controlNumber, hsCode, quantity, unit, value, currency. Comma, semicolon or tab separated; quotes as usual in CSV. Problems name the line.
 */

import { delimiterOf, itemColumnOf, type ItemColumn } from "../../src/app/item-columns.ts";

export type CsvLine = Record<ItemColumn, string>;

export interface CsvProblem {
  line: number;
  key: string;
  values?: Record<string, string | number>;
}

/** Splits CSV text into rows of fields (RFC 4180 quoting). */
export function parseCsvRows(text: string, delimiter: string): { rows: string[][]; error?: number } {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"' && field === "") quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      line++;
    } else field += c;
  }
  if (quoted) return { rows, error: line };
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return { rows };
}

export function parseLinesCsv(input: string): { lines: CsvLine[]; problems: CsvProblem[] } {
  const text = input.replace(/^\uFEFF/, "");
  const delimiter = delimiterOf(text.split(/\r?\n/, 1)[0] ?? "");
  const { rows, error } = parseCsvRows(text, delimiter);
  if (error !== undefined) return { lines: [], problems: [{ line: error, key: "csv.unclosedQuote" }] };
  const nonEmpty = rows.map((r, i) => ({ r, n: i + 1 })).filter((x) => x.r.some((f) => f.trim() !== ""));
  const header = nonEmpty[0];
  if (!header) return { lines: [], problems: [{ line: 1, key: "csv.empty" }] };
  const cols = header.r.map(itemColumnOf);
  if (!cols.includes("controlNumber") && !cols.includes("hsCode"))
    return { lines: [], problems: [{ line: header.n, key: "csv.noColumns" }] };
  const lines: CsvLine[] = [];
  const problems: CsvProblem[] = [];
  for (const { r, n } of nonEmpty.slice(1)) {
    if (r.length !== header.r.length) {
      problems.push({ line: n, key: "csv.fieldCount", values: { got: r.length, want: header.r.length } });
      continue;
    }
    const l: CsvLine = {
      description: "",
      controlNumber: "",
      hsCode: "",
      quantity: "",
      unit: "",
      value: "",
      currency: "",
    };
    r.forEach((f, i) => {
      const c = cols[i];
      if (c) l[c] = f.trim();
    });
    if (!l.controlNumber && !l.hsCode) problems.push({ line: n, key: "csv.noNumber" });
    lines.push(l);
  }
  if (lines.length === 0 && problems.length === 0) problems.push({ line: header.n, key: "csv.noLines" });
  return { lines, problems };
}
