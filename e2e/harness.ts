/**
 * The browser tests' world: the UI built by Vite, the real main job (`tradectl serve`) on a free port with a
 * throw-away TRADECTL_HOME (PGlite) and a small imported restricted-party list, demo users, and Debian's
 * Chromium driven by playwright-core. Screenshots go to e2e/artifacts/.
 */
import { randomBytes } from "node:crypto";
import Fastify from "fastify";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { hasWebUi, registerWebUi } from "../src/server/static.ts";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DIST = join(ROOT, "web", "dist");
export const ARTIFACTS = join(ROOT, "e2e", "artifacts");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const PASSWORD = "e2e-password-0123";
export const USERS = {
  admin: "admin@demo.tradectl.local",
  exporter: "exporter@demo.tradectl.local",
  auditor: "auditor@demo.tradectl.local",
  officer: "officer@meti.demo.tradectl.local",
  krOfficer: "officer@motie.demo.tradectl.local",
};

const cli = (args: string[], env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, [join(ROOT, "bin", "tradectl.js"), ...args], {
    cwd: ROOT,
    env,
    encoding: "utf8",
  });

/** `vite build web` (the same build `npm start` serves). */
export function buildUi(): void {
  const r = spawnSync(
    process.execPath,
    [join(ROOT, "node_modules", "vite", "bin", "vite.js"), "build", "web"],
    {
      cwd: ROOT,
      encoding: "utf8",
    },
  );
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
}

export interface World {
  /** Where the browser goes: the server itself when it serves the UI, else a front that adds it. */
  url: string;
  apiUrl: string;
  /** True when the main job serves the UI itself (src/server/static.ts wired into the app). */
  servedByMainJob: boolean;
  browser: Browser;
  /** A call to the API as the seeded admin (setting up what a test needs that another test covers in the UI). */
  asAdmin: (path: string, body?: unknown) => Promise<unknown>;
  /** A publisher's site serving the fixture lists (the server may fetch lists from it: TRADECTL_LIST_HOSTS). */
  listsUrl: string;
  close: () => Promise<void>;
}

/** Serves e2e/fixtures/*.csv over HTTP on a free port, as a list publisher would. */
async function listPublisher(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const name = (req.url ?? "").replace(/^\//, "");
    if (!/^[a-z0-9-]+\.csv$/.test(name) || !existsSync(join(ROOT, "e2e", "fixtures", name))) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "text/csv" }).end(readFileSync(join(ROOT, "e2e", "fixtures", name)));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

function waitForUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(
      () => reject(new Error(`server did not start in ${timeoutMs} ms:\n${out}`)),
      timeoutMs,
    );
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /tradectl serving (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (b: Buffer) => (out += b.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before serving:\n${out}`));
    });
  });
}

const SERVER_PATHS = /^\/(v1|docs|openapi\.json|healthz|readyz)(\/|$|\?)/;

/** A front on its own port: the built UI via registerWebUi, everything else passed through to the API. */
async function uiFront(apiUrl: string): Promise<{ url: string; close: () => Promise<void> }> {
  const api = new URL(apiUrl);
  const proxy = (req: IncomingMessage, res: ServerResponse) => {
    const up = request(
      { host: api.hostname, port: api.port, method: req.method, path: req.url, headers: req.headers },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on("error", () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  };
  const app = Fastify({
    serverFactory: (handler) =>
      createServer((req, res) => (SERVER_PATHS.test(req.url ?? "/") ? proxy(req, res) : handler(req, res))),
  });
  // The page runs under the real server's Content-Security-Policy, as it will when the main job serves it.
  const csp = (await fetch(apiUrl + "/healthz")).headers.get("content-security-policy");
  if (!csp) throw new Error("the API sent no Content-Security-Policy");
  app.addHook("onSend", async (_req, reply) => {
    reply.header("content-security-policy", csp);
  });
  await registerWebUi(app, DIST);
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return { url, close: () => app.close() };
}

/** The seeded admin's API key for setting up the world (random per run). */
const ADMIN_KEY = `tdk_e2e_${randomBytes(16).toString("hex")}`;

async function api(base: string, path: string, body?: unknown, token?: string): Promise<unknown> {
  const res = await fetch(base + path, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
  return JSON.parse(text) as unknown;
}

export async function startWorld(): Promise<World> {
  mkdirSync(ARTIFACTS, { recursive: true });
  buildUi();
  if (!hasWebUi(DIST)) throw new Error(`no UI in ${DIST}`);
  const home = mkdtempSync(join(tmpdir(), "tradectl-e2e-"));
  const publisher = await listPublisher();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TRADECTL_LIST_HOSTS: new URL(publisher.url).host,
    TRADECTL_HOME: home,
    TRADECTL_ADMIN_PASSWORD: PASSWORD,
    TRADECTL_ADMIN_API_KEY: ADMIN_KEY,
    TRADECTL_RATE_LIMIT: "0",
    // Every browser test logs in from this one address, as the same few users.
    TRADECTL_LOGIN_LIMIT: "1000,500",
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
  };
  delete env.DATABASE_URL; // the browser tests use their own embedded database
  delete env.TRADECTL_ADMIN_EMAIL;
  // the fixture list, and the same person on a second list (one match with two sources in the browser)
  for (const [file, id] of [
    ["restricted-parties.csv", "e2e-fixture"],
    ["restricted-parties-copy.csv", "e2e-copy"],
  ]) {
    const imported = cli(
      ["lists", "import", "csv", join(ROOT, "e2e", "fixtures", file!), "--list-id", id!],
      env,
    );
    if (imported.status !== 0)
      throw new Error(`lists import failed:\n${imported.stdout}\n${imported.stderr}`);
  }

  const server = spawn(process.execPath, [join(ROOT, "bin", "tradectl.js"), "serve"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let front: { url: string; close: () => Promise<void> } | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    await front?.close().catch(() => undefined);
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (server.exitCode === null) server.kill("SIGKILL");
    }
    await publisher.close();
    rmSync(home, { recursive: true, force: true });
  };
  try {
    const apiUrl = await waitForUrl(server, 90_000);
    // Demo users: an exporter and an auditor beside the seeded admin and officers.
    // The seeded admin's API key (the login's session token is a cookie only).
    const token = ADMIN_KEY;
    for (const [email, role] of [
      [USERS.exporter, "exporter"],
      [USERS.auditor, "auditor"],
    ])
      await api(apiUrl, "/v1/users", { email, name: role, role, password: PASSWORD }, token);

    const page = await fetch(apiUrl + "/check", { headers: { accept: "text/html" } });
    const servedByMainJob = page.ok && (page.headers.get("content-type") ?? "").includes("text/html");
    if (!servedByMainJob) front = await uiFront(apiUrl);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    const asAdmin = (path: string, body?: unknown) => api(apiUrl, path, body, token);
    return {
      url: front?.url ?? apiUrl,
      apiUrl,
      servedByMainJob,
      browser,
      asAdmin,
      listsUrl: publisher.url,
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

export const chromiumAvailable = (): boolean => existsSync(CHROMIUM);
