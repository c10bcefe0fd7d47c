/**
 * Classification requests (Korea's 전문판정, Act Art. 20; Japan's consultation on 該非判定): an exporter asks the
 * regime's authority whether a product of its master is listed; an officer of that authority returns it for
 * more information or answers with the entry (or not listed) and the reasons. The answer becomes the product's
 * classification (kind `authority`) with the validity the pack gives a classification made that day, so checks
 * naming the product take it. Every step is audited in the applicant's chain; the due day follows the pack's
 * decision term on the regime's calendar.
 */
import { controlNumberProblem } from "../determine/index.ts";
import { notifyClassification } from "../permits/notify.ts";
import { appendAudit, authorityOf } from "../permits/service.ts";
import { addDays } from "../permits/workflow.ts";
import { todayIn, type Policy, type PolicySet } from "../policy/index.ts";
import {
  classificationRequestForUpdate,
  classificationRequestOf,
  classificationRequestsOf,
  insertClassificationRequest,
  updateClassificationRequest,
  type ClassificationRequestRow,
} from "../store/classification-requests.ts";
import { inTransaction, type Db } from "../store/db.ts";
import type { Principal } from "../store/identity.ts";
import { insertClassification, productOf } from "../store/products.ts";
import { organisations, users } from "../store/schema.ts";
import type { ClassificationRequestState } from "../store/vocabulary.ts";
import { eq } from "drizzle-orm";
import { BadInputError, conflictError, notFoundError, RefusalError } from "./errors.ts";

export interface NewClassificationRequest {
  productId: string;
  regime: string;
  description: string;
  proposedNumber?: string | undefined;
}

export type ClassificationRequestAction =
  | { action: "return"; note: string }
  | { action: "resubmit"; note?: string | undefined; description?: string | undefined }
  | { action: "withdraw"; note?: string | undefined }
  | { action: "answer"; controlNumber: string | null; reasons: string };

function policyOf(policies: PolicySet, regime: string): Policy {
  const p = policies.get(regime);
  if (!p)
    throw new BadInputError(
      [{ path: "$.regime", message: `known: ${[...policies.keys()].join(", ")}` }],
      `unknown regime "${regime}"`,
    );
  return p;
}

const inForce = <T extends { from: string; to?: string | undefined }>(xs: T[] | undefined, day: string) =>
  xs?.find((x) => x.from <= day && (x.to === undefined || day < x.to));

/** The procedure the regime's pack gives for asking the authority on `day`, or a refusal naming the regime. */
export function procedureOn(policy: Policy, day: string) {
  const proc = inForce(policy.regime.classificationRequests, day);
  if (!proc)
    throw new BadInputError(
      [
        {
          path: "$.regime",
          message: `the ${policy.regime.id} pack gives no classification request on ${day}`,
        },
      ],
      "no classification request in this regime",
    );
  return proc;
}

function checkNumber(n: string | null | undefined, path: string) {
  if (n === null || n === undefined) return;
  const problem = controlNumberProblem(n);
  if (problem) throw new BadInputError([{ path, message: problem }], "bad control number");
}

/** Ask the regime's authority to classify a product of the caller's master (audited). */
export async function requestClassification(
  db: Db,
  policies: PolicySet,
  p: Principal,
  r: NewClassificationRequest,
  mail = false,
): Promise<{ id: string; requestedOn: string; dueOn: string | null }> {
  const policy = policyOf(policies, r.regime);
  const today = todayIn(policy.regime.timeZone);
  const proc = procedureOn(policy, today);
  checkNumber(r.proposedNumber, "$.proposedNumber");
  const dueOn = proc.decisionDays === undefined ? null : addDays(today, proc.decisionDays);
  const id = await inTransaction(db, async (tx) => {
    const product = await productOf(tx, p.orgId, r.productId);
    if (!product) throw notFoundError(`no product ${r.productId}`);
    const id = await insertClassificationRequest(tx, {
      orgId: p.orgId,
      productId: product.id,
      regime: r.regime,
      status: "submitted",
      description: r.description,
      proposedNumber: r.proposedNumber ?? null,
      product: {
        code: product.code,
        name: product.name,
        hsCode: product.hsCode,
        parameters: product.parameters,
      },
      requestedBy: p.userId,
      requestedOn: today,
      dueOn,
      history: [{ at: new Date().toISOString(), userId: p.userId, action: "submit" }],
    });
    await appendAudit(tx, {
      orgId: p.orgId,
      userId: p.userId,
      action: "classification-request.submit",
      objectType: "classification-request",
      objectId: id,
      payload: { productId: product.id, regime: r.regime, dueOn },
    });
    await notifyClassification(
      tx,
      { id, regime: r.regime, requestedBy: p.userId, orgId: p.orgId },
      p,
      "classification.submit",
      { product: `${product.code} ${product.name}` },
      mail,
    );
    return id;
  });
  return { id, requestedOn: today, dueOn };
}

/** May the caller see this request: its own organisation's, or the regime's authority's officers (not withdrawn). */
async function visible(db: Db, p: Principal, r: { orgId: string; regime: string; status: string }) {
  if (r.orgId === p.orgId) return "applicant" as const;
  if (p.role === "officer" && r.status !== "withdrawn" && (await authorityOf(db, p)) === r.regime)
    return "authority" as const;
  return undefined;
}

const withOverdue = <T extends Pick<ClassificationRequestRow, "dueOn" | "status" | "regime">>(
  r: T,
  todayFor: (regime: string) => string,
) => ({ ...r, overdue: r.status === "submitted" && r.dueOn !== null && r.dueOn < todayFor(r.regime) });

/** The caller's requests, or for an officer the authority's queue; earliest due first, filtered and paged. */
export async function listClassificationRequests(
  db: Db,
  policies: PolicySet,
  p: Principal,
  f: {
    status?: ClassificationRequestState | undefined;
    q?: string | undefined;
    limit: number;
    offset: number;
  },
) {
  const authority = p.role === "officer" ? await authorityOf(db, p) : null;
  const page = await classificationRequestsOf(db, {
    ...f,
    scope: authority ? { regime: authority } : { orgId: p.orgId },
  });
  const todayFor = (regime: string) => todayIn(policyOf(policies, regime).regime.timeZone);
  return { ...page, items: page.items.map((r) => withOverdue(r, todayFor)) };
}

/** One request with the procedure that governs it; another organisation's is not found. */
export async function getClassificationRequest(db: Db, policies: PolicySet, p: Principal, id: string) {
  const r = await classificationRequestOf(db, id);
  if (!r || !(await visible(db, p, r))) throw notFoundError(`no classification request ${id}`);
  const policy = policyOf(policies, r.regime);
  const procedure = inForce(policy.regime.classificationRequests, r.requestedOn) ?? null;
  return { ...withOverdue(r, () => todayIn(policy.regime.timeZone)), procedure };
}

/** Which side may take each step, from which states. */
const STEPS: Record<
  ClassificationRequestAction["action"],
  { by: "applicant" | "authority"; from: ClassificationRequestState[]; to: ClassificationRequestState }
> = {
  return: { by: "authority", from: ["submitted"], to: "returned" },
  resubmit: { by: "applicant", from: ["returned"], to: "submitted" },
  withdraw: { by: "applicant", from: ["submitted", "returned"], to: "withdrawn" },
  answer: { by: "authority", from: ["submitted"], to: "answered" },
};

/** "Not listed" in the words of the regime's law, for the answer's notification. */
const NOT_LISTED: Record<string, string> = { KR: "비해당", JP: "非該当" };

const DONE = { return: "returned", resubmit: "resubmitted", withdraw: "withdrawn", answer: "answered" };

/**
 * Take a step on a request. An answer records the product's classification (kind `authority`) valid for the
 * term the pack gives a classification made on the answer's day, and returns it.
 */
export async function actOnClassificationRequest(
  db: Db,
  policies: PolicySet,
  p: Principal,
  id: string,
  a: ClassificationRequestAction,
  mail = false,
): Promise<{ status: ClassificationRequestState; validUntil?: string | null; classificationId?: string }> {
  if (a.action === "answer") checkNumber(a.controlNumber, "$.controlNumber");
  const step = STEPS[a.action];
  return inTransaction(db, async (tx) => {
    const r = await classificationRequestForUpdate(tx, id);
    const side = r ? await visible(tx, p, r) : undefined;
    if (!r || !side) throw notFoundError(`no classification request ${id}`);
    if (side !== step.by)
      throw new RefusalError(
        403,
        step.by === "authority"
          ? `only an officer of the ${r.regime} authority may ${a.action} a classification request`
          : `only the applicant may ${a.action} its classification request`,
      );
    if (p.role === "auditor") throw new RefusalError(403, "an auditor reads only");
    if (!step.from.includes(r.status))
      throw conflictError(`a ${r.status} classification request cannot be ${DONE[a.action]}`);
    const policy = policyOf(policies, r.regime);
    const today = todayIn(policy.regime.timeZone);
    const note = "note" in a ? a.note : a.action === "answer" ? a.reasons : undefined;
    const history = [
      ...r.history,
      { at: new Date().toISOString(), userId: p.userId, action: a.action, ...(note ? { note } : {}) },
    ];
    const out: { status: ClassificationRequestState; validUntil?: string | null; classificationId?: string } =
      {
        status: step.to,
      };
    const set: Parameters<typeof updateClassificationRequest>[2] = { status: step.to, history };
    if (a.action === "resubmit") {
      if (a.description) set.description = a.description;
      const days = inForce(policy.regime.classificationRequests, today)?.decisionDays;
      set.dueOn = days === undefined ? null : addDays(today, days);
    }
    if (a.action === "answer") {
      const days = inForce(policy.regime.classificationValidity, today)?.days;
      const validUntil = days === undefined ? null : addDays(today, days);
      const [authority] = await tx
        .select({ name: organisations.name })
        .from(organisations)
        .where(eq(organisations.id, p.orgId));
      const [officer] = await tx.select({ name: users.name }).from(users).where(eq(users.id, p.userId));
      const procedure = inForce(policy.regime.classificationRequests, r.requestedOn)?.procedure ?? "";
      const classificationId = await insertClassification(tx, {
        productId: r.productId,
        regime: r.regime,
        controlNumber: a.controlNumber,
        basis: a.reasons,
        classifiedBy: `${procedure} · ${authority?.name ?? ""} (${officer?.name ?? ""})`,
        classifiedOn: today,
        validUntil,
        userId: p.userId,
        kind: "authority",
        requestId: r.id,
      });
      Object.assign(set, {
        controlNumber: a.controlNumber,
        reasons: a.reasons,
        answeredBy: p.userId,
        answeredOn: today,
        validUntil,
        classificationId,
      });
      Object.assign(out, { validUntil, classificationId });
    }
    await updateClassificationRequest(tx, r.id, set);
    await appendAudit(tx, {
      orgId: r.orgId,
      userId: p.userId,
      action: `classification-request.${a.action}`,
      objectType: "classification-request",
      objectId: r.id,
      payload:
        a.action === "answer" ? { controlNumber: a.controlNumber, validUntil: out.validUntil } : { note },
    });
    if (a.action !== "withdraw")
      await notifyClassification(
        tx,
        r,
        p,
        `classification.${a.action}`,
        {
          product: `${r.product.code} ${r.product.name}`,
          entry: a.action === "answer" ? (a.controlNumber ?? NOT_LISTED[r.regime] ?? "not listed") : "",
        },
        mail,
      );
    return out;
  });
}
