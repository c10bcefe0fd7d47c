/**
 * For the benchmarks: a throwaway data directory holding every restricted-party list of the shared data,
 * imported with tradectl's own importers and saved as `tradectl lists import` saves them (one list per id;
 * the EU Official Journal comes as one file per regulation).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadLists } from "../eval/screen/data.ts";
import { saveList } from "../src/lists/store.ts";
import type { ListEntity } from "../src/screen/index.ts";

export interface SharedListsHome {
  home: string;
  lists: { list: string; file: string; entities: ListEntity[] }[];
  entities: ListEntity[];
}

/** Import every list under the shared data `root` into a new data directory (`prefix` names it). */
export async function homeWithSharedLists(root: string, prefix: string): Promise<SharedListsHome> {
  const home = mkdtempSync(join(tmpdir(), prefix));
  const byId = new Map<string, { list: string; file: string; entities: ListEntity[] }>();
  for (const l of (await loadLists(root)).filter((x) => x.entities.length > 0)) {
    const seen = byId.get(l.list);
    if (seen) seen.entities.push(...l.entities);
    else byId.set(l.list, { list: l.list, file: l.file, entities: [...l.entities] });
  }
  const lists = [...byId.values()];
  for (const l of lists)
    saveList(
      home,
      { list: l.list, format: l.file.endsWith(".csv") ? "csv" : l.list, entities: l.entities, skipped: [] },
      { files: [{ name: l.file, modified: new Date(0).toISOString(), sha256: "0".repeat(64), bytes: 0 }] },
    );
  return { home, lists, entities: lists.flatMap((l) => l.entities) };
}
