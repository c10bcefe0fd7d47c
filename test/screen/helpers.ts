/** Shared test helpers for the screening tests: a compact way to write list entities. */
import type { EntityType, ListEntity } from "../../src/screen/entity.ts";

export function entity(
  id: string,
  names: string[],
  extra: Partial<Omit<ListEntity, "id" | "names">> & { type?: EntityType; weak?: string[] } = {},
): ListEntity {
  const { weak = [], ...rest } = extra;
  return {
    id: `${extra.list ?? "test"}:${id}`,
    list: "test",
    sourceId: id,
    type: "unknown",
    countries: [],
    addresses: [],
    birthDates: [],
    identifiers: [],
    programs: [],
    version: `sha256:${id}`,
    ...rest,
    names: [
      ...names.map((name, i) => ({ name, kind: i === 0 ? ("primary" as const) : ("alias" as const) })),
      ...weak.map((name) => ({ name, kind: "weak" as const })),
    ],
  };
}
