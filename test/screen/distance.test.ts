/**
 * String distances against jellyfish's test vectors (read from ../shared/data at test time when present) and
 * a few vectors of our own that always run.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { damerauLevenshtein, jaro, jaroWinkler, levenshtein, osaDistance } from "../../src/screen/index.ts";

const here = fileURLToPath(new URL(".", import.meta.url));
const dataRoot = process.env.TRADECTL_DATA
  ? resolve(process.env.TRADECTL_DATA)
  : resolve(here, "../../../shared/data");
const vectors = join(dataRoot, "name-matching-eval/jellyfish-testdata");
const present = existsSync(vectors);
if (!present) console.warn(`jellyfish test vectors not found at ${vectors}: those tests are skipped`);

/** The vectors are given to three decimals (jellyfish compares with a relative tolerance of 1e-3). */
function near(actual: number, expected: number, label: string): void {
  expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(0.001);
}

function rows(file: string): string[][] {
  return parse(readFileSync(join(vectors, file), "utf8"), { relax_column_count: true }) as string[][];
}

describe("own vectors", () => {
  it("Levenshtein and OSA", () => {
    expect(levenshtein("kitten", "sitting")).toBe(3);
    expect(levenshtein("", "abc")).toBe(3);
    expect(osaDistance("ca", "ac")).toBe(1);
    expect(levenshtein("ca", "ac")).toBe(2);
    expect(osaDistance("dnenis", "dennis")).toBe(1);
    expect(damerauLevenshtein("ca", "abc")).toBe(2);
    expect(osaDistance("ca", "abc")).toBe(3);
  });

  it("Jaro and Jaro–Winkler", () => {
    expect(jaro("martha", "marhta")).toBeCloseTo(0.944, 3);
    expect(jaroWinkler("martha", "marhta")).toBeCloseTo(0.961, 3);
    expect(jaroWinkler("abc", "abc")).toBe(1);
    expect(jaroWinkler("abc", "xyz")).toBe(0);
  });
});

describe.skipIf(!present)("jellyfish test vectors", () => {
  it("levenshtein.csv", () => {
    for (const [a, b, d] of rows("levenshtein.csv"))
      expect(levenshtein(a!, b!), `${a} / ${b}`).toBe(Number(d));
  });

  it("damerau_levenshtein.csv", () => {
    for (const [a, b, d] of rows("damerau_levenshtein.csv"))
      expect(damerauLevenshtein(a!, b!), `${a} / ${b}`).toBe(Number(d));
  });

  it("jaro_distance.csv", () => {
    for (const [a, b, d] of rows("jaro_distance.csv")) near(jaro(a!, b!), Number(d), `${a} / ${b}`);
  });

  it("jaro_winkler.csv", () => {
    for (const [a, b, d] of rows("jaro_winkler.csv")) near(jaroWinkler(a!, b!), Number(d), `${a} / ${b}`);
  });

  it("jaro_winkler_longtol.csv", () => {
    for (const [a, b, d] of rows("jaro_winkler_longtol.csv"))
      near(jaroWinkler(a!, b!, true), Number(d), `${a} / ${b}`);
  });
});
