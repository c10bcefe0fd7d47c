/**
 * A pack's validated data kept as JSON beside the compiled program (`dist/packs/<pack>.json`, written by
 * `npm run build`, see pack-cache-write.ts), so that a start does not parse and validate the YAML again. It
 * is used only while the pack's YAML files are byte for byte the ones it was made from (pack-files.ts);
 * anything else loads the YAML as usual. `index.json` beside them names each pack's regime, so that a
 * command loads only the regimes it uses. Reading a cache needs neither the YAML parser nor the schema.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { packFingerprint } from "./pack-files.ts";
import { Policy } from "./policy.ts";
import type { PolicyData } from "./model.ts";

export { packFingerprint } from "./pack-files.ts";

export interface CachedPack {
  fingerprint: string;
  version: string;
  data: PolicyData;
}

export function cacheFile(cacheDir: string, dir: string): string {
  return join(cacheDir, `${basename(dir)}.json`);
}

/**
 * The pack in `dir` from its cached data, or undefined when there is none or the YAML has changed.
 * `fingerprint` is the pack's current one when the caller has just computed it.
 */
export function readCachedPolicy(
  dir: string,
  cacheDir: string,
  fingerprint: string = packFingerprint(dir),
): Policy | undefined {
  const file = cacheFile(cacheDir, dir);
  if (!existsSync(file)) return undefined;
  let cached: CachedPack;
  try {
    cached = JSON.parse(readFileSync(file, "utf8")) as CachedPack;
  } catch {
    return undefined;
  }
  if (cached.fingerprint !== fingerprint) return undefined;
  const policy = new Policy(cached.data, cached.version);
  policy.dir = resolve(dir);
  return policy;
}

/** One cached pack as the index names it: its directory, regime and fingerprint. */
export interface CachedPackEntry {
  dir: string;
  regime: string;
  fingerprint?: string;
}

/** The cached packs by directory name, or undefined without a readable index. */
export function cachedPacks(cacheDir: string): Map<string, CachedPackEntry> | undefined {
  const file = join(cacheDir, "index.json");
  if (!existsSync(file)) return undefined;
  try {
    const index = JSON.parse(readFileSync(file, "utf8")) as { packs: CachedPackEntry[] };
    return new Map(index.packs.map((p) => [p.dir, p]));
  } catch {
    return undefined;
  }
}

/** The regime of each cached pack (pack directory name → regime id), or undefined without an index. */
export function cachedRegimes(cacheDir: string): Map<string, string> | undefined {
  const packs = cachedPacks(cacheDir);
  return packs && new Map([...packs].map(([dir, p]) => [dir, p.regime]));
}
