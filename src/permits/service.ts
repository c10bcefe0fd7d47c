/**
 * Applications, licences, the usage ledger, screening decisions and the audit chain, over the store. Every
 * state change runs in one transaction together with its audit entry: it is written whole or not at all.
 */
import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { CheckResult } from "../determine/index.ts";
import {
  applicationEvents,
  applications,
  auditHeads,
  auditLog,
  licences,
  organisations,
  screeningDecisions,
  usageEntries,
  users,
  type ApplicationState,
  type Db,
  type Principal,
} from "../store/index.ts";
import { BadInputError, RefusalError } from "../app/errors.ts";
import type { MatchDecision } from "../app/parties.ts";
import { entryHash, GENESIS, ledgerRowHash } from "./audit.ts";
import { microToNumber, microToText, toMicro } from "./amounts.ts";
import { changedHere, changing, keptPerOrganisation } from "../store/kept.ts";
import { notifyOrganisationChange } from "../store/notify.ts";
import type { Listen } from "../store/db.ts";
import { LICENCE_CHANNEL } from "./held-licences.ts";
import { drawdownProblem, type HeldLicence } from "./ledger.ts";
import { sameParty } from "./party-key.ts";
import type { ApplicationInput, DrawdownInput, LicenceInput, LicenceLine } from "./model.ts";
import { notifyOf } from "./notify.ts";
import { likePattern, searchWords } from "../store/like.ts";
import { roleProblem, stateProblem, transitionProblem, transitions, type Action } from "./workflow.ts";

/** A refusal the API turns into a 4xx problem: 404 for what the caller may not see, 409/422 for rules. */
export class PermitError extends RefusalError {
  constructor(status: 403 | 404 | 409 | 422, message: string) {
    super(status, message);
    this.name = "PermitError";
  }
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Runs a transaction that changes the organisation's licences or ledger; this process's copies are dropped after. */
const afterChange = <T>(orgId: string, run: () => Promise<T>) => changing(LICENCE_CHANNEL, orgId, run);
const notifyLicenceChange = (tx: Tx, orgId: string) => notifyOrganisationChange(tx, LICENCE_CHANNEL, orgId);

/** Append one entry to the organisation's audit chain, inside the caller's transaction. */
export async function appendAudit(
  tx: Tx | Db,
  e: {
    orgId: string;
    userId: string | null;
    action: string;
    objectType: string;
    objectId: string;
    policyVersion?: string | null;
    payload: unknown;
  },
): Promise<void> {
  await tx.insert(auditHeads).values({ orgId: e.orgId, seq: 0, hash: GENESIS }).onConflictDoNothing();
  const [head] = await tx.select().from(auditHeads).where(eq(auditHeads.orgId, e.orgId)).for("update");
  const seq = head!.seq + 1;
  const at = new Date();
  const content = {
    seq,
    userId: e.userId,
    at: at.toISOString(),
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId,
    policyVersion: e.policyVersion ?? null,
    payload: e.payload ?? null,
  };
  const hash = entryHash(head!.hash, content);
  await tx.insert(auditLog).values({ orgId: e.orgId, ...content, at, prevHash: head!.hash, hash });
  await tx.update(auditHeads).set({ seq, hash }).where(eq(auditHeads.orgId, e.orgId));
}

/** The organisation's audit entries, newest first, each with who did it (the user's e-mail and name, if any). */
export async function auditEntries(db: Db, orgId: string, limit = 200) {
  const rows = await db
    .select({ entry: auditLog, email: users.email, name: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(eq(auditLog.orgId, orgId))
    .orderBy(desc(auditLog.seq))
    .limit(limit);
  return rows.map((r) => ({ ...r.entry, user: r.email ? { email: r.email, name: r.name } : null }));
}

// ------------------------------------------------------------------------------------------ applications

export async function authorityOf(db: Db | Tx, p: Principal): Promise<string | null> {
  const [org] = await db
    .select({ authorityFor: organisations.authorityFor })
    .from(organisations)
    .where(eq(organisations.id, p.orgId));
  return org?.authorityFor ?? null;
}

export async function createApplication(db: Db, p: Principal, input: ApplicationInput): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(applications)
      .values({
        orgId: p.orgId,
        createdBy: p.userId,
        regime: input.regime,
        licenceType: input.licenceType,
        status: "draft",
        destination: input.destination,
        shipmentDate: input.shipmentDate,
        content: input,
      })
      .returning({ id: applications.id });
    await tx
      .insert(applicationEvents)
      .values({ applicationId: row!.id, userId: p.userId, action: "create", toStatus: "draft" });
    await appendAudit(tx, {
      orgId: p.orgId,
      userId: p.userId,
      action: "application.create",
      objectType: "application",
      objectId: row!.id,
      payload: { regime: input.regime, licenceType: input.licenceType },
    });
    return row!.id;
  });
}

/** The application if the caller may see it: its own organisation, or the authority's officers once submitted. */
export async function getApplication(db: Db, p: Principal, id: string) {
  const [app] = await db.select().from(applications).where(eq(applications.id, id));
  if (!app) return undefined;
  if (app.orgId === p.orgId) return app;
  if (p.role === "officer" && app.status !== "draft" && (await authorityOf(db, p)) === app.regime) return app;
  return undefined;
}

export async function applicationEventsOf(db: Db, id: string) {
  return db
    .select()
    .from(applicationEvents)
    .where(eq(applicationEvents.applicationId, id))
    .orderBy(asc(applicationEvents.createdAt));
}

/** What the applications list and the officer's queue may be filtered by, and which page. */
export interface ApplicationFilter {
  status?: ApplicationState | undefined;
  destination?: string | undefined;
  /** Words found in the applicant's name, the parties, the items (descriptions, control numbers), the end use. */
  q?: string | undefined;
  limit: number;
  offset: number;
}

/** One row of the list: the application with its applicant, parties, items and value. */
export interface ApplicationRow {
  id: string;
  regime: string;
  licenceType: string;
  status: ApplicationState;
  destination: string;
  shipmentDate: string;
  dueDate: string | null;
  updatedAt: Date;
  applicant: string;
  consignee: string | null;
  endUser: string | null;
  items: { count: number; first: string | null; controlNumbers: string[] };
  /** The lines' values summed per currency (whole units). */
  value: { currency: string; amount: number }[];
  /** Past its due date by the reviewing regime's calendar and still to be decided. */
  overdue: boolean;
}

/**
 * The caller's applications, or for an officer the authority's queue (every application to the officer's regime
 * but drafts), earliest due date first; filtered and paged, with the number of all that match.
 */
export async function listApplications(
  db: Db,
  p: Principal,
  f: ApplicationFilter,
  todayFor: (regime: string) => string,
): Promise<{ items: ApplicationRow[]; total: number }> {
  const authority = p.role === "officer" ? await authorityOf(db, p) : null;
  const words = searchWords(f.q);
  const where = and(
    authority
      ? and(eq(applications.regime, authority), ne(applications.status, "draft"))
      : eq(applications.orgId, p.orgId),
    f.status ? eq(applications.status, f.status) : undefined,
    f.destination ? eq(applications.destination, f.destination) : undefined,
    ...words.map(
      (w) =>
        sql`(${applications.content}::text ilike ${likePattern(w)} or ${organisations.name} ilike ${likePattern(w)})`,
    ),
  );
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: applications.id,
        regime: applications.regime,
        licenceType: applications.licenceType,
        status: applications.status,
        destination: applications.destination,
        shipmentDate: applications.shipmentDate,
        dueDate: applications.dueDate,
        updatedAt: applications.updatedAt,
        applicant: organisations.name,
        content: applications.content,
      })
      .from(applications)
      .innerJoin(organisations, eq(organisations.id, applications.orgId))
      .where(where)
      .orderBy(
        sql`${applications.dueDate} asc nulls last`,
        desc(applications.updatedAt),
        asc(applications.id),
      )
      .limit(f.limit)
      .offset(f.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(applications)
      .innerJoin(organisations, eq(organisations.id, applications.orgId))
      .where(where),
  ]);
  return { items: rows.map((r) => applicationRow(r, todayFor)), total: Number(count?.n ?? 0) };
}

function applicationRow(
  r: { content: unknown; regime: string; status: ApplicationState; dueDate: string | null } & Record<
    string,
    unknown
  >,
  todayFor: (regime: string) => string,
): ApplicationRow {
  const { content, ...rest } = r;
  const c = (content ?? {}) as Partial<ApplicationInput>;
  const lines = Array.isArray(c.lines) ? c.lines : [];
  const sums = new Map<string, number>();
  for (const l of lines)
    if (typeof l.value === "number") sums.set(l.currency ?? "", (sums.get(l.currency ?? "") ?? 0) + l.value);
  return {
    ...(rest as Omit<ApplicationRow, "consignee" | "endUser" | "items" | "value" | "overdue">),
    consignee: c.consignee?.name ?? null,
    endUser: c.endUser?.name ?? null,
    items: {
      count: lines.length,
      first: lines[0]?.description ?? null,
      controlNumbers: [...new Set(lines.flatMap((l) => (l.controlNumber ? [l.controlNumber] : [])))],
    },
    value: [...sums].map(([currency, amount]) => ({ currency, amount })),
    // overdue by the calendar of the regime that reviews it (not the server's or the browser's day)
    overdue:
      r.dueDate !== null &&
      (r.status === "submitted" || r.status === "under-review") &&
      r.dueDate < todayFor(r.regime),
  };
}

/** The organisation's applications still open (submitted, under review, returned for changes). */
export async function openApplicationsOf(db: Db, orgId: string) {
  return db
    .select()
    .from(applications)
    .where(
      and(
        eq(applications.orgId, orgId),
        inArray(applications.status, ["submitted", "under-review", "returned-for-changes"]),
      ),
    );
}

export interface TransitionInput {
  note?: string | undefined;
  content?: ApplicationInput | undefined;
  /** On submit: the determination and the due date computed by the caller from the policy. */
  decision?: CheckResult | undefined;
  /** On submit: the screening of the application's parties (or why it could not run). */
  screening?: unknown;
  dueDate?: string | null | undefined;
  /** On approve: the licence to issue. */
  licence?: LicenceInput | undefined;
  conditions?: unknown;
  /** On approve: a validity beyond the pack's, with the officer's reason (audited with the approval). */
  validityOverride?:
    { reason: string; packMonths: number; packUntil: string; validUntil: string } | undefined;
  /** Queue e-mails with the notifications (e-mail is configured). */
  mail?: boolean | undefined;
}

export async function transition(
  db: Db,
  p: Principal,
  id: string,
  action: Action,
  body: TransitionInput,
): Promise<{ status: ApplicationState; licenceId?: string }> {
  let licensee: string | undefined;
  const done = await db.transaction(async (tx) => {
    const [app] = await tx.select().from(applications).where(eq(applications.id, id)).for("update");
    const side = transitions[action].side;
    const visible =
      app &&
      (side === "applicant"
        ? app.orgId === p.orgId
        : p.role === "officer" && app.status !== "draft" && (await authorityOf(tx, p)) === app.regime);
    if (!app || !visible) {
      // An applicant's application seen by its own organisation, but acted on from the wrong side, is a 403.
      if (
        app &&
        (app.orgId === p.orgId ||
          (p.role === "officer" && (await authorityOf(tx, p)) === app.regime && app.status !== "draft"))
      )
        throw new PermitError(
          403,
          transitionProblem(action, app.status, p.role) ?? `${action} is not for you`,
        );
      throw new PermitError(404, `no application ${id}`);
    }
    const forbidden = roleProblem(action, p.role);
    if (forbidden) throw new PermitError(403, forbidden);
    const problem = stateProblem(action, app.status);
    if (problem) throw new PermitError(409, problem);
    const to = transitions[action].to ?? app.status;
    const set: Partial<typeof applications.$inferInsert> = {
      status: to,
      updatedAt: new Date(),
      version: app.version + 1,
    };
    if (action === "update" && body.content) {
      set.content = body.content;
      set.destination = body.content.destination;
      set.shipmentDate = body.content.shipmentDate;
      set.licenceType = body.content.licenceType;
    }
    if (action === "submit") {
      set.decision = body.decision ?? null;
      set.screening = body.screening ?? null;
      set.dueDate = body.dueDate ?? null;
    }
    if (action === "deny") set.reason = body.note ?? null;
    if (action === "approve") set.conditions = body.conditions ?? null;
    await tx.update(applications).set(set).where(eq(applications.id, id));
    await tx.insert(applicationEvents).values({
      applicationId: id,
      userId: p.userId,
      action,
      fromStatus: app.status,
      toStatus: to,
      note: body.note ?? null,
    });
    let licenceId: string | undefined;
    if (action === "approve" && body.licence) {
      licenceId = await insertLicence(tx, app.orgId, body.licence, id);
      licensee = app.orgId;
      await appendAudit(tx, {
        orgId: app.orgId,
        userId: p.userId,
        action: "licence.issue",
        objectType: "licence",
        objectId: licenceId,
        payload: {
          number: body.licence.number,
          applicationId: id,
          ...(body.validityOverride ? { validityOverride: body.validityOverride } : {}),
        },
      });
    }
    if (action !== "update" && action !== "note")
      await notifyOf(
        tx,
        { ...app, status: action === "submit" ? to : app.status },
        p,
        `application.${action}`,
        { licenceType: app.licenceType, regime: app.regime, destination: app.destination, status: to },
        body.mail ?? false,
      );
    const payload = {
      from: app.status,
      to,
      note: body.note ?? null,
      ...(body.validityOverride ? { validityOverride: body.validityOverride } : {}),
    };
    await appendAudit(tx, {
      orgId: app.orgId,
      userId: p.userId,
      action: `application.${action}`,
      objectType: "application",
      objectId: id,
      policyVersion: body.decision?.policyVersion ?? null,
      payload,
    });
    return licenceId ? { status: to, licenceId } : { status: to };
  });
  if (licensee) changedHere(LICENCE_CHANNEL, licensee);
  return done;
}

// ---------------------------------------------------------------------------------------------- licences

async function insertLicence(
  tx: Tx,
  orgId: string,
  l: LicenceInput,
  applicationId?: string,
): Promise<string> {
  if (l.validUntil < l.validFrom)
    throw new PermitError(422, `validUntil ${l.validUntil} is before validFrom ${l.validFrom}`);
  const exists = await tx
    .select({ id: licences.id })
    .from(licences)
    .where(and(eq(licences.orgId, orgId), eq(licences.regime, l.regime), eq(licences.number, l.number)));
  if (exists.length > 0)
    throw new PermitError(409, `a ${l.regime} licence number ${l.number} is registered already`);
  const [row] = await tx
    .insert(licences)
    .values({
      orgId,
      regime: l.regime,
      type: l.type,
      number: l.number,
      holder: l.holder,
      applicationId,
      destinations: l.destinations,
      permittedParties: l.permittedParties,
      lines: l.lines,
      validFrom: l.validFrom,
      validUntil: l.validUntil,
      status: "active",
      conditions: l.conditions,
    })
    .returning({ id: licences.id });
  await notifyLicenceChange(tx, orgId);
  return row!.id;
}

export async function registerLicence(db: Db, p: Principal, l: LicenceInput): Promise<string> {
  return afterChange(p.orgId, () =>
    db.transaction(async (tx) => {
      const id = await insertLicence(tx, p.orgId, l);
      await appendAudit(tx, {
        orgId: p.orgId,
        userId: p.userId,
        action: "licence.register",
        objectType: "licence",
        objectId: id,
        payload: { number: l.number, regime: l.regime, type: l.type },
      });
      return id;
    }),
  );
}

export interface LineBalance {
  line: number;
  usedQuantity: number;
  usedValue: number;
  remainingQuantity: number | null;
  remainingValue: number | null;
}

/** Sums of the ledger per line: quantity in micro-units, value in whole units (exact). */
type LineSums = Map<number, { q: bigint; v: bigint }>;
const NONE = { q: 0n, v: 0n };

/** What is left of a line, exactly, as JSON numbers. */
function remainingOf(l: LicenceLine, u: { q: bigint; v: bigint }) {
  return {
    quantity: l.quantityLimit === null ? null : microToNumber(toMicro(l.quantityLimit) - u.q),
    value: l.valueLimit === null ? null : Number(BigInt(l.valueLimit) - u.v),
  };
}

function balancesOf(lines: LicenceLine[], used: LineSums): LineBalance[] {
  return lines.map((l, i) => {
    const u = used.get(i + 1) ?? NONE;
    const left = remainingOf(l, u);
    return {
      line: i + 1,
      usedQuantity: microToNumber(u.q),
      usedValue: Number(u.v),
      remainingQuantity: left.quantity,
      remainingValue: left.value,
    };
  });
}

/** A ledger row as the API shows it: the quantity as a number. */
export function ledgerEntryOut(e: typeof usageEntries.$inferSelect) {
  return { ...e, quantity: Number(e.quantity) };
}

async function usedByLine(db: Db | Tx, licenceIds: string[]) {
  const rows = await db
    .select({
      licenceId: usageEntries.licenceId,
      line: usageEntries.line,
      q: sql<string>`sum(${usageEntries.quantity})::text`,
      v: sql<string>`sum(${usageEntries.value})::text`,
    })
    .from(usageEntries)
    .where(inArray(usageEntries.licenceId, licenceIds))
    .groupBy(usageEntries.licenceId, usageEntries.line);
  const out = new Map<string, LineSums>();
  for (const r of rows) {
    const m = out.get(r.licenceId) ?? new Map();
    m.set(r.line, { q: toMicro(r.q), v: BigInt(r.v) });
    out.set(r.licenceId, m);
  }
  return out;
}

/** A licence's status as of `today`: a stored active licence past its validity is expired, one used up exhausted. */
function effectiveStatus(l: typeof licences.$inferSelect, balances: LineBalance[], today: string): string {
  if (l.status !== "active") return l.status;
  if (today > l.validUntil) return "expired";
  if (balances.length > 0 && balances.every((b) => b.remainingQuantity === 0 || b.remainingValue === 0))
    return "exhausted";
  return "active";
}

/** `todayFor(regime)`: today's calendar date in that regime's time zone (a licence expires on its own calendar). */
export async function listLicences(db: Db, p: Principal, todayFor: (regime: string) => string) {
  const rows = await db
    .select()
    .from(licences)
    .where(eq(licences.orgId, p.orgId))
    .orderBy(asc(licences.validUntil));
  if (rows.length === 0) return [];
  const used = await usedByLine(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const balances = balancesOf(r.lines as LicenceLine[], used.get(r.id) ?? new Map());
    return { ...r, status: effectiveStatus(r, balances, todayFor(r.regime)), balances };
  });
}

export async function getLicence(db: Db, p: Principal, id: string, todayFor: (regime: string) => string) {
  const [r] = await db
    .select()
    .from(licences)
    .where(and(eq(licences.id, id), eq(licences.orgId, p.orgId)));
  if (!r) return undefined;
  const balances = balancesOf(
    r.lines as LicenceLine[],
    (await usedByLine(db, [r.id])).get(r.id) ?? new Map(),
  );
  const ledger = await db
    .select()
    .from(usageEntries)
    .where(eq(usageEntries.licenceId, id))
    .orderBy(asc(usageEntries.seq));
  return {
    ...r,
    status: effectiveStatus(r, balances, todayFor(r.regime)),
    balances,
    ledger: ledger.map(ledgerEntryOut),
  };
}

/** The organisation's licence, locked for the rest of the transaction (404 when it is not theirs). */
async function lockLicence(tx: Tx, p: Principal, id: string) {
  const [l] = await tx
    .select()
    .from(licences)
    .where(and(eq(licences.id, id), eq(licences.orgId, p.orgId)))
    .for("update");
  if (!l) throw new PermitError(404, `no licence ${id}`);
  return l;
}

export async function setLicenceStatus(
  db: Db,
  p: Principal,
  id: string,
  status: "active" | "suspended" | "revoked",
): Promise<void> {
  await afterChange(p.orgId, () =>
    db.transaction(async (tx) => {
      const l = await lockLicence(tx, p, id);
      if (l.status === "revoked") throw new PermitError(409, "a revoked licence cannot change status");
      await tx.update(licences).set({ status }).where(eq(licences.id, id));
      await notifyLicenceChange(tx, p.orgId);
      await appendAudit(tx, {
        orgId: p.orgId,
        userId: p.userId,
        action: `licence.${status}`,
        objectType: "licence",
        objectId: id,
        payload: { from: l.status, to: status },
      });
    }),
  );
}

/**
 * Record a drawdown: the licence row is locked, the balance derived from the ledger, the entry appended. A
 * shipment reference is drawn once per licence line: the same drawdown sent again (a client's retry) answers
 * the first entry with `replayed: true`; the same reference with other figures is a conflict.
 */
export async function drawdown(db: Db, p: Principal, licenceId: string, d: DrawdownInput) {
  return afterChange(p.orgId, () =>
    db.transaction(async (tx) => {
      const l = await lockLicence(tx, p, licenceId);
      const [earlier] = await tx
        .select()
        .from(usageEntries)
        .where(
          and(
            eq(usageEntries.licenceId, licenceId),
            eq(usageEntries.line, d.line),
            eq(usageEntries.shipmentRef, d.shipmentRef),
            eq(usageEntries.kind, "drawdown"),
            sql`not exists (select 1 from ${usageEntries} c where c.corrects = ${usageEntries.id})`,
          ),
        )
        .limit(1);
      if (earlier) {
        const same =
          toMicro(earlier.quantity) === toMicro(d.quantity) &&
          earlier.value === d.value &&
          earlier.shipmentDate === d.shipmentDate &&
          earlier.destination === d.destination &&
          (earlier.party && d.party
            ? sameParty(earlier.party, d.party)
            : (earlier.party ?? undefined) === d.party);
        if (!same)
          throw new PermitError(
            409,
            `shipment ${d.shipmentRef} is drawn on line ${d.line} already (entry ${earlier.id}) with other figures; correct that entry first`,
          );
        return { ...ledgerEntryOut(earlier), replayed: true };
      }
      const used = (await usedByLine(tx, [licenceId])).get(licenceId)?.get(d.line) ?? NONE;
      const problem = drawdownProblem(
        { ...l, lines: l.lines as LicenceLine[] },
        { quantity: used.q, value: used.v },
        d,
      );
      if (problem) throw new PermitError(422, `drawdown refused: ${problem}`);
      const [e] = await tx
        .insert(usageEntries)
        .values({
          licenceId,
          line: d.line,
          kind: "drawdown",
          quantity: microToText(toMicro(d.quantity)),
          value: d.value,
          shipmentRef: d.shipmentRef,
          shipmentDate: d.shipmentDate,
          destination: d.destination,
          party: d.party,
          userId: p.userId,
        })
        .returning();
      await appendAudit(tx, {
        orgId: p.orgId,
        userId: p.userId,
        action: "ledger.drawdown",
        objectType: "licence",
        objectId: licenceId,
        payload: {
          entry: e!.id,
          line: d.line,
          quantity: d.quantity,
          value: d.value,
          shipmentRef: d.shipmentRef,
          rowHash: ledgerRowHash(e!),
        },
      });
      await notifyLicenceChange(tx, p.orgId);
      const reused = await shipmentRefUses(tx, p.orgId, d.shipmentRef, e!.id);
      return {
        ...ledgerEntryOut(e!),
        warnings: reused.length > 0 ? [{ code: "shipmentRefReused" as const, uses: reused }] : [],
      };
    }),
  );
}

/** Another drawdown, not corrected, that carries a shipment reference (on this licence's other lines or another). */
export interface ShipmentRefUse {
  entry: string;
  licenceId: string;
  licenceNumber: string;
  line: number;
  shipmentDate: string;
  quantity: number;
}

/**
 * The organisation's drawdowns, not corrected, that carry a shipment reference: one shipment drawn on two
 * licences or lines may be right (two items) or a mistake (the same shipment twice), so the user is warned.
 */
export async function shipmentRefUses(
  db: Db | Tx,
  orgId: string,
  shipmentRef: string,
  except?: string,
): Promise<ShipmentRefUse[]> {
  const rows = await db
    .select({
      entry: usageEntries.id,
      licenceId: usageEntries.licenceId,
      licenceNumber: licences.number,
      line: usageEntries.line,
      shipmentDate: usageEntries.shipmentDate,
      quantity: usageEntries.quantity,
    })
    .from(usageEntries)
    .innerJoin(licences, eq(licences.id, usageEntries.licenceId))
    .where(
      and(
        eq(licences.orgId, orgId),
        eq(usageEntries.shipmentRef, shipmentRef),
        eq(usageEntries.kind, "drawdown"),
        sql`not exists (select 1 from ${usageEntries} c where c.corrects = ${usageEntries.id})`,
        ...(except ? [ne(usageEntries.id, except)] : []),
      ),
    )
    .orderBy(asc(usageEntries.seq))
    .limit(20);
  return rows.map((r) => ({ ...r, quantity: microToNumber(toMicro(r.quantity)) }));
}

/** A correction: a compensating entry that reverses an earlier drawdown (the original stays). */
export async function correct(db: Db, p: Principal, licenceId: string, correctsId: string, note: string) {
  return afterChange(p.orgId, () =>
    db.transaction(async (tx) => {
      await lockLicence(tx, p, licenceId);
      const [orig] = await tx
        .select()
        .from(usageEntries)
        .where(and(eq(usageEntries.id, correctsId), eq(usageEntries.licenceId, licenceId)));
      if (!orig || orig.kind !== "drawdown")
        throw new PermitError(404, `no drawdown ${correctsId} on this licence`);
      const already = await tx
        .select({ id: usageEntries.id })
        .from(usageEntries)
        .where(eq(usageEntries.corrects, correctsId));
      if (already.length > 0) throw new PermitError(409, `drawdown ${correctsId} is corrected already`);
      const [e] = await tx
        .insert(usageEntries)
        .values({
          licenceId,
          line: orig.line,
          kind: "correction",
          quantity: microToText(-toMicro(orig.quantity)),
          value: -orig.value,
          shipmentRef: orig.shipmentRef,
          shipmentDate: orig.shipmentDate,
          destination: orig.destination,
          party: orig.party,
          corrects: correctsId,
          note,
          userId: p.userId,
        })
        .returning();
      await appendAudit(tx, {
        orgId: p.orgId,
        userId: p.userId,
        action: "ledger.correction",
        objectType: "licence",
        objectId: licenceId,
        payload: { entry: e!.id, corrects: correctsId, note, rowHash: ledgerRowHash(e!) },
      });
      await notifyLicenceChange(tx, p.orgId);
      return ledgerEntryOut(e!);
    }),
  );
}

// ----------------------------------------------------------------------------------- screening decisions

export async function recordScreeningDecision(
  db: Db,
  p: Principal,
  body: {
    /** every source of the match; or one entry by entityId and entityVersion */
    entries?: { entityId: string; entityVersion: string }[] | undefined;
    entityId?: string | undefined;
    entityVersion?: string | undefined;
    queryName: string;
    decision: "false-positive" | "confirmed";
    note: string;
  },
): Promise<string[]> {
  const entries =
    body.entries ??
    (body.entityId !== undefined && body.entityVersion !== undefined
      ? [{ entityId: body.entityId, entityVersion: body.entityVersion }]
      : []);
  if (entries.length === 0)
    throw new BadInputError(
      [{ path: "$.entries", message: "give entityId and entityVersion, or entries" }],
      "the decision names no list entry",
    );
  const d = { entries, queryName: body.queryName, decision: body.decision, note: body.note };
  // every source of a match decided in one transaction, with one audit entry naming them all
  return changing(DECISION_CHANNEL, p.orgId, () =>
    db.transaction(async (tx) => {
      const rows = await tx
        .insert(screeningDecisions)
        .values(
          d.entries.map((e) => ({
            orgId: p.orgId,
            userId: p.userId,
            entityId: e.entityId,
            entityVersion: e.entityVersion,
            queryName: d.queryName,
            decision: d.decision,
            note: d.note,
          })),
        )
        .returning({ id: screeningDecisions.id });
      await appendAudit(tx, {
        orgId: p.orgId,
        userId: p.userId,
        action: "screening.decision",
        objectType: "screening-match",
        objectId: d.entries[0]!.entityId,
        payload: d,
      });
      await notifyOrganisationChange(tx, DECISION_CHANNEL, p.orgId);
      return rows.map((r) => r.id);
    }),
  );
}

/** Where a recorded screening decision is announced (store/kept.ts). */
export const DECISION_CHANNEL = "tradectl_decisions";

/**
 * The organisation's decisions on these entries, from a copy of all its decisions kept until any process
 * records one (store/kept.ts).
 */
export async function watchedDecisions(
  db: Db,
  listen: Listen,
): Promise<{
  source: (orgId: string, entries: { entityId: string; version: string }[]) => Promise<MatchDecision[]>;
  stop: () => Promise<void>;
}> {
  const kept = await keptPerOrganisation(
    DECISION_CHANNEL,
    async (orgId) =>
      (await db.select().from(screeningDecisions).where(eq(screeningDecisions.orgId, orgId))).map(
        asMatchDecision,
      ),
    listen,
  );
  return {
    source: async (orgId, entries) => {
      if (entries.length === 0) return [];
      const wanted = new Set(entries.map((e) => `${e.entityId}\u0000${e.version}`));
      return (await kept.get(orgId)).filter((d) => wanted.has(`${d.entityId}\u0000${d.entityVersion}`));
    },
    stop: () => kept.stop(),
  };
}

/** Decisions of the organisation on these list entries at these versions (a changed entry is raised again). */
export async function screeningDecisionsFor(
  db: Db,
  orgId: string,
  entries: { entityId: string; version: string }[],
) {
  if (entries.length === 0) return [];
  const rows = await db
    .select()
    .from(screeningDecisions)
    .where(
      and(
        eq(screeningDecisions.orgId, orgId),
        inArray(
          screeningDecisions.entityId,
          entries.map((e) => e.entityId),
        ),
      ),
    );
  return rows.filter((r) => entries.some((e) => e.entityId === r.entityId && e.version === r.entityVersion));
}

/** The decisions on these entries as the check service reads them (times as ISO strings). */
export async function matchDecisionsFor(
  db: Db,
  orgId: string,
  entries: { entityId: string; version: string }[],
): Promise<MatchDecision[]> {
  return (await screeningDecisionsFor(db, orgId, entries)).map(asMatchDecision);
}

function asMatchDecision(r: typeof screeningDecisions.$inferSelect): MatchDecision {
  return {
    id: r.id,
    entityId: r.entityId,
    entityVersion: r.entityVersion,
    queryName: r.queryName,
    decision: r.decision,
    note: r.note,
    userId: r.userId,
    createdAt: r.createdAt.toISOString(),
  };
}

/**
 * The organisation's active licences (of these regimes; all when none are named) with what remains per line,
 * for covering-licence lookups.
 */
export async function heldLicences(db: Db, orgId: string, regimes?: string[]): Promise<HeldLicence[]> {
  if (regimes?.length === 0) return [];
  const rows = await db
    .select()
    .from(licences)
    .where(
      and(
        eq(licences.orgId, orgId),
        eq(licences.status, "active"),
        regimes ? inArray(licences.regime, regimes) : undefined,
      ),
    );
  if (rows.length === 0) return [];
  const used = await usedByLine(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const lines = r.lines as LicenceLine[];
    const u = used.get(r.id) ?? new Map();
    return {
      ...r,
      lines,
      remaining: lines.map((l, i) => remainingOf(l, u.get(i + 1) ?? NONE)),
    };
  });
}

// ----------------------------------------------------------------------------------- held checks

export interface CheckRelease {
  by: string;
  at: string;
  reason: string;
}

/**
 * Release a check held on a party match: an officer or admin, with a reason, as an entry of the
 * organisation's audit chain (the check itself stays as recorded). Refused unless the check is held.
 */
export async function releaseCheck(
  db: Db,
  p: Principal,
  check: { id: string; verdictStatus: string | undefined },
  reason: string,
): Promise<CheckRelease> {
  if (p.role !== "officer" && p.role !== "admin")
    throw new PermitError(403, "only an officer or an admin releases a held check");
  if (check.verdictStatus !== "hold")
    throw new PermitError(409, `the check is not held (its verdict is ${check.verdictStatus ?? "none"})`);
  return db.transaction(async (tx) => {
    const done = await tx
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.orgId, p.orgId),
          eq(auditLog.objectId, check.id),
          eq(auditLog.action, "check.release"),
        ),
      );
    if (done.length > 0) throw new PermitError(409, "the check was released already");
    await appendAudit(tx, {
      orgId: p.orgId,
      userId: p.userId,
      action: "check.release",
      objectType: "check",
      objectId: check.id,
      payload: { reason },
    });
    return { by: p.userId, at: new Date().toISOString(), reason };
  });
}

/** The release of a held check, if one was recorded. */
export async function releaseOf(db: Db, orgId: string, checkId: string): Promise<CheckRelease | undefined> {
  const [row] = await db
    .select()
    .from(auditLog)
    .where(
      and(eq(auditLog.orgId, orgId), eq(auditLog.objectId, checkId), eq(auditLog.action, "check.release")),
    )
    .limit(1);
  if (!row) return undefined;
  return {
    by: row.userId ?? "",
    at: row.at.toISOString(),
    reason: (row.payload as { reason: string }).reason,
  };
}
