/**
 * Identity: `POST /v1/auth/login` (session cookie for the UI), `POST /v1/auth/logout`, `GET /v1/me`,
 * API keys (`POST/GET /v1/api-keys`, `DELETE /v1/api-keys/{id}`; a key is shown once) and users of the
 * organisation (`POST /v1/users`, admins only).
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  addUser,
  changeRole,
  disableUser,
  endSessions,
  issueApiKey,
  listUsers,
  myApiKeys,
  revokeMyApiKey,
  revokeUserKey,
} from "../../app/identity.ts";
import { login, logout } from "../../store/identity.ts";
import { roles } from "../../store/vocabulary.ts";
import { credentialOf, forgetApiKeys, publicUrl, requireAuth, SESSION_COOKIE } from "../auth.ts";
import { LoginLimiter } from "../login-limit.ts";
import { HttpProblem, unauthorized } from "../problem.ts";
import type { ServerContext } from "../context.ts";

export function authRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const loginLimiter = new LoginLimiter();
  return async (app) => {
    app.post(
      "/v1/auth/login",
      {
        // Counted per address and per account, in every process and whatever TRADECTL_RATE_LIMIT says.
        config: { rateLimit: false },
        schema: {
          summary:
            "Log in with e-mail and password; sets the session cookie (httpOnly) and returns who you are",
          tags: ["identity"],
          body: z.strictObject({ email: z.string().min(3).max(320), password: z.string().min(1).max(1000) }),
        },
      },
      async (req, reply) => {
        const wait = loginLimiter.take(req.ip, req.body.email);
        if (wait) {
          reply.header("retry-after", String(wait));
          throw new HttpProblem(429, "Too many requests", `too many login attempts: try again in ${wait} s`);
        }
        const s = await login(ctx.db, req.body.email, req.body.password);
        if (!s) throw unauthorized("wrong e-mail or password");
        reply.setCookie(SESSION_COOKIE, s.token, {
          httpOnly: true,
          sameSite: "strict",
          secure: publicUrl()?.protocol === "https:" || req.protocol === "https",
          path: "/",
          maxAge: 12 * 3600,
        });
        return {
          user: {
            id: s.principal.userId,
            email: s.principal.email,
            role: s.principal.role,
            orgId: s.principal.orgId,
          },
        };
      },
    );

    app.post(
      "/v1/auth/logout",
      { schema: { summary: "End the session", tags: ["identity"] } },
      async (req, reply) => {
        const cred = credentialOf(req);
        if (cred?.kind === "session") await logout(ctx.db, cred.secret);
        reply.clearCookie(SESSION_COOKIE, { path: "/" });
        return { ok: true };
      },
    );

    app.get(
      "/v1/me",
      { preHandler: requireAuth(ctx.db), schema: { summary: "Who you are", tags: ["identity"] } },
      async (req) => {
        const p = req.principal!;
        return { userId: p.userId, orgId: p.orgId, email: p.email, role: p.role, via: p.via.kind };
      },
    );

    app.post(
      "/v1/api-keys",
      {
        // The read-only auditor uses the session it logs in with; it makes no keys.
        preHandler: requireAuth(ctx.db, ["exporter", "officer", "admin"]),
        schema: {
          summary: "Create an API key for yourself; the key is shown only in this answer",
          tags: ["identity"],
          body: z.strictObject({ label: z.string().min(1).max(100) }),
        },
      },
      async (req, reply) => {
        const k = await issueApiKey(ctx.db, req.principal!, req.body.label);
        reply.code(201);
        return {
          id: k.id,
          key: k.key,
          prefix: k.prefix,
          label: req.body.label,
          note: "store this key now: it is not shown again",
        };
      },
    );

    app.get(
      "/v1/api-keys",
      {
        preHandler: requireAuth(ctx.db),
        schema: { summary: "Your API keys (prefixes only)", tags: ["identity"] },
      },
      async (req) => ({ items: await myApiKeys(ctx.db, req.principal!) }),
    );

    app.delete(
      "/v1/api-keys/:id",
      {
        preHandler: requireAuth(ctx.db),
        schema: {
          summary: "Revoke one of your API keys",
          tags: ["identity"],
          params: z.object({ id: z.string() }),
        },
      },
      async (req) => {
        await revokeMyApiKey(ctx.db, req.principal!, req.params.id);
        forgetApiKeys(ctx.db);
        return { id: req.params.id, revoked: true };
      },
    );

    app.post(
      "/v1/users",
      {
        preHandler: requireAuth(ctx.db, ["admin"]),
        schema: {
          summary: "Add a user to your organisation (admins only)",
          tags: ["identity"],
          body: z.strictObject({
            email: z.email(),
            name: z.string().min(1),
            role: z.enum(roles),
            password: z.string().min(10).optional(),
          }),
        },
      },
      async (req, reply) => {
        const id = await addUser(ctx.db, req.principal!, req.body);
        reply.code(201);
        return { id, email: req.body.email, role: req.body.role };
      },
    );

    const admin = requireAuth(ctx.db, ["admin"]);
    const userParam = z.object({ id: z.string() });
    app.get(
      "/v1/users",
      {
        preHandler: admin,
        schema: { summary: "The users of your organisation (admins)", tags: ["identity"] },
      },
      async (req) => ({ items: await listUsers(ctx.db, req.principal!) }),
    );
    app.post(
      "/v1/users/:id/role",
      {
        preHandler: admin,
        schema: {
          summary: "Change a user's role (admins; not your own); audited, seen by every process at once",
          tags: ["identity"],
          params: userParam,
          body: z.strictObject({ role: z.enum(roles) }),
        },
      },
      async (req) => {
        const r = await changeRole(ctx.db, req.principal!, req.params.id, req.body.role);
        forgetApiKeys(ctx.db);
        return r;
      },
    );
    app.post(
      "/v1/users/:id/sessions/end",
      {
        preHandler: admin,
        schema: {
          summary: "End every session of a user (admins); audited",
          tags: ["identity"],
          params: userParam,
        },
      },
      async (req) => endSessions(ctx.db, req.principal!, req.params.id),
    );
    app.delete(
      "/v1/users/:id/api-keys/:keyId",
      {
        preHandler: admin,
        schema: {
          summary: "Revoke another user's API key (admins); audited, refused by every process at once",
          tags: ["identity"],
          params: z.object({ id: z.string(), keyId: z.string() }),
        },
      },
      async (req) => {
        const r = await revokeUserKey(ctx.db, req.principal!, req.params.id, req.params.keyId);
        forgetApiKeys(ctx.db);
        return r;
      },
    );

    app.post(
      "/v1/users/:id/disable",
      {
        preHandler: requireAuth(ctx.db, ["admin"]),
        schema: {
          summary:
            "Disable a user of your organisation: their keys and sessions are refused by every process",
          tags: ["identity"],
          params: z.object({ id: z.string() }),
        },
      },
      async (req) => {
        await disableUser(ctx.db, req.principal!, req.params.id);
        forgetApiKeys(ctx.db);
        return { id: req.params.id, disabled: true };
      },
    );
  };
}
