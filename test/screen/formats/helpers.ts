/** Test helpers for the list importers: fixture paths, the real-data directory, and small lookups. */
import { createReadStream, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ImportResult, ListEntity } from "../../../src/screen/entity.ts";

export const fixtures = fileURLToPath(new URL("../../fixtures/lists/", import.meta.url));

/** The shared real data (read-only, never copied into the repository); absent on most machines. */
export const realData = process.env.TRADECTL_REAL_DATA ?? "/work/shared/data";

export function fixture(path: string): string {
  return `${fixtures}${path}`;
}

export function stream(path: string): NodeJS.ReadableStream & AsyncIterable<Buffer> {
  return createReadStream(path);
}

/** True when the real file is there; otherwise warns once so that a skipped suite is visible. */
export function haveReal(path: string): boolean {
  const full = `${realData}/${path}`;
  if (existsSync(full)) return true;
  console.warn(`real-data test skipped: ${full} is absent`);
  return false;
}

export function real(path: string): string {
  return `${realData}/${path}`;
}

export function bySource(r: ImportResult, sourceId: string): ListEntity {
  const e = r.entities.find((x) => x.sourceId === sourceId);
  if (!e) throw new Error(`no entity ${sourceId} in ${r.entities.map((x) => x.sourceId).join(", ")}`);
  return e;
}

export function names(e: ListEntity, kind?: "primary" | "alias" | "weak"): string[] {
  return e.names.filter((n) => !kind || n.kind === kind).map((n) => n.name);
}
