/**
 * The audit chain: each entry's hash covers its content and the previous entry's hash, so any edit, deletion
 * or reordering of a stored entry breaks the chain from that point. Pure hashing and verification.
 */
import { createHash } from "node:crypto";
import { microToText, toMicro } from "./amounts.ts";

export interface AuditContent {
  seq: number;
  userId: string | null;
  at: string;
  action: string;
  objectType: string;
  objectId: string;
  policyVersion: string | null;
  payload: unknown;
}

export const GENESIS = "0".repeat(64);

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value ?? null);
}

/**
 * The hash of a usage-ledger row as written (quantity as exact text): the audit entry of each drawdown and
 * correction carries it, so that an edited or deleted ledger row no longer matches the chain.
 */
/** A usage-ledger row as stored (quantity as numeric text). */
export interface LedgerRow {
  id: string;
  licenceId: string;
  line: number;
  kind: string;
  quantity: string;
  value: number;
  shipmentRef: string;
  shipmentDate: string;
  destination: string;
  party: string | null;
  corrects: string | null;
  note: string | null;
  userId: string;
}

export function ledgerRowHash(r: LedgerRow): string {
  const q = microToText(toMicro(r.quantity));
  return createHash("sha256")
    .update(
      canonical({
        id: r.id,
        licenceId: r.licenceId,
        line: r.line,
        kind: r.kind,
        quantity: q,
        value: r.value,
        shipmentRef: r.shipmentRef,
        shipmentDate: r.shipmentDate,
        destination: r.destination,
        party: r.party,
        corrects: r.corrects,
        note: r.note,
        userId: r.userId,
      }),
    )
    .digest("hex");
}

export function entryHash(prevHash: string, e: AuditContent): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonical(e)).digest("hex");
}

/** The first broken link of a chain (entries in seq order), or null when it verifies. */
export function verifyChain(
  entries: (AuditContent & { prevHash: string; hash: string; id: string })[],
): { seq: number; id: string; reason: string } | null {
  let prev = GENESIS;
  let expectedSeq = 1;
  for (const e of entries) {
    if (e.seq !== expectedSeq)
      return { seq: e.seq, id: e.id, reason: `sequence gap: expected ${expectedSeq}, found ${e.seq}` };
    if (e.prevHash !== prev)
      return { seq: e.seq, id: e.id, reason: "the entry does not point at the previous entry's hash" };
    const content: AuditContent = {
      seq: e.seq,
      userId: e.userId,
      at: e.at,
      action: e.action,
      objectType: e.objectType,
      objectId: e.objectId,
      policyVersion: e.policyVersion,
      payload: e.payload,
    };
    const h = entryHash(prev, content);
    if (h !== e.hash)
      return {
        seq: e.seq,
        id: e.id,
        reason: "the entry's content does not match its hash (edited after it was written)",
      };
    prev = e.hash;
    expectedSeq++;
  }
  return null;
}
