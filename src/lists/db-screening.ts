/**
 * A process's screening over the lists in the database: for each request, the versions in force for the
 * organisation (one small query, or a copy kept until an import announces a change), and the index over those
 * versions, built once per process and reused: no file is read and nothing re-parsed per request. A list
 * imported through any process is screened against by every other once the import's notification arrives
 * (milliseconds after it commits). A few version sets are kept (organisations with lists of their own have
 * their own set); the least recently used is dropped.
 */
import type { Screening } from "../app/check.ts";
import { ScreeningIndex, Transliterator, type ListEntity } from "../screen/index.ts";
import { createTransliterator } from "../screen-runtime/transliterator.ts";
import type { Db } from "../store/db.ts";
import { entitiesOfVersion, listsInForce, type ListVersionInfo } from "../store/lists.ts";

export type OrgScreeningSource = (orgId?: string) => Promise<Screening>;

export function screeningFromDatabase(
  db: Db,
  o: {
    keep?: number;
    /** The versions in force, from a copy kept until a change is announced (`watchedListsInForce`). */
    inForce?: ((orgId: string | undefined) => Promise<ListVersionInfo[]>) | undefined;
  } = {},
): OrgScreeningSource {
  const keep = o.keep ?? 4;
  const versionsInForce = o.inForce ?? ((orgId: string | undefined) => listsInForce(db, orgId));
  const built = new Map<string, Promise<Screening>>();
  const entities = new Map<string, Promise<ListEntity[]>>();
  let japanese: ReturnType<typeof createTransliterator> | undefined;
  return async (orgId) => {
    const lists = await versionsInForce(orgId);
    const key = lists.map((l) => l.versionId).join("|");
    let s = built.get(key);
    if (s) {
      built.delete(key);
      built.set(key, s); // most recently used last
      return s;
    }
    s = (async (): Promise<Screening> => {
      const all = (
        await Promise.all(
          lists.map((l) => {
            let e = entities.get(l.versionId);
            if (!e) entities.set(l.versionId, (e = entitiesOfVersion(db, l.versionId)));
            return e;
          }),
        )
      ).flat();
      const transliterator =
        all.length === 0 ? new Transliterator({}) : await (japanese ??= createTransliterator());
      return {
        index: ScreeningIndex.build(all, { transliterator }),
        lists: lists.map((l) => ({ list: l.list, version: l.version, count: l.count })),
      };
    })();
    built.set(key, s);
    s.catch(() => built.delete(key));
    while (built.size > keep) built.delete(built.keys().next().value!);
    // Entities of versions no longer in any kept set are let go.
    const live = new Set([...built.keys()].flatMap((k) => k.split("|")));
    for (const id of entities.keys()) if (!live.has(id)) entities.delete(id);
    return s;
  };
}
