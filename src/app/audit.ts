/**
 * The audit service: signed checkpoints of the organisation's chain (kept by auditors outside the database),
 * the verification of chain, head, ledger rows and checkpoints — those stored and those an auditor brings —
 * and the export an auditor verifies offline (`tradectl audit verify-export`).
 */
import { createPublicKey, type KeyObject } from "node:crypto";
import { GENESIS } from "../permits/audit.ts";
import { signCheckpoint, verifyRecords, type Checkpoint, type Finding } from "../permits/checkpoint.ts";
import { auditKeysStored, auditRecordsOf, headOfChain, insertCheckpoint } from "../store/audit.ts";
import type { Db } from "../store/db.ts";
import type { SigningKey } from "../store/signing-key.ts";
import { RefusalError } from "./errors.ts";

export interface AuditContext {
  db: Db;
  auditKey?: SigningKey | undefined;
}

/** Sign the organisation's chain as it stands now: its head's sequence number and hash. */
export async function createCheckpoint(ctx: AuditContext, orgId: string): Promise<Checkpoint> {
  if (!ctx.auditKey) throw new RefusalError(409, "this server has no audit key to sign with");
  const head = await headOfChain(ctx.db, orgId);
  const c = signCheckpoint(ctx.auditKey.privateKey, ctx.auditKey.publicKey, {
    orgId,
    seq: head?.seq ?? 0,
    hash: head?.hash ?? GENESIS,
    at: new Date().toISOString(),
  });
  await insertCheckpoint(ctx.db, c);
  return c;
}

async function trustedKeys(db: Db): Promise<Map<string, KeyObject>> {
  return new Map((await auditKeysStored(db)).map((k) => [k.keyId, createPublicKey(k.publicKey)]));
}

/** Verify everything of the organisation; `brought`: checkpoints an auditor kept. */
export async function verifyOrganisation(
  ctx: AuditContext,
  orgId: string,
  brought: Checkpoint[] = [],
): Promise<{ entries: number; valid: boolean; findings: Finding[] }> {
  const r = await auditRecordsOf(ctx.db, orgId);
  const findings = verifyRecords(orgId, {
    ...r,
    head: r.head ?? (brought.length > 0 || r.checkpoints.length > 0 ? { seq: 0, hash: GENESIS } : undefined),
    checkpoints: [...r.checkpoints, ...brought],
    keys: await trustedKeys(ctx.db),
  });
  if (!r.head && r.entries.length === 0 && brought.some((c) => c.seq > 0))
    findings.push({
      what: "chain",
      reason: "the organisation's chain is gone: a kept checkpoint names entries",
    });
  return { entries: r.entries.length, valid: findings.length === 0, findings };
}

/** Everything an auditor needs to verify offline, with the public keys the checkpoints are signed with. */
export async function exportAudit(ctx: AuditContext, orgId: string) {
  const r = await auditRecordsOf(ctx.db, orgId);
  const keys = await auditKeysStored(ctx.db);
  return {
    format: "tradectl-audit-export/1",
    orgId,
    exportedAt: new Date().toISOString(),
    ...r,
    publicKeys: keys,
  };
}
