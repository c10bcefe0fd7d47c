/**
 * The audit service: signed checkpoints of the organisation's chain (kept by auditors outside the database),
 * the verification of chain, head, ledger rows and checkpoints — those stored and those an auditor brings —
 * and the export an auditor verifies offline (`tradectl audit verify-export`).
 */
import { createPublicKey, type KeyObject } from "node:crypto";
import { GENESIS } from "../permits/audit.ts";
import {
  keyIdOf,
  signCheckpoint,
  verifyRecords,
  type Checkpoint,
  type Finding,
  type LedgerRow,
  type StoredEntry,
} from "../permits/checkpoint.ts";
import { auditKeysStored, auditRecordsOf, headOfChain, insertCheckpoint } from "../store/audit.ts";
import type { Db } from "../store/db.ts";
import type { SigningKey } from "../store/signing-key.ts";
import { BadInputError, RefusalError } from "./errors.ts";

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

/**
 * Verify an export offline with the public key the auditor holds (the export's own keys are not trusted) and
 * the checkpoints they kept. `exportText`, `publicKeyPem` and `keptText` are the files' contents; `names` say
 * which file a problem is in. Throws `BadInputError` for a file that is not what it should be.
 */
export function verifyExport(
  exportText: string,
  publicKeyPem: string,
  keptText: string | undefined,
  names: { export: string; publicKey: string; kept: string },
) {
  let exp: {
    format?: string;
    orgId: string;
    entries: StoredEntry[];
    head?: { seq: number; hash: string };
    ledger?: LedgerRow[];
    checkpoints?: Checkpoint[];
  };
  try {
    exp = JSON.parse(exportText);
  } catch (e) {
    throw new BadInputError([`${names.export}: not JSON: ${(e as Error).message}`]);
  }
  if (exp?.format !== "tradectl-audit-export/1" || !Array.isArray(exp.entries))
    throw new BadInputError([`${names.export}: not a tradectl audit export`]);
  let key: KeyObject;
  try {
    key = createPublicKey(publicKeyPem);
  } catch (e) {
    throw new BadInputError([`${names.publicKey}: not a public key in PEM: ${(e as Error).message}`]);
  }
  let kept: Checkpoint[] = [];
  if (keptText !== undefined) {
    const text = keptText.trim();
    try {
      kept = text.startsWith("[")
        ? JSON.parse(text)
        : text
            .split("\n")
            .filter(Boolean)
            .map((l) => JSON.parse(l));
    } catch (e) {
      throw new BadInputError([`${names.kept}: not JSON: ${(e as Error).message}`]);
    }
  }
  const findings = verifyRecords(exp.orgId, {
    entries: exp.entries,
    head: exp.head,
    ledger: exp.ledger,
    checkpoints: [...(exp.checkpoints ?? []), ...kept],
    keys: new Map([[keyIdOf(key), key]]),
  });
  return {
    entries: exp.entries.length,
    checkpoints: (exp.checkpoints?.length ?? 0) + kept.length,
    valid: findings.length === 0,
    findings,
  };
}
