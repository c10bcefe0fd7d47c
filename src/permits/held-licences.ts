/**
 * The licences an organisation holds, kept between checks while no licence of it changes. Every change to a
 * licence or its ledger (issued, status set, drawn down, corrected) is announced on the database with NOTIFY in
 * the transaction that makes it, naming the organisation; every process listening drops that organisation's
 * copy when the change commits, and the process that made it drops it at once. A process that is not listening
 * (or whose listening connection was lost and is being restored) reads the database for every check.
 */
import { sql } from "drizzle-orm";
import type { Db, Listen } from "../store/db.ts";
import type { HeldLicence } from "./ledger.ts";

export const LICENCE_CHANNEL = "tradectl_licences";

/** Reads an organisation's active licences of these regimes with what remains on each line. */
export type HeldLicencesSource = (orgId: string, regimes: string[]) => Promise<HeldLicence[]>;

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The caches of this process, told at once of a change this process makes. */
const local = new Set<(orgId: string) => void>();

/** Announce a change to the organisation's licences or ledger, inside the caller's transaction. */
export async function notifyLicenceChange(tx: Tx | Db, orgId: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${LICENCE_CHANNEL}, ${orgId})`);
}

/** Drop this process's copies of the organisation's licences (after the change committed). */
export function licencesChanged(orgId: string): void {
  for (const drop of local) drop(orgId);
}

/** How long a copy is kept at most, in case an announcement was lost with a connection. */
const KEEP_MS = 10_000;

/**
 * `read` with each organisation's licences kept until they change. `regimes` are filtered from the copy of
 * all the organisation's active licences.
 */
export async function watchedHeldLicences(
  read: (orgId: string) => Promise<HeldLicence[]>,
  listen: Listen,
  now: () => number = Date.now,
): Promise<{ source: HeldLicencesSource; stop: () => Promise<void> }> {
  const kept = new Map<string, { epoch: number; until: number; all: Promise<HeldLicence[]> }>();
  const epochs = new Map<string, number>();
  let everything = 0; // bumped when every copy is dropped (a reconnect, a full cache)
  let listening = false;
  const epochOf = (orgId: string) => everything * 1e9 + (epochs.get(orgId) ?? 0);
  const drop = (orgId: string) => {
    epochs.set(orgId, (epochs.get(orgId) ?? 0) + 1);
    kept.delete(orgId);
  };
  const dropAll = () => {
    everything++;
    epochs.clear();
    kept.clear();
  };
  local.add(drop);
  const stopListening = await listen(LICENCE_CHANNEL, (payload) => (payload ? drop(payload) : dropAll()));
  listening = true;
  const source: HeldLicencesSource = async (orgId, regimes) => {
    if (regimes.length === 0) return [];
    if (!listening) return (await read(orgId)).filter((l) => regimes.includes(l.regime));
    let k = kept.get(orgId);
    if (!k || k.epoch !== epochOf(orgId) || k.until <= now()) {
      const epoch = epochOf(orgId);
      const all = read(orgId);
      k = { epoch, until: now() + KEEP_MS, all };
      if (kept.size >= 10_000) dropAll();
      kept.set(orgId, k);
      // A read that fails is not kept; one overtaken by a change is kept under its old epoch (never used).
      all.catch(() => kept.get(orgId) === k && kept.delete(orgId));
    }
    return (await k.all).filter((l) => regimes.includes(l.regime));
  };
  return {
    source,
    stop: async () => {
      listening = false;
      local.delete(drop);
      dropAll();
      await stopListening();
    },
  };
}
