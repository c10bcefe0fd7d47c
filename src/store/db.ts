/**
 * Opens the database: PostgreSQL when `DATABASE_URL` is set (production), otherwise embedded PGlite in
 * `<TRADECTL_HOME>/pgdata` (or in memory for tests), under a lock file. Runs the committed migrations.
 */
import { PGlite, types } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import { diskProblem } from "./disk.ts";
import { acquireLock } from "./lock.ts";
import * as schema from "./schema.ts";

/** Either driver's database: both are a drizzle `PgDatabase` over the same schema. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Run `f` in one transaction: all of its writes or none. */
export function inTransaction<T>(db: Db, f: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => f(tx as unknown as Db));
}

/** A plain parameterised query on the same connection(s), for hot paths that need no query builder. */
export type RawQuery = <T = Record<string, unknown>>(text: string, params: unknown[]) => Promise<T[]>;

/** Any SQL on the same connection(s), several statements when there are no parameters (the job queue's). */
export type ExecSql = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;

/** Listen on a channel of this database (LISTEN/NOTIFY); returns how to stop. */
export type Listen = (channel: string, onMessage: (payload: string) => void) => Promise<() => Promise<void>>;

export interface Database {
  db: Db;
  raw: RawQuery;
  execSql: ExecSql;
  listen: Listen;
  kind: "pglite" | "postgres";
  /** Where the data lives: a directory, `memory`, or the PostgreSQL URL without password. */
  location: string;
  close: () => Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL URL; when absent, the embedded database is used. */
  databaseUrl?: string | undefined;
  /** Data directory for the embedded database; `memory` for an in-memory one. */
  home?: string | undefined;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

export function defaultHome(): string {
  return process.env.TRADECTL_HOME ?? join(homedir(), ".tradectl");
}

export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  if (opts.databaseUrl) {
    // Legal dates stay strings (1082 = date): never parsed into a JS Date.
    pg.types.setTypeParser(1082, (v: string) => v);
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle client can be cut by the server (restart, failover, an administrator): the pool drops it and
    // opens a new one on the next query; the error must not bring the process down.
    pool.on("error", (e) => {
      if ((e as { code?: string }).code !== "57P01")
        console.warn(`tradectl: database connection lost: ${e.message}`);
    });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    await migratePg(db as never, { migrationsFolder });
    const url = new URL(opts.databaseUrl);
    url.password = "";
    const raw: RawQuery = async <T>(text: string, params: unknown[]) =>
      (await pool.query(text, params)).rows as T[];
    const execSql: ExecSql = async (text, values) =>
      values && values.length > 0 ? pool.query(text, values) : pool.query(text);
    // One connection of its own per channel, reopened when it drops (a notification missed meanwhile is
    // covered by the listener's `onMessage("")` on reconnect: caches are cleared then).
    const listen: Listen = async (channel, onMessage) => {
      let stopped = false;
      let client: pg.Client | undefined;
      const connect = async (): Promise<void> => {
        const c = new pg.Client({ connectionString: opts.databaseUrl });
        c.on("notification", (n) => n.channel === channel && onMessage(n.payload ?? ""));
        c.on("error", () => {
          client = undefined;
          void c.end().catch(() => {});
          if (!stopped)
            setTimeout(
              () =>
                void connect().then(
                  () => onMessage(""),
                  () => {},
                ),
              500,
            ).unref();
        });
        await c.connect();
        await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        client = c;
      };
      await connect();
      return async () => {
        stopped = true;
        await client?.end().catch(() => {});
      };
    };
    return {
      db,
      raw,
      execSql,
      listen,
      kind: "postgres",
      location: url.toString(),
      close: () => pool.end(),
    };
  }
  const home = opts.home ?? defaultHome();
  let client: PGlite;
  let release = () => {};
  if (home === "memory") client = new PGlite({ parsers: { [types.DATE]: (v: string) => v } });
  else {
    mkdirSync(home, { recursive: true });
    const full = diskProblem(home);
    if (full) throw new Error(`cannot open the embedded database: ${full}`);
    release = acquireLock(join(home, "pgdata.lock"));
    try {
      client = new PGlite(join(home, "pgdata"), { parsers: { [types.DATE]: (v: string) => v } });
      await client.waitReady;
    } catch (e) {
      release();
      throw e;
    }
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  try {
    await migratePglite(db as never, { migrationsFolder });
  } catch (e) {
    await client.close();
    release();
    throw e;
  }
  const raw: RawQuery = async <T>(text: string, params: unknown[]) =>
    (await client.query<T>(text, params)).rows;
  const execSql: ExecSql = async (text, values) => {
    if (values && values.length > 0) return { rows: (await client.query(text, values)).rows };
    const results = await client.exec(text);
    return { rows: results.length > 0 ? results[results.length - 1]!.rows : [] };
  };
  const listen: Listen = async (channel, onMessage) => {
    const stop = await client.listen(channel, (payload) => onMessage(payload));
    return async () => stop();
  };
  return {
    db,
    raw,
    execSql,
    listen,
    kind: "pglite",
    location: home === "memory" ? "memory" : join(home, "pgdata"),
    close: async () => {
      await client.close();
      release();
    },
  };
}
