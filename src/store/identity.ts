/**
 * Organisations, users, API keys and sessions. Keys and session tokens are random 256-bit secrets shown once
 * and stored as sha256 hashes; passwords are hashed with argon2id.
 */
import argon2 from "argon2";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "./db.ts";
import { apiKeys, organisations, sessions, users, type Role } from "./schema.ts";

export interface Principal {
  userId: string;
  orgId: string;
  role: Role;
  email: string;
  /** How the request authenticated; the key id for API keys (rate limits are per key). */
  via: { kind: "api-key"; keyId: string } | { kind: "session"; sessionId: string };
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

export async function createOrganisation(db: Db, name: string, authorityFor?: string): Promise<string> {
  const [row] = await db
    .insert(organisations)
    .values({ name, authorityFor })
    .returning({ id: organisations.id });
  return row!.id;
}

export async function createUser(
  db: Db,
  u: { orgId: string; email: string; name: string; role: Role; password?: string },
): Promise<string> {
  const passwordHash = u.password ? await argon2.hash(u.password, { type: argon2.argon2id }) : null;
  const [row] = await db
    .insert(users)
    .values({ orgId: u.orgId, email: u.email, name: u.name, role: u.role, passwordHash })
    .returning({ id: users.id });
  return row!.id;
}

/** Create an API key for a user; the key itself is returned once and never stored. */
export async function createApiKey(
  db: Db,
  userId: string,
  label: string,
  key: string = newSecret("tdk"),
): Promise<{ id: string; key: string; prefix: string }> {
  const prefix = key.slice(0, 12);
  const [row] = await db
    .insert(apiKeys)
    .values({ userId, label, prefix, keyHash: sha256(key) })
    .returning({ id: apiKeys.id });
  return { id: row!.id, key, prefix };
}

export async function principalForApiKey(db: Db, key: string): Promise<Principal | undefined> {
  const rows = await db
    .select({ keyId: apiKeys.id, userId: users.id, orgId: users.orgId, role: users.role, email: users.email })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(eq(apiKeys.keyHash, sha256(key)), isNull(apiKeys.revokedAt), isNull(users.disabledAt)))
    .limit(1);
  const r = rows[0];
  return r
    ? {
        userId: r.userId,
        orgId: r.orgId,
        role: r.role,
        email: r.email,
        via: { kind: "api-key", keyId: r.keyId },
      }
    : undefined;
}

let dummy: Promise<string> | undefined;
/** A hash of a random password, made with the same parameters as users' hashes. */
const dummyHash = () =>
  (dummy ??= argon2.hash(randomBytes(24).toString("base64"), { type: argon2.argon2id }));

/** Check a password and open a session; returns the session token (shown once) or undefined. */
export async function login(
  db: Db,
  email: string,
  password: string,
  ttlHours = 12,
): Promise<{ token: string; principal: Principal } | undefined> {
  const rows = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  const u = rows[0];
  // The same work whether or not the account exists (no user enumeration by timing): a hash is always checked.
  const ok = await argon2.verify(u?.passwordHash ?? (await dummyHash()), password);
  if (!u?.passwordHash || u.disabledAt || !ok) return undefined;
  const token = newSecret("tds");
  const [s] = await db
    .insert(sessions)
    .values({ userId: u.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + ttlHours * 3600_000) })
    .returning({ id: sessions.id });
  return {
    token,
    principal: {
      userId: u.id,
      orgId: u.orgId,
      role: u.role,
      email: u.email,
      via: { kind: "session", sessionId: s!.id },
    },
  };
}

export async function principalForSession(db: Db, token: string): Promise<Principal | undefined> {
  const rows = await db
    .select({
      sessionId: sessions.id,
      userId: users.id,
      orgId: users.orgId,
      role: users.role,
      email: users.email,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, sha256(token)),
        gt(sessions.expiresAt, new Date()),
        isNull(users.disabledAt),
      ),
    )
    .limit(1);
  const r = rows[0];
  return r
    ? {
        userId: r.userId,
        orgId: r.orgId,
        role: r.role,
        email: r.email,
        via: { kind: "session", sessionId: r.sessionId },
      }
    : undefined;
}

export async function logout(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
}

export async function organisationCount(db: Db): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(organisations);
  return r?.n ?? 0;
}

export interface ApiKeyInfo {
  id: string;
  prefix: string;
  label: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** A user's API keys: prefixes and labels only (the keys themselves are never stored). */
export async function apiKeysOf(db: Db, userId: string): Promise<ApiKeyInfo[]> {
  return db
    .select({
      id: apiKeys.id,
      prefix: apiKeys.prefix,
      label: apiKeys.label,
      createdAt: apiKeys.createdAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.userId, userId));
}

/** Revoke one of the user's active keys; false when there is no such active key of theirs. */
export async function revokeApiKey(db: Db, userId: string, keyId: string): Promise<boolean> {
  const r = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return r.length > 0;
}

export async function userEmailTaken(db: Db, email: string): Promise<boolean> {
  const r = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return r.length > 0;
}

export async function organisationName(db: Db, orgId: string): Promise<string | undefined> {
  const [o] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, orgId));
  return o?.name;
}

/** Disable a user of the organisation (their keys and sessions stop working); false when there is none. */
export async function disableUserRow(db: Db, orgId: string, userId: string): Promise<boolean> {
  const r = await db
    .update(users)
    .set({ disabledAt: new Date() })
    .where(and(eq(users.id, userId), eq(users.orgId, orgId), isNull(users.disabledAt)))
    .returning({ id: users.id });
  return r.length > 0;
}

/** The users of an organisation (no hashes). */
export async function usersOf(db: Db, orgId: string) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabledAt: users.disabledAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.orgId, orgId));
}

export async function setUserRole(
  db: Db,
  orgId: string,
  userId: string,
  role: Role,
): Promise<Role | undefined> {
  const [before] = await db
    .select({ role: users.role })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.orgId, orgId)));
  if (!before) return undefined;
  await db.update(users).set({ role }).where(eq(users.id, userId));
  return before.role;
}

/** End every session of a user of the organisation; how many were ended (undefined: no such user). */
export async function endSessionsOf(db: Db, orgId: string, userId: string): Promise<number | undefined> {
  const [u] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.orgId, orgId)));
  if (!u) return undefined;
  const r = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return r.length;
}

/** Revoke a key of any user of the organisation; false when there is no such active key. */
export async function revokeOrgApiKey(
  db: Db,
  orgId: string,
  userId: string,
  keyId: string,
): Promise<boolean> {
  const [u] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.orgId, orgId)));
  if (!u) return false;
  return revokeApiKey(db, userId, keyId);
}

/**
 * Set a user's password by e-mail (the recovery of `tradectl users reset-password`) and end the user's
 * sessions; the user's organisation and id, or undefined when no such user exists.
 */
export async function setPasswordByEmail(
  db: Db,
  email: string,
  password: string,
): Promise<{ userId: string; orgId: string; disabled: boolean } | undefined> {
  const passwordHash = await argon2.hash(password, { type: argon2.argon2id });
  const [u] = await db
    .update(users)
    .set({ passwordHash })
    .where(sql`lower(${users.email}) = lower(${email})`)
    .returning({ userId: users.id, orgId: users.orgId, disabledAt: users.disabledAt });
  if (!u) return undefined;
  await db.delete(sessions).where(eq(sessions.userId, u.userId));
  return { userId: u.userId, orgId: u.orgId, disabled: u.disabledAt !== null };
}
