/**
 * A process's screening index over the lists imported into the data directory: built on first use with the
 * Japanese reader loaded once, and rebuilt when a list's version changes. Used by the server and the CLI.
 */
import type { Screening } from "../app/check.ts";
import type { ListEntity } from "../screen/index.ts";
import { loadAll, type ListMeta } from "./store.ts";

export type ScreeningSource = () => Promise<Screening>;

/** From the data directory's imported lists; the index is rebuilt when a list's version changes. */
export function screeningFromHome(home: string): ScreeningSource {
  let built: { key: string; s: Screening } | undefined;
  return async () => {
    const { lists, entities } = loadAll(home);
    const key = lists.map((l: ListMeta) => `${l.list}@${l.version}`).join("|");
    if (built?.key === key) return built.s;
    // Nothing imported: no index to build (and no screening engine or Japanese dictionary to load).
    if (entities.length === 0) {
      built = { key, s: { lists: [] } };
      return built.s;
    }
    const { ScreeningIndex } = await import("../screen/index.ts");
    const s: Screening = {
      index: ScreeningIndex.build(entities, {
        transliterator: await (await import("../screen-runtime/transliterator.ts")).createTransliterator(),
      }),
      lists: lists.map((l) => ({ list: l.list, version: l.version, count: l.count })),
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
