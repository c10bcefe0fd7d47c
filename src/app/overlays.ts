/**
 * Saved proposed changes of an organisation: build and save a change (the change builder's YAML and its spec,
 * audited), list them, read one. Another organisation's overlay is not found. What-if runs load the YAML.
 */
import { appendAudit } from "../permits/service.ts";
import type { PolicySet } from "../policy/index.ts";
import { inTransaction, type Db } from "../store/db.ts";
import type { Principal } from "../store/identity.ts";
import { insertOverlay, overlayOf, overlaysOf, type OverlayRow } from "../store/overlays.ts";
import { buildChange } from "./change-builder.ts";
import { notFoundError } from "./errors.ts";

export interface SavedOverlay {
  id: string;
  regime: string;
  title: string;
  effective: string;
  yaml: string;
  spec: unknown;
  createdBy: string;
  createdAt: string;
}

const shown = (r: OverlayRow): SavedOverlay => ({
  id: r.id,
  regime: r.regime,
  title: r.title,
  effective: r.effective,
  yaml: r.yaml,
  spec: r.spec ?? null,
  createdBy: r.createdBy,
  createdAt: r.createdAt.toISOString(),
});

/** Build a change (bad input names every problem) and save its overlay for the organisation. */
export async function saveChange(
  db: Db,
  policies: PolicySet,
  p: Principal,
  body: unknown,
): Promise<SavedOverlay> {
  const built = buildChange(policies, body);
  return inTransaction(db, async (tx) => {
    const row = await insertOverlay(tx, {
      orgId: p.orgId,
      regime: built.spec.regime,
      title: built.spec.title,
      effective: built.spec.effective,
      yaml: built.yaml,
      spec: built.spec,
      createdBy: p.userId,
    });
    await appendAudit(tx, {
      orgId: p.orgId,
      userId: p.userId,
      action: "overlay.create",
      objectType: "overlay",
      objectId: row.id,
      payload: {
        regime: row.regime,
        title: row.title,
        effective: row.effective,
        steps: built.spec.steps.length,
      },
    });
    return shown(row);
  });
}

export async function listOverlays(
  db: Db,
  p: Principal,
  page: { limit: number; offset: number },
): Promise<{ items: SavedOverlay[] }> {
  return { items: (await overlaysOf(db, p.orgId, page.limit, page.offset)).map(shown) };
}

export async function getOverlay(db: Db, p: Principal, id: string): Promise<SavedOverlay> {
  const r = await overlayOf(db, p.orgId, id);
  if (!r) throw notFoundError(`no overlay ${id}`);
  return shown(r);
}
