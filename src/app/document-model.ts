/**
 * What a printed licence or application shows: a title, labelled fields and tables in the reader's language, and
 * the SHA-256 of a canonical serialisation of the record shown (sorted keys, no undefined, the calendar dates as
 * stored), so that a paper copy can be verified against the record and stops verifying once the record changes.
 * The PDF's own bytes (which carry a creation date) are not hashed. Pure.
 */
import { createHash } from "node:crypto";
import { countryName } from "../policy/index.ts";
import type { ApplicationInput, LicenceLine } from "../permits/model.ts";
import type { licences } from "../store/schema.ts";
import { calendarDate, label, type DocumentLabel, type DocumentLanguage } from "./document-labels.ts";

export interface DocField {
  label: string;
  value: string;
}
export interface DocColumn {
  label: string;
  /** Share of the page's width. */
  width: number;
  align?: "left" | "right";
}
export type DocSection =
  | { kind: "fields"; title?: string; fields: DocField[] }
  | { kind: "table"; title?: string; columns: DocColumn[]; rows: string[][]; note?: string };

export interface PrintedDocument {
  lang: DocumentLanguage;
  title: string;
  /** The file name's stem for the download. */
  name: string;
  sections: DocSection[];
  /** Printed on every page: the verification hash line(s), when the document has a record hash. */
  footer: string[];
  /** The page number's template with {n} and {total}. */
  pageTemplate: string;
  /** When it was printed, beside the page number (set by whoever renders it; not hashed). */
  stamp?: string;
  hash?: string;
}

// ------------------------------------------------------------------------------------- the canonical hash

/** JSON with object keys sorted at every depth and undefined members left out: one text per value. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map((x) => canonicalJson(x === undefined ? null : x)).join(",")}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(",")}}`;
}

export type RecordKind = "licence" | "application";

/** The record's hash: domain-separated by kind, so a licence and an application never share one. */
export function recordHash(kind: RecordKind, record: unknown): string {
  return createHash("sha256")
    .update(`tradectl-document/1\n${kind}\n${canonicalJson(record)}`)
    .digest("hex");
}

// ------------------------------------------------------------------------------------------ the records

/** A licence as printed (status as of the day printed: active, suspended, revoked, expired or used up). */
export type LicenceRecord = Pick<
  typeof licences.$inferSelect,
  | "id"
  | "regime"
  | "type"
  | "number"
  | "holder"
  | "applicationId"
  | "destinations"
  | "permittedParties"
  | "validFrom"
  | "validUntil"
  | "conditions"
> & { lines: LicenceLine[]; status: string };

/** What a licence record hashes: exactly the fields printed. */
export function licenceRecordOf(l: LicenceRecord): LicenceRecord {
  return {
    id: l.id,
    regime: l.regime,
    type: l.type,
    number: l.number,
    holder: l.holder,
    applicationId: l.applicationId ?? null,
    destinations: [...l.destinations],
    permittedParties: [...l.permittedParties],
    lines: l.lines.map((x) => ({
      controlNumber: x.controlNumber ?? null,
      productId: x.productId,
      description: x.description,
      quantityLimit: x.quantityLimit,
      valueLimit: x.valueLimit,
      unit: x.unit,
      currency: x.currency,
    })),
    validFrom: l.validFrom,
    validUntil: l.validUntil,
    conditions: l.conditions ?? null,
    status: l.status,
  };
}

type ApplicationPartyRecord = ApplicationInput["consignee"];

/** An application as printed, with the summaries of the determination and the screening attached on submission. */
export interface ApplicationRecord {
  id: string;
  version: number;
  applicant: string;
  regime: string;
  licenceType: string;
  status: string;
  destination: string;
  shipmentDate: string;
  dueDate: string | null;
  consignee: ApplicationPartyRecord;
  endUser: ApplicationPartyRecord;
  endUseStatement: string;
  lines: ApplicationInput["lines"];
  documents: ApplicationInput["documents"];
  /** Per line: its outcome and control number; and the shipment's verdict. Null before submission. */
  decision: {
    policyVersion: string | null;
    verdict: string | null;
    lines: { line: string; outcome: string; controlNumber: string | null }[];
  } | null;
  screening: { status: string; lists: string[]; matches: number } | null;
  reason: string | null;
  conditions: string | null;
}

// ------------------------------------------------------------------------------------------ the layouts

/** How a document names the pack's things for display (not part of the record hashed). */
export interface DisplayNames {
  regimeName: string;
  licenceTypeName: string;
}

const num = (lang: DocumentLanguage, n: number) => new Intl.NumberFormat(lang).format(n);
const country = (lang: DocumentLanguage, code: string) => `${countryName(code, lang)} (${code})`;
const status = (lang: DocumentLanguage, s: string) => label(lang, `status.${s}`);
/**
 * The licensing authority on a date: Korea's ministry was 산업통상자원부 until 2025-10-01 and 산업통상부 from then
 * (Government Organization Act, Act No. 21065; ../shared/domain/review-2026-12.md item 6). A licence names the
 * authority of its grant (validFrom), an application that of its shipment date.
 */
const authority = (lang: DocumentLanguage, regime: string, on: string) =>
  regime === "KR" && on < "2025-10-01"
    ? label(lang, "authority.KR-before-2025-10-01")
    : label(lang, `authority.${regime}`);

function footerOf(lang: DocumentLanguage, hash: string): string[] {
  return [`${label(lang, "hash")}: ${hash}`, label(lang, "verifyHint")];
}

function pageOf(lang: DocumentLanguage): string {
  return label(lang, "page", { n: "{n}", total: "{total}" });
}

/** The item lines' columns: number, control number, description, then quantity and value (or their limits). */
function lineColumns(lang: DocumentLanguage, quantity: DocumentLabel, value: DocumentLabel): DocColumn[] {
  return [
    { label: label(lang, "line"), width: 0.07, align: "right" },
    { label: label(lang, "controlNumber"), width: 0.16 },
    { label: label(lang, "description"), width: 0.41 },
    { label: label(lang, quantity), width: 0.17, align: "right" },
    { label: label(lang, value), width: 0.19, align: "right" },
  ];
}

export function licenceDocument(
  lang: DocumentLanguage,
  l: LicenceRecord,
  names: DisplayNames,
  applicationLabel?: string,
): PrintedDocument {
  const record = licenceRecordOf(l);
  const hash = recordHash("licence", record);
  const t = (k: Parameters<typeof label>[1]) => label(lang, k);
  const limit = (n: number | null, unit: string) => (n === null ? t("unlimited") : `${num(lang, n)} ${unit}`);
  return {
    lang,
    title: t("licenceTitle"),
    name: `licence-${l.number}`,
    hash,
    footer: footerOf(lang, hash),
    pageTemplate: pageOf(lang),
    sections: [
      {
        kind: "fields",
        fields: [
          { label: t("number"), value: l.number },
          { label: t("type"), value: `${names.licenceTypeName} [${l.type}]` },
          { label: t("holder"), value: l.holder },
          { label: t("regime"), value: names.regimeName },
          { label: t("authority"), value: authority(lang, l.regime, l.validFrom) },
          { label: t("destinations"), value: l.destinations.map((c) => country(lang, c)).join(", ") },
          {
            label: t("permittedParties"),
            value: l.permittedParties.length ? l.permittedParties.join("; ") : t("none"),
          },
          { label: t("validFrom"), value: calendarDate(lang, l.validFrom) },
          { label: t("validUntil"), value: calendarDate(lang, l.validUntil) },
          { label: t("status"), value: status(lang, l.status) },
          {
            label: t("issuedFrom"),
            value: l.applicationId ? (applicationLabel ?? l.applicationId) : t("registered"),
          },
          { label: t("conditions"), value: l.conditions?.trim() || t("none") },
        ],
      },
      {
        kind: "table",
        title: t("lines"),
        columns: lineColumns(lang, "quantityLimit", "valueLimit"),
        rows: l.lines.map((x, i) => [
          String(i + 1),
          x.controlNumber ?? x.productId ?? "—",
          x.description,
          limit(x.quantityLimit, x.unit),
          limit(x.valueLimit, x.currency),
        ]),
      },
    ],
  };
}

export function applicationDocument(
  lang: DocumentLanguage,
  a: ApplicationRecord,
  names: DisplayNames,
): PrintedDocument {
  const hash = recordHash("application", a);
  const t = (k: Parameters<typeof label>[1]) => label(lang, k);
  const party = (p: ApplicationPartyRecord) =>
    [p.name, p.address, p.country ? country(lang, p.country) : undefined].filter(Boolean).join(", ");
  const sections: DocSection[] = [
    {
      kind: "fields",
      fields: [
        { label: t("applicationId"), value: `${a.id} (${t("version")} ${a.version})` },
        { label: t("status"), value: status(lang, a.status) },
        { label: t("applicant"), value: a.applicant },
        { label: t("regime"), value: names.regimeName },
        { label: t("authority"), value: authority(lang, a.regime, a.shipmentDate) },
        { label: t("type"), value: `${names.licenceTypeName} [${a.licenceType}]` },
        { label: t("destination"), value: country(lang, a.destination) },
        { label: t("shipmentDate"), value: calendarDate(lang, a.shipmentDate) },
        ...(a.dueDate ? [{ label: t("dueDate"), value: calendarDate(lang, a.dueDate) }] : []),
        { label: t("consignee"), value: party(a.consignee) },
        { label: t("endUser"), value: party(a.endUser) },
        { label: t("endUse"), value: a.endUseStatement },
        ...(a.reason ? [{ label: t("denialReason"), value: a.reason }] : []),
        ...(a.conditions ? [{ label: t("grantedConditions"), value: a.conditions }] : []),
      ],
    },
    {
      kind: "table",
      title: t("lines"),
      columns: lineColumns(lang, "quantity", "value"),
      rows: a.lines.map((x, i) => [
        String(i + 1),
        x.controlNumber ?? x.productId ?? x.hsCode ?? "—",
        x.description,
        `${num(lang, x.quantity)} ${x.unit}`,
        `${num(lang, x.value)} ${x.currency}`,
      ]),
    },
  ];
  if (a.documents.length > 0)
    sections.push({
      kind: "fields",
      title: t("supportingDocuments"),
      fields: a.documents.map((d) => ({
        label: d.kind,
        value: [d.name, d.reference].filter(Boolean).join(" — "),
      })),
    });
  sections.push(
    a.decision
      ? {
          kind: "table",
          title: `${t("decision")}: ${a.decision.verdict ? label(lang, `outcome.${a.decision.verdict}`) : "—"}`,
          columns: [
            { label: t("line"), width: 0.15 },
            { label: t("controlNumber"), width: 0.35 },
            { label: t("outcome"), width: 0.5 },
          ],
          rows: a.decision.lines.map((d) => [
            d.line,
            d.controlNumber ?? "—",
            label(lang, `outcome.${d.outcome}`),
          ]),
          ...(a.decision.policyVersion ? { note: `${t("policyVersion")}: ${a.decision.policyVersion}` } : {}),
        }
      : { kind: "fields", title: t("decision"), fields: [{ label: t("status"), value: t("notSubmitted") }] },
  );
  if (a.screening)
    sections.push({
      kind: "fields",
      title: t("screening"),
      fields: [
        { label: t("status"), value: label(lang, `screening.${a.screening.status}`) },
        { label: t("screeningLists"), value: a.screening.lists.join(", ") || t("none") },
        { label: t("screeningMatches"), value: num(lang, a.screening.matches) },
      ],
    });
  return {
    lang,
    title: t("applicationTitle"),
    name: `application-${a.id.slice(0, 8)}`,
    hash,
    footer: footerOf(lang, hash),
    pageTemplate: pageOf(lang),
    sections,
  };
}
