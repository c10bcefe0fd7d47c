/** The product master's queries: products of an organisation and their classifications per regime. */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "./db.ts";
import { productClassifications, products } from "./schema.ts";

export type ProductRow = typeof products.$inferSelect;
export type ClassificationRow = typeof productClassifications.$inferSelect;

export async function productsByCodes(db: Db, orgId: string, codes: string[]): Promise<ProductRow[]> {
  if (codes.length === 0) return [];
  return db
    .select()
    .from(products)
    .where(and(eq(products.orgId, orgId), inArray(products.code, codes)));
}

/** The classifications of these products, newest first. */
export async function classificationsOf(db: Db, productIds: string[]): Promise<ClassificationRow[]> {
  if (productIds.length === 0) return [];
  return db
    .select()
    .from(productClassifications)
    .where(inArray(productClassifications.productId, productIds))
    .orderBy(desc(productClassifications.classifiedOn), desc(productClassifications.createdAt));
}

export async function productCodeExists(db: Db, orgId: string, code: string): Promise<boolean> {
  const r = await db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.orgId, orgId), eq(products.code, code)))
    .limit(1);
  return r.length > 0;
}

export async function insertProduct(
  db: Db,
  p: Omit<typeof products.$inferInsert, "id" | "createdAt">,
): Promise<string> {
  const [row] = await db.insert(products).values(p).returning({ id: products.id });
  return row!.id;
}

export async function productsOf(db: Db, orgId: string): Promise<ProductRow[]> {
  return db.select().from(products).where(eq(products.orgId, orgId)).orderBy(asc(products.code));
}

export async function productOf(db: Db, orgId: string, id: string): Promise<ProductRow | undefined> {
  const [p] = await db
    .select()
    .from(products)
    .where(and(eq(products.id, id), eq(products.orgId, orgId)));
  return p;
}

export async function insertClassification(
  db: Db,
  c: Omit<typeof productClassifications.$inferInsert, "id" | "createdAt">,
): Promise<string> {
  const [row] = await db
    .insert(productClassifications)
    .values(c)
    .returning({ id: productClassifications.id });
  return row!.id;
}
