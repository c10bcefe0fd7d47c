/**
 * Test harness for the API suite: the same tests run on embedded PGlite (in memory) and, when DATABASE_URL
 * is set, on PostgreSQL in a fresh database per suite (dropped afterwards).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { fileURLToPath } from "node:url";
import { loadPolicies } from "../../src/policy/index.ts";
import { buildApp, Recorder, type App, type AppOptions } from "../../src/server/index.ts";
import { screeningFromDatabase } from "../../src/lists/db-screening.ts";
import { watchedListsInForce } from "../../src/store/lists.ts";
import { watchAuthChanges } from "../../src/server/auth.ts";
import { watchedHeldLicences } from "../../src/permits/held-licences.ts";
import { heldLicences, watchedDecisions } from "../../src/permits/service.ts";
import type { ServerContext } from "../../src/server/context.ts";
import { screeningFromEntities, type ScreeningSource } from "../../src/server/screening.ts";
import { lazyQueue, openQueue, type JobQueue } from "../../src/store/queue.ts";
import { registerAuditKey } from "../../src/store/audit.ts";
import { generateSigningKey } from "../../src/store/signing-key.ts";
import { startWorker, type RunningWorker, type WorkerOptions } from "../../src/worker/worker.ts";
import {
  createApiKey,
  createOrganisation,
  createUser,
  openDatabase,
  type Database,
  type Role,
} from "../../src/store/index.ts";

export const policies = loadPolicies(fileURLToPath(new URL("../../policy", import.meta.url)));

export interface Backend {
  name: "pglite" | "postgres";
  open: () => Promise<Database>;
}

export const backends: Backend[] = [{ name: "pglite", open: () => openDatabase({ home: "memory" }) }];
const adminUrl = process.env.DATABASE_URL;
if (adminUrl)
  backends.push({
    name: "postgres",
    open: async () => {
      const name = `tradectl_test_${randomBytes(6).toString("hex")}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
      return {
        ...database,
        close: async () => {
          await database.close();
          const a = new pg.Client({ connectionString: adminUrl });
          await a.connect();
          await a.query(`drop database if exists ${name} with (force)`);
          await a.end();
        },
      };
    },
  });

export interface World {
  database: Database;
  app: App["app"];
  keys: Record<"exporter" | "auditor" | "admin" | "otherOrg" | "officer" | "krOfficer", string>;
  orgId: string;
  /** The other organisation (of `keys.otherOrg`). */
  otherOrgId: string;
  /** The server's context (a test may switch a setting, e.g. `mailEnabled`). */
  ctx: ServerContext;
  close: () => Promise<void>;
}

export async function makeWorld(
  backend: Backend,
  opts: AppOptions = { rateLimit: false },
  /** The screening to serve with (default: one test list with one entity; "database": the lists stored there). */
  withScreening?: ScreeningSource | "database",
): Promise<World> {
  const database = await backend.open();
  const db = database.db;
  const orgId = await createOrganisation(db, "Exporter K.K.");
  const other = await createOrganisation(db, "Other Co.");
  const mk = async (org: string, email: string, role: Role) =>
    (
      await createApiKey(
        db,
        await createUser(db, { orgId: org, email, name: email, role, password: "correct horse battery" }),
        "test",
      )
    ).key;
  const keys = {
    exporter: await mk(orgId, "exporter@example.com", "exporter"),
    auditor: await mk(orgId, "auditor@example.com", "auditor"),
    admin: await mk(orgId, "admin@example.com", "admin"),
    otherOrg: await mk(other, "exporter@other.example", "exporter"),
    officer: await mk(await createOrganisation(db, "METI (test)", "JP"), "officer@meti.example", "officer"),
    krOfficer: await mk(
      await createOrganisation(db, "MOTIE (test)", "KR"),
      "officer@motie.example",
      "officer",
    ),
  };
  // The list versions in force kept until an import announces a change, as the server does.
  const lists = await watchedListsInForce(db, database.listen);
  const screening =
    withScreening === "database"
      ? screeningFromDatabase(db, { inForce: lists.get })
      : (withScreening ??
        screeningFromEntities(
          [
            {
              id: "csv:T-1",
              list: "test-list",
              sourceId: "T-1",
              type: "entity",
              names: [{ name: "KOREA CHIP CO", kind: "primary" }],
              countries: ["KR"],
              addresses: [],
              birthDates: [],
              identifiers: [],
              programs: ["TEST"],
              version: "sha256:t1",
            },
          ],
          [{ list: "test-list", version: "sha256:testlist", count: 1 }],
        ));
  const jobs = embeddedJobs(database);
  // Licences and screening decisions kept between requests until a change is announced, as the server does.
  const held = await watchedHeldLicences((org) => heldLicences(db, org), database.listen);
  const decisions = await watchedDecisions(db, database.listen);
  const ctx: ServerContext = {
    db,
    dbKind: database.kind,
    policies,
    recorder: new Recorder(database.raw),
    screening,
    heldLicencesFor: held.source,
    decisionsFor: decisions.source,
    queue: jobs.queue,
    auditKey: generateSigningKey(),
  };
  await registerAuditKey(db, ctx.auditKey!.keyId, ctx.auditKey!.publicPem);
  jobs.bind(ctx);
  const unwatch = await watchAuthChanges(db, database.listen);
  const { app } = await buildApp(ctx, opts);
  return {
    database,
    app,
    keys,
    orgId,
    otherOrgId: other,
    ctx,
    close: async () => {
      await app.close();
      await jobs.stop();
      await unwatch();
      await held.stop();
      await decisions.stop();
      await lists.stop();
      await database.close();
    },
  };
}

/**
 * The job queue of a test world: pg-boss opened on the first job, and an embedded worker started with it
 * (quick heartbeats, so that a stopped worker is noticed in seconds). Worlds that queue no job pay nothing.
 */
export function embeddedJobs(database: Database, o: WorkerOptions = { heartbeatMs: 500, staleSeconds: 3 }) {
  let ctx: ServerContext | undefined;
  let worker: Promise<RunningWorker> | undefined;
  const base = lazyQueue(() => openQueue(database, { supervise: true }));
  const queue: JobQueue = {
    ...base,
    send: async (kind, id) => {
      const r = await base.send(kind, id);
      await (worker ??= startWorker(ctx!, { sweepMs: 1000, ...o }));
      return r;
    },
  };
  return {
    queue,
    bind: (c: ServerContext) => void (ctx = c),
    stop: async () => {
      if (worker) await (await worker).stop(5000);
      else await base.stop();
    },
  };
}

export const auth = (key: string) => ({ authorization: `Bearer ${key}` });

/** A JSON call to the world's API with a key (the body, when given, as JSON). */
export const jsonCaller =
  (w: () => World) => (method: "GET" | "POST" | "PUT" | "DELETE", url: string, key: string, body?: unknown) =>
    w().app.inject({
      method,
      url,
      headers: { ...auth(key), ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });

/** Hydrogen fluoride to Korea under an individual licence (Japan, 2019-08-01): the applications' fixture. */
export const hfApplication = {
  regime: "JP",
  licenceType: "individual",
  destination: "KR",
  shipmentDate: "2019-08-01",
  consignee: { name: "Korea Chip Co.", country: "KR" },
  endUser: { name: "Korea Chip Co.", country: "KR" },
  endUseStatement: "etching in semiconductor manufacturing",
  lines: [
    {
      controlNumber: "1C350",
      description: "hydrogen fluoride",
      quantity: 1000,
      unit: "kg",
      value: 1500000,
      currency: "JPY",
    },
  ],
};

export const hf = {
  regime: "JP",
  date: "2019-08-01",
  destination: "KR",
  items: [
    {
      id: "1",
      description: "hydrogen fluoride",
      controlNumber: "1C350",
      hsCode: "281111",
      value: 1500000,
      currency: "JPY",
    },
  ],
};
