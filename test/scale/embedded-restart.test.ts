// The embedded default (PGlite, one process): `tradectl serve` runs the jobs itself. A server killed with
// SIGKILL in the middle of an impact job is started again on the same data directory, and the job is taken
// back (its worker's heartbeat stopped) and finished; the upload is removed when it ends.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const home = mkdtempSync(join(tmpdir(), "tradectl-restart-"));
const children: ChildProcess[] = [];

/** Start `tradectl serve`; on the first start, ready once the first-start lines (the API key) are printed too. */
function serve(firstStart = false): Promise<{ child: ChildProcess; url: string; out: string[] }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TRADECTL_HOME: home,
      TRADECTL_RATE_LIMIT: "0",
      TRADECTL_JOB_HEARTBEAT_MS: "300",
      TRADECTL_JOB_STALE_SECONDS: "4",
      LOG_LEVEL: "warn",
    };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [join(root, "bin/tradectl.js"), "serve", "--port", "0"], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    const out: string[] = [];
    const timer = setTimeout(() => reject(new Error(`not ready:\n${out.join("")}`)), 90_000);
    const seen = (d: Buffer) => {
      out.push(d.toString());
      const text = out.join("");
      const m = /tradectl serving (\S+)[\s\S]*jobs: run by the embedded worker/.exec(text);
      // stdout may arrive in several chunks: the first start's API key comes after the jobs line
      if (m && (!firstStart || /try: curl/.test(text))) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, out });
      }
    };
    child.stdout!.on("data", seen);
    child.stderr!.on("data", (d: Buffer) => out.push(d.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}:\n${out.join("")}`));
    });
  });
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 1500));
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  rmSync(home, { recursive: true, force: true });
});

describe("a job survives SIGKILL of the embedded server (PGlite)", () => {
  it("is finished by the server started again on the same data directory", async () => {
    const first = await serve(true);
    const key = /API key \(shown once\): (\S+)/.exec(first.out.join(""))![1]!;
    const call = async (
      base: string,
      method: string,
      path: string,
      body?: string,
      type = "application/json",
    ) => {
      const send = () =>
        fetch(new URL(path, base), {
          method,
          headers: {
            authorization: `Bearer ${key}`,
            ...(body === undefined ? {} : { "content-type": type }),
          },
          body: body ?? null,
        });
      // A poll may meet a kept-alive connection the busy server has just closed (ECONNRESET): a GET is sent
      // again, at most twice; the server's survival is what the job's end state shows.
      for (let attempt = 0; ; attempt++) {
        try {
          return (await (await send()).json()) as {
            id: string;
            status: string;
            attempts: number;
            worker: string;
          };
        } catch (e) {
          if (method !== "GET" || attempt >= 2) throw e;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    };
    const base = readFileSync(join(root, "examples/demo/jp-kr-2019-shipments.csv"), "utf8");
    const up = await call(
      first.url,
      "POST",
      "/v1/uploads",
      base + base.split("\n").slice(1).join("\n").repeat(60),
      "text/csv",
    );
    const job = await call(
      first.url,
      "POST",
      "/v1/impact",
      JSON.stringify({ upload: up.id, regime: "JP", from: "2019-01-01", to: "2019-12-31" }),
    );
    let j = await call(first.url, "GET", `/v1/jobs/${job.id}`);
    for (let i = 0; i < 600 && j.status === "queued"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      j = await call(first.url, "GET", `/v1/jobs/${job.id}`);
    }
    expect(j.status).toBe("running");
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("exit", r));
    const second = await serve();
    for (let i = 0; i < 1200 && !["done", "failed", "cancelled"].includes(j.status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      j = await call(second.url, "GET", `/v1/jobs/${job.id}`);
    }
    expect(j.status).toBe("done");
    expect(j.attempts).toBe(2);
    expect(j.worker).toMatch(new RegExp(`:${second.child.pid}$`));
  }, 240_000);
});
