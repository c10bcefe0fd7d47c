/**
 * Changes every process must see at once, sent with PostgreSQL's NOTIFY (delivered when the transaction that
 * sends it commits): an API key revoked or a user disabled — each process drops its cache of resolved keys;
 * an organisation's licences, screening decisions or list versions in force changed — each process drops its copy (kept.ts).
 */
import { sql } from "drizzle-orm";
import type { Db } from "./db.ts";

export const AUTH_CHANNEL = "tradectl_auth";

/** Tell every process that credentials changed (inside the caller's transaction). */
export async function notifyAuthChange(db: Db): Promise<void> {
  await db.execute(sql`select pg_notify(${AUTH_CHANNEL}, 'changed')`);
}

/** Tell every process that something of the organisation changed on `channel` (inside the caller's transaction). */
export async function notifyOrganisationChange(db: Db, channel: string, orgId: string): Promise<void> {
  await db.execute(sql`select pg_notify(${channel}, ${orgId})`);
}
