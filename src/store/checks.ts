/** Recorded checks: every decision stored with its input, result (with trace), policy version and who asked. */
import { and, desc, eq, gte, inArray, lte, lt, or, sql } from "drizzle-orm";
import type { CheckResult } from "../determine/index.ts";
import { decodeResult, encodeResult, traceRefsOf, type StoredTrace } from "./check-record.ts";
import type { Db, RawQuery } from "./db.ts";
import { checks, checkTraces, users } from "./schema.ts";
import { likePattern, searchWords } from "./like.ts";

/** How a check is summed up: its most severe line (an undetermined line outranks a licence requirement). */
const severity = { "no-licence-required": 0, "licence-required": 1, undetermined: 2, prohibited: 3 } as const;

export function worstOutcome(r: CheckResult): keyof typeof severity {
  let worst: keyof typeof severity = "no-licence-required";
  for (const d of r.decisions) if (severity[d.outcome] > severity[worst]) worst = d.outcome;
  return worst;
}

export interface RecordedCheck {
  id: string;
  createdAt: string;
  regime: string;
  date: string;
  destination: string;
  outcome: string;
  lineCount: number;
  policyVersion: string;
  requestedBy: string;
  /** Who asked (in lists). */
  requestedByUser?: { email: string; name: string } | null;
  input?: unknown;
  result?: CheckResult;
}

/** One check to record: who asked, the raw input and the result, each already serialised once. */
export interface CheckRow {
  orgId: string;
  userId: string;
  result: CheckResult;
  inputJson: string;
  /** The full result, as answered, in parts (check-record.ts: `answerBytes`). */
  responseParts: (string | Buffer)[];
  /** The compact record and the traces it refers to (check-record.ts). */
  recordJson: string;
  traces: StoredTrace[];
}

export function checkRow(
  who: { orgId: string; userId: string },
  input: unknown,
  result: CheckResult,
): CheckRow {
  const { responseParts, recordJson, traces } = encodeResult(result);
  return { ...who, result, inputJson: JSON.stringify(input ?? null), responseParts, recordJson, traces };
}

/**
 * The traces an organisation is known to have stored (traces are never changed or removed), so that a
 * statement writes only the new ones. Bounded: when full it is emptied, and traces are written again (the
 * database keeps the first copy).
 */
export class StoredTraces {
  private readonly known = new Set<string>();
  constructor(private readonly limit = 50_000) {}
  has(orgId: string, hash: string): boolean {
    return this.known.has(`${orgId}:${hash}`);
  }
  add(orgId: string, hash: string): void {
    if (this.known.size >= this.limit) this.known.clear();
    this.known.add(`${orgId}:${hash}`);
  }
}

/**
 * Record checks in one statement (rows of several requests and owners may share it) together with the traces
 * they refer to that `stored` does not know: all rows and traces are written or none. Returns the ids in order.
 */
export async function insertChecks(
  raw: RawQuery,
  rows: CheckRow[],
  stored: StoredTraces = new StoredTraces(),
): Promise<{ id: string }[]> {
  if (rows.length === 0) return [];
  const params: unknown[] = [];
  const fresh = new Map<string, { orgId: string; trace: StoredTrace }>();
  for (const r of rows)
    for (const t of r.traces) {
      const key = `${r.orgId}:${t.hash}`;
      if (!fresh.has(key) && !stored.has(r.orgId, t.hash)) fresh.set(key, { orgId: r.orgId, trace: t });
    }
  const traceTuples = [...fresh.values()].map(({ orgId, trace }) => {
    const b = params.length;
    params.push(orgId, trace.hash, trace.json);
    return `($${b + 1}::uuid, $${b + 2}, $${b + 3}::json)`;
  });
  const tuples = rows.map((r) => {
    const b = params.length;
    params.push(
      r.orgId,
      r.userId,
      r.result.regime,
      r.result.date,
      r.result.destination,
      worstOutcome(r.result),
      r.result.decisions.length,
      r.result.policyVersion,
      r.inputJson,
      r.recordJson,
    );
    return `($${b + 1}::uuid, $${b + 2}::uuid, $${b + 3}, $${b + 4}::date, $${b + 5}, $${b + 6}, $${b + 7}::int, $${b + 8}, $${b + 9}::jsonb, $${b + 10}::json)`;
  });
  const insert = `insert into checks (org_id, user_id, regime, shipment_date, destination, outcome, line_count, policy_version, input, result) values ${tuples.join(", ")} returning id`;
  // One statement: the traces are written with the rows that refer to them, or neither is.
  const out = await raw<{ id: string }>(
    traceTuples.length === 0
      ? insert
      : `with traces as (insert into check_traces (org_id, hash, body) values ${traceTuples.join(", ")} on conflict do nothing) ${insert}`,
    params,
  );
  for (const { orgId, trace } of fresh.values()) stored.add(orgId, trace.hash);
  return out;
}

/** The traces of an organisation by hash. */
async function tracesOf(db: Db, orgId: string, hashes: string[]): Promise<Map<string, unknown>> {
  if (hashes.length === 0) return new Map();
  const rows = await db
    .select({ hash: checkTraces.hash, body: checkTraces.body })
    .from(checkTraces)
    .where(and(eq(checkTraces.orgId, orgId), inArray(checkTraces.hash, hashes)));
  return new Map(rows.map((r) => [r.hash, r.body]));
}

function toRecorded(r: typeof checks.$inferSelect, full: boolean): RecordedCheck {
  const out: RecordedCheck = {
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    regime: r.regime,
    date: r.shipmentDate,
    destination: r.destination,
    outcome: r.outcome,
    lineCount: r.lineCount,
    policyVersion: r.policyVersion,
    requestedBy: r.userId,
  };
  if (full) {
    out.input = r.input;
    out.result = r.result as CheckResult;
  }
  return out;
}

/** A recorded check of the organisation, or undefined (also for another organisation's id). */
export async function getCheck(db: Db, orgId: string, id: string): Promise<RecordedCheck | undefined> {
  const rows = await db
    .select()
    .from(checks)
    .where(and(eq(checks.orgId, orgId), eq(checks.id, id)))
    .limit(1);
  const row = rows[0];
  if (!row) return undefined;
  const found = toRecorded(row, true);
  found.result = decodeResult(row.result, await tracesOf(db, orgId, traceRefsOf(row.result)));
  return found;
}

export interface CheckFilter {
  from?: string | undefined;
  to?: string | undefined;
  destination?: string | undefined;
  outcome?: string | undefined;
  regime?: string | undefined;
  /** Words found in the parties' names (end user, consignee, purchaser, intermediate consignees). */
  party?: string | undefined;
  /** Words found in the items (descriptions, control numbers, HS codes, product ids). */
  item?: string | undefined;
  /** Words found in the e-mail or name of the user who asked. */
  user?: string | undefined;
  limit: number;
  /** Keyset cursor: `<createdAt ISO>|<id>` of the last row of the previous page. */
  cursor?: string | undefined;
}

export async function listChecks(
  db: Db,
  orgId: string,
  f: CheckFilter,
): Promise<{ items: RecordedCheck[]; next?: string }> {
  const conds = [eq(checks.orgId, orgId)];
  if (f.from) conds.push(gte(checks.shipmentDate, f.from));
  if (f.to) conds.push(lte(checks.shipmentDate, f.to));
  if (f.destination) conds.push(eq(checks.destination, f.destination));
  if (f.outcome) conds.push(eq(checks.outcome, f.outcome));
  if (f.regime) conds.push(eq(checks.regime, f.regime));
  for (const w of searchWords(f.party))
    conds.push(
      sql`concat_ws(' ', ${checks.input}->'endUser'->>'name', ${checks.input}->'consignee'->>'name', ${checks.input}->'purchaser'->>'name', (${checks.input}->'intermediateConsignees')::text) ilike ${likePattern(w)}`,
    );
  for (const w of searchWords(f.item))
    conds.push(sql`(${checks.input}->'items')::text ilike ${likePattern(w)}`);
  for (const w of searchWords(f.user))
    conds.push(
      sql`${checks.userId} in (select ${users.id} from ${users} where ${users.orgId} = ${orgId} and (${users.email} ilike ${likePattern(w)} or ${users.name} ilike ${likePattern(w)}))`,
    );
  if (f.cursor) {
    const [at, id] = f.cursor.split("|");
    const when = new Date(at ?? "");
    if (id && !Number.isNaN(when.getTime()))
      conds.push(or(lt(checks.createdAt, when), and(eq(checks.createdAt, when), lt(checks.id, id)))!);
  }
  const found = await db
    .select({ c: checks, email: users.email, name: users.name })
    .from(checks)
    .leftJoin(users, eq(users.id, checks.userId))
    .where(and(...conds))
    .orderBy(desc(checks.createdAt), desc(checks.id))
    .limit(f.limit + 1);
  const items = found.slice(0, f.limit).map((r) => ({
    ...toRecorded(r.c, false),
    requestedByUser: r.email ? { email: r.email, name: r.name! } : null,
  }));
  const last = found.length > f.limit ? found[f.limit - 1]!.c : undefined;
  return last ? { items, next: `${last.createdAt.toISOString()}|${last.id}` } : { items };
}

/**
 * Every check of the organisation that matches the filter, newest first, up to `max` (a CSV export); `more` says
 * whether there were others.
 */
export async function checksUpTo(
  db: Db,
  orgId: string,
  f: Omit<CheckFilter, "limit" | "cursor">,
  max: number,
): Promise<{ items: RecordedCheck[]; more: boolean }> {
  const items: RecordedCheck[] = [];
  let cursor: string | undefined;
  do {
    const page = await listChecks(db, orgId, { ...f, limit: Math.min(1000, max - items.length), cursor });
    items.push(...page.items);
    cursor = page.next;
  } while (cursor && items.length < max);
  return { items, more: cursor !== undefined };
}

export async function checkCount(db: Db, orgId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(checks)
    .where(eq(checks.orgId, orgId));
  return r?.n ?? 0;
}

/**
 * The organisation's recorded checks with input and result, newest first (what a recheck decides again). The
 * result is the compact record: its decisions name their traces (`traceRef`) instead of carrying them.
 */
export async function recordedChecksOf(db: Db, orgId: string, limit = 50_000) {
  return db
    .select({
      id: checks.id,
      input: checks.input,
      result: checks.result,
      policyVersion: checks.policyVersion,
    })
    .from(checks)
    .where(eq(checks.orgId, orgId))
    .orderBy(desc(checks.createdAt))
    .limit(limit);
}
