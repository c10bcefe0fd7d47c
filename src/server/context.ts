/** What every route needs: the database, the loaded policies and the check recorder. */
import type { PolicySet } from "../policy/index.ts";
import type { Db } from "../store/index.ts";
import type { Recorder } from "./recorder.ts";
import type { ScreeningSource } from "./screening.ts";

export interface ServerContext {
  db: Db;
  dbKind: "pglite" | "postgres";
  policies: PolicySet;
  recorder: Recorder;
  /** The screening index over the imported lists, when screening is configured. */
  screening?: ScreeningSource;
}
