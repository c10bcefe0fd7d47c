/**
 * Identity: `POST /v1/auth/login` (session cookie for the UI), `POST /v1/auth/logout`, `GET /v1/me`,
 * API keys (`POST/GET /v1/api-keys`, `DELETE /v1/api-keys/{id}`; a key is shown once) and users of the
 * organisation (`POST /v1/users`, admins only).
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { addUser, disableUser, issueApiKey, myApiKeys, revokeMyApiKey } from "../../app/identity.ts";
import { login, logout } from "../../store/identity.ts";
import { roles } from "../../store/vocabulary.ts";
import { credentialOf, forgetApiKeys, requireAuth, SESSION_COOKIE } from "../auth.ts";
import { unauthorized } from "../problem.ts";
import type { ServerContext } from "../context.ts";

export function authRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/v1/auth/login",
      {
        config: { rateLimit: { max: 20, timeWindow: "1 minute" } },
        schema: {
          summary: "Log in with e-mail and password; sets the session cookie and returns the session token",
          tags: ["identity"],
          body: z.strictObject({ email: z.string().min(3), password: z.string().min(1) }),
        },
      },
      async (req, reply) => {
        const s = await login(ctx.db, req.body.email, req.body.password);
        if (!s) throw unauthorized("wrong e-mail or password");
        reply.setCookie(SESSION_COOKIE, s.token, {
          httpOnly: true,
          sameSite: "strict",
          path: "/",
          maxAge: 12 * 3600,
        });
        return {
          token: s.token,
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
        preHandler: requireAuth(ctx.db),
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
