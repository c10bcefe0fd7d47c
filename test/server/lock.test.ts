/** Only one process may open an embedded database directory: a second opener is refused with a clear message. */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { acquireLock, DataDirLockedError, openDatabase } from "../../src/store/index.ts";

const repo = fileURLToPath(new URL("../..", import.meta.url));

describe("the embedded database lock", () => {
  it("refuses a second process on the same data directory, and lets it in once the first is gone", async () => {
    const home = mkdtempSync(join(tmpdir(), "tradectl-lock-"));
    const script = join(home, "holder.mts");
    writeFileSync(
      script,
      `import { openDatabase } from ${JSON.stringify(join(repo, "src/store/index.ts"))};\nconst d = await openDatabase({ home: ${JSON.stringify(home)} });\nconsole.log("open");\nprocess.stdin.on("data", async () => { await d.close(); process.exit(0); });\n`,
    );
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      cwd: repo,
      stdio: ["pipe", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (b: Buffer) => b.toString().includes("open") && resolve());
      child.on("exit", (code) => reject(new Error(`holder exited ${code}`)));
    });
    try {
      await expect(openDatabase({ home })).rejects.toThrow(DataDirLockedError);
      await expect(openDatabase({ home })).rejects.toThrow(/in use by another tradectl process \(pid \d+\)/);
    } finally {
      child.stdin.write("close\n");
      await new Promise((r) => child.on("exit", r));
    }
    const d = await openDatabase({ home });
    await d.close();
    expect(existsSync(join(home, "pgdata.lock"))).toBe(false);
  }, 60_000);

  it("takes over a lock left by a dead process", () => {
    const home = mkdtempSync(join(tmpdir(), "tradectl-lock-"));
    writeFileSync(join(home, "pgdata.lock"), "999999999");
    const release = acquireLock(join(home, "pgdata.lock"));
    release();
  });

  it("takes over a lock whose pid now names another process (a container's PID 1 restarted)", () => {
    const home = mkdtempSync(join(tmpdir(), "tradectl-lock-"));
    const path = join(home, "pgdata.lock");
    // Written by an earlier process with this very pid (as PID 1 is after a restart), started at another time.
    writeFileSync(path, JSON.stringify({ pid: process.pid, start: "1", bootId: "old-boot" }));
    const release = acquireLock(path);
    // Held by this process now: a second opener in it is refused.
    expect(() => acquireLock(path)).toThrow(DataDirLockedError);
    release();
  });

  it("refuses a lock held by another live process, identified by its start time", async () => {
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    await new Promise((r) => setTimeout(r, 200));
    const home = mkdtempSync(join(tmpdir(), "tradectl-lock-"));
    const path = join(home, "pgdata.lock");
    const { readFileSync } = await import("node:fs");
    let start: string | undefined;
    try {
      const stat = readFileSync(`/proc/${child.pid}/stat`, "utf8");
      start = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
    } catch {
      start = undefined;
    }
    try {
      writeFileSync(path, JSON.stringify({ pid: child.pid, start }));
      expect(() => acquireLock(path)).toThrow(DataDirLockedError);
      if (start) {
        writeFileSync(path, JSON.stringify({ pid: child.pid, start: `${start}0` }));
        acquireLock(path)();
      }
    } finally {
      child.kill("SIGKILL");
    }
  });
});
