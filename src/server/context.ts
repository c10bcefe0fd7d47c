/** What every route needs: the database, the loaded policies and the check recorder. */
import type { PolicySet } from "../policy/index.ts";
import type { Db } from "../store/index.ts";
import type { JobQueue } from "../store/queue.ts";
import type { SigningKey } from "../store/signing-key.ts";
import type { Recorder } from "./recorder.ts";
import type { Screening } from "../app/check.ts";
import type { DecisionsSource } from "../app/check-request.ts";
import type { HeldLicencesSource } from "../permits/held-licences.ts";

export interface ServerContext {
  db: Db;
  dbKind: "pglite" | "postgres";
  policies: PolicySet;
  recorder: Recorder;
  /** The screening index over the imported lists, when screening is configured. */
  screening?: (orgId?: string) => Promise<Screening>;
  /** The organisation's decisions on list entries, when kept between requests (see store/kept.ts). */
  decisionsFor?: DecisionsSource | undefined;
  /** The organisation's active licences, when kept between requests (see store/kept.ts). */
  heldLicencesFor?: HeldLicencesSource | undefined;
  /** Where the embedded database writes (its free space is part of readiness); unset on PostgreSQL. */
  dataDir?: string | undefined;
  /** The key audit checkpoints are signed with (unset: checkpoints cannot be made here). */
  auditKey?: SigningKey | undefined;
  /** E-mail is configured (TRADECTL_SMTP_URL): notifications queue their e-mails for the workers to send. */
  mailEnabled?: boolean | undefined;
  /** The job queue (jobs are sent from any API process and run by the workers). */
  queue: JobQueue;
}
