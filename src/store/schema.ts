/**
 * The database schema (drizzle-orm, PostgreSQL dialect): organisations, users, API keys, sessions and recorded
 * checks. The same tables run on PGlite (embedded) and PostgreSQL. Legal dates are `date` columns read as
 * strings (`mode: "string"`), never as JS Dates, so no time zone can move them.
 */
import { sql } from "drizzle-orm";
import {
  date,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const roles = ["exporter", "officer", "auditor", "admin"] as const;
export type Role = (typeof roles)[number];

export const organisations = pgTable("organisations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** For licensing authorities: the regime whose applications its officers review (e.g. JP, KR). */
  authorityFor: text("authority_for"),
  createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role").$type<Role>().notNull(),
    /** argon2id hash; null for users who only use API keys. */
    passwordHash: text("password_hash"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    /** The first characters of the key, shown in listings to tell keys apart. */
    prefix: text("prefix").notNull(),
    /** sha256 of the whole key: keys are random 256-bit secrets, so a fast hash is enough; shown once. */
    keyHash: text("key_hash").notNull(),
    label: text("label").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_keys_hash_key").on(t.keyHash)],
);

export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("sessions_token_key").on(t.tokenHash)],
);

export const checks = pgTable(
  "checks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    regime: text("regime").notNull(),
    /** The shipment date: a calendar date in the regime's time zone. */
    shipmentDate: date("shipment_date", { mode: "string" }).notNull(),
    destination: text("destination").notNull(),
    /** The most restrictive outcome over the lines (prohibited > licence-required > no-licence-required). */
    outcome: text("outcome").notNull(),
    lineCount: integer("line_count").notNull(),
    policyVersion: text("policy_version").notNull(),
    input: jsonb("input").notNull(),
    /**
     * The result with its trace, stored compactly (`encodeResult`: each dated fact once, steps refer to it)
     * as `json` text: it is written on every check and read back whole, never queried inside.
     */
    result: json("result").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index("checks_org_created").on(t.orgId, t.createdAt),
    index("checks_org_date").on(t.orgId, t.shipmentDate),
  ],
);
