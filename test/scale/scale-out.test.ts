// Scale-out on one PostgreSQL: two API processes (no embedded worker) and two `tradectl worker` processes,
// each with a data directory of its own (nothing shared but the database). Checks are recorded through both
// API processes; a list imported through one screens in the other; a key revoked through one is refused by
// both within a second; an impact job whose worker is killed with SIGKILL is finished by the other worker.
// Needs DATABASE_URL (CI starts PostgreSQL); without it the suite says so and is skipped.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const adminUrl = process.env.DATABASE_URL;
const root = fileURLToPath(new URL("../..", import.meta.url));
const demo = (f: string) => readFileSync(join(root, "examples/demo", f), "utf8");
if (!adminUrl) console.warn("scale-out test skipped: DATABASE_URL is not set (CI starts PostgreSQL for it)");

interface Proc {
  child: ChildProcess;
  out: string[];
  home: string;
}

describe.skipIf(!adminUrl)("two API processes and two workers on one PostgreSQL", () => {
  const procs: Proc[] = [];
  let url = "";
  let dbName = "";
  const api: { url: string }[] = [];
  const workers: Proc[] = [];
  let key = "";

  const start = (args: string[], ready: RegExp): Promise<Proc & { match: RegExpMatchArray }> =>
    new Promise((resolve, reject) => {
      const home = mkdtempSync(join(tmpdir(), "tradectl-scale-"));
      const child = spawn(process.execPath, [join(root, "bin/tradectl.js"), ...args], {
        env: {
          ...process.env,
          DATABASE_URL: url,
          TRADECTL_HOME: home,
          TRADECTL_RATE_LIMIT: "0",
          TRADECTL_JOB_HEARTBEAT_MS: "300",
          TRADECTL_JOB_STALE_SECONDS: "4",
          LOG_LEVEL: "warn",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const p: Proc = { child, out: [], home };
      procs.push(p);
      const timer = setTimeout(
        () => reject(new Error(`not ready: ${args.join(" ")}\n${p.out.join("")}`)),
        90_000,
      );
      const onData = (d: Buffer) => {
        p.out.push(d.toString());
        const m = p.out.join("").match(ready);
        if (m) {
          clearTimeout(timer);
          resolve({ ...p, match: m });
        }
      };
      child.stdout!.on("data", onData);
      child.stderr!.on("data", (d: Buffer) => p.out.push(d.toString()));
      child.on("exit", (code) => {
        clearTimeout(timer);
        if (!p.out.join("").match(ready))
          reject(new Error(`exited ${code}: ${args.join(" ")}\n${p.out.join("")}`));
      });
    });

  const call = async (base: string, method: string, path: string, body?: unknown, k = key) => {
    const res = await fetch(new URL(path, base), {
      method,
      headers: {
        authorization: `Bearer ${k}`,
        ...(body === undefined
          ? {}
          : { "content-type": typeof body === "string" ? "text/csv" : "application/json" }),
      },
      body: body === undefined ? null : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  };

  beforeAll(async () => {
    dbName = `tradectl_scale_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const u = new URL(adminUrl!);
    u.pathname = `/${dbName}`;
    url = u.toString();
    // The first API process creates the schema and the demo organisation; the others join it.
    const a = await start(
      ["serve", "--no-worker", "--port", "0"],
      /API key \(shown once\): (\S+)[\s\S]*?try:/,
    );
    key = a.match[1]!;
    api.push({ url: /tradectl serving (\S+)/.exec(a.out.join(""))![1]! });
    const b = await start(["serve", "--no-worker", "--port", "0"], /tradectl serving (\S+)/);
    api.push({ url: b.match[1]! });
    for (let i = 0; i < 2; i++) workers.push(await start(["worker"], /tradectl worker (\d+)/));
  }, 180_000);

  afterAll(async () => {
    for (const p of procs)
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGTERM");
    await Promise.all(
      procs.map(
        (p) =>
          new Promise<void>((r) => {
            if (p.child.exitCode !== null || p.child.signalCode !== null) return r();
            const t = setTimeout(() => (p.child.kill("SIGKILL"), r()), 10_000);
            p.child.on("exit", () => (clearTimeout(t), r()));
          }),
      ),
    );
    for (const p of procs) rmSync(p.home, { recursive: true, force: true });
    if (dbName) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  }, 60_000);

  it("records checks through both API processes, and each sees the other's", async () => {
    const hf = {
      regime: "JP",
      date: "2019-08-01",
      destination: "KR",
      items: [
        {
          id: "1",
          description: "hydrogen fluoride",
          controlNumber: "1C350",
          value: 1_500_000,
          currency: "JPY",
        },
      ],
    };
    const one = await call(api[0]!.url, "POST", "/v1/checks", hf);
    const two = await call(api[1]!.url, "POST", "/v1/checks", hf);
    expect(one.status).toBe(200);
    expect(two.status).toBe(200);
    expect(one.json.decisions).toEqual(two.json.decisions);
    const seen = await call(api[0]!.url, "GET", "/v1/checks?limit=10");
    expect(seen.json.items.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining([one.json.id, two.json.id]),
    );
  });

  /** Screen `name` through `url` until a match on `list` shows (within a second), and return the last answer. */
  async function screenUntilListed(url: string, name: string, list: string) {
    const t0 = Date.now();
    for (;;) {
      const r = await call(url, "POST", "/v1/screenings", { parties: [{ name }] });
      if (r.json.results?.[0]?.matches?.[0]?.list === list || Date.now() - t0 > 1000) return r;
    }
  }

  it("screens in one process against a list imported through the other, within a second", async () => {
    const party = { parties: [{ name: "Scaleout Example Precision Works" }] };
    // The other process screens first (nothing listed yet: 409), so that it keeps the versions in force it read.
    const before = await call(api[1]!.url, "POST", "/v1/screenings", party);
    expect(before.json.results?.[0]?.matches?.[0]?.list).not.toBe("scale");
    const csv = "id,name,type,country\nS-1,Scaleout Example Precision Works,entity,CN\n";
    expect((await call(api[0]!.url, "POST", "/v1/lists?format=csv&listId=scale", csv)).status).toBe(201);
    const r = await screenUntilListed(api[1]!.url, "Scaleout Example Precision Works", "scale");
    expect(r.status).toBe(200);
    expect(r.json.results[0].matches[0]).toMatchObject({
      list: "scale",
      name: "Scaleout Example Precision Works",
    });
  });

  it("applies in the other process a screening decision recorded through one", async () => {
    const party = { parties: [{ name: "Scaleout Example Precision Works" }] };
    const first = await call(api[1]!.url, "POST", "/v1/screenings", party); // the other process keeps the decisions
    const m = first.json.results[0].matches[0];
    expect(m).toMatchObject({ list: "scale" });
    const d = await call(api[0]!.url, "POST", "/v1/screening-decisions", {
      entityId: m.entityId,
      entityVersion: m.entityVersion,
      queryName: "Scaleout Example Precision Works",
      decision: "false-positive",
      note: "another company of that name",
    });
    expect(d.status).toBe(201);
    const t0 = Date.now();
    let decided: unknown[] = [];
    while (decided.length === 0 && Date.now() - t0 < 1000)
      decided = (await call(api[1]!.url, "POST", "/v1/screenings", party)).json.results[0].decided ?? [];
    expect(decided).toMatchObject([{ entityId: m.entityId, decision: { decision: "false-positive" } }]);
  });

  it("screens in an API process against a list imported with the CLI on DATABASE_URL, within a second", async () => {
    const home = mkdtempSync(join(tmpdir(), "tradectl-scale-cli-"));
    const file = join(home, "ops.csv");
    writeFileSync(file, "id,name,type,country\nO-1,Operator Example Optics Laboratory,entity,RU\n");
    const r = spawnSync(
      process.execPath,
      [join(root, "bin/tradectl.js"), "lists", "import", "csv", file, "--list-id", "ops"],
      {
        env: { ...process.env, DATABASE_URL: url, TRADECTL_HOME: home },
        encoding: "utf8",
      },
    );
    rmSync(home, { recursive: true, force: true });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("stored in the database");
    const hit = await screenUntilListed(api[1]!.url, "Operator Example Optics Laboratory", "ops");
    expect(hit.json.results[0].matches[0]).toMatchObject({ list: "ops" });
  });

  it("shows in checks through the other process a licence registered, drawn down and suspended through one", async () => {
    const shipment = {
      regime: "JP",
      date: "2024-01-10",
      destination: "KR",
      items: [{ id: "resist", controlNumber: "3C002.a.1" }],
    };
    const covering = async () =>
      (await call(api[1]!.url, "POST", "/v1/checks", shipment)).json.decisions[0].coveringLicences as {
        number: string;
        remainingQuantity: number | null;
      }[];
    // No covering licences at all (undefined) until the organisation holds one.
    const mine = async () => ((await covering()) ?? []).filter((c) => c.number === "SCALE-SGB-1");
    expect(await mine()).toEqual([]); // the other process has read (and keeps) the licences: none
    const made = await call(api[0]!.url, "POST", "/v1/licences", {
      regime: "JP",
      type: "special-general-bulk",
      number: "SCALE-SGB-1",
      holder: "Scale K.K.",
      destinations: ["KR"],
      permittedParties: [],
      lines: [
        {
          controlNumber: "3C002.a.1",
          description: "ArF resist",
          quantityLimit: 100,
          valueLimit: 100_000_000,
          unit: "kg",
          currency: "JPY",
        },
      ],
      validFrom: "2023-07-21",
      validUntil: "2027-07-20",
    });
    expect(made.status).toBe(201);
    const until = async (want: (c: { remainingQuantity: number | null }[]) => boolean) => {
      const t0 = Date.now();
      let seen = await mine();
      while (!want(seen) && Date.now() - t0 < 1000) seen = await mine();
      return seen;
    };
    expect(await until((c) => c.length === 1)).toMatchObject([{ remainingQuantity: 100 }]);
    const used = await call(api[0]!.url, "POST", `/v1/licences/${made.json.id}/usage`, {
      line: 1,
      quantity: 40,
      value: 40_000,
      shipmentRef: "SCALE-INV-1",
      shipmentDate: "2024-01-10",
      destination: "KR",
    });
    expect(used.status).toBe(201);
    expect(await until((c) => c[0]?.remainingQuantity === 60)).toMatchObject([{ remainingQuantity: 60 }]);
    const suspended = await call(api[0]!.url, "POST", `/v1/licences/${made.json.id}/status`, {
      status: "suspended",
    });
    expect(suspended.status).toBe(200);
    expect(await until((c) => c.length === 0)).toEqual([]);
  });

  it("refuses a key revoked through one process in both within a second", async () => {
    const made = await call(api[0]!.url, "POST", "/v1/api-keys", { label: "scale" });
    const k = made.json.key as string;
    // Both processes have resolved (and cached) the key.
    expect((await call(api[1]!.url, "GET", "/v1/me", undefined, k)).status).toBe(200);
    expect((await call(api[0]!.url, "GET", "/v1/me", undefined, k)).status).toBe(200);
    expect((await call(api[0]!.url, "DELETE", `/v1/api-keys/${made.json.id}`, undefined, k)).status).toBe(
      200,
    );
    const t0 = Date.now();
    let refused = false;
    while (Date.now() - t0 < 1000 && !refused)
      refused = (await call(api[1]!.url, "GET", "/v1/me", undefined, k)).status === 401;
    expect(refused).toBe(true);
    expect((await call(api[0]!.url, "GET", "/v1/me", undefined, k)).status).toBe(401);
  });

  it("finishes on the other worker a job whose worker was killed with SIGKILL", async () => {
    const base = demo("jp-kr-2019-shipments.csv");
    const rows = base.split("\n").slice(1).join("\n");
    const up = await call(api[0]!.url, "POST", "/v1/uploads?format=csv", base + rows.repeat(60));
    expect(up.status).toBe(201);
    const job = await call(api[1]!.url, "POST", "/v1/impact", {
      upload: up.json.id,
      regime: "JP",
      from: "2019-01-01",
      to: "2019-12-31",
    });
    expect(job.status).toBe(202);
    const id = job.json.id as string;
    let j: { status: string; worker: string | null; attempts: number; progress: number; error?: string } = {
      status: "",
      worker: null,
      attempts: 0,
      progress: 0,
    };
    for (let i = 0; i < 600 && !(j.status === "running" && j.worker); i++) {
      j = (await call(api[0]!.url, "GET", `/v1/jobs/${id}`)).json;
      if (j.status === "done" || j.status === "failed") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(j.status).toBe("running");
    const pid = Number(j.worker!.split(":").pop());
    const victim = workers.find((w) => w.child.pid === pid)!;
    expect(victim).toBeDefined();
    victim.child.kill("SIGKILL");
    for (let i = 0; i < 1200 && !["done", "failed", "cancelled"].includes(j.status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      j = (await call(api[1]!.url, "GET", `/v1/jobs/${id}`)).json;
    }
    expect(j.status).toBe("done");
    expect(j.attempts).toBe(2);
    const survivor = workers.find((w) => w !== victim)!;
    expect(j.worker).toBe(`${j.worker!.split(":").slice(0, -1).join(":")}:${survivor.child.pid}`);
    // The upload is removed once the job has ended.
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const left = await c.query("select count(*)::int as n from uploads where id = $1", [up.json.id]);
    await c.end();
    expect(left.rows[0].n).toBe(0);
  }, 180_000);
});
