/**
 * The database schema (drizzle-orm, PostgreSQL dialect): organisations, users, API keys, sessions and recorded
 * checks. The same tables run on PGlite (embedded) and PostgreSQL. Legal dates are `date` columns read as
 * strings (`mode: "string"`), never as JS Dates, so no time zone can move them.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  json,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { ApplicationState, ClassificationRequestState, LicenceState, Role } from "./vocabulary.ts";

export * from "./vocabulary.ts";

/** When a row was written (milliseconds, the precision JavaScript dates carry, so cursors round-trip). */
const createdAt = () => timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow();

/** Binary data (attachments, upload chunks). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const organisations = pgTable("organisations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** For licensing authorities: the regime whose applications its officers review (e.g. JP, KR). */
  authorityFor: text("authority_for"),
  createdAt: createdAt(),
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
    /** When an admin disabled the user: their keys and sessions are refused from then on. */
    disabledAt: timestamp("disabled_at", { withTimezone: true, precision: 3 }),
    /** The language the user last chose in the portal (en, ko, ja): their e-mails are written in it. */
    lang: text("lang"),
    createdAt: createdAt(),
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
    createdAt: createdAt(),
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
    createdAt: createdAt(),
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
     * The result as recorded (`encodeResult` in check-record.ts): each decision's trace is kept apart in
     * `check_traces` and named here by its hash (`traceRef`); checks recorded before that carry the trace
     * inline. Stored as `json` text: it is written on every check and read back whole, never queried inside.
     */
    result: json("result").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("checks_org_created").on(t.orgId, t.createdAt),
    index("checks_org_date").on(t.orgId, t.shipmentDate),
  ],
);

/**
 * The traces recorded checks refer to, each stored once per organisation under the hash of its content (see
 * check-record.ts). A trace is never changed or removed while its organisation exists: a check recorded later
 * may refer to it without writing it again.
 */
export const checkTraces = pgTable(
  "check_traces",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    hash: text("hash").notNull(),
    /** The trace: the array of steps, as `json` text. */
    body: json("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.hash] })],
);

// ---------------------------------------------------------------- permits: applications, licences, ledger

export const applications = pgTable(
  "applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    regime: text("regime").notNull(),
    licenceType: text("licence_type").notNull(),
    status: text("status").$type<ApplicationState>().notNull(),
    destination: text("destination").notNull(),
    shipmentDate: date("shipment_date", { mode: "string" }).notNull(),
    /** Lines, parties, end-use statement and document metadata as submitted (see src/permits/model.ts). */
    content: jsonb("content").notNull(),
    /** The determination attached on submission (the decision that makes the licence necessary). */
    decision: json("decision"),
    /** The screening of the consignee and end user attached on submission (lists and versions used). */
    screening: json("screening"),
    dueDate: date("due_date", { mode: "string" }),
    conditions: jsonb("conditions"),
    reason: text("reason"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index("applications_org").on(t.orgId, t.status),
    index("applications_regime_status").on(t.regime, t.status),
  ],
);

export const applicationEvents = pgTable("application_events", {
  id: uuid("id").primaryKey().defaultRandom(),
  applicationId: uuid("application_id")
    .notNull()
    .references(() => applications.id),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id),
  action: text("action").notNull(),
  fromStatus: text("from_status"),
  toStatus: text("to_status"),
  note: text("note"),
  createdAt: createdAt(),
});

/** Files attached to an application by the applicant or the reviewing officer: kept whole, with size and sha256. */
export const applicationAttachments = pgTable(
  "application_attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id),
    /** The uploader's organisation (the applicant's, or the licensing authority's). */
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    filename: text("filename").notNull(),
    /** The type read from the file's own bytes (not the one the client claimed). */
    contentType: text("content_type").notNull(),
    bytes: integer("bytes").notNull(),
    sha256: text("sha256").notNull(),
    data: bytea("data").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("application_attachments_app").on(t.applicationId, t.createdAt)],
);

/** The comment thread between the applicant and the officers reviewing the application. */
export const applicationComments = pgTable(
  "application_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("application_comments_app").on(t.applicationId, t.createdAt)],
);

/**
 * In-app notifications, one per recipient: what happened (a kind and its parameters, rendered in the reader's
 * language) and, when e-mail is configured, the outbox state of its e-mail (sent by any worker).
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    applicationId: uuid("application_id").references(() => applications.id),
    classificationRequestId: uuid("classification_request_id").references(() => classificationRequests.id),
    actorId: uuid("actor_id").references(() => users.id),
    params: jsonb("params").$type<Record<string, string>>().notNull(),
    readAt: timestamp("read_at", { withTimezone: true, precision: 3 }),
    /** none (no e-mail wanted), pending, sending (claimed by a sender until mail_at), sent, failed (after the last attempt). */
    mailState: text("mail_state").$type<"none" | "pending" | "sending" | "sent" | "failed">().notNull(),
    mailAttempts: integer("mail_attempts").notNull().default(0),
    mailError: text("mail_error"),
    /** A failed attempt's next try, or when the e-mail went. */
    mailAt: timestamp("mail_at", { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    index("notifications_user").on(t.userId, t.createdAt),
    index("notifications_mail").on(t.mailState, t.mailAt),
  ],
);

export const licences = pgTable(
  "licences",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    regime: text("regime").notNull(),
    type: text("type").notNull(),
    number: text("number").notNull(),
    holder: text("holder").notNull(),
    applicationId: uuid("application_id").references(() => applications.id),
    destinations: jsonb("destinations").$type<string[]>().notNull(),
    permittedParties: jsonb("permitted_parties").$type<string[]>().notNull(),
    /** Lines: control number or product id, description, quantity and value limits (see src/permits/model.ts). */
    lines: jsonb("lines").notNull(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validUntil: date("valid_until", { mode: "string" }).notNull(),
    status: text("status").$type<LicenceState>().notNull(),
    conditions: text("conditions"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("licences_org_number").on(t.orgId, t.regime, t.number)],
);

/** The usage ledger: append-only (never updated or deleted); corrections are compensating entries. */
export const usageEntries = pgTable(
  "usage_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    seq: integer("seq").generatedAlwaysAsIdentity(),
    licenceId: uuid("licence_id")
      .notNull()
      .references(() => licences.id),
    line: integer("line").notNull(),
    kind: text("kind").$type<"drawdown" | "correction">().notNull(),
    /** Up to 6 decimal places (12.5 kg); read as numeric text, summed exactly. */
    quantity: numeric("quantity", { precision: 24, scale: 6 }).notNull(),
    /** Whole currency units. */
    value: bigint("value", { mode: "number" }).notNull(),
    shipmentRef: text("shipment_ref").notNull(),
    shipmentDate: date("shipment_date", { mode: "string" }).notNull(),
    destination: text("destination").notNull(),
    party: text("party"),
    corrects: uuid("corrects"),
    note: text("note"),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("usage_licence").on(t.licenceId, t.line),
    index("usage_ref").on(t.licenceId, t.line, t.shipmentRef),
    // a shipment reference looked up across an organisation's licences (the reused-reference warning)
    index("usage_shipment_ref").on(t.shipmentRef),
  ],
);

export const screeningDecisions = pgTable(
  "screening_decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    entityId: text("entity_id").notNull(),
    entityVersion: text("entity_version").notNull(),
    queryName: text("query_name").notNull(),
    decision: text("decision").$type<"false-positive" | "confirmed">().notNull(),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [index("screening_decisions_lookup").on(t.orgId, t.entityId, t.entityVersion)],
);

/** The audit log: append-only, each entry hash-chained to the previous one of its organisation. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    seq: integer("seq").notNull(),
    userId: uuid("user_id"),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    action: text("action").notNull(),
    objectType: text("object_type").notNull(),
    objectId: text("object_id").notNull(),
    policyVersion: text("policy_version"),
    payload: jsonb("payload").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [uniqueIndex("audit_org_seq").on(t.orgId, t.seq)],
);

/** The head of each organisation's audit chain: locked while an entry is appended, so the chain is a line. */
export const auditHeads = pgTable("audit_heads", {
  orgId: uuid("org_id")
    .primaryKey()
    .references(() => organisations.id),
  seq: integer("seq").notNull(),
  hash: text("hash").notNull(),
});

/** Signed checkpoints of each organisation's chain (an auditor also keeps copies outside the database). */
export const auditCheckpoints = pgTable(
  "audit_checkpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    seq: integer("seq").notNull(),
    hash: text("hash").notNull(),
    at: text("at").notNull(),
    keyId: text("key_id").notNull(),
    signature: text("signature").notNull(),
  },
  (t) => [index("audit_checkpoints_org").on(t.orgId, t.seq)],
);

/** The public keys servers sign checkpoints with (each process registers its own). */
export const auditKeys = pgTable("audit_keys", {
  keyId: text("key_id").primaryKey(),
  publicKey: text("public_key").notNull(),
  createdAt: createdAt(),
});

// ---------------------------------------------------------------- products and their classifications

/** An organisation's product master: its own product id, name, HS code and technical parameters. */
export const products = pgTable(
  "products",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    hsCode: text("hs_code"),
    parameters: jsonb("parameters").$type<{ name: string; value: string | number | boolean }[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("products_org_code").on(t.orgId, t.code)],
);

/** Classifications of a product per regime (history kept; the latest in force applies). */
export const productClassifications = pgTable(
  "product_classifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id),
    regime: text("regime").notNull(),
    /** The control number, or null when the product was classified as not listed. */
    controlNumber: text("control_number"),
    basis: text("basis").notNull(),
    classifiedBy: text("classified_by").notNull(),
    classifiedOn: date("classified_on", { mode: "string" }).notNull(),
    /** Korea: a classification (판정) is valid for 2 years (Enforcement Decree Art. 36). */
    validUntil: date("valid_until", { mode: "string" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    /** self (the exporter's own, 자가판정 / 該非判定) or authority (the answer to a classification request). */
    kind: text("kind").$type<"self" | "authority">().notNull().default("self"),
    /** The classification request this answers (kind authority). */
    requestId: uuid("request_id"),
    createdAt: createdAt(),
  },
  (t) => [index("product_classifications_product").on(t.productId, t.regime)],
);

/** One step of a classification request: who did what, when, with what note. */
export interface ClassificationRequestEvent {
  at: string;
  userId: string;
  action: "submit" | "return" | "resubmit" | "answer" | "withdraw";
  note?: string;
}

/**
 * A classification request (Korea's 전문판정, Act Art. 20; Japan's consultation on 該非判定): an exporter asks
 * the regime's authority whether a product of its master is listed; an officer answers with the entry (or not
 * listed) and the reasons, and the answer becomes the product's classification with the pack's validity.
 */
export const classificationRequests = pgTable(
  "classification_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id),
    regime: text("regime").notNull(),
    status: text("status").$type<ClassificationRequestState>().notNull(),
    /** What the exporter tells the authority: the product's function, technical characteristics and use. */
    description: text("description").notNull(),
    /** The entry the exporter thinks applies, if any (its own view, not an answer). */
    proposedNumber: text("proposed_number"),
    /** The product's name, HS code and parameters when asked (the product master may change later). */
    product: jsonb("product")
      .$type<{
        code: string;
        name: string;
        hsCode: string | null;
        parameters: { name: string; value: string | number | boolean }[];
      }>()
      .notNull(),
    requestedBy: uuid("requested_by")
      .notNull()
      .references(() => users.id),
    /** The day asked (first submission), by the regime's calendar. */
    requestedOn: date("requested_on", { mode: "string" }).notNull(),
    /** The day the answer is due by the pack's decision term (none: the law sets no term). */
    dueOn: date("due_on", { mode: "string" }),
    controlNumber: text("control_number"),
    reasons: text("reasons"),
    answeredBy: uuid("answered_by").references(() => users.id),
    answeredOn: date("answered_on", { mode: "string" }),
    validUntil: date("valid_until", { mode: "string" }),
    classificationId: uuid("classification_id").references(() => productClassifications.id),
    history: jsonb("history").$type<ClassificationRequestEvent[]>().notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index("classification_requests_org").on(t.orgId, t.createdAt),
    index("classification_requests_queue").on(t.regime, t.status, t.dueOn),
  ],
);

// ---------------------------------------------------------------- background jobs (impact runs, re-checks)

export const jobStates = ["queued", "running", "done", "failed", "cancelled"] as const;
export type JobState = (typeof jobStates)[number];

export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").$type<"impact" | "recheck">().notNull(),
    status: text("status").$type<JobState>().notNull(),
    /** 0 to 1. */
    progress: json("progress").$type<number>().notNull(),
    params: jsonb("params").notNull(),
    result: json("result"),
    /** The impact report as an offline HTML page. */
    html: text("html"),
    error: text("error"),
    /** The queue's id of the job (pg-boss), to retry, fail or cancel it there. */
    queueId: text("queue_id"),
    /** Runs started so far (a run whose worker stops is retried up to the queue's limit). */
    attempts: integer("attempts").notNull().default(0),
    /** Which worker runs it (host:pid) and when it last said it is alive. */
    worker: text("worker"),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true, precision: 3 }),
    cancelRequested: boolean("cancel_requested").notNull().default(false),
    /** The uploaded input (impact shipments), removed when the job ends. */
    uploadId: uuid("upload_id"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("jobs_org").on(t.orgId, t.createdAt), index("jobs_running").on(t.status, t.heartbeatAt)],
);

// ---------------------------------------------------------------- uploads (large job inputs, in chunks)

/** An uploaded file (impact shipments): its size and sha256, written in chunks; usable once complete. */
export const uploads = pgTable(
  "uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    format: text("format").$type<"csv" | "json">().notNull(),
    bytes: bigint("bytes", { mode: "number" }).notNull().default(0),
    sha256: text("sha256"),
    complete: boolean("complete").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("uploads_org").on(t.orgId, t.createdAt)],
);

export const uploadChunks = pgTable(
  "upload_chunks",
  {
    uploadId: uuid("upload_id")
      .notNull()
      .references(() => uploads.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    data: bytea("data").notNull(),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.seq] })],
);

// ---------------------------------------------------------------- restricted-party lists

/** One imported version of a list: where it came from, its hash and when; its entities are rows below. */
export const listVersions = pgTable(
  "list_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Whose list: "*" for every organisation (imported by the operator), or one organisation's id. */
    scope: text("scope").notNull(),
    list: text("list").notNull(),
    format: text("format").notNull(),
    /** The content version (hash of the entities) that screening results and decisions cite. */
    version: text("version").notNull(),
    /** sha256 of the source files as read. */
    sourceHash: text("source_hash").notNull(),
    source: jsonb("source").notNull(),
    count: integer("count").notNull(),
    importedBy: uuid("imported_by"),
    importedAt: createdAt(),
  },
  (t) => [index("list_versions_list").on(t.scope, t.list, t.importedAt)],
);

export const listEntities = pgTable(
  "list_entities",
  {
    versionId: uuid("version_id")
      .notNull()
      .references(() => listVersions.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    entity: jsonb("entity").notNull(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.seq] })],
);

/** The version of each list in force: switched in the import's transaction, so an import is all or nothing. */
export const listHeads = pgTable(
  "list_heads",
  {
    scope: text("scope").notNull(),
    list: text("list").notNull(),
    versionId: uuid("version_id")
      .notNull()
      .references(() => listVersions.id),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.list] })],
);

/**
 * Saved proposed changes (overlays) of an organisation: built with the change builder (its spec kept) or
 * written by hand; the YAML is what an impact run loads.
 */
export const overlays = pgTable(
  "overlays",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    regime: text("regime").notNull(),
    title: text("title").notNull(),
    effective: date("effective", { mode: "string" }).notNull(),
    yaml: text("yaml").notNull(),
    /** The change builder's spec it was built from (absent: written by hand). */
    spec: jsonb("spec"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("overlays_org").on(t.orgId, t.createdAt)],
);
