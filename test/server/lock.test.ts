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
});
