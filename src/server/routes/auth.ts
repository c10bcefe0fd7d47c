/**
 * Identity: `POST /v1/auth/login` (session cookie for the UI), `POST /v1/auth/logout`, `GET /v1/me`,
 * API keys (`POST/GET /v1/api-keys`, `DELETE /v1/api-keys/{id}`; a key is shown once) and users of the
 * organisation (`POST /v1/users`, admins only).
 */
import { and, eq, isNull } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { appendAudit } from "../../permits/service.ts";
import {
  apiKeys,
  createApiKey,
  createUser,
  login,
  logout,
  roles,
  users,
  type Db,
} from "../../store/index.ts";
import { credentialOf, forgetApiKeys, requireAuth, SESSION_COOKIE } from "../auth.ts";
import { HttpProblem, notFound, unauthorized } from "../problem.ts";
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
        const p = req.principal!;
        const k = await ctx.db.transaction(async (tx) => {
          const key = await createApiKey(tx as unknown as Db, p.userId, req.body.label);
          await appendAudit(tx, {
            orgId: p.orgId,
            userId: p.userId,
            action: "api-key.create",
            objectType: "api-key",
            objectId: key.id,
            payload: { label: req.body.label, prefix: key.prefix },
          });
          return key;
        });
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
      async (req) => ({
        items: await ctx.db
          .select({
            id: apiKeys.id,
            prefix: apiKeys.prefix,
            label: apiKeys.label,
            createdAt: apiKeys.createdAt,
            revokedAt: apiKeys.revokedAt,
          })
          .from(apiKeys)
          .where(eq(apiKeys.userId, req.principal!.userId)),
      }),
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
        if (!/^[0-9a-f-]{36}$/i.test(req.params.id)) throw notFound(`no API key ${req.params.id}`);
        const p = req.principal!;
        const rows = await ctx.db.transaction(async (tx) => {
          const r = await tx
            .update(apiKeys)
            .set({ revokedAt: new Date() })
            .where(
              and(
                eq(apiKeys.id, req.params.id),
                eq(apiKeys.userId, req.principal!.userId),
                isNull(apiKeys.revokedAt),
              ),
            )
            .returning({ id: apiKeys.id });
          if (r.length > 0)
            await appendAudit(tx, {
              orgId: p.orgId,
              userId: p.userId,
              action: "api-key.revoke",
              objectType: "api-key",
              objectId: req.params.id,
              payload: {},
            });
          return r;
        });
        if (rows.length === 0) throw notFound(`no active API key ${req.params.id}`);
        forgetApiKeys();
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
        const exists = await ctx.db
          .select({ id: users.id })
          .from(users)
          .where(eq(users.email, req.body.email))
          .limit(1);
        if (exists.length > 0)
          throw new HttpProblem(409, "Conflict", `a user ${req.body.email} exists already`);
        const p = req.principal!;
        const id = await ctx.db.transaction(async (tx) => {
          const uid = await createUser(tx as unknown as Db, { orgId: p.orgId, ...req.body });
          await appendAudit(tx, {
            orgId: p.orgId,
            userId: p.userId,
            action: "user.create",
            objectType: "user",
            objectId: uid,
            payload: { email: req.body.email, role: req.body.role },
          });
          return uid;
        });
        reply.code(201);
        return { id, email: req.body.email, role: req.body.role };
      },
    );
  };
}
