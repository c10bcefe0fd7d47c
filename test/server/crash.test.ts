/**
 * kill -9 of the server during a burst of drawdowns, then a restart on the same data: every acknowledged
 * drawdown is there, nothing is half-written (every ledger entry has its audit entry), the chain verifies.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const key = `tdk_crash_${randomBytes(12).toString("hex")}`;

function serve(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(repo, "bin/tradectl.js"), "serve", "--port", "0"], {
    cwd: repo,
    env: {
      ...process.env,
      ...env,
      TRADECTL_ADMIN_API_KEY: key,
      TRADECTL_RATE_LIMIT: "0",
      LOG_LEVEL: "error",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let seen = "";
    child.stdout!.on("data", (b: Buffer) => {
      seen += b.toString();
      const m = /tradectl serving (http:\/\/\S+)/.exec(seen);
      if (m) resolve({ child, url: m[1]! });
    });
    child.stderr!.on("data", (b: Buffer) => (seen += b.toString()));
    child.on("exit", (code) => reject(new Error(`server exited ${code}: ${seen}`)));
  });
}

const h = { "content-type": "application/json", authorization: `Bearer ${key}` };

async function crashScenario(env: Record<string, string>) {
  let { child, url } = await serve(env);
  const lic = await fetch(`${url}/v1/licences`, {
    method: "POST",
    headers: h,
    body: JSON.stringify({
      regime: "JP",
      type: "special-general-bulk",
      number: "CRASH-1",
      holder: "Demo Exporter Co.",
      destinations: ["KR"],
      lines: [
        {
          controlNumber: "3C002",
          description: "resist",
          quantityLimit: 100000,
          valueLimit: null,
          unit: "kg",
          currency: "JPY",
        },
      ],
      validFrom: "2023-07-21",
      validUntil: "2027-07-20",
    }),
  });
  const licenceId = ((await lic.json()) as { id: string }).id;
  const acknowledged: string[] = [];
  let stop = false;
  const worker = async () => {
    let n = 0;
    while (!stop) {
      try {
        const r = await fetch(`${url}/v1/licences/${licenceId}/usage`, {
          method: "POST",
          headers: h,
          body: JSON.stringify({
            line: 1,
            quantity: 1,
            value: 10,
            shipmentRef: `B-${n++}`,
            shipmentDate: "2024-03-01",
            destination: "KR",
          }),
        });
        if (r.status === 201) acknowledged.push(((await r.json()) as { id: string }).id);
      } catch {
        return; // the server died
      }
    }
  };
  const workers = Array.from({ length: 8 }, worker);
  // killed in the middle of the traffic: once enough writes are acknowledged (a loaded machine is slower)
  await new Promise((r) => setTimeout(r, 1500));
  for (let i = 0; i < 200 && acknowledged.length <= 10; i++) await new Promise((r) => setTimeout(r, 100));
  child.kill("SIGKILL");
  await new Promise((r) => child.on("exit", r));
  stop = true;
  await Promise.all(workers);
  expect(acknowledged.length).toBeGreaterThan(10);

  ({ child, url } = await serve(env)); // the dead process's lock is taken over
  try {
    const l = (await (await fetch(`${url}/v1/licences/${licenceId}`, { headers: h })).json()) as {
      ledger: { id: string }[];
      balances: { usedQuantity: number }[];
    };
    const ledgerIds = new Set(l.ledger.map((e) => e.id));
    for (const id of acknowledged) expect(ledgerIds.has(id), `acknowledged drawdown ${id} lost`).toBe(true);
    expect(l.balances[0]!.usedQuantity).toBe(l.ledger.length);
    const audit = (await (await fetch(`${url}/v1/audit?limit=10000`, { headers: h })).json()) as {
      items: { action: string; payload: { entry?: string } }[];
    };
    const audited = new Set(
      audit.items.filter((a) => a.action === "ledger.drawdown").map((a) => a.payload.entry),
    );
    for (const id of ledgerIds)
      expect(audited.has(id), `ledger entry ${id} without its audit entry`).toBe(true);
    const v = (await (await fetch(`${url}/v1/audit/verify`, { headers: h })).json()) as {
      valid: boolean;
      entries: number;
    };
    expect(v.valid).toBe(true);
    return { acknowledged: acknowledged.length, ledger: l.ledger.length };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.on("exit", r));
  }
}

describe("crash safety", () => {
  it("embedded PGlite: kill -9 during drawdowns loses no acknowledged write and leaves no half-write", async () => {
    const r = await crashScenario({
      TRADECTL_HOME: mkdtempSync(join(tmpdir(), "tradectl-crash-")),
      DATABASE_URL: "",
    });
    expect(r.ledger).toBeGreaterThanOrEqual(r.acknowledged);
  }, 120_000);

  it.skipIf(!process.env.DATABASE_URL)(
    "PostgreSQL: the same",
    async () => {
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      const name = `tradectl_crash_${randomBytes(4).toString("hex")}`;
      await admin.query(`create database ${name}`);
      const u = new URL(process.env.DATABASE_URL!);
      u.pathname = `/${name}`;
      try {
        const r = await crashScenario({
          DATABASE_URL: u.toString(),
          TRADECTL_HOME: mkdtempSync(join(tmpdir(), "tradectl-crash-")),
        });
        expect(r.ledger).toBeGreaterThanOrEqual(r.acknowledged);
      } finally {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
    120_000,
  );
});
