/**
 * The main job (`npm start`, `tradectl serve`): open the database (PGlite in TRADECTL_HOME, or PostgreSQL at
 * DATABASE_URL), run migrations, load the policy packs, seed a demo organisation on first start, and serve
 * the API on PORT (default 3000). SIGINT/SIGTERM: stop accepting, finish in-flight requests, close.
 */
import { fileURLToPath } from "node:url";
import { loadPolicies, type PolicySet } from "../policy/index.ts";
import { defaultHome, openDatabase, type Database } from "../store/index.ts";
import { lazyQueue, openQueue, type JobQueue } from "../store/queue.ts";
import { registerAuditKey } from "../store/audit.ts";
import { loadSigningKey } from "../store/signing-key.ts";
import { runnerTimingsFromEnv } from "../worker/main.ts";
import { startWorker, type RunningWorker } from "../worker/worker.ts";
import { mailSettingsFromEnv, smtpHostOf } from "../app/mail.ts";
import { buildApp, type App } from "./app.ts";
import { watchAuthChanges } from "./auth.ts";
import type { ServerContext } from "./context.ts";
import { Recorder } from "./recorder.ts";
import { syncListsFromHome } from "../app/lists.ts";
import { screeningFromDatabase } from "../lists/db-screening.ts";
import { watchedListsInForce } from "../store/lists.ts";
import { watchedHeldLicences } from "../permits/held-licences.ts";
import { heldLicences, watchedDecisions } from "../permits/service.ts";
import { seedIfEmpty } from "./seed.ts";

/** `TRADECTL_RATE_LIMIT`: requests per minute per API key (default 6000); `0` turns the limit off. */
function rateLimitFromEnv(): number | false | undefined {
  const v = process.env.TRADECTL_RATE_LIMIT;
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`TRADECTL_RATE_LIMIT must be a whole number (got "${v}")`);
  return n === 0 ? false : n;
}

export interface ServeOptions {
  port?: number;
  host?: string;
  databaseUrl?: string | undefined;
  home?: string;
  policies?: PolicySet;
  logger?: boolean;
  out?: (line: string) => void;
  /** Run an embedded job worker in this process (default true; `tradectl serve --no-worker` turns it off). */
  worker?: boolean;
}

export interface RunningServer {
  url: string;
  app: App;
  database: Database;
  close: () => Promise<void>;
}

export async function startServer(opts: ServeOptions = {}): Promise<RunningServer> {
  const out = opts.out ?? ((l: string) => console.log(l));
  const policies = opts.policies ?? loadPolicies();
  const home = opts.home ?? defaultHome();
  const database = await openDatabase({ databaseUrl: opts.databaseUrl, home });
  let queue: JobQueue | undefined;
  let worker: RunningWorker | undefined;
  let unwatch: (() => Promise<void>) | undefined;
  let unwatchKept: (() => Promise<void>) | undefined;
  try {
    const seed = await seedIfEmpty(database.db, database.raw, policies);
    // Lists imported into the data directory (tradectl lists import) are brought into the database.
    const brought = await syncListsFromHome(database.db, home);
    const recorder = new Recorder(database.raw);
    const withWorker = opts.worker ?? true;
    const mail = mailSettingsFromEnv();
    // The key this process signs audit checkpoints with; its public half is registered for verifiers.
    const auditKey = loadSigningKey(home);
    await registerAuditKey(database.db, auditKey.keyId, auditKey.publicPem);
    // pg-boss on the same database; the process that runs a worker also runs the queue's maintenance.
    queue = lazyQueue(() => openQueue(database, { supervise: withWorker }));
    // The organisations' licences, screening decisions and list versions in force kept between requests until a change to them is
    // announced (by any process on the database).
    const held = await watchedHeldLicences((orgId) => heldLicences(database.db, orgId), database.listen);
    const decisions = await watchedDecisions(database.db, database.listen);
    const lists = await watchedListsInForce(database.db, database.listen);
    unwatchKept = async () => {
      await held.stop();
      await decisions.stop();
      await lists.stop();
    };
    const ctx: ServerContext = {
      db: database.db,
      dbKind: database.kind,
      policies,
      recorder,
      screening: screeningFromDatabase(database.db, { inForce: lists.get }),
      decisionsFor: decisions.source,
      heldLicencesFor: held.source,
      queue,
      dataDir: database.kind === "pglite" ? home : undefined,
      auditKey,
      mailEnabled: mail !== undefined,
    };
    if (withWorker) worker = await startWorker(ctx, { ...runnerTimingsFromEnv(), log: out, mail });
    // Revoked keys and disabled users, whichever process changed them: this process's key cache is cleared.
    unwatch = await watchAuthChanges(database.db, database.listen);
    const app = await buildApp(ctx, {
      logger: opts.logger === false ? false : { level: process.env.LOG_LEVEL ?? "info" },
      rateLimit: rateLimitFromEnv(),
      webDist: fileURLToPath(new URL("../../web/dist", import.meta.url)),
    });
    const port = opts.port ?? Number(process.env.PORT ?? 3000);
    const host = opts.host ?? process.env.HOST ?? "127.0.0.1";
    const address = await app.app.listen({ port, host });
    const url = address.replace("[::1]", "localhost");
    out(
      `tradectl serving ${url} — database: ${database.kind} (${database.location}); regimes: ${[...policies.keys()].join(", ")}`,
    );
    out(`  API docs: ${url}/docs   OpenAPI: ${url}/openapi.json`);
    if (brought.length > 0) out(`  lists brought into the database from ${home}: ${brought.join(", ")}`);
    out(withWorker ? "  jobs: run by the embedded worker" : "  jobs: queued for `tradectl worker` processes");
    out(
      mail
        ? `  e-mail: notifications sent through ${smtpHostOf(mail)}${withWorker ? "" : " by the workers"}`
        : "  e-mail: off (set TRADECTL_SMTP_URL to send notifications by e-mail)",
    );
    if (seed.seeded) {
      out(`  first start: demo organisation created. Log in as ${seed.email} with password ${seed.password}`);
      out(`  API key (shown once): ${seed.apiKey}`);
      out(`  demo licensing officers (same password): ${seed.officers?.join(", ")}`);
      out(
        `  lost the password? ${database.kind === "pglite" ? "stop the server, then " : ""}run: tradectl users reset-password ${seed.email}${database.kind === "pglite" ? ` (TRADECTL_HOME=${home})` : " (with the same DATABASE_URL)"}`,
      );
      out(`  try: curl -s -H "Authorization: Bearer ${seed.apiKey}" ${url}/v1/checks`);
    }
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        app.state.closing = true;
        await app.app.close(); // stops accepting, waits for in-flight requests
        await worker?.stop(); // running jobs finish or are taken back by another worker's sweep
        await queue?.stop();
        await unwatch?.();
        await unwatchKept?.();
        await database.close();
      })());
    return { url, app, database, close };
  } catch (e) {
    await worker?.stop(1000).catch(() => {});
    await queue?.stop(1000).catch(() => {});
    await unwatch?.().catch(() => {});
    await unwatchKept?.().catch(() => {});
    await database.close();
    throw e;
  }
}

/** Run until SIGINT/SIGTERM, then shut down gracefully. */
export async function serveForever(opts: ServeOptions = {}): Promise<void> {
  const server = await startServer(opts);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      console.log(`tradectl: ${signal} received, finishing in-flight requests`);
      server.close().then(resolve, (e) => {
        console.error(e);
        resolve();
      });
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
}
