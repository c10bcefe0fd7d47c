/**
 * Identity flows of a signed-in user: API keys (created for oneself and shown once, listed by prefix, revoked)
 * and users added to one's organisation by an admin. Each change is written with its audit entry in one
 * transaction.
 */
import { isUuid } from "./ids.ts";
import { appendAudit } from "../permits/service.ts";
import type { Role } from "../store/vocabulary.ts";
import { inTransaction, type Db } from "../store/db.ts";
import {
  apiKeysOf,
  createApiKey,
  createUser,
  disableUserRow,
  endSessionsOf,
  revokeApiKey,
  revokeOrgApiKey,
  setPasswordByEmail,
  setUserRole,
  usersOf,
  userEmailTaken,
  type ApiKeyInfo,
  type Principal,
} from "../store/identity.ts";
import { notifyAuthChange } from "../store/notify.ts";
import { BadInputError, conflictError, notFoundError, RefusalError } from "./errors.ts";

/** A new API key for the caller; the key is in this answer only. */
export async function issueApiKey(
  db: Db,
  p: Principal,
  label: string,
): Promise<{ id: string; key: string; prefix: string }> {
  return inTransaction(db, async (tx) => {
    const key = await createApiKey(tx, p.userId, label);
    await appendAudit(tx, {
      orgId: p.orgId,
      userId: p.userId,
      action: "api-key.create",
      objectType: "api-key",
      objectId: key.id,
      payload: { label, prefix: key.prefix },
    });
    return key;
  });
}

export const myApiKeys = (db: Db, p: Principal): Promise<ApiKeyInfo[]> => apiKeysOf(db, p.userId);

/** Revoke one of the caller's active keys; any other id is not found. */
export async function revokeMyApiKey(db: Db, p: Principal, keyId: string): Promise<void> {
  if (!isUuid(keyId)) throw notFoundError(`no API key ${keyId}`);
  const done = await inTransaction(db, async (tx) => {
    if (!(await revokeApiKey(tx, p.userId, keyId))) return false;
    await notifyAuthChange(tx); // every process drops its cache of resolved keys on commit
    await appendAudit(tx, {
      orgId: p.orgId,
      userId: p.userId,
      action: "api-key.revoke",
      objectType: "api-key",
      objectId: keyId,
      payload: {},
    });
    return true;
  });
  if (!done) throw notFoundError(`no active API key ${keyId}`);
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password?: string | undefined;
}

/** Add a user to the admin's organisation; an e-mail address in use is a conflict. */
export async function addUser(db: Db, admin: Principal, u: NewUser): Promise<string> {
  if (await userEmailTaken(db, u.email)) throw conflictError(`a user ${u.email} exists already`);
  return inTransaction(db, async (tx) => {
    const uid = await createUser(tx, { orgId: admin.orgId, ...u });
    await appendAudit(tx, {
      orgId: admin.orgId,
      userId: admin.userId,
      action: "user.create",
      objectType: "user",
      objectId: uid,
      payload: { email: u.email, role: u.role },
    });
    return uid;
  });
}

/** Disable a user of the admin's organisation: refused by every process from the commit on. Audited. */
export async function disableUser(db: Db, admin: Principal, userId: string): Promise<void> {
  if (!isUuid(userId)) throw notFoundError(`no user ${userId}`);
  if (userId === admin.userId) throw new RefusalError(409, "you cannot disable yourself");
  const done = await inTransaction(db, async (tx) => {
    if (!(await disableUserRow(tx, admin.orgId, userId))) return false;
    await notifyAuthChange(tx);
    await appendAudit(tx, {
      orgId: admin.orgId,
      userId: admin.userId,
      action: "user.disable",
      objectType: "user",
      objectId: userId,
      payload: {},
    });
    return true;
  });
  if (!done) throw notFoundError(`no active user ${userId} in your organisation`);
}

/** An admin's action on another user of the organisation, with its audit entry and the notification. */
async function adminAction<T>(
  db: Db,
  admin: Principal,
  userId: string,
  action: string,
  payload: Record<string, unknown>,
  change: (tx: Db) => Promise<T | undefined | false>,
): Promise<T> {
  if (!isUuid(userId)) throw notFoundError(`no user ${userId}`);
  const out = await inTransaction(db, async (tx) => {
    const r = await change(tx);
    if (r === undefined || r === false) return undefined;
    await notifyAuthChange(tx);
    await appendAudit(tx, {
      orgId: admin.orgId,
      userId: admin.userId,
      action,
      objectType: "user",
      objectId: userId,
      payload,
    });
    return r;
  });
  if (out === undefined) throw notFoundError(`no such user or key in your organisation (${userId})`);
  return out;
}

/** The organisation's users, each with their active API keys (prefixes and labels only). */
export async function listUsers(db: Db, admin: Principal) {
  const us = await usersOf(db, admin.orgId);
  return Promise.all(
    us.map(async (u) => ({
      ...u,
      apiKeys: (await apiKeysOf(db, u.id))
        .filter((k) => k.revokedAt === null)
        .map((k) => ({ id: k.id, prefix: k.prefix, label: k.label, createdAt: k.createdAt })),
    })),
  );
}

export async function changeRole(db: Db, admin: Principal, userId: string, role: Role) {
  if (userId === admin.userId) throw new RefusalError(409, "you cannot change your own role");
  const before = await adminAction(db, admin, userId, "user.role", { role }, (tx) =>
    setUserRole(tx, admin.orgId, userId, role),
  );
  return { id: userId, role, before };
}

export async function endSessions(db: Db, admin: Principal, userId: string) {
  const ended = await adminAction(db, admin, userId, "user.sessions.end", {}, (tx) =>
    endSessionsOf(tx, admin.orgId, userId),
  );
  return { id: userId, ended };
}

export async function revokeUserKey(db: Db, admin: Principal, userId: string, keyId: string) {
  if (!isUuid(keyId)) throw notFoundError(`no API key ${keyId}`);
  await adminAction(db, admin, userId, "api-key.revoke", { key: keyId }, (tx) =>
    revokeOrgApiKey(tx, admin.orgId, userId, keyId),
  );
  return { id: keyId, revoked: true };
}

/** The shortest password `resetPassword` accepts. */
export const MIN_PASSWORD = 12;
/** The longest: a password is hashed, and a client sends nothing unbounded. */
export const MAX_PASSWORD = 1024;

/**
 * Reset a user's password from the machine that holds the database (`tradectl users reset-password`): the
 * operator's recovery when the admin's password is lost. The user's sessions end; the audit log of the
 * user's organisation records the reset (not the password). A disabled user stays disabled.
 */
export async function resetPassword(
  db: Db,
  email: string,
  password: string,
): Promise<{ userId: string; disabled: boolean }> {
  if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD)
    throw new BadInputError([
      { path: "password", message: `at least ${MIN_PASSWORD} and at most ${MAX_PASSWORD} characters` },
    ]);
  const r = await inTransaction(db, async (tx) => {
    const u = await setPasswordByEmail(tx, email, password);
    if (!u) return undefined;
    await notifyAuthChange(tx);
    await appendAudit(tx, {
      orgId: u.orgId,
      userId: null,
      action: "user.password.reset",
      objectType: "user",
      objectId: u.userId,
      payload: { email, by: "tradectl users reset-password" },
    });
    return u;
  });
  if (!r) throw new BadInputError([{ path: "email", message: `no user ${email}` }]);
  return { userId: r.userId, disabled: r.disabled };
}
