/**
 * The server's screening index: built on first use from the lists imported into the data directory (and
 * rebuilt when they change), with the Japanese reader loaded once. Tests may inject entities directly.
 */
import { loadAll, type ListMeta } from "../lists/store.ts";
import { ScreeningIndex, Transliterator, type ListEntity } from "../screen/index.ts";
import { createJapaneseReader } from "../screen-runtime/japanese.ts";

export interface Screening {
  index: ScreeningIndex;
  lists: { list: string; version: string; count: number }[];
}

export type ScreeningSource = () => Promise<Screening>;

/** From the data directory's imported lists; the index is rebuilt when a list's version changes. */
export function screeningFromHome(home: string): ScreeningSource {
  let built: { key: string; s: Screening } | undefined;
  return async () => {
    const { lists, entities } = loadAll(home);
    const key = lists.map((l: ListMeta) => `${l.list}@${l.version}`).join("|");
    if (built?.key === key) return built.s;
    const japanese = await createJapaneseReader();
    const s = {
      index: ScreeningIndex.build(entities, { transliterator: new Transliterator({ japanese }) }),
      lists: lists.map((l) => ({ list: l.list, version: l.version, count: l.count })),
    };
    built = { key, s };
    return s;
  };
}

/** From entities given directly (tests, embedding). */
export function screeningFromEntities(entities: ListEntity[], lists: Screening["lists"]): ScreeningSource {
  let s: Screening | undefined;
  return async () =>
    (s ??= { index: ScreeningIndex.build(entities, { transliterator: new Transliterator({}) }), lists });
}
