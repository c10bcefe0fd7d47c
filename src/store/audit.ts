/** The audit records of an organisation as stored: chain, head, ledger rows, checkpoints and signing keys. */
import { asc, eq, inArray } from "drizzle-orm";
import type { Checkpoint, LedgerRow, StoredEntry } from "../permits/checkpoint.ts";
import type { Db } from "./db.ts";
import { auditCheckpoints, auditHeads, auditKeys, auditLog, licences, usageEntries } from "./schema.ts";

export async function auditRecordsOf(db: Db, orgId: string) {
  const rows = await db.select().from(auditLog).where(eq(auditLog.orgId, orgId)).orderBy(asc(auditLog.seq));
  const entries: StoredEntry[] = rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    userId: r.userId,
    at: r.at.toISOString(),
    action: r.action,
    objectType: r.objectType,
    objectId: r.objectId,
    policyVersion: r.policyVersion,
    payload: r.payload,
    prevHash: r.prevHash,
    hash: r.hash,
  }));
  const [head] = await db.select().from(auditHeads).where(eq(auditHeads.orgId, orgId));
  const ids = (await db.select({ id: licences.id }).from(licences).where(eq(licences.orgId, orgId))).map(
    (l) => l.id,
  );
  const ledger: LedgerRow[] = ids.length
    ? (
        await db
          .select()
          .from(usageEntries)
          .where(inArray(usageEntries.licenceId, ids))
          .orderBy(asc(usageEntries.seq))
      ).map((e) => ({
        id: e.id,
        licenceId: e.licenceId,
        line: e.line,
        kind: e.kind,
        quantity: e.quantity,
        value: e.value,
        shipmentRef: e.shipmentRef,
        shipmentDate: e.shipmentDate,
        destination: e.destination,
        party: e.party,
        corrects: e.corrects,
        note: e.note,
        userId: e.userId,
      }))
    : [];
  const checkpoints: Checkpoint[] = (
    await db
      .select()
      .from(auditCheckpoints)
      .where(eq(auditCheckpoints.orgId, orgId))
      .orderBy(asc(auditCheckpoints.seq))
  ).map(({ id: _id, ...c }) => c);
  return { entries, head: head ? { seq: head.seq, hash: head.hash } : undefined, ledger, checkpoints };
}

export async function headOfChain(db: Db, orgId: string) {
  const [h] = await db.select().from(auditHeads).where(eq(auditHeads.orgId, orgId));
  return h;
}

export async function insertCheckpoint(db: Db, c: Checkpoint): Promise<void> {
  await db.insert(auditCheckpoints).values(c);
}

export async function registerAuditKey(db: Db, keyId: string, publicKey: string): Promise<void> {
  await db.insert(auditKeys).values({ keyId, publicKey }).onConflictDoNothing();
}

export async function auditKeysStored(db: Db): Promise<{ keyId: string; publicKey: string }[]> {
  return db.select({ keyId: auditKeys.keyId, publicKey: auditKeys.publicKey }).from(auditKeys);
}
