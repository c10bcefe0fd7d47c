/**
 * Records checks. Requests that arrive together are written by one multi-row INSERT (group commit): each
 * request still waits until its rows are committed before it answers; when a statement fails, its requests are
 * written again one by one, so that only the request whose rows are refused fails — no request is ever
 * half-recorded, and none fails for another's data. A trace is written with the first check that refers to it
 * (check-record.ts); later checks refer to it.
 */
import { insertChecks, StoredTraces, type CheckRow, type RawQuery } from "../store/index.ts";

interface Pending {
  rows: CheckRow[];
  resolve: (ids: { id: string }[]) => void;
  reject: (e: unknown) => void;
}

export class Recorder {
  private queue: Pending[] = [];
  private scheduled = false;
  private inFlight = 0;
  /** The traces this process has seen written: a check that repeats one refers to it without writing it. */
  private readonly traces = new StoredTraces();

  constructor(
    private readonly raw: RawQuery,
    /** The most rows one statement writes (PostgreSQL allows 65,535 parameters; a row has 10). */
    private readonly maxRows = 2000,
    /** How many statements may run at once (PGlite runs one at a time anyway). */
    private readonly maxConcurrent = 4,
  ) {}

  record(rows: CheckRow[]): Promise<{ id: string }[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
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
    let count = 0;
    while (
      this.queue.length > 0 &&
      (batch.length === 0 || count + this.queue[0]!.rows.length <= this.maxRows)
    ) {
      const p = this.queue.shift()!;
      batch.push(p);
      count += p.rows.length;
    }
    if (batch.length === 0) return;
    this.inFlight++;
    this.schedule();
    try {
      const ids = await insertChecks(
        this.raw,
        batch.flatMap((p) => p.rows),
        this.traces,
      );
      let at = 0;
      for (const p of batch) {
        p.resolve(ids.slice(at, at + p.rows.length));
        at += p.rows.length;
      }
    } catch (e) {
      // One request's rows must not fail another's: the requests of a failed statement are written again,
      // each on its own; only the one whose rows the database refuses fails.
      if (batch.length === 1) batch[0]!.reject(e);
      else
        await Promise.all(
          batch.map((p) =>
            insertChecks(this.raw, p.rows, this.traces).then(
              (ids) => p.resolve(ids),
              (err: unknown) => p.reject(err),
            ),
          ),
        );
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }
}
