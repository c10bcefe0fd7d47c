/**
 * Records as printable tables: checks, the audit log and a licence's ledger, with the column headings in the
 * reader's language and the same row limit as the CSV exports (a cut table says so under it). Pure.
 */
import { label, calendarDate, type DocumentLabel, type DocumentLanguage } from "./document-labels.ts";
import type { PrintedDocument } from "./document-model.ts";
import type { LedgerOut } from "./records-csv.ts";
import type { RecordedCheck } from "../store/checks.ts";

/** A printed table holds fewer rows than a CSV: a PDF of 50,000 rows is no one's reading. */
export const MAX_PDF_ROWS = 5_000;

interface PdfColumn<T> {
  label: DocumentLabel;
  width: number;
  align?: "left" | "right";
  value: (row: T, lang: DocumentLanguage) => string;
}

const text = (v: unknown) => (v === null || v === undefined ? "" : String(v));
const instant = (v: unknown) =>
  (v instanceof Date ? v.toISOString() : text(v)).replace("T", " ").slice(0, 19);

export const checkPdfColumns: PdfColumn<RecordedCheck>[] = [
  { label: "checkedAt", width: 0.2, value: (r) => instant(r.createdAt) },
  { label: "regime", width: 0.08, value: (r) => r.regime },
  { label: "shipmentDate", width: 0.15, value: (r, l) => calendarDate(l, r.date) },
  { label: "destination", width: 0.1, value: (r) => r.destination },
  { label: "outcome", width: 0.2, value: (r, l) => label(l, `outcome.${r.outcome}`) },
  { label: "lines", width: 0.07, align: "right", value: (r) => String(r.lineCount) },
  { label: "requestedBy", width: 0.2, value: (r) => r.requestedBy },
];

export interface AuditRow {
  seq: number;
  at: Date | string;
  userId: string | null;
  user?: { email: string } | null;
  action: string;
  objectType: string;
  objectId: string;
}

export const auditPdfColumns: PdfColumn<AuditRow>[] = [
  { label: "seq", width: 0.07, align: "right", value: (r) => String(r.seq) },
  { label: "at", width: 0.19, value: (r) => instant(r.at) },
  { label: "user", width: 0.24, value: (r, l) => r.user?.email ?? (r.userId ? "" : label(l, "system")) },
  { label: "action", width: 0.2, value: (r) => r.action },
  { label: "object", width: 0.3, value: (r) => `${r.objectType} ${r.objectId}` },
];

export const ledgerPdfColumns: PdfColumn<LedgerOut>[] = [
  { label: "seq", width: 0.06, align: "right", value: (r) => String(r.seq) },
  { label: "kind", width: 0.09, value: (r, l) => label(l, `kind.${r.kind}`) },
  { label: "line", width: 0.06, align: "right", value: (r) => String(r.line) },
  {
    label: "quantity",
    width: 0.1,
    align: "right",
    value: (r, l) => new Intl.NumberFormat(l).format(r.quantity),
  },
  { label: "value", width: 0.12, align: "right", value: (r, l) => new Intl.NumberFormat(l).format(r.value) },
  { label: "shipmentRef", width: 0.15, value: (r) => r.shipmentRef },
  { label: "shipmentDate", width: 0.13, value: (r, l) => calendarDate(l, r.shipmentDate) },
  { label: "destination", width: 0.08, value: (r) => r.destination },
  { label: "party", width: 0.11, value: (r) => text(r.party) },
  { label: "note", width: 0.1, value: (r) => text(r.note) },
];

/** One table of records as a document; `truncated` adds the note that more rows exist than were printed. */
export function recordsDocument<T>(
  lang: DocumentLanguage,
  title: DocumentLabel,
  name: string,
  columns: readonly PdfColumn<T>[],
  rows: readonly T[],
  truncated = false,
  subtitle?: string,
): PrintedDocument {
  return {
    lang,
    title: subtitle ? `${label(lang, title)} — ${subtitle}` : label(lang, title),
    name,
    footer: [],
    pageTemplate: label(lang, "page", { n: "{n}", total: "{total}" }),
    sections: [
      {
        kind: "table",
        columns: columns.map((c) => ({
          label: label(lang, c.label),
          width: c.width,
          align: c.align ?? "left",
        })),
        rows: rows.map((r) => columns.map((c) => c.value(r, lang))),
        ...(truncated
          ? { note: label(lang, "moreRows", { n: rows.length }) }
          : rows.length === 0
            ? { note: label(lang, "noRows") }
            : {}),
      },
    ],
  };
}
