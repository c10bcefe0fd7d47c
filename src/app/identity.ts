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
  revokeApiKey,
  userEmailTaken,
  type ApiKeyInfo,
  type Principal,
} from "../store/identity.ts";
import { notifyAuthChange } from "../store/notify.ts";
import { conflictError, notFoundError, RefusalError } from "./errors.ts";

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
