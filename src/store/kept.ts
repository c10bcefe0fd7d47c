/**
 * A copy per organisation of something read from the database (its active licences, its screening
 * decisions), kept between requests until a change to it is announced: the transaction that changes it sends
 * NOTIFY on the copy's channel naming the organisation (notify.ts), every process listening drops that
 * organisation's copy when the change commits, and the process that made the change drops it at once
 * (`changedHere`, called after the commit). A copy is kept 10 s at most, in case an announcement was lost with
 * a connection (a restored connection drops every copy); a process that is not listening reads every time.
 */
import type { Listen } from "./db.ts";

/** The copies of this process per channel, told at once of a change this process makes. */
const local = new Map<string, Set<(orgId: string | undefined) => void>>();

/**
 * Drop this process's copies of the organisation's data on `channel` (after the change committed); with no
 * organisation, every organisation's (a change to what all of them share).
 */
export function changedHere(channel: string, orgId: string | undefined): void {
  for (const drop of local.get(channel) ?? []) drop(orgId);
}

/** Runs a change to the organisation's data on `channel`; this process's copies are dropped after it. */
export async function changing<T>(
  channel: string,
  orgId: string | undefined,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } finally {
    changedHere(channel, orgId);
  }
}

export interface Kept<T> {
  /** The organisation's copy, read when there is none (or it is older than a change). */
  get(orgId: string): Promise<T>;
  stop(): Promise<void>;
}

const KEEP_MS = 10_000;
const MOST = 10_000;

export async function keptPerOrganisation<T>(
  channel: string,
  read: (orgId: string) => Promise<T>,
  listen: Listen,
  now: () => number = Date.now,
): Promise<Kept<T>> {
  // A change deletes the organisation's entry; a read under way then serves only the request that started it.
  const kept = new Map<string, { until: number; value: Promise<T> }>();
  let listening = false;
  const drop = (orgId: string | undefined) => (orgId ? kept.delete(orgId) : kept.clear());
  let drops = local.get(channel);
  if (!drops) local.set(channel, (drops = new Set()));
  drops.add(drop);
  // An empty payload (a change to what every organisation shares, or a reconnection) drops every copy.
  const stopListening = await listen(channel, (orgId) => drop(orgId || undefined));
  listening = true;
  return {
    async get(orgId) {
      if (!listening) return read(orgId);
      let k = kept.get(orgId);
      if (!k || k.until <= now()) {
        if (kept.size >= MOST) kept.clear();
        const entry = { until: now() + KEEP_MS, value: read(orgId) };
        kept.set(orgId, (k = entry));
        // a read that fails is not kept
        entry.value.catch(() => kept.get(orgId) === entry && kept.delete(orgId));
      }
      return k.value;
    },
    async stop() {
      listening = false;
      drops!.delete(drop);
      kept.clear();
      await stopListening();
    },
  };
}
