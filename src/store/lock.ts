/**
 * A lock file for the embedded database directory: PGlite does not lock its files, and two processes writing
 * one directory silently lose writes. The first opener writes its pid; a second opener is refused while that
 * process lives; a lock left by a dead process is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";

export class DataDirLockedError extends Error {
  constructor(
    readonly path: string,
    readonly pid: number,
  ) {
    super(
      `the data directory is in use by another tradectl process (pid ${pid}); only one process may open the embedded database. Stop it, or point TRADECTL_HOME elsewhere (lock file: ${path})`,
    );
    this.name = "DataDirLockedError";
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Take the lock at `path`; returns the release function. Throws `DataDirLockedError` when held. */
export function acquireLock(path: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number(readFileSync(path, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
        throw new DataDirLockedError(path, pid);
      if (pid === process.pid) throw new DataDirLockedError(path, pid);
      rmSync(path, { force: true }); // stale lock of a dead process
    }
  }
  throw new Error(`could not take the lock ${path}`);
}
