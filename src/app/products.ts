/**
 * The product master's flows: adding a product, recording a classification (with the validity the regime's
 * pack gives it), and filling the lines of a check that name a product id from the classification in force.
 * What the product master filled in is recorded beside the request, which is kept as sent.
 */
import { controlNumberProblem } from "../determine/index.ts";
import { appendAudit } from "../permits/service.ts";
import { addDays } from "../permits/workflow.ts";
import type { PolicySet } from "../policy/index.ts";
import type { Principal } from "../store/identity.ts";
import { inTransaction, type Db } from "../store/db.ts";
import {
  classificationsOf,
  insertClassification,
  insertProduct,
  productCodeExists,
  productOf,
  productsByCodes,
  productsOf,
  type ClassificationRow,
  type ProductRow,
} from "../store/products.ts";
import { BadInputError, conflictError, notFoundError, type FieldProblem } from "./errors.ts";

/** What the product master filled into one line (one element per line that named a product id). */
export interface ProductResolution {
  path: string;
  productId: string;
  controlNumber: unknown;
  hsCode: unknown;
  description: unknown;
}

type Lines = { items?: Record<string, unknown>[] } | null;

/** The lines of `sent` that named a product id, with what `resolved` holds for them now. */
export function productResolution(sent: unknown, resolved: unknown): ProductResolution[] {
  const before = (sent as Lines)?.items ?? [];
  const after = (resolved as Lines)?.items ?? [];
  return before.flatMap((it, j) => {
    const productId = it?.["productId"];
    if (typeof productId !== "string") return [];
    const line = after[j] ?? {};
    return [
      {
        path: `$.items[${j}]`,
        productId,
        controlNumber: line["controlNumber"] ?? null,
        hsCode: line["hsCode"] ?? null,
        description: line["description"] ?? null,
      },
    ];
  });
}

/** The item lines of an unvalidated shipment, when it has an array of objects there. */
function itemsOf(s: unknown): Record<string, unknown>[] {
  const items = (s as { items?: unknown } | null)?.items;
  return Array.isArray(items)
    ? items.filter((it): it is Record<string, unknown> => typeof it === "object" && it !== null)
    : [];
}

/**
 * Fill, in place, the item lines that name a `productId` from the organisation's product master: the control
 * number of the classification in force on the shipment's date for its regime, the HS code and the name.
 * Returns the problems by JSON path (an unknown product, none classified then, a lapsed classification).
 */
export async function resolveProducts(
  db: Db,
  orgId: string,
  shipments: unknown[],
  batch: boolean,
): Promise<FieldProblem[]> {
  const codes = new Set<string>();
  for (const s of shipments)
    for (const it of itemsOf(s)) if (typeof it?.productId === "string") codes.add(it.productId);
  if (codes.size === 0) return [];
  const rows = await productsByCodes(db, orgId, [...codes]);
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const cls = await classificationsOf(
    db,
    rows.map((r) => r.id),
  );
  const problems: FieldProblem[] = [];
  shipments.forEach((s, si) => {
    const sh = s as { regime?: string; date?: string; items?: Record<string, unknown>[] };
    itemsOf(sh).forEach((it, ii) => {
      if (typeof it?.productId !== "string") return;
      const path = `${batch ? `$[${si}]` : "$"}.items[${ii}]`;
      const p = byCode.get(it.productId);
      if (!p)
        return void problems.push({
          path: `${path}.productId`,
          message: `no product ${it.productId} in your product master`,
        });
      const c = cls.find(
        (x) =>
          x.productId === p.id &&
          x.regime === sh.regime &&
          (sh.date === undefined || x.classifiedOn <= sh.date),
      );
      if (!c)
        return void problems.push({
          path: `${path}.productId`,
          message: `product ${it.productId} has no ${sh.regime ?? "?"} classification on ${sh.date ?? "?"}`,
        });
      if (c.validUntil && sh.date && sh.date > c.validUntil)
        return void problems.push({
          path: `${path}.productId`,
          message: `the ${sh.regime} classification of ${it.productId} expired on ${c.validUntil}; classify it again`,
        });
      if (it.controlNumber === undefined) it.controlNumber = c.controlNumber;
      if (it.hsCode === undefined && p.hsCode) it.hsCode = p.hsCode;
      if (it.description === undefined) it.description = p.name;
    });
  });
  return problems;
}

export interface NewProduct {
  code: string;
  name: string;
  hsCode?: string | undefined;
  parameters: { name: string; value: string | number | boolean }[];
}

/** Add a product to the organisation's master (audited); a code already there is a conflict. */
export async function addProduct(db: Db, p: Principal, product: NewProduct): Promise<string> {
  return inTransaction(db, async (tx) => {
    if (await productCodeExists(tx, p.orgId, product.code))
      throw conflictError(`product ${product.code} exists already`);
    const id = await insertProduct(tx, { orgId: p.orgId, ...product });
    await appendAudit(tx, {
      orgId: p.orgId,
      userId: p.userId,
      action: "product.create",
      objectType: "product",
      objectId: id,
      payload: { code: product.code },
    });
    return id;
  });
}

export const listProducts = (db: Db, p: Principal): Promise<ProductRow[]> => productsOf(db, p.orgId);

/** A product of the organisation with its classifications, newest first; another organisation's is not found. */
export async function productWithClassifications(
  db: Db,
  p: Principal,
  id: string,
): Promise<ProductRow & { classifications: ClassificationRow[] }> {
  const product = await productOf(db, p.orgId, id);
  if (!product) throw notFoundError(`no product ${id}`);
  return { ...product, classifications: await classificationsOf(db, [product.id]) };
}

export interface NewClassification {
  regime: string;
  controlNumber: string | null;
  basis: string;
  classifiedBy: string;
  classifiedOn: string;
}

/**
 * Record a classification (판정 / 該非判定) of a product for a regime, valid for the term the regime's pack gives
 * a classification made on that date (none: no term). Audited.
 */
export async function classifyProduct(
  db: Db,
  policies: PolicySet,
  p: Principal,
  productId: string,
  c: NewClassification,
): Promise<{ id: string; validUntil: string | null }> {
  if (c.controlNumber !== null) {
    const problem = controlNumberProblem(c.controlNumber);
    if (problem)
      throw new BadInputError([{ path: "$.controlNumber", message: problem }], "bad control number");
  }
  const policy = policies.get(c.regime);
  if (!policy)
    throw new BadInputError(
      [{ path: "$.regime", message: `known: ${[...policies.keys()].join(", ")}` }],
      `unknown regime "${c.regime}"`,
    );
  const days = policy.regime.classificationValidity?.find(
    (v) => v.from <= c.classifiedOn && (v.to === undefined || c.classifiedOn < v.to),
  )?.days;
  const validUntil = days === undefined ? null : addDays(c.classifiedOn, days);
  const id = await inTransaction(db, async (tx) => {
    const product = await productOf(tx, p.orgId, productId);
    if (!product) throw notFoundError(`no product ${productId}`);
    const id = await insertClassification(tx, { productId: product.id, ...c, validUntil, userId: p.userId });
    await appendAudit(tx, {
      orgId: p.orgId,
      userId: p.userId,
      action: "product.classify",
      objectType: "product",
      objectId: product.id,
      payload: { ...c, validUntil },
    });
    return id;
  });
  return { id, validUntil };
}
