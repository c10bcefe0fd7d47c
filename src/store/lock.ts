/**
 * A lock file for the embedded database directory: PGlite does not lock its files, and two processes writing
 * one directory silently lose writes. The first opener writes who it is — pid, the process's start time and the
 * machine's boot id (Linux /proc) — and a second opener is refused while that same process lives. A pid alone
 * is not enough: a server running as PID 1 in a container restarts as PID 1 again, and a pid is reused after a
 * reboot; a lock whose pid now names another process (another start time or boot) is stale and taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";

interface Holder {
  pid: number;
  /** The process's start time (clock ticks since boot, /proc/<pid>/stat field 22), when known. */
  start?: string | undefined;
  bootId?: string | undefined;
}

const read = (path: string): string | undefined => {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    return undefined;
  }
};

/** The start time of a live process, when the system tells it. */
function startOf(pid: number): string | undefined {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
}

const bootId = () => read("/proc/sys/kernel/random/boot_id");

function me(): Holder {
  return { pid: process.pid, start: startOf(process.pid), bootId: bootId() };
}

function parse(text: string): Holder | undefined {
  if (/^\d+$/.test(text)) return { pid: Number(text) }; // a lock of an earlier release: the pid only
  try {
    const h = JSON.parse(text) as Holder;
    return Number.isInteger(h.pid) && h.pid > 0 ? h : undefined;
  } catch {
    return undefined;
  }
}

/** Is the process that wrote the lock still the one running under its pid? */
function holds(h: Holder): boolean {
  if (!alive(h.pid)) return false;
  if (h.bootId && bootId() && h.bootId !== bootId()) return false;
  const start = startOf(h.pid);
  if (h.start && start) return h.start === start;
  // Without start times (another system, or an old lock) the own pid cannot be a live holder other than us.
  return h.pid !== process.pid;
}

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
      writeSync(fd, JSON.stringify(me()));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const h = parse(read(path) ?? "");
      if (h && holds(h)) throw new DataDirLockedError(path, h.pid);
      rmSync(path, { force: true }); // stale: its process is gone, or its pid now names another process
    }
  }
  throw new Error(`could not take the lock ${path}`);
}
