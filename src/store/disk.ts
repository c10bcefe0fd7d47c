/**
 * Free space where the embedded database writes: a full disk is said plainly — at start-up (instead of the
 * database engine's bare `Aborted()`), and by `/readyz` (not ready) — rather than found by a failing write.
 * `TRADECTL_MIN_FREE_BYTES` sets the floor (default 64 MiB).
 */
import { statfsSync } from "node:fs";

export function minFreeBytes(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.TRADECTL_MIN_FREE_BYTES;
  const n = v === undefined || v === "" ? 64 * 2 ** 20 : Number(v);
  if (!Number.isFinite(n) || n < 0)
    throw new Error(`TRADECTL_MIN_FREE_BYTES must be a number of bytes (got "${v}")`);
  return n;
}

/** Why the disk holding `dir` cannot take writes, or undefined (also when the system cannot tell). */
export function diskProblem(dir: string, min = minFreeBytes()): string | undefined {
  let free: number;
  try {
    const s = statfsSync(dir);
    free = Number(s.bavail) * Number(s.bsize);
  } catch {
    return undefined;
  }
  if (free >= min) return undefined;
  const mb = (n: number) => `${Math.floor(n / 2 ** 20)} MiB`;
  return `the disk holding ${dir} has ${mb(free)} free (less than ${mb(min)}): free space, or move TRADECTL_HOME`;
}
