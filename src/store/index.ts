/** The store: database schema, opening (PGlite or PostgreSQL) and the repositories the server uses. */
export * from "./schema.ts";
export {
  openDatabase,
  defaultHome,
  inTransaction,
  type Database,
  type Db,
  type OpenOptions,
  type RawQuery,
} from "./db.ts";
export { acquireLock, DataDirLockedError } from "./lock.ts";
export * from "./identity.ts";
export * from "./checks.ts";
export * from "./products.ts";
export * from "./jobs.ts";
export { ping } from "./health.ts";
