/**
 * Records checks. Requests that arrive together are written by one multi-row INSERT (group commit): each
 * request still waits until its rows are committed before it answers, and a failed statement fails every
 * request in it — no request is ever half-recorded.
 */
import type { CheckResult } from "../determine/index.ts";
import { recordChecks, type Db } from "../store/index.ts";

interface Pending {
  who: { orgId: string; userId: string };
  items: { input: unknown; result: CheckResult }[];
  resolve: (rows: { id: string }[]) => void;
  reject: (e: unknown) => void;
}

export class Recorder {
  private queue: Pending[] = [];
  private scheduled = false;
  private inFlight = 0;

  constructor(
    private readonly db: Db,
    /** The most rows one statement writes. */
    private readonly maxRows = 2000,
    /** How many statements may run at once (PGlite runs one at a time anyway). */
    private readonly maxConcurrent = 4,
  ) {}

  record(who: Pending["who"], items: Pending["items"]): Promise<{ id: string }[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ who, items, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.queue.length === 0 || this.inFlight >= this.maxConcurrent) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush() {
    const batch: Pending[] = [];
    let rows = 0;
    while (
      this.queue.length > 0 &&
      (batch.length === 0 || rows + this.queue[0]!.items.length <= this.maxRows)
    ) {
      const p = this.queue.shift()!;
      batch.push(p);
      rows += p.items.length;
    }
    if (batch.length === 0) return;
    this.inFlight++;
    try {
      const flat = batch.flatMap((p) => p.items.map((it) => ({ who: p.who, ...it })));
      const ids = await this.insert(flat);
      let at = 0;
      for (const p of batch) {
        p.resolve(ids.slice(at, at + p.items.length));
        at += p.items.length;
      }
    } catch (e) {
      for (const p of batch) p.reject(e);
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }

  private async insert(
    flat: { who: Pending["who"]; input: unknown; result: CheckResult }[],
  ): Promise<{ id: string }[]> {
    // One statement; rows of several organisations may share it, each row carries its own owner.
    const byOwner = new Map<string, number[]>();
    flat.forEach((r, i) => {
      const k = `${r.who.orgId}|${r.who.userId}`;
      byOwner.set(k, [...(byOwner.get(k) ?? []), i]);
    });
    if (byOwner.size === 1) return recordChecks(this.db, flat[0]!.who, flat);
    const out: { id: string }[] = new Array(flat.length);
    await this.db.transaction(async (tx) => {
      for (const idx of byOwner.values()) {
        const ids = await recordChecks(
          tx as never,
          flat[idx[0]!]!.who,
          idx.map((i) => flat[i]!),
        );
        idx.forEach((i, j) => (out[i] = ids[j]!));
      }
    });
    return out;
  }
}
