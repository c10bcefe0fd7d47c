// A full disk is said plainly: at start-up of the embedded database, by /readyz (not ready), and as a 503
// with the reason for a write the database or the file system refuses for lack of space.
import Fastify from "fastify";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorHandler } from "../../src/server/problem.ts";
import { diskProblem } from "../../src/store/disk.ts";
import { openDatabase } from "../../src/store/index.ts";
import { backends, makeWorld, type World } from "../server/harness.ts";

describe("a full disk", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(backends[0]!);
  }, 60_000);
  afterAll(async () => {
    delete process.env.TRADECTL_MIN_FREE_BYTES;
    await w?.close();
  });

  it("is named at start-up of the embedded database", async () => {
    expect(diskProblem(tmpdir(), 0)).toBeUndefined();
    expect(diskProblem(tmpdir(), 1e18)).toMatch(/MiB free \(less than/);
    process.env.TRADECTL_MIN_FREE_BYTES = "1e18";
    try {
      await expect(openDatabase({ home: mkdtempSync(join(tmpdir(), "tradectl-disk-")) })).rejects.toThrow(
        /cannot open the embedded database: the disk holding .* free space, or move TRADECTL_HOME/,
      );
    } finally {
      delete process.env.TRADECTL_MIN_FREE_BYTES;
    }
  });

  it("makes /readyz say not ready", async () => {
    // A server whose embedded database writes to a directory on this disk.
    const { buildApp, Recorder } = await import("../../src/server/index.ts");
    const { policies, embeddedJobs } = await import("../server/harness.ts");
    const { app } = await buildApp(
      {
        db: w.database.db,
        dbKind: "pglite",
        policies,
        recorder: new Recorder(w.database.raw),
        queue: embeddedJobs(w.database).queue,
        dataDir: tmpdir(),
      },
      { rateLimit: false },
    );
    expect((await app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
    process.env.TRADECTL_MIN_FREE_BYTES = "1e18";
    const r = await app.inject({ method: "GET", url: "/readyz" });
    delete process.env.TRADECTL_MIN_FREE_BYTES;
    expect(r.statusCode).toBe(503);
    expect(r.json()).toMatchObject({ status: "disk full" });
    await app.close();
  });

  it("answers a write refused for lack of space with 503 and the reason", async () => {
    const app = Fastify();
    app.setErrorHandler(errorHandler);
    app.get("/pg", async () => {
      throw Object.assign(new Error("Failed query: insert …"), {
        cause: Object.assign(new Error("could not extend file: No space left on device"), { code: "53100" }),
      });
    });
    app.get("/fs", async () => {
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    });
    for (const url of ["/pg", "/fs"]) {
      const r = await app.inject({ method: "GET", url });
      expect(r.statusCode).toBe(503);
      expect(r.json().detail).toMatch(/disk.*full/);
    }
    await app.close();
  });
});
