/** Finds and loads every regime pack under a policy root (`policy/<regime>/`), keyed by regime id. */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { LazyPolicySet } from "./lazy-set.ts";
import { loadPolicy } from "./load.ts";
import { cachedRegimes, readCachedPolicy } from "./pack-cache.ts";
import { defaultPackCache, defaultPolicyRoot } from "./paths.ts";
import type { Policy } from "./policy.ts";

export { defaultPackCache, defaultPolicyRoot } from "./paths.ts";

export type PolicySet = Map<string, Policy>;

/**
 * The packs under `root`, keyed by regime id. With the build's pack cache naming every pack's regime, each
 * pack is loaded when first asked for (a check of a Japanese shipment does not load the Korean pack).
 */
export function loadPolicies(
  root: string = defaultPolicyRoot,
  cacheDir: string = defaultPackCache,
): PolicySet {
  const dirs = readdirSync(root)
    .sort()
    .filter((name) => statSync(join(root, name)).isDirectory());
  const load = (name: string) => readCachedPolicy(join(root, name), cacheDir) ?? loadPolicy(join(root, name));
  const regimes = cachedRegimes(cacheDir);
  if (regimes && dirs.every((d) => regimes.has(d)))
    return new LazyPolicySet(dirs.map((d) => [regimes.get(d)!, () => load(d)]));
  const set: PolicySet = new Map();
  for (const name of dirs) {
    const policy = load(name);
    set.set(policy.regime.id, policy);
  }
  return set;
}
