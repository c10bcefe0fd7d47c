/**
 * Authentication and roles: an API key (`Authorization: Bearer tdk_…` or `X-API-Key`) or a session cookie
 * (`tradectl_session`, from `POST /v1/auth/login`). Every handler reads `req.principal`; rows are always
 * filtered by the principal's organisation.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
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
): { kind: "api-key" | "session"; secret: string } | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith("Bearer ")) {
    const secret = auth.slice(7).trim();
    return { kind: secret.startsWith("tds_") ? "session" : "api-key", secret };
  }
  const key = req.headers["x-api-key"];
  if (typeof key === "string" && key) return { kind: "api-key", secret: key };
  const cookie = req.cookies?.[SESSION_COOKIE];
  if (cookie) return { kind: "session", secret: cookie };
  return undefined;
}

/**
 * API keys resolved in the last few seconds, so that a busy client does not cost a database round trip per
 * request. A revocation made through this process clears the cache at once; other processes see it within
 * `KEY_CACHE_MS`.
 */
const KEY_CACHE_MS = 10_000;
const keyCache = new Map<string, { principal: Principal; until: number }>();

export function forgetApiKeys(): void {
  keyCache.clear();
}

async function principalForKey(db: Db, secret: string): Promise<Principal | undefined> {
  const now = Date.now();
  const hit = keyCache.get(secret);
  if (hit && hit.until > now) return hit.principal;
  const p = await principalForApiKey(db, secret);
  if (p) {
    if (keyCache.size > 10_000) keyCache.clear();
    keyCache.set(secret, { principal: p, until: now + KEY_CACHE_MS });
  } else keyCache.delete(secret);
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
    if (roles && !roles.includes(req.principal.role))
      throw forbidden(`this needs the role ${roles.join(" or ")}; you are ${req.principal.role}`);
  };
}
