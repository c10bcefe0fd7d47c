/**
 * Screening over HTTP against the in-process screen (`npm run bench:screen-http`): imports every list of the
 * shared data (`TRADECTL_DATA` or ../shared/data) into a data directory, starts `tradectl serve` (PGlite; on
 * start the server brings the lists into its database), and times one-party `POST /v1/screenings` requests
 * (autocannon, 1 connection for latency, 16 for throughput) against the same queries screened in this
 * process by an index over the same entities. Baseline named beside it: what the server did before this
 * change on every request — read and parse all list files of the data directory (`loadAll`) — timed here.
 * The ratios are taken in one run on one machine.
 *
 * With `--postgres` the server runs on a fresh database of the PostgreSQL server named by DATABASE_URL
 * (created for the run and dropped after it) instead of PGlite.
 *
 *   tsx bench/screen-http/run.ts [--seconds 10] [--postgres] [--profile DIR]
 */
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { dataRoot } from "../../eval/screen/data.ts";
import { loadAll } from "../../src/lists/store.ts";
import { homeWithSharedLists } from "../shared-lists.ts";
import { ScreeningIndex } from "../../src/screen/index.ts";
import { createTransliterator } from "../../src/screen-runtime/transliterator.ts";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const flag = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = flag("seconds", 10);
// --profile DIR: the server writes a CPU profile there when it stops (node --cpu-prof)
const profileAt = process.argv.indexOf("--profile");
const profile = profileAt >= 0 ? ["--cpu-prof", "--cpu-prof-dir", process.argv[profileAt + 1]!] : [];

const onPostgres = process.argv.includes("--postgres");
if (onPostgres && !process.env.DATABASE_URL) {
  console.log(
    "bench:screen-http --postgres: set DATABASE_URL to a PostgreSQL server (e.g. . .ci/postgres.sh)",
  );
  process.exit(1);
}

const root = dataRoot();
if (!root) {
  console.log("bench:screen-http: ../shared/data is absent (set TRADECTL_DATA): nothing to measure");
  process.exit(0);
}
const { home, lists, entities } = await homeWithSharedLists(root, "tradectl-bench-screen-http-");
console.log(
  `tradectl screening: HTTP against in-process — ${new Date().toISOString().slice(0, 10)}; ${cpus()[0]?.model ?? "?"}, ${cpus().length} cores; Node ${process.version}; load ${loadavg()[0]!.toFixed(2)}`,
);
console.log(
  `lists: ${lists.map((l) => `${l.list} (${l.entities.length})`).join(", ")}; ${entities.length} entities`,
);

// The query: a listed name with a typo (a real hit to explain, not an empty answer).
const sample = entities[Math.floor(entities.length / 2)]!.names[0]!.name;
const query = sample.length > 6 ? sample.slice(0, 3) + sample.slice(4) : `${sample} x`;
const body = JSON.stringify({ parties: [{ name: query }] });

// In process: the same entities, the same reader, the same query.
const index = ScreeningIndex.build(entities, {
  transliterator: await createTransliterator(),
});
const times: number[] = [];
for (let i = 0; i < 2000; i++) {
  const t0 = performance.now();
  index.screen({ name: query }, { threshold: 0.85, limit: 20 });
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const inProc = {
  p50: times[1000]!,
  p99: times[1980]!,
  mean: times.reduce((a, b) => a + b, 0) / times.length,
};

// The baseline: reading and parsing every list file, as each request did before.
const reads: number[] = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  loadAll(home);
  reads.push(performance.now() - t0);
}
reads.sort((a, b) => a - b);
const fileRead = reads[2]!;

const key = `tdk_bench_${randomBytes(16).toString("hex")}`;
const port = 3931;
// The database the server runs on: PGlite in the data directory, or a fresh PostgreSQL database.
let databaseUrl = "";
let dropDatabase = async () => {};
if (onPostgres) {
  const name = `tradectl_bench_screen_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(process.env.DATABASE_URL!);
  u.pathname = `/${name}`;
  databaseUrl = u.toString();
  dropDatabase = async () => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
}
console.log(`server database: ${onPostgres ? "PostgreSQL (a fresh database)" : "PGlite (embedded)"}`);
const child: ChildProcess = spawn(
  process.execPath,
  [...profile, join(repo, "bin/tradectl.js"), "serve", "--port", String(port)],
  {
    cwd: repo,
    env: {
      ...process.env,
      TRADECTL_HOME: home,
      TRADECTL_ADMIN_API_KEY: key,
      LOG_LEVEL: "warn",
      TRADECTL_RATE_LIMIT: "0",
      DATABASE_URL: databaseUrl,
    },
    stdio: ["ignore", "pipe", "inherit"],
  },
);
await new Promise<void>((resolve, reject) => {
  child.stdout!.on("data", (b: Buffer) => b.toString().includes("tradectl serving") && resolve());
  child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
});
const url = `http://127.0.0.1:${port}/v1/screenings`;
const headers = { "content-type": "application/json", authorization: `Bearer ${key}` };
try {
  // The first request builds the index (once per list version set); it is timed on its own.
  const t0 = performance.now();
  const first = await fetch(url, { method: "POST", headers, body });
  const firstMs = performance.now() - t0;
  if (!first.ok) throw new Error(`screening answered ${first.status}: ${await first.text()}`);
  const drive = (connections: number) =>
    autocannon({ url, method: "POST", headers, body, connections, duration: seconds });
  await drive(4); // warm-up
  const one = await drive(1);
  const many = await drive(16);
  const ratio = (a: number, b: number) => (a / b).toFixed(1);
  // autocannon's latencies are whole milliseconds (below 1 ms they read 0), so the ratios use the mean time
  // per request on the one connection, which requests one after another: 1,000 ms / requests per second.
  const oneMean = 1000 / one.requests.average;
  const ms = (v: number) => (v === 0 ? "< 1" : String(v));
  console.log(`first request (index built from the database): ${firstMs.toFixed(0)} ms`);
  console.log(
    `in process (index.screen):             p50 ${inProc.p50.toFixed(2)} ms, p99 ${inProc.p99.toFixed(2)} ms, mean ${inProc.mean.toFixed(2)} ms`,
  );
  console.log(
    `HTTP, 1 connection:                      p50 ${ms(one.latency.p50)} ms, p99 ${ms(one.latency.p99)} ms, mean ${oneMean.toFixed(2)} ms, ${Math.round(one.requests.average)} req/s, non-2xx ${one.non2xx}`,
  );
  console.log(
    `HTTP, 16 connections:                    p50 ${ms(many.latency.p50)} ms, p99 ${ms(many.latency.p99)} ms, ${Math.round(many.requests.average)} req/s, non-2xx ${many.non2xx}`,
  );
  console.log(`baseline, reading and parsing the list files per request (before): ${fileRead.toFixed(0)} ms`);
  console.log(
    `ratios: HTTP mean / in-process mean = ${ratio(oneMean, inProc.mean)}; baseline file read / HTTP mean = ${ratio(fileRead, oneMean)}`,
  );
} finally {
  const done = new Promise((r) => child.on("exit", r));
  child.kill("SIGTERM");
  await done;
  rmSync(home, { recursive: true, force: true });
  await dropDatabase();
}
