/**
 * Opening the packs at a start without loading the loader: when the build's cache holds every pack under the
 * root and each still has the fingerprint of the YAML on disk, the packs are read from the cache on first use
 * (the YAML parser and the schema are never imported); otherwise the loader is imported and the YAML read,
 * exactly as `loadPolicies` does.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { LazyPolicySet } from "./lazy-set.ts";
import { cachedPacks, readCachedPolicy } from "./pack-cache.ts";
import { packFingerprint } from "./pack-files.ts";
import { defaultPackCache, defaultPolicyRoot } from "./paths.ts";
import type { PolicySet } from "./registry.ts";

/**
 * A function giving the packs under `root` (each call a fresh set). It is prepared here, asynchronously, so
 * that the function itself needs no import: the cache's fingerprints are compared now, and the loader is
 * imported only when some pack is not cached as it is on disk.
 */
export async function policyOpener(
  root: string = defaultPolicyRoot,
  cacheDir: string = defaultPackCache,
): Promise<() => PolicySet> {
  let dirs: string[] = [];
  const packs = cachedPacks(cacheDir);
  let fresh = packs !== undefined;
  try {
    dirs = readdirSync(root)
      .sort()
      .filter((name) => statSync(join(root, name)).isDirectory());
    fresh &&= dirs.every((d) => {
      const p = packs!.get(d);
      return p?.fingerprint !== undefined && p.fingerprint === packFingerprint(join(root, d));
    });
  } catch {
    fresh = false; // an unreadable root: the loader reports it when the packs are first used
  }
  if (fresh && packs)
    return () =>
      new LazyPolicySet(
        dirs.map((d) => {
          const p = packs.get(d)!;
          return [
            p.regime,
            () => {
              const policy = readCachedPolicy(join(root, d), cacheDir, p.fingerprint);
              if (!policy) throw new Error(`the pack cache ${cacheDir} changed while tradectl ran (${d})`);
              return policy;
            },
          ];
        }),
      );
  const { loadPolicies } = await import("./registry.ts");
  return () => loadPolicies(root, cacheDir);
}
