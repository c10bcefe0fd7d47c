/** A set of policies keyed by regime id whose packs load on first use. */
import type { Policy } from "./policy.ts";

/** A policy set whose packs load on first use: `get` loads one, anything that lists them loads all. */
export class LazyPolicySet extends Map<string, Policy> {
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
