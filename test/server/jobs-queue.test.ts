// Jobs on the queue (pg-boss) on both databases: shipments uploaded as a stream with their hash and removed
// when the job ends; cancellation; a job whose worker stopped (no heartbeat) is taken back and finished by a
// live worker, or fails with the reason after its last attempt.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertJob } from "../../src/store/jobs.ts";
import { auth, backends, makeWorld, type World } from "./harness.ts";

const demo = (f: string) =>
  readFileSync(fileURLToPath(new URL(`../../examples/demo/${f}`, import.meta.url)), "utf8");

for (const backend of backends)
  describe(`jobs on the queue (${backend.name})`, () => {
    let w: World;
    beforeAll(async () => {
      w = await makeWorld(backend);
    }, 60_000);
    afterAll(async () => w?.close());
    const call = (method: "GET" | "POST", url: string, body?: unknown) =>
      w.app.inject({
        method,
        url,
        headers: {
          ...auth(w.keys.exporter),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
    const ended = async (id: string, seconds = 60) => {
      for (let i = 0; i < seconds * 10; i++) {
        const j = (await call("GET", `/v1/jobs/${id}`)).json();
        if (["done", "failed", "cancelled"].includes(j.status)) return j;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`job ${id} did not end`);
    };
    const uploads = async () =>
      Number((await w.database.raw<{ n: string }>("select count(*)::text as n from uploads", []))[0]!.n);

    it("takes shipments as a streamed upload with size and sha256, runs the impact, then removes the upload", async () => {
      const text = demo("jp-kr-2019-shipments.csv");
      const up = await w.app.inject({
        method: "POST",
        url: "/v1/uploads",
        headers: { ...auth(w.keys.exporter), "content-type": "text/csv" },
        payload: text,
      });
      expect(up.statusCode).toBe(201);
      expect(up.json()).toMatchObject({ format: "csv", bytes: Buffer.byteLength(text) });
      expect(up.json().sha256).toMatch(/^[0-9a-f]{64}$/);
      const r = await call("POST", "/v1/impact", {
        upload: up.json().id,
        overlay: demo("kr-leaves-group-a-2019-08-28.yaml"),
      });
      expect(r.statusCode).toBe(202);
      const j = await ended(r.json().id);
      expect(j.status).toBe("done");
      expect(j.result.totals.changed).toBeGreaterThan(0);
      expect(j.params).toMatchObject({
        bytes: Buffer.byteLength(text),
        sha256: up.json().sha256,
        overlay: true,
      });
      expect(await uploads()).toBe(0);
      // An upload that is not there, and one of no known format, are refused.
      expect((await call("POST", "/v1/impact", { upload: up.json().id, overlay: "x" })).statusCode).toBe(400);
      const noType = await w.app.inject({
        method: "POST",
        url: "/v1/uploads",
        headers: { ...auth(w.keys.exporter), "content-type": "application/octet-stream" },
        payload: "a,b\n",
      });
      expect(noType.statusCode).toBe(400);
    }, 90_000);

    it("fails a malformed upload with the reason and the line, and removes it", async () => {
      const r = await call("POST", "/v1/impact", {
        shipments: "id,date,destination,controlNumber\n1,2019-13-40,KR,3C002\n",
        regime: "JP",
        from: "2019-01-01",
        to: "2019-12-31",
      });
      const j = await ended(r.json().id);
      expect(["done", "failed"]).toContain(j.status);
      if (j.status === "done") expect(JSON.stringify(j.result)).toMatch(/2019-13-40|date/);
      else expect(j.error).toMatch(/line|date/);
      expect(await uploads()).toBe(0);
    });

    it("cancels a job across processes: queued at once, running within a heartbeat", async () => {
      const big = demo("jp-kr-2019-shipments.csv");
      const body = big + big.split("\n").slice(1).join("\n").repeat(40);
      // Larger than a JSON body may be (4 MiB): uploaded as a stream.
      const up = await w.app.inject({
        method: "POST",
        url: "/v1/uploads?format=csv",
        headers: auth(w.keys.exporter),
        payload: body,
      });
      expect(up.json().bytes).toBeGreaterThan(4 * 2 ** 20);
      const r = await call("POST", "/v1/impact", {
        upload: up.json().id,
        regime: "JP",
        from: "2019-01-01",
        to: "2019-12-31",
      });
      expect(r.json()).toMatchObject({ status: "queued" });
      const c = await call("POST", `/v1/jobs/${r.json().id}/cancel`);
      expect(c.json()).toMatchObject({ id: r.json().id });
      expect(["cancelled", "cancelling"]).toContain(c.json().status);
      const j = await ended(r.json().id);
      expect(j.status).toBe("cancelled");
      expect(await uploads()).toBe(0);
      expect((await call("POST", `/v1/jobs/${r.json().id}/cancel`)).statusCode).toBe(409);
      const other = await w.app.inject({
        method: "POST",
        url: `/v1/jobs/${r.json().id}/cancel`,
        headers: auth(w.keys.otherOrg),
      });
      expect(other.statusCode).toBe(404);
    }, 90_000);

    it("takes back a job whose worker stopped and finishes it; fails it with the reason after the last attempt", async () => {
      await call("POST", "/v1/checks", {
        regime: "JP",
        date: "2019-08-01",
        destination: "KR",
        items: [{ id: "1", controlNumber: "1C350" }],
      });
      // The embedded worker is running (started with the first job); a job is left as a dead worker had it.
      await ended((await call("POST", "/v1/recheck")).json().id);
      const [u] = await w.database.raw<{ id: string }>(
        "select id from users where email = 'exporter@example.com'",
        [],
      );
      const stalled = async (attempts: number) => {
        const id = await insertJob(w.database.db, {
          orgId: w.orgId,
          userId: u!.id,
          kind: "recheck",
          params: {},
        });
        await w.database.raw(
          `update jobs set status = 'running', attempts = $2, worker = 'gone-host:1', heartbeat_at = now() - interval '1 minute' where id = $1`,
          [id, attempts],
        );
        return id;
      };
      const again = await ended(await stalled(1));
      expect(again.status).toBe("done");
      expect(again.attempts).toBe(2);
      expect(again.worker).not.toBe("gone-host:1");
      const lost = await ended(await stalled(3));
      expect(lost.status).toBe("failed");
      expect(lost.error).toMatch(
        /its worker stopped \(gone-host:1, no heartbeat since .*\) on each of 3 runs/,
      );
    }, 90_000);
  });
