/**
 * Restricted-party lists in the database, shared by every process: each imported version with its entities,
 * content version, source hash and time; the version in force per list switched in the import's own
 * transaction (an import killed half-way leaves the previous version in force). A list belongs to every
 * organisation (scope "*", imported by the operator) or to one organisation (imported by its admin).
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { ListEntity } from "../screen/index.ts";
import { inTransaction, type Db, type Listen } from "./db.ts";
import { changing, keptPerOrganisation } from "./kept.ts";
import { notifyOrganisationChange } from "./notify.ts";
import { listEntities, listHeads, listVersions } from "./schema.ts";

export const ALL_ORGANISATIONS = "*";

export interface ListVersionInfo {
  versionId: string;
  scope: string;
  list: string;
  format: string;
  version: string;
  sourceHash: string;
  source: unknown;
  count: number;
  importedAt: string;
}

export interface NewListVersion {
  scope: string;
  list: string;
  format: string;
  version: string;
  sourceHash: string;
  source: unknown;
  importedBy?: string | null | undefined;
}

/** A list in force: its head and the version it points at. */
const headColumns = {
  versionId: listVersions.id,
  scope: listHeads.scope,
  list: listHeads.list,
  format: listVersions.format,
  version: listVersions.version,
  sourceHash: listVersions.sourceHash,
  source: listVersions.source,
  count: listVersions.count,
  importedAt: listVersions.importedAt,
};

/** Where an import that changes the versions in force is announced (kept.ts): the organisation, or "" for all. */
export const LISTS_CHANNEL = "tradectl_lists";

/** Store a version with its entities and put it in force, all in one transaction. */
export async function insertListVersion(
  db: Db,
  v: NewListVersion,
  entities: readonly ListEntity[],
  batch = 500,
  /** Written in the same transaction (the import's audit entry). */
  also?: (tx: Db) => Promise<void>,
): Promise<string> {
  const shared = v.scope === ALL_ORGANISATIONS;
  return changing(LISTS_CHANNEL, shared ? undefined : v.scope, () =>
    inTransaction(db, async (tx) => {
      const [row] = await tx
        .insert(listVersions)
        .values({ ...v, importedBy: v.importedBy ?? null, count: entities.length })
        .returning({ id: listVersions.id });
      const versionId = row!.id;
      for (let i = 0; i < entities.length; i += batch)
        await tx
          .insert(listEntities)
          .values(entities.slice(i, i + batch).map((entity, j) => ({ versionId, seq: i + j, entity })));
      await tx
        .insert(listHeads)
        .values({ scope: v.scope, list: v.list, versionId })
        .onConflictDoUpdate({
          target: [listHeads.scope, listHeads.list],
          set: { versionId, updatedAt: new Date() },
        });
      await also?.(tx);
      await notifyOrganisationChange(tx, LISTS_CHANNEL, shared ? "" : v.scope);
      return versionId;
    }),
  );
}

/**
 * The versions in force for an organisation: every organisation's lists and its own; its own list of the same
 * id wins. Sorted by list id.
 */
export async function listsInForce(db: Db, orgId: string | undefined): Promise<ListVersionInfo[]> {
  const scopes = orgId ? [ALL_ORGANISATIONS, orgId] : [ALL_ORGANISATIONS];
  const rows = await db
    .select(headColumns)
    .from(listHeads)
    .innerJoin(listVersions, eq(listVersions.id, listHeads.versionId))
    .where(inArray(listHeads.scope, scopes))
    .orderBy(asc(listHeads.list));
  const byList = new Map<string, ListVersionInfo>();
  for (const r of rows) {
    const info = { ...r, importedAt: r.importedAt.toISOString() };
    const seen = byList.get(r.list);
    if (!seen || seen.scope === ALL_ORGANISATIONS) byList.set(r.list, info);
  }
  return [...byList.values()];
}

/**
 * The versions in force per organisation (none given: every organisation's lists only), kept by this process
 * until an import through any process announces a change to them (kept.ts): an operator's import drops every
 * organisation's copy, an organisation's own import only its copy.
 */
export async function watchedListsInForce(
  db: Db,
  listen: Listen,
): Promise<{ get: (orgId: string | undefined) => Promise<ListVersionInfo[]>; stop: () => Promise<void> }> {
  const kept = await keptPerOrganisation(LISTS_CHANNEL, (key) => listsInForce(db, key || undefined), listen);
  return { get: (orgId) => kept.get(orgId ?? ""), stop: () => kept.stop() };
}

/** The ids of the versions in force for an organisation, cheaply (what a screening cache is keyed on). */
export async function versionIdsInForce(db: Db, orgId: string | undefined): Promise<string[]> {
  return (await listsInForce(db, orgId)).map((l) => l.versionId);
}

export async function entitiesOfVersion(db: Db, versionId: string): Promise<ListEntity[]> {
  const rows = await db
    .select({ entity: listEntities.entity })
    .from(listEntities)
    .where(eq(listEntities.versionId, versionId))
    .orderBy(asc(listEntities.seq));
  return rows.map((r) => r.entity as ListEntity);
}

export async function headOf(db: Db, scope: string, list: string): Promise<ListVersionInfo | undefined> {
  const rows = await db
    .select(headColumns)
    .from(listHeads)
    .innerJoin(listVersions, eq(listVersions.id, listHeads.versionId))
    .where(and(eq(listHeads.scope, scope), eq(listHeads.list, list)));
  const r = rows[0];
  return r ? { ...r, importedAt: r.importedAt.toISOString() } : undefined;
}

/** How many list versions are stored (all scopes); for status pages. */
export async function listVersionCount(db: Db): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(listVersions);
  return r?.n ?? 0;
}
