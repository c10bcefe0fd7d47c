/** Saved proposed changes (overlays) of an organisation: insert, list (newest first), one by id. */
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "./db.ts";
import { overlays } from "./schema.ts";

export type OverlayRow = typeof overlays.$inferSelect;

export async function insertOverlay(
  db: Db,
  o: Omit<typeof overlays.$inferInsert, "id" | "createdAt">,
): Promise<OverlayRow> {
  const [row] = await db.insert(overlays).values(o).returning();
  return row!;
}

export async function overlaysOf(
  db: Db,
  orgId: string,
  limit: number,
  offset: number,
): Promise<OverlayRow[]> {
  return db
    .select()
    .from(overlays)
    .where(eq(overlays.orgId, orgId))
    .orderBy(desc(overlays.createdAt), desc(overlays.id))
    .limit(limit)
    .offset(offset);
}

export async function overlayOf(db: Db, orgId: string, id: string): Promise<OverlayRow | undefined> {
  const [row] = await db
    .select()
    .from(overlays)
    .where(and(eq(overlays.orgId, orgId), eq(overlays.id, id)))
    .limit(1);
  return row;
}
