/**
 * HTTP benchmark (`npm run bench:http`): starts `tradectl serve` in a child process (embedded PGlite, and
 * PostgreSQL when DATABASE_URL is set — a fresh database), then drives it with autocannon on loopback:
 * single-line checks and 1,000-shipment batches, every check recorded. Prints checks/s and p99 latency.
 *
 *   tsx bench/http/run.ts [--seconds 10] [--connections 32]
 */
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const repo = fileURLToPath(new URL("../..", import.meta.url));
// --profile DIR: each server writes a CPU profile there when it stops (node --cpu-prof)
const profileAt = process.argv.indexOf("--profile");
const profile = profileAt >= 0 ? ["--cpu-prof", "--cpu-prof-dir", process.argv[profileAt + 1]!] : [];
const flag = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = flag("seconds", 10);
const connections = flag("connections", 32);
// --processes N: N API processes on the PostgreSQL database (the first runs the jobs' worker), the connections
// shared among them — how tradectl scales; the embedded database has one process.
const processes = flag("processes", 1);
// Issue 16: single-line checks recorded, covering licences included, on 2 cores.
const TARGETS = { pglite: 2000, postgres: 8000 } as const;

const single = JSON.stringify({
  regime: "JP",
  date: "2019-08-01",
  destination: "KR",
  items: [{ id: "1", controlNumber: "1C350", hsCode: "281111", value: 1500000, currency: "JPY" }],
});
const dests = ["KR", "US", "DE", "CN", "SD", "IR", "KP", "EE"];
const cns = [null, "1C350", "3C002.a.1", "6", "1C009.b", "3A001"];
const batch = JSON.stringify(
  Array.from({ length: 1000 }, (_, i) => ({
    regime: "JP",
    date: `20${18 + (i % 8)}-0${1 + (i % 9)}-1${i % 10}`,
    destination: dests[i % dests.length],
    items: [
      { id: "1", controlNumber: cns[i % cns.length], hsCode: "847989", value: 1000 * i, currency: "JPY" },
    ],
  })),
);

async function startServer(
  env: Record<string, string>,
  port: number,
  args = [...profile, join(repo, "bin/tradectl.js"), "serve", "--port", String(port)],
): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, {
    cwd: repo,
    env: { ...process.env, ...env, LOG_LEVEL: "warn", TRADECTL_RATE_LIMIT: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (b: Buffer) => b.toString().includes("tradectl serving") && resolve());
    child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return child;
}

async function stop(child: ChildProcess) {
  const done = new Promise((r) => child.on("exit", r));
  child.kill("SIGTERM");
  await done;
}

interface Figures {
  requestsPerSec: number;
  checksPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function drive(
  url: string,
  key: string,
  body: string,
  perRequest: number,
  conns: number,
): Promise<Figures> {
  const r = await autocannon({
    url: `${url}/v1/checks`,
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body,
    connections: conns,
    duration: seconds,
  });
  const ok = r["2xx"] / seconds;
  return {
    requestsPerSec: ok,
    checksPerSec: ok * perRequest,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

/** Drive several servers at once, the connections shared among them; the figures summed (latencies: the worst). */
async function driveAll(urls: string[], key: string, body: string, perRequest: number, conns: number) {
  const each = await Promise.all(
    urls.map((u, i) =>
      drive(u, key, body, perRequest, Math.floor(conns / urls.length) + (i < conns % urls.length ? 1 : 0)),
    ),
  );
  return {
    requestsPerSec: each.reduce((n, f) => n + f.requestsPerSec, 0),
    checksPerSec: each.reduce((n, f) => n + f.checksPerSec, 0),
    p50: Math.max(...each.map((f) => f.p50)),
    p99: Math.max(...each.map((f) => f.p99)),
    non2xx: each.reduce((n, f) => n + f.non2xx, 0),
    errors: each.reduce((n, f) => n + f.errors, 0),
  };
}

async function run(name: string, env: Record<string, string>, port: number, count = 1) {
  const key = `tdk_bench_${randomBytes(16).toString("hex")}`;
  const server = await startServer({ ...env, TRADECTL_ADMIN_API_KEY: key }, port);
  const others: ChildProcess[] = [];
  const url = `http://127.0.0.1:${port}`;
  const urls = [url];
  try {
    for (let i = 1; i < count; i++) {
      const p = port + 100 + i;
      others.push(
        await startServer(env, p, [
          ...profile,
          join(repo, "bin/tradectl.js"),
          "serve",
          "--no-worker",
          "--port",
          String(p),
        ]),
      );
      urls.push(`http://127.0.0.1:${p}`);
    }
    await driveAll(urls, key, single, 1, connections); // warm-up (JIT, pools)
    const one = await driveAll(urls, key, single, 1, connections);
    const many = await driveAll(urls, key, batch, 1000, 4);
    if (!answer) answer = await (await post(url, key, single)).text();
    console.log(`\n${name}${count > 1 ? ` — ${count} API processes` : ""}`);
    console.log(
      `  single-line checks (${connections} connections): ${Math.round(one.checksPerSec).toLocaleString("en")} checks/s, p50 ${one.p50} ms, p99 ${one.p99} ms, non-2xx ${one.non2xx}, errors ${one.errors}`,
    );
    console.log(
      `  1,000-shipment batches (4 connections):       ${Math.round(many.checksPerSec).toLocaleString("en")} checks/s (${many.requestsPerSec.toFixed(1)} batches/s), p50 ${many.p50} ms, p99 ${many.p99} ms, non-2xx ${many.non2xx}`,
    );
    return { one, many };
  } finally {
    for (const o of others) await stop(o);
    await stop(server);
  }
}

console.log(
  `tradectl HTTP benchmark — ${new Date().toISOString().slice(0, 10)}; ${cpus()[0]?.model ?? "?"}, ${cpus().length} cores; Node ${process.version}; load ${loadavg()[0]!.toFixed(2)}`,
);
console.log(
  `autocannon on loopback, ${seconds} s per run, server and load generator on the same machine; every check is recorded`,
);
/** One POST /v1/checks. */
const post = (url: string, key: string, body: string) =>
  fetch(`${url}/v1/checks`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body,
  });
/** A real answer to the single-line check, for the floor server to send. */
let answer = "";

/**
 * The floor: a bare Fastify server that parses the same body and sends the same bytes tradectl answered,
 * doing nothing else — what this machine's HTTP stack and load generator allow at most.
 */
async function floor(port: number) {
  const file = join(mkdtempSync(join(tmpdir(), "tradectl-floor-")), "answer.json");
  writeFileSync(file, answer);
  const server = await startServer({}, port, [join(repo, "bench/http/floor.mjs"), String(port), file]);
  const url = `http://127.0.0.1:${port}`;
  try {
    await drive(url, "none", single, 1, connections);
    const one = await drive(url, "none", single, 1, connections);
    console.log(
      `\nFloor: bare Fastify, the same body in and the same ${answer.length.toLocaleString("en")}-byte answer out`,
    );
    console.log(
      `  single-line requests (${connections} connections): ${Math.round(one.checksPerSec).toLocaleString("en")} requests/s, p50 ${one.p50} ms, p99 ${one.p99} ms`,
    );
    return one;
  } finally {
    await stop(server);
  }
}

const results: Record<string, Awaited<ReturnType<typeof run>>> = {};
results.pglite = await run(
  "PGlite (embedded)",
  // DATABASE_URL cleared: the server would otherwise use the PostgreSQL server named for the second run.
  { TRADECTL_HOME: mkdtempSync(join(tmpdir(), "tradectl-bench-")), DATABASE_URL: "" },
  3917,
);
const adminUrl = process.env.DATABASE_URL;
if (adminUrl) {
  const name = `tradectl_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  try {
    results.postgres = await run("PostgreSQL", { DATABASE_URL: u.toString() }, 3918, processes);
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
} else console.log("\nDATABASE_URL not set: PostgreSQL run skipped (its target is not measured)");
const bare = await floor(3919);
console.log("");
for (const [db, target] of Object.entries(TARGETS)) {
  const r = results[db];
  if (!r) continue;
  const got = r.one.checksPerSec;
  console.log(
    `${db}: ${Math.round(got).toLocaleString("en")} single-line checks/s = ${(got / bare.checksPerSec).toFixed(2)} × the floor; target ≥ ${target.toLocaleString("en")}/s: ${got >= target ? "MET" : "NOT MET"}`,
  );
}
