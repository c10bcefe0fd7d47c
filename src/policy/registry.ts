/** Finds and loads every regime pack under a policy root (`policy/<regime>/`), keyed by regime id. */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPolicy } from "./load.ts";
import { cachedRegimes, readCachedPolicy } from "./pack-cache.ts";
import type { Policy } from "./policy.ts";

/** The packs shipped with tradectl: `<repo>/policy`. */
export const defaultPolicyRoot = fileURLToPath(new URL("../../policy", import.meta.url));

/**
 * Where the build keeps the packs' validated data (`dist/packs`, beside the compiled program); from the
 * TypeScript sources there is none and the YAML is read.
 */
export const defaultPackCache = fileURLToPath(new URL("../packs", import.meta.url));

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

/** A policy set whose packs load on first use: `get` loads one, anything that lists them loads all. */
class LazyPolicySet extends Map<string, Policy> {
  private readonly pending: Map<string, () => Policy>;

  constructor(loaders: [string, () => Policy][]) {
    super();
    this.pending = new Map(loaders);
  }

  private take(id: string): void {
    const load = this.pending.get(id);
    if (!load) return;
    this.pending.delete(id);
    const policy = load();
    // the index is the build's: a pack whose regime changed since is still found under its own id
    super.set(policy.regime.id, policy);
  }

  private all(): void {
    for (const id of [...this.pending.keys()]) this.take(id);
  }

  override get(id: string): Policy | undefined {
    this.take(id);
    return super.get(id) ?? (this.pending.size > 0 ? (this.all(), super.get(id)) : undefined);
  }

  override has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  override get size(): number {
    this.all();
    return super.size;
  }

  override keys(): MapIterator<string> {
    this.all();
    return super.keys();
  }

  override values(): MapIterator<Policy> {
    this.all();
    return super.values();
  }

  override entries(): MapIterator<[string, Policy]> {
    this.all();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[string, Policy]> {
    return this.entries();
  }

  override forEach(
    fn: (value: Policy, key: string, map: Map<string, Policy>) => void,
    thisArg?: unknown,
  ): void {
    this.all();
    super.forEach(fn, thisArg);
  }
}
