/** `/healthz` (the process is up) and `/readyz` (the database answers and the policies are loaded). */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { diskProblem, ping } from "../../store/health.ts";
import type { ServerContext } from "../context.ts";

export function healthRoutes(ctx: ServerContext, state: { closing: boolean }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get("/healthz", { schema: { hide: true }, config: { rateLimit: false } }, async () => ({
      status: "ok",
    }));
    app.get("/readyz", { schema: { hide: true }, config: { rateLimit: false } }, async (_req, reply) => {
      if (state.closing) return reply.code(503).send({ status: "shutting down" });
      try {
        await ping(ctx.db);
      } catch {
        return reply.code(503).send({ status: "database unavailable" });
      }
      const full = ctx.dataDir ? diskProblem(ctx.dataDir) : undefined;
      if (full) return reply.code(503).send({ status: "disk full", detail: full });
      return { status: "ready", database: ctx.dbKind, regimes: [...ctx.policies.keys()] };
    });
  };
}
