/**
 * The UI's only way to the server: same-origin fetch with the session cookie, JSON in and out, and
 * `application/problem+json` answers turned into an `ApiError` that keeps every field problem by its JSON path.
 */
import type { Msg, PackText } from "../../src/messages/types.ts";
import type { TransactionKind } from "../../src/policy/transactions.ts";

export interface FieldProblem {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: FieldProblem[],
    readonly requestId?: string,
  ) {
    super(detail ?? title);
    this.name = "ApiError";
  }
}

/** Status 0: the request never reached the server (network down, server stopped). */
export const isNetworkError = (e: unknown): boolean => e instanceof ApiError && e.status === 0;

type Listener = () => void;
const unauthorisedListeners = new Set<Listener>();
/** Called whenever the server answers 401 (the session ended): the app shows the login form again. */
export function onUnauthorised(l: Listener): () => void {
  unauthorisedListeners.add(l);
  return () => unauthorisedListeners.delete(l);
}

export async function api<T>(
  method: "GET" | "POST" | "DELETE",
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: {
        accept: "application/json, application/problem+json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError(0, "Network error", e instanceof Error ? e.message : String(e), []);
  }
  return answerOf<T>(res, path);
}

/** A file sent as the raw body (an attachment), answered like any call. */
export async function upload<T>(path: string, file: Blob): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        accept: "application/json, application/problem+json",
        "content-type": file.type || "application/octet-stream",
      },
      body: file,
    });
  } catch (e) {
    throw new ApiError(0, "Network error", e instanceof Error ? e.message : String(e), []);
  }
  return answerOf<T>(res, path);
}

/** The answer's JSON, or its problem as an `ApiError` (a 401 tells the listeners the session ended). */
async function answerOf<T>(res: Response, path: string): Promise<T> {
  const type = res.headers.get("content-type") ?? "";
  const text = await res.text();
  let data: unknown = undefined;
  if (text && type.includes("json")) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const p = (data ?? {}) as {
      title?: string;
      detail?: string;
      errors?: FieldProblem[];
      requestId?: string;
    };
    if (res.status === 401 && path !== "/v1/auth/login") unauthorisedListeners.forEach((l) => l());
    throw new ApiError(
      res.status,
      p.title ?? res.statusText,
      p.detail,
      Array.isArray(p.errors) ? p.errors : [],
      p.requestId,
    );
  }
  return data as T;
}

export const get = <T>(path: string, signal?: AbortSignal) => api<T>("GET", path, undefined, signal);
export const post = <T>(path: string, body: unknown = {}) => api<T>("POST", path, body);

/** `?a=1&b=2` from the defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

// ------------------------------------------------------------------------------------------ API shapes

export type Role = "exporter" | "officer" | "auditor" | "admin";
export interface Me {
  userId: string;
  orgId: string;
  email: string;
  role: Role;
  via: string;
}

export interface Citation {
  provision?: string;
  url?: string;
  note?: string;
}
export type Evidence = "verified" | "reported" | "unverified";
export interface FactRef {
  id: string;
  from: string;
  to?: string;
  evidence: Evidence;
  cite: Citation[];
  note?: string;
  /** The note with the pack's Korean and Japanese renderings. */
  noteText?: PackText;
}

export interface Regime {
  id: string;
  name: string;
  timeZone: string;
  dataFrom: string;
  /** The pack's law was checked against the sources up to this date. */
  reviewedThrough: string;
  policyVersion: string;
  groups: string[];
  /** The recipient categories of technology transfers (label in en, ko, ja). */
  recipients?: { id: string; label: { en: string; ko?: string; ja?: string } }[];
  /** The kinds of transaction the pack decides: goods, and those it has rules for. */
  kinds?: TransactionKind[];
}

export type { TransactionKind } from "../../src/policy/transactions.ts";

export type Outcome = "no-licence-required" | "licence-required" | "undetermined" | "prohibited";
export type Basis =
  "listed" | "catch-all" | "special-measure" | "embargo" | "approval" | "transaction" | null;
export interface TraceStep {
  kind: string;
  rule: string;
  result: string;
  /** The sentence as a message (src/messages), rendered in the reader's language by localiseResult. */
  msg?: Msg;
  facts: FactRef[];
  note?: string;
  noteText?: PackText;
  /** The later step (a special measure) that took away what this step found. */
  removedBy?: string;
}
export interface Decision {
  id: string;
  outcome: Outcome;
  basis: Basis;
  licenceOptions: string[];
  unverifiedLicenceOptions: string[];
  licenceDetails: {
    id: string;
    name: string;
    evidence: Evidence;
    conditions?: string;
    validity?: string;
    validityMonths?: number;
    reviewDays?: number;
    documents?: number;
    text?: { name?: PackText; conditions?: PackText[]; validity?: PackText };
  }[];
  exemptions: string[];
  classification: {
    controlNumber: string | null;
    part: string | null;
    entry: string | null;
    listed: boolean;
  };
  trace: TraceStep[];
  caveats: { fact: string; evidence: "unverified"; message: string; msg?: Msg }[];
  /** For an undetermined line: what the pack lacks that decides the answer, and what to check. */
  missing?: string[];
  missingMsg?: Msg[];
  coveringLicences?: {
    licenceId: string;
    number: string;
    type: string;
    line: number;
    remainingQuantity: number | null;
    remainingValue: number | null;
  }[];
}
export type VerdictStatus = "prohibited" | "hold" | "licence-required" | "undetermined" | "clear";

export interface PartyMatch {
  entityId: string;
  entityVersion: string;
  list: string;
  sourceId: string;
  name: string;
  matchedName: string;
  score: number;
  programs: string[];
  url?: string;
  endUserList?: boolean;
  decision?: {
    decision: "false-positive" | "confirmed";
    note?: string | null;
    userId: string;
    createdAt: string;
  };
}

/** One verdict per shipment: the lines and the screening of its parties. */
export interface Verdict {
  status: VerdictStatus;
  reasons: string[];
  reasonsMsg?: Msg[];
  screening: {
    status: "screened" | "no-lists" | "not-configured" | "no-parties";
    lists: { list: string; version: string; count: number }[];
    parties: { role: string; path: string; name: string; country?: string; matches: PartyMatch[] }[];
  };
}

export interface CheckResult {
  id?: string;
  regime: string;
  date: string;
  destination: string;
  destinationGroups: string[];
  policyVersion: string;
  decisions: Decision[];
  verdict?: Verdict;
}

export interface ShipmentItem {
  id?: string;
  description?: string;
  controlNumber?: string | null;
  hsCode?: string;
  quantity?: number;
  unit?: string;
  value?: number;
  currency?: string;
}
export interface Shipment {
  regime: string;
  kind?: TransactionKind;
  technology?: { recipient: string; place: string; means: string; exemption?: string };
  brokering?: { origin: string; destination: string; exportLicence: boolean };
  transit?: { origin: string; finalDestination: string };
  date: string;
  /** Absent for brokering and transit (their facts name where the goods go). */
  destination?: string;
  endUser?: { name?: string; country?: string };
  consignee?: { name?: string; country?: string };
  endUse?: {
    wmd?: string;
    military?: string;
    informed?: string[];
    endUserListed?: boolean;
    redFlags?: string[];
  };
  items: ShipmentItem[];
}

export interface RecordedCheck {
  id: string;
  createdAt: string;
  regime: string;
  date: string;
  destination: string;
  outcome: Outcome;
  lineCount: number;
  policyVersion: string;
  requestedBy: string;
  /** Who asked (in lists). */
  requestedByUser?: { email: string; name: string } | null;
  input?: Shipment;
  result?: CheckResult;
  /** A held check released by an officer or admin. */
  release?: { by: string; at: string; reason: string };
}

export interface TimelinePeriod {
  from: string;
  to?: string;
  groups: string[];
  facts: FactRef[];
}
export interface Timeline {
  regime: string;
  country: string;
  countryName: Record<string, string>;
  policyVersion: string;
  periods: TimelinePeriod[];
}

/** A special measure as the proposed read-only endpoint `GET /v1/regimes/{regime}/measures` gives it. */
export interface Measure {
  id: string;
  title: string;
  from: string;
  to?: string;
  evidence: Evidence;
  cite: Citation[];
  note?: string;
  destinations?: { countries?: string[] };
}

export interface ControlListHit {
  entry: {
    number: string;
    entryNumber?: string;
    title: string;
    regime: string;
    subItem?: { number: string; title: string };
    sources?: { regime: string; number: string; part?: string; title: string }[];
  };
  regimeNumbering?: Record<string, string>;
  score: number;
  why?: string[];
}

export interface ScreeningMatch {
  entityId: string;
  entityVersion: string;
  list: string;
  name: string;
  matchedName: string;
  score: number;
  features: Record<string, number>;
  alignment: [string, string][];
  url?: string;
  groupId?: string;
  via?: { native: string; listed: string; source: string }[];
  /** Every list entry of the matched party, the match first. */
  sources: ScreeningSource[];
  decision?: ScreeningDecision;
}
export interface ScreeningDecision {
  decision: "false-positive" | "confirmed";
  note?: string | null;
  createdAt?: string;
  userId?: string;
}
export interface ScreeningSource {
  entityId: string;
  entityVersion: string;
  list: string;
  sourceId: string;
  name: string;
  type: string;
  programs: string[];
  url?: string;
  score?: number;
  decision?: ScreeningDecision;
}
export interface ScreeningResponse {
  listVersions: Record<string, string>;
  results: {
    query: { name: string; country?: string; type?: string; threshold: number };
    matches: ScreeningMatch[];
    decided: ScreeningMatch[];
  }[];
}

export type ApplicationStatus =
  "draft" | "submitted" | "under-review" | "approved" | "denied" | "withdrawn" | "returned-for-changes";
export interface ApplicationLine {
  controlNumber?: string | null;
  hsCode?: string;
  description: string;
  quantity: number;
  unit: string;
  value: number;
  currency: string;
}
export interface ApplicationContent {
  regime: string;
  licenceType: string;
  /** A technology transfer, brokering or transit: its kind and facts (the check's). */
  kind?: TransactionKind;
  technology?: Shipment["technology"];
  brokering?: Shipment["brokering"];
  transit?: Shipment["transit"];
  destination: string;
  shipmentDate: string;
  consignee: { name: string; country?: string };
  endUser: { name: string; country?: string };
  endUseStatement: string;
  lines: ApplicationLine[];
  documents?: { name: string; kind: string; reference?: string }[];
}
export interface ApplicationBase {
  id: string;
  regime: string;
  licenceType: string;
  status: ApplicationStatus;
  destination: string;
  shipmentDate: string;
  dueDate: string | null;
  updatedAt: string;
}
/** A row of the applications list and the officer's queue. */
export interface ApplicationSummary extends ApplicationBase {
  applicant: string;
  consignee: string | null;
  endUser: string | null;
  items: { count: number; first: string | null; controlNumbers: string[] };
  value: { currency: string; amount: number }[];
  /** Past its due date by the reviewing regime's calendar, still to be decided. */
  overdue: boolean;
}
export interface ApplicationDetail extends ApplicationBase {
  content: ApplicationContent;
  decision: CheckResult | null;
  reason?: string | null;
  events: {
    id: string;
    action: string;
    fromStatus: string | null;
    toStatus: string;
    note: string | null;
    createdAt: string;
  }[];
}

export interface LicenceLineBalance {
  line: number;
  usedQuantity: number;
  usedValue: number;
  remainingQuantity: number | null;
  remainingValue: number | null;
}
export interface Licence {
  id: string;
  regime: string;
  type: string;
  number: string;
  holder: string;
  applicationId: string | null;
  destinations: string[];
  permittedParties: string[];
  lines: {
    controlNumber?: string | null;
    description: string;
    quantityLimit: number | null;
    valueLimit: number | null;
    unit: string;
    currency: string;
  }[];
  validFrom: string;
  validUntil: string;
  status: string;
  conditions: string | null;
  balances: LicenceLineBalance[];
  ledger?: LedgerEntry[];
}

/** One entry of a licence's usage ledger: a drawdown, or a correction reversing one (negative figures). */
export interface LedgerEntry {
  id: string;
  seq: number;
  kind?: "drawdown" | "correction";
  line: number;
  quantity: number;
  value: number;
  shipmentRef: string;
  shipmentDate: string;
  destination?: string;
  party?: string | null;
  corrects?: string | null;
  note?: string | null;
  createdAt?: string;
}

/** A drawdown, not corrected, that carries a shipment reference (GET /v1/usage?shipmentRef=). */
export interface ShipmentRefUse {
  entry: string;
  licenceId: string;
  licenceNumber: string;
  line: number;
  shipmentDate: string;
  quantity: number;
}

export interface AuditEntry {
  id: string;
  seq: number;
  userId: string | null;
  /** Who did it; null for the system (a job, the first start, an operator's command). */
  user?: { email: string; name: string | null } | null;
  at: string;
  action: string;
  objectType: string;
  objectId: string;
  policyVersion: string | null;
  payload: unknown;
  hash: string;
  prevHash: string;
}
