/**
 * Loads the shared reference data for the screening evaluation and benchmark: the data root
 * (`TRADECTL_DATA`, else `../shared/data` beside the repository) and every restricted-party list in it,
 * imported with tradectl's own importers (src/screen/formats).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ListEntity } from "../../src/screen/entity.ts";
import { importList, type ImportInput } from "../../src/screen/formats/index.ts";

/** The data root, or undefined when it is absent. */
export function dataRoot(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = env.TRADECTL_DATA ? resolve(env.TRADECTL_DATA) : resolve(here, "../../../shared/data");
  return existsSync(root) ? root : undefined;
}

export interface LoadedList {
  list: string;
  file: string;
  entities: ListEntity[];
  skipped: number;
  error?: string;
  ms: number;
}

interface Source {
  list: string;
  format: string;
  main: string;
  parts?: Record<string, string>;
}

function sources(root: string): Source[] {
  const s: Source[] = [
    { list: "csl", format: "csl", main: "us-consolidated-screening-list/consolidated.csv" },
    {
      list: "sdn",
      format: "sdn",
      main: "ofac-sdn/sdn.csv",
      parts: {
        addresses: "ofac-sdn/add.csv",
        aliases: "ofac-sdn/alt.csv",
        comments: "ofac-sdn/sdn_comments.csv",
      },
    },
    {
      list: "ofac-cons",
      format: "ofac-cons",
      main: "ofac-non-sdn-consolidated/cons_prim.csv",
      parts: {
        addresses: "ofac-non-sdn-consolidated/cons_add.csv",
        aliases: "ofac-non-sdn-consolidated/cons_alt.csv",
        comments: "ofac-non-sdn-consolidated/cons_comments.csv",
      },
    },
    { list: "un", format: "un", main: "un-sc-consolidated-list/UN_consolidated.xml" },
    { list: "dpl", format: "dpl", main: "bis-denied-persons-list/dpl.txt" },
    { list: "cn-countersanctions", format: "csv", main: "cn-countersanctions/sanctions.csv" },
    { list: "us-dod-1260h", format: "csv", main: "us-dod-1260h-chinese-military-companies/sanctions.csv" },
    { list: "us-bis-mieu", format: "csv", main: "us-bis-mieu/mieu.csv" },
  ];
  const eu = join(root, "eu-sanctions-official-journal/consolidated");
  if (existsSync(eu))
    for (const f of readdirSync(eu).sort())
      if (f.endsWith(".csv"))
        s.push({ list: "eu-oj", format: "csv", main: `eu-sanctions-official-journal/consolidated/${f}` });
  return s;
}

/** Import one list by id (`un`, `csl`, …) from the data root. */
export async function loadList(root: string, list: string): Promise<LoadedList[]> {
  return loadLists(root, (s) => s.list === list);
}

/** Import every list found under the data root (lists whose files are missing are left out). */
export async function loadLists(
  root: string,
  filter: (s: Source) => boolean = () => true,
): Promise<LoadedList[]> {
  const out: LoadedList[] = [];
  for (const s of sources(root).filter(filter)) {
    const main = join(root, s.main);
    if (!existsSync(main)) continue;
    const t0 = performance.now();
    try {
      const input: ImportInput = { main: readFileSync(main) };
      if (s.parts) {
        input.parts = {};
        for (const [k, p] of Object.entries(s.parts))
          if (existsSync(join(root, p))) input.parts[k as "addresses"] = readFileSync(join(root, p));
      }
      const r = await importList(s.format, input, {
        fileName: s.main,
        ...(s.format === "csv" ? { listId: s.list } : {}),
      });
      out.push({
        list: s.list,
        file: s.main,
        entities: r.entities,
        skipped: r.skipped.length,
        ms: performance.now() - t0,
      });
    } catch (e) {
      out.push({
        list: s.list,
        file: s.main,
        entities: [],
        skipped: 0,
        error: (e as Error).message,
        ms: performance.now() - t0,
      });
    }
  }
  return out;
}
