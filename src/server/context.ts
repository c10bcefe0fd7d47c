/** What every route needs: the database, the loaded policies and the check recorder. */
import type { PolicySet } from "../policy/index.ts";
import type { Db } from "../store/index.ts";
import type { Recorder } from "./recorder.ts";

export interface ServerContext {
  db: Db;
  dbKind: "pglite" | "postgres";
  policies: PolicySet;
  recorder: Recorder;
}
