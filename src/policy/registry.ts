/** Finds and loads every regime pack under a policy root (`policy/<regime>/`), keyed by regime id. */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPolicy } from "./load.ts";
import type { Policy } from "./policy.ts";

/** The packs shipped with tradectl: `<repo>/policy`. */
export const defaultPolicyRoot = fileURLToPath(new URL("../../policy", import.meta.url));

export type PolicySet = Map<string, Policy>;

export function loadPolicies(root: string = defaultPolicyRoot): PolicySet {
  const set: PolicySet = new Map();
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    if (!statSync(dir).isDirectory()) continue;
    const policy = loadPolicy(dir);
    set.set(policy.regime.id, policy);
  }
  return set;
}
