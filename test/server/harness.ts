/**
 * Test harness for the API suite: the same tests run on embedded PGlite (in memory) and, when DATABASE_URL
 * is set, on PostgreSQL in a fresh database per suite (dropped afterwards).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { fileURLToPath } from "node:url";
import { loadPolicies } from "../../src/policy/index.ts";
import { buildApp, Recorder, type App, type AppOptions } from "../../src/server/index.ts";
import { screeningFromEntities, type ScreeningSource } from "../../src/server/screening.ts";
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
  close: () => Promise<void>;
}

export async function makeWorld(
  backend: Backend,
  opts: AppOptions = { rateLimit: false },
  /** The screening to serve with (default: one test list with one entity). */
  withScreening?: ScreeningSource,
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
  const screening =
    withScreening ??
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
    );
  const { app } = await buildApp(
    { db, dbKind: database.kind, policies, recorder: new Recorder(database.raw), screening },
    opts,
  );
  return {
    database,
    app,
    keys,
    orgId,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export const auth = (key: string) => ({ authorization: `Bearer ${key}` });

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
