// Streaming input: CSV cut into chunks on record boundaries (never inside a quoted field) with correct line
// numbers, whatever the chunk size or how the text arrives; JSON arrays split element by element; rows checked.
import { describe, expect, it } from "vitest";
import {
  CsvChunker,
  JsonArraySplitter,
  headerProblems,
  parseCsvChunk,
  parseHeader,
  toLine,
  type CsvChunk,
} from "../../src/impact/input.ts";

const CSV = [
  "id,date,destination,customer,controlNumber",
  "1,2019-09-02,KR,Hanul,1C350",
  '2,2019-09-02,KR,"Gaon, ""Precision""\nMachinery",2B001',
  "3,2019-09-02,KR,Dasan,3A001\r",
  "",
  "4,2019-09-02,KR,Bomi",
  '5,2019-09-02,KR,"x",3A001',
  "",
].join("\n");

/** Feed `text` to a chunker `step` characters at a time with chunks of `size`; all rows and problems. */
function readAll(text: string, size: number, step: number) {
  const c = new CsvChunker(size);
  const chunks: CsvChunk[] = [];
  for (let i = 0; i < text.length; i += step) chunks.push(...c.push(text.slice(i, i + step)));
  chunks.push(...c.end());
  const columns = parseHeader(c.header!);
  const rows: [number, string[]][] = [];
  const problems: [number, string][] = [];
  for (const ch of chunks) {
    const r = parseCsvChunk(ch, columns);
    rows.push(...r.rows.map((x): [number, string[]] => [x.line, x.values]));
    problems.push(...r.problems.map((p): [number, string] => [p.line, p.message]));
  }
  return { columns, rows, problems };
}

describe("CsvChunker and parseCsvChunk", () => {
  it("gives the same rows and line numbers for any chunk size and any way the text arrives", () => {
    const whole = readAll(CSV, 1 << 20, CSV.length);
    expect(whole.columns).toEqual(["id", "date", "destination", "customer", "controlNumber"]);
    expect(whole.rows).toEqual([
      [2, ["1", "2019-09-02", "KR", "Hanul", "1C350"]],
      [3, ["2", "2019-09-02", "KR", 'Gaon, "Precision"\nMachinery', "2B001"]],
      [5, ["3", "2019-09-02", "KR", "Dasan", "3A001"]],
      [8, ["5", "2019-09-02", "KR", "x", "3A001"]],
    ]);
    expect(whole.problems).toEqual([
      [7, "expected 5 fields (id,date,destination,customer,controlNumber), got 4"],
    ]);
    for (const size of [1, 7, 30, 64])
      for (const step of [1, 3, 17, 1000]) expect(readAll(CSV, size, step), `${size}/${step}`).toEqual(whole);
  });

  it("never cuts a quoted newline, and strips a byte-order mark", () => {
    const c = new CsvChunker(1);
    const chunks = [...'\ufeffa,b\n1,"x\ny"\n2,z\n'].flatMap((ch) => c.push(ch));
    chunks.push(...c.end());
    expect(c.header!.text).toBe("a,b\n");
    expect(chunks.map((x) => [x.firstLine, x.text])).toEqual([
      [2, '1,"x\ny"\n'],
      [4, "2,z\n"],
    ]);
  });

  it("header problems: unknown, missing and repeated columns", () => {
    expect(headerProblems(["date", "destination", "hsCode"])).toEqual([]);
    expect(headerProblems(["date", "dest", "date"])).toEqual([
      'unknown column "dest" (known: id, date, destination, customer, contract, controlNumber, hsCode, value, currency, quantity, description, unit, wmd, military, informed, endUserListed, redFlags, kind, recipient, place, means, exemption, origin, exportLicence)',
      'missing column "destination"',
      'give a "controlNumber" or an "hsCode" column (or both)',
      "column given twice: date",
    ]);
  });
});

describe("JsonArraySplitter", () => {
  const text = `[
  {"id": "a", "note": "a, [tricky] {string} \\" here"},
  {"id": "b",
   "nested": {"x": [1, 2]}},
  3
]`;
  it("splits elements with their first lines, however the text arrives", () => {
    for (const step of [1, 2, 5, 1000]) {
      const s = new JsonArraySplitter();
      const out = [];
      for (let i = 0; i < text.length; i += step) out.push(...s.push(text.slice(i, i + step)));
      expect(s.end()).toBeUndefined();
      expect(out.map((e) => [e.line, JSON.parse(e.text) as unknown])).toEqual([
        [2, { id: "a", note: 'a, [tricky] {string} " here' }],
        [3, { id: "b", nested: { x: [1, 2] } }],
        [5, 3],
      ]);
    }
  });

  it("structural problems: not an array, not closed, text after it, empty", () => {
    const problem = (t: string) => {
      const s = new JsonArraySplitter();
      s.push(t);
      return s.end()?.message;
    };
    expect(problem('{"a": 1}')).toMatch(/not an array/);
    expect(problem('[{"a": 1},')).toMatch(/not closed/);
    expect(problem("[1]\n[2]")).toMatch(/text after the end/);
    expect(problem("  ")).toMatch(/empty/);
    expect(problem("[]")).toBeUndefined();
  });
});

describe("toLine", () => {
  const ctx = { regime: "KR", redFlags: new Set(["outside-line-of-business"]) };
  it("reads end-use columns", () => {
    const r = toLine(
      {
        date: "2020-03-02",
        destination: "jp",
        hsCode: "8479.50",
        wmd: "suspected",
        informed: "conventional; wmd",
        endUserListed: "yes",
        redFlags: "outside-line-of-business",
        value: "8000",
        currency: "usd",
      },
      9,
      ctx,
    );
    expect(r).toEqual({
      ok: true,
      line: {
        line: 9,
        id: "9",
        date: "2020-03-02",
        destination: "JP",
        customer: "",
        controlNumber: null,
        hsCode: "8479.50",
        value: 8000,
        currency: "USD",
        endUse: {
          wmd: "suspected",
          military: "none",
          informed: ["conventional", "wmd"],
          endUserListed: true,
          redFlags: ["outside-line-of-business"],
        },
      },
    });
  });

  it("reads the contract a line belongs to (the workload counts one individual licence per contract)", () => {
    const r = toLine({ date: "2020-03-02", destination: "JP", hsCode: "847950", contract: " K-17 " }, 3, ctx);
    expect(r).toMatchObject({ ok: true, line: { contract: "K-17" } });
    const none = toLine({ date: "2020-03-02", destination: "JP", hsCode: "847950", contract: "" }, 3, ctx);
    expect(none.ok && "contract" in none.line).toBe(false);
  });

  it("names every problem of a row", () => {
    const r = toLine(
      { date: "2020-13-01", destination: "KR", hsCode: "12", wmd: "maybe", redFlags: "nope", quantity: -1 },
      4,
      ctx,
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toEqual([
      'date: "2020-13-01" has no month 13',
      "destination: KR is the exporting country of regime KR",
      'hsCode: "12" is not an HS code of 6 to 10 digits (e.g. 281111 or 2811.11)',
      "quantity: must be a number >= 0, got -1",
      'redFlags: unknown red flag "nope"',
      'wmd: "maybe" is not none, suspected or known',
    ]);
  });
});
