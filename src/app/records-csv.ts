/**
 * Records as CSV for a spreadsheet: checks, the audit log and a licence's ledger. Every cell goes through
 * `csvCell` (formula-safe: a text starting with =, +, -, @ is shown, not run), the first line names the columns,
 * lines end with CRLF as RFC 4180 says, and a byte-order mark lets spreadsheet programs read UTF-8 (Hangul,
 * kana, kanji) as such. Pure.
 */
import { csvCell } from "../impact/csv-cell.ts";
import type { LedgerRow } from "../permits/audit.ts";
import type { RecordedCheck } from "../store/checks.ts";
import type { auditLog } from "../store/schema.ts";

/** The most rows one export holds; a longer one says so in its last line rather than stopping silently. */
export const MAX_EXPORT_ROWS = 50_000;

export interface Column<T> {
  name: string;
  value: (row: T) => unknown;
}

export function toCsv<T>(columns: readonly Column<T>[], rows: readonly T[], truncated = false): string {
  const lines = [columns.map((c) => csvCell(c.name)).join(",")];
  for (const r of rows) lines.push(columns.map((c) => csvCell(c.value(r))).join(","));
  if (truncated) lines.push(csvCell(`(only the first ${rows.length} rows: narrow the filter for the rest)`));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export const checkColumns: Column<RecordedCheck>[] = [
  { name: "id", value: (r) => r.id },
  { name: "checked_at", value: (r) => r.createdAt },
  { name: "regime", value: (r) => r.regime },
  { name: "shipment_date", value: (r) => r.date },
  { name: "destination", value: (r) => r.destination },
  { name: "outcome", value: (r) => r.outcome },
  { name: "lines", value: (r) => r.lineCount },
  { name: "policy_version", value: (r) => r.policyVersion },
  { name: "requested_by", value: (r) => r.requestedBy },
  { name: "user", value: (r) => r.requestedByUser?.email ?? "" },
];

export const auditColumns: Column<typeof auditLog.$inferSelect & { user?: { email: string } | null }>[] = [
  { name: "seq", value: (r) => r.seq },
  { name: "at", value: (r) => (r.at instanceof Date ? r.at.toISOString() : r.at) },
  { name: "user_id", value: (r) => r.userId },
  { name: "user", value: (r) => r.user?.email ?? (r.userId ? "" : "(system)") },
  { name: "action", value: (r) => r.action },
  { name: "object_type", value: (r) => r.objectType },
  { name: "object_id", value: (r) => r.objectId },
  { name: "policy_version", value: (r) => r.policyVersion },
  { name: "payload", value: (r) => JSON.stringify(r.payload ?? null) },
  { name: "hash", value: (r) => r.hash },
  { name: "prev_hash", value: (r) => r.prevHash },
];

/** A ledger row as answered (quantity as a number). */
export type LedgerOut = Omit<LedgerRow, "quantity"> & { seq: number; quantity: number };

export const ledgerColumns: Column<LedgerOut>[] = [
  { name: "seq", value: (r) => r.seq },
  { name: "entry", value: (r) => r.id },
  { name: "kind", value: (r) => r.kind },
  { name: "line", value: (r) => r.line },
  { name: "quantity", value: (r) => r.quantity },
  { name: "value", value: (r) => r.value },
  { name: "shipment_ref", value: (r) => r.shipmentRef },
  { name: "shipment_date", value: (r) => r.shipmentDate },
  { name: "destination", value: (r) => r.destination },
  { name: "party", value: (r) => r.party },
  { name: "corrects", value: (r) => r.corrects },
  { name: "note", value: (r) => r.note },
];
