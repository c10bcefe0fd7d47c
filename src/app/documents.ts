/**
 * The printed documents' flows: a licence or an application as a PrintedDocument for the caller (the access
 * rules of the permits service), and the verification of a printed hash against every record the caller may
 * see, answering which record and version it is — or that it matches nothing, as for a record changed since.
 */
import * as permits from "../permits/service.ts";
import { visibleApplications } from "../permits/documents.ts";
import type { ApplicationInput, LicenceLine } from "../permits/model.ts";
import { todayIn } from "../policy/index.ts";
import { organisationName, type Principal } from "../store/identity.ts";
import type { CheckRequestContext } from "./check-request.ts";
import type { DocumentLanguage } from "./document-labels.ts";
import {
  applicationDocument,
  licenceDocument,
  licenceRecordOf,
  recordHash,
  type ApplicationRecord,
  type DisplayNames,
  type LicenceRecord,
  type PrintedDocument,
} from "./document-model.ts";
import { notFoundError } from "./errors.ts";
import type { Verdict } from "./verdict.ts";

/** Today in each regime's time zone (a licence expires on its own calendar). */
export const todayFor = (ctx: CheckRequestContext) => (regime: string) => {
  const p = ctx.policies.get(regime);
  return todayIn(p ? p.regime.timeZone : "UTC");
};

function namesOf(ctx: CheckRequestContext, regime: string, type: string): DisplayNames {
  const p = ctx.policies.get(regime);
  return {
    regimeName: p?.regime.name ?? regime,
    licenceTypeName: p?.data.licences.find((l) => l.id === type)?.name ?? type,
  };
}

type LicenceRow = NonNullable<Awaited<ReturnType<typeof permits.getLicence>>>;
const licenceOf = (l: Omit<LicenceRow, "ledger">): LicenceRecord =>
  licenceRecordOf({ ...l, lines: l.lines as LicenceLine[] });

type ApplicationRow = NonNullable<Awaited<ReturnType<typeof permits.getApplication>>>;

/** What an application's document shows, from its row: content, the determination and screening summaries. */
export function applicationRecordOf(a: ApplicationRow, applicant: string): ApplicationRecord {
  const c = a.content as ApplicationInput;
  const d = a.decision as { policyVersion?: string; decisions?: unknown[]; verdict?: Verdict } | null;
  const s = a.screening as Verdict | null;
  return {
    id: a.id,
    version: a.version,
    applicant,
    regime: a.regime,
    licenceType: a.licenceType,
    status: a.status,
    destination: a.destination,
    shipmentDate: a.shipmentDate,
    dueDate: a.dueDate,
    consignee: c.consignee,
    endUser: c.endUser,
    endUseStatement: c.endUseStatement,
    lines: c.lines,
    documents: c.documents ?? [],
    decision: d
      ? {
          policyVersion: d.policyVersion ?? null,
          verdict: d.verdict?.status ?? null,
          lines: (
            (d.decisions ?? []) as {
              id: string;
              outcome: string;
              classification?: { controlNumber: string | null };
            }[]
          ).map((x) => ({
            line: x.id,
            outcome: x.outcome,
            controlNumber: x.classification?.controlNumber ?? null,
          })),
        }
      : null,
    screening: s?.screening
      ? {
          status: s.screening.status,
          lists: s.screening.lists.map((l) => `${l.list} ${l.version}`),
          matches: s.screening.parties.reduce((n, x) => n + x.matches.length, 0),
        }
      : null,
    reason: a.reason,
    conditions:
      typeof a.conditions === "string" ? a.conditions : a.conditions ? JSON.stringify(a.conditions) : null,
  };
}

export async function licencePrint(
  ctx: CheckRequestContext,
  p: Principal,
  id: string,
  lang: DocumentLanguage,
): Promise<PrintedDocument> {
  const l = await permits.getLicence(ctx.db, p, id, todayFor(ctx));
  if (!l) throw notFoundError(`no licence ${id}`);
  return licenceDocument(lang, licenceOf(l), namesOf(ctx, l.regime, l.type));
}

export async function applicationPrint(
  ctx: CheckRequestContext,
  p: Principal,
  id: string,
  lang: DocumentLanguage,
): Promise<PrintedDocument> {
  const a = await permits.getApplication(ctx.db, p, id);
  if (!a) throw notFoundError(`no application ${id}`);
  const applicant = (await organisationName(ctx.db, a.orgId)) ?? a.orgId;
  return applicationDocument(lang, applicationRecordOf(a, applicant), namesOf(ctx, a.regime, a.licenceType));
}

export type Verification =
  | { match: true; kind: "licence"; id: string; number: string; status: string }
  | { match: true; kind: "application"; id: string; version: number; status: string }
  | { match: false };

/** Which record of those the caller may see the hash was printed from, as the record stands now. */
export async function verifyDocument(
  ctx: CheckRequestContext,
  p: Principal,
  hash: string,
): Promise<Verification> {
  for (const l of await permits.listLicences(ctx.db, p, todayFor(ctx)))
    if (recordHash("licence", licenceOf(l)) === hash)
      return { match: true, kind: "licence", id: l.id, number: l.number, status: l.status };
  for (const a of await visibleApplications(ctx.db, p))
    if (recordHash("application", applicationRecordOf(a, a.applicant)) === hash)
      return { match: true, kind: "application", id: a.id, version: a.version, status: a.status };
  return { match: false };
}
