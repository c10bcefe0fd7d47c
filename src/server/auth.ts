/**
 * Authentication and roles: an API key (`Authorization: Bearer tdk_…` or `X-API-Key`) or a session cookie
 * (`tradectl_session`, from `POST /v1/auth/login`). Every handler reads `req.principal`; rows are always
 * filtered by the principal's organisation.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { createHash } from "node:crypto";
import type { Listen } from "../store/db.ts";
import { AUTH_CHANNEL } from "../store/notify.ts";
import {
  principalForApiKey,
  principalForSession,
  type Db,
  type Principal,
  type Role,
} from "../store/index.ts";
import { forbidden, unauthorized } from "./problem.ts";

declare module "fastify" {
  interface FastifyRequest {
    principal?: Principal;
  }
}

export const SESSION_COOKIE = "tradectl_session";

export function credentialOf(
  req: FastifyRequest,
): { kind: "api-key" | "session"; secret: string; cookie?: true } | undefined {
  const auth = req.headers.authorization;
  if (auth && /^bearer\s/i.test(auth.trim())) {
    const secret = auth.trim().slice(7).trim();
    return { kind: secret.startsWith("tds_") ? "session" : "api-key", secret };
  }
  const key = req.headers["x-api-key"];
  if (typeof key === "string" && key.trim()) return { kind: "api-key", secret: key.trim() };
  const cookie = req.cookies?.[SESSION_COOKIE];
  if (cookie) return { kind: "session", secret: cookie, cookie: true };
  return undefined;
}

/** The public address the server is reached at (`TRADECTL_PUBLIC_URL`), when set. */
export function publicUrl(env: NodeJS.ProcessEnv = process.env): URL | undefined {
  const v = env.TRADECTL_PUBLIC_URL;
  if (!v) return undefined;
  try {
    return new URL(v);
  } catch {
    throw new Error(`TRADECTL_PUBLIC_URL is not a URL: "${v}"`);
  }
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * A write authenticated by the session cookie must come from the server's own pages: its Origin must be the
 * public URL's (when set) or the address the request was sent to. Requests with a key or a bearer token
 * carry their credential themselves and are not subject to it.
 */
function crossSiteWrite(req: FastifyRequest): string | undefined {
  if (!UNSAFE.has(req.method)) return undefined;
  const origin = req.headers.origin;
  if (!origin) return "a write with the session cookie needs an Origin header";
  const pub = publicUrl();
  const allowed = pub ? pub.origin : `${req.protocol}://${req.headers.host ?? ""}`;
  return origin === allowed
    ? undefined
    : `a write with the session cookie from ${origin} is refused (not ${allowed})`;
}

/**
 * The identity a request is counted under for rate limits: the API key or session it authenticates with
 * (however the header is written), else its address. Unknown credentials count under the address.
 */
export async function rateKeyOf(db: Db, req: FastifyRequest): Promise<string> {
  const cred = credentialOf(req);
  if (cred) {
    const p =
      cred.kind === "api-key"
        ? await principalForKey(db, cred.secret)
        : await principalForSession(db, cred.secret);
    if (p) {
      req.principal = p;
      return p.via.kind === "api-key" ? `key:${p.via.keyId}` : `user:${p.userId}`;
    }
  }
  return `ip:${req.ip}`;
}

/**
 * API keys resolved in the last few seconds, per database, so that a busy client does not cost a database
 * round trip per request; keyed by the key's hash, never the key. Every revocation or disabled user is
 * announced on the database (NOTIFY, see `watchAuthChanges`) and each process clears its cache then; a
 * process that is not listening caches nothing.
 */
const KEY_CACHE_MS = 10_000;
const caches = new WeakMap<
  Db,
  { keys: Map<string, { principal: Principal; until: number }>; listening: boolean }
>();
const cacheOf = (db: Db) => {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = { keys: new Map(), listening: false }));
  return c;
};

export function forgetApiKeys(db: Db): void {
  cacheOf(db).keys.clear();
}

/** Listen for credential changes made by any process on this database; the cache is used only meanwhile. */
export async function watchAuthChanges(db: Db, listen: Listen): Promise<() => Promise<void>> {
  const c = cacheOf(db);
  const stop = await listen(AUTH_CHANNEL, () => c.keys.clear());
  c.listening = true;
  return async () => {
    c.listening = false;
    c.keys.clear();
    await stop();
  };
}

async function principalForKey(db: Db, secret: string): Promise<Principal | undefined> {
  const c = cacheOf(db);
  const now = Date.now();
  const id = createHash("sha256").update(secret).digest("hex");
  const hit = c.keys.get(id);
  if (hit && hit.until > now && c.listening) return hit.principal;
  const p = await principalForApiKey(db, secret);
  if (p && c.listening) {
    if (c.keys.size > 10_000) c.keys.clear();
    c.keys.set(id, { principal: p, until: now + KEY_CACHE_MS });
  } else c.keys.delete(id);
  return p;
}

/** A preHandler that requires a signed-in principal, optionally with one of `roles`. */
export function requireAuth(db: Db, roles?: Role[]) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    if (!req.principal) {
      const cred = credentialOf(req);
      if (!cred) throw unauthorized();
      const p =
        cred.kind === "api-key"
          ? await principalForKey(db, cred.secret)
          : await principalForSession(db, cred.secret);
      if (!p)
        throw unauthorized(
          cred.kind === "api-key" ? "unknown or revoked API key" : "session expired or unknown; log in again",
        );
      req.principal = p;
    }
    if (credentialOf(req)?.cookie) {
      const refused = crossSiteWrite(req);
      if (refused) throw forbidden(refused);
    }
    if (roles && !roles.includes(req.principal.role))
      throw forbidden(`this needs the role ${roles.join(" or ")}; you are ${req.principal.role}`);
  };
}
