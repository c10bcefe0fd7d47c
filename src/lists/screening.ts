/**
 * A process's screening index over the lists imported into the data directory: opened (or built once and
 * kept) on first use, and taken again when a list changes. Used by the server and the CLI.
 */
import type { Screening } from "../app/check.ts";
import type { ListEntity } from "../screen/index.ts";
import { listFilesStamp, type ListMeta } from "./store.ts";

export type ScreeningSource = () => Promise<Screening>;

/**
 * From the data directory's imported lists, through the index kept on disk beside them (./index-cache.ts):
 * a process opens it instead of rebuilding it, and takes a new one when a list's file changes.
 */
export function screeningFromHome(home: string): ScreeningSource {
  let built: { key: string; s: Screening } | undefined;
  return async () => {
    const key = listFilesStamp(home).stamp;
    if (built?.key === key) return built.s;
    // Nothing imported: no index to open (and no screening engine or Japanese dictionary to load).
    if (key === "") {
      built = { key, s: { lists: [] } };
      return built.s;
    }
    const { homeIndex, readJapaneseFor } = await import("./index-cache.ts");
    const h = await homeIndex(home);
    const s: Screening = {
      ...(h.index ? { index: h.index } : {}),
      readyFor: async (names) => {
        if (h.transliterator) await readJapaneseFor(h.transliterator, names);
      },
      lists: h.lists.map((l: ListMeta) => ({ list: l.list, version: l.version, count: l.count })),
    };
    built = { key, s };
    return s;
  };
}

/** From entities given directly (tests, embedding). */
export function screeningFromEntities(entities: ListEntity[], lists: Screening["lists"]): ScreeningSource {
  let s: Screening | undefined;
  return async () => {
    const { ScreeningIndex, Transliterator } = await import("../screen/index.ts");
    return (s ??= {
      index: ScreeningIndex.build(entities, { transliterator: new Transliterator({}) }),
      lists,
    });
  };
}
