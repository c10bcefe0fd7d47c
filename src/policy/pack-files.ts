/**
 * The files of a policy pack (its YAML, recursively, except `tests/`) and their fingerprint: a SHA-256 over
 * their paths inside the pack and their bytes. Needs neither the YAML parser nor the schema, so that a start
 * can tell whether the build's cached pack is still the pack on disk without loading the loader.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** The pack's YAML files under `dir`, sorted, except the `tests/` folder. */
export function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== "tests") out.push(...yamlFiles(full));
    } else if (name.endsWith(".yaml") || name.endsWith(".yml")) out.push(full);
  }
  return out;
}

/** SHA-256 over the pack's YAML files: their paths inside the pack and their bytes. */
export function packFingerprint(dir: string): string {
  const h = createHash("sha256");
  for (const f of yamlFiles(dir)) {
    h.update(relative(dir, f)).update("\0");
    h.update(readFileSync(f)).update("\0");
  }
  return `sha256:${h.digest("hex")}`;
}
