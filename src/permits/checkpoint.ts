/**
 * Signed checkpoints of an audit chain and the full verification of an organisation's records. A checkpoint
 * states "entry <seq> of organisation <org> has hash <h>", signed with the server's Ed25519 key; an auditor
 * keeps checkpoints (and the public key) outside the database, so that a chain deleted, cut short or rewritten
 * with recomputed hashes no longer matches them. Verification also checks the chain against its stored head
 * (newest entries deleted) and every usage-ledger row against the hash its audit entry carries (a ledger row
 * edited or deleted). Pure: keys, entries and rows come in as values.
 */
import { createHash, sign, verify, type KeyObject } from "node:crypto";
import { GENESIS, ledgerRowHash, verifyChain, type AuditContent, type LedgerRow } from "./audit.ts";

export interface Checkpoint {
  orgId: string;
  seq: number;
  hash: string;
  at: string;
  /** sha256 of the public key (SPKI DER), hex: which key signed. */
  keyId: string;
  /** base64 Ed25519 signature over the canonical statement. */
  signature: string;
}

const statement = (c: Omit<Checkpoint, "signature" | "keyId">) =>
  Buffer.from(`tradectl-audit-checkpoint\n${c.orgId}\n${c.seq}\n${c.hash}\n${c.at}`);

export function keyIdOf(publicKey: KeyObject): string {
  return createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex");
}

export function signCheckpoint(
  privateKey: KeyObject,
  publicKey: KeyObject,
  c: Omit<Checkpoint, "signature" | "keyId">,
): Checkpoint {
  return {
    ...c,
    keyId: keyIdOf(publicKey),
    signature: sign(null, statement(c), privateKey).toString("base64"),
  };
}

export function checkpointSignatureValid(publicKey: KeyObject, c: Checkpoint): boolean {
  if (c.keyId !== keyIdOf(publicKey)) return false;
  try {
    return verify(null, statement(c), publicKey, Buffer.from(c.signature, "base64"));
  } catch {
    return false;
  }
}

export type StoredEntry = AuditContent & { prevHash: string; hash: string; id: string };

export type { LedgerRow };

export interface Finding {
  what: "chain" | "head" | "ledger" | "checkpoint";
  seq?: number;
  id?: string;
  reason: string;
}

/** Everything wrong with an organisation's records, first the chain's first broken link. */
export function verifyRecords(
  orgId: string,
  input: {
    entries: StoredEntry[];
    head?: { seq: number; hash: string } | undefined;
    ledger?: LedgerRow[] | undefined;
    checkpoints?: Checkpoint[] | undefined;
    /** The keys checkpoints may be signed with, by key id (none given: signatures are not checked). */
    keys?: Map<string, KeyObject> | undefined;
  },
): Finding[] {
  const out: Finding[] = [];
  const entries = input.entries;
  const broken = verifyChain(entries);
  if (broken) out.push({ what: "chain", seq: broken.seq, id: broken.id, reason: broken.reason });
  const last = entries[entries.length - 1];
  const head = input.head;
  if (head && (head.seq !== (last?.seq ?? 0) || head.hash !== (last?.hash ?? GENESIS)))
    out.push({
      what: "head",
      reason: `the chain ends at entry ${last?.seq ?? 0} but its head says ${head.seq}: entries were removed or added outside the chain`,
    });
  if (!head && entries.length > 0) out.push({ what: "head", reason: "the chain has entries but no head" });
  if (input.ledger) {
    const carried = new Map<string, string>();
    for (const e of entries)
      if (e.action === "ledger.drawdown" || e.action === "ledger.correction") {
        const p = e.payload as { entry?: string; rowHash?: string } | null;
        if (p?.entry && p.rowHash) carried.set(p.entry, p.rowHash);
      }
    const seen = new Set<string>();
    for (const r of input.ledger) {
      seen.add(r.id);
      const h = carried.get(r.id);
      if (h === undefined)
        out.push({ what: "ledger", id: r.id, reason: "a ledger row no audit entry records" });
      else if (h !== ledgerRowHash(r))
        out.push({
          what: "ledger",
          id: r.id,
          reason: "a ledger row differs from what its audit entry recorded",
        });
    }
    for (const id of carried.keys())
      if (!seen.has(id))
        out.push({ what: "ledger", id, reason: "a ledger row its audit entry records is gone" });
  }
  const bySeq = new Map(entries.map((e) => [e.seq, e]));
  for (const c of input.checkpoints ?? []) {
    if (c.orgId !== orgId) {
      out.push({ what: "checkpoint", seq: c.seq, reason: "a checkpoint of another organisation" });
      continue;
    }
    if (input.keys) {
      const key = input.keys.get(c.keyId);
      if (!key)
        out.push({
          what: "checkpoint",
          seq: c.seq,
          reason: `signed by a key not trusted here (${c.keyId.slice(0, 16)}…)`,
        });
      else if (!checkpointSignatureValid(key, c))
        out.push({ what: "checkpoint", seq: c.seq, reason: "the checkpoint's signature does not verify" });
    }
    const e = bySeq.get(c.seq);
    if (!e)
      out.push({ what: "checkpoint", seq: c.seq, reason: `entry ${c.seq} of a signed checkpoint is gone` });
    else if (e.hash !== c.hash)
      out.push({
        what: "checkpoint",
        seq: c.seq,
        reason: `entry ${c.seq} no longer has the hash its signed checkpoint states (the chain was rewritten)`,
      });
  }
  return out;
}
