/**
 * Builds the HTTP API (fastify 5 + zod type provider): routes per resource, OpenAPI at `/openapi.json` and a
 * docs page at `/docs`, problem+json errors, request ids, secure headers and per-key rate limits.
 */
import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { addSecurityHeaders } from "./security-headers.ts";
import { unstorableStrings } from "./strings.ts";
import { randomUUID } from "node:crypto";
import type { ServerContext } from "./context.ts";
import { badRequest, errorHandler, HttpProblem, sendProblem } from "./problem.ts";
import { rateKeyOf } from "./auth.ts";
import { authRoutes } from "./routes/auth.ts";
import { checksRoutes } from "./routes/checks.ts";
import { healthRoutes } from "./routes/health.ts";
import { controlListRoutes } from "./routes/control-list.ts";
import { listsRoutes } from "./routes/lists.ts";
import { documentsRoutes } from "./routes/documents.ts";
import { jobsRoutes } from "./routes/jobs.ts";
import { permitsRoutes } from "./routes/permits.ts";
import { applicationThreadRoutes } from "./routes/application-thread.ts";
import { notificationsRoutes } from "./routes/notifications.ts";
import { productsRoutes } from "./routes/products.ts";
import { classificationRequestsRoutes } from "./routes/classification-requests.ts";
import { overlaysRoutes } from "./routes/overlays.ts";
import { screeningsRoutes } from "./routes/screenings.ts";
import { hasWebUi, registerWebUi } from "./static.ts";
import { regimesRoutes } from "./routes/regimes.ts";

/** Request bodies above this are refused with 413 (a batch of 1,000 shipments fits comfortably). */
export const BODY_LIMIT = 4 * 1024 * 1024;

export interface AppOptions {
  logger?: FastifyServerOptions["logger"];
  /** Requests per minute per API key (or per address without one); false disables. */
  rateLimit?: number | false;
  /** The built web UI (web/dist) to serve at `/`, when it exists. */
  webDist?: string;
}

/** The server's limits on what clients send and hold (stated in the README's security section). */
export const LIMITS = {
  idleMs: 30_000,
  keepAliveMs: 5_000,
  requestMs: 15 * 60_000,
  headersMs: 15_000,
  /** `TRADECTL_MAX_CONNECTIONS`, default 1,024. */
  maxConnections: (env: NodeJS.ProcessEnv = process.env): number => {
    const n = Number(env.TRADECTL_MAX_CONNECTIONS ?? 1024);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(
        `TRADECTL_MAX_CONNECTIONS must be a whole number (got "${env.TRADECTL_MAX_CONNECTIONS}")`,
      );
    return n;
  },
};

export interface App {
  app: FastifyInstance;
  /** Marks the server as shutting down (readiness fails) before it closes. */
  state: { closing: boolean };
}

export async function buildApp(ctx: ServerContext, opts: AppOptions = {}): Promise<App> {
  const state = { closing: false };
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: BODY_LIMIT,
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // Timeouts: a connection idle for 30 s is closed, an idle keep-alive after 5 s; a request (headers and
    // body, uploads included) must arrive within 15 minutes, its headers within 15 s.
    connectionTimeout: LIMITS.idleMs,
    keepAliveTimeout: LIMITS.keepAliveMs,
    requestTimeout: LIMITS.requestMs,
    // The router's own refusals (a parameter longer than its limit: 414, a malformed URL: 400) are problem
    // documents like every other error.
    frameworkErrors: (error, req, reply) => {
      const status = (error as { statusCode?: number }).statusCode ?? 400;
      return sendProblem(
        reply,
        req,
        new HttpProblem(status, status === 414 ? "URI too long" : "Bad request", error.message.slice(0, 200)),
      );
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.server.headersTimeout = LIMITS.headersMs;
  // At most this many open connections per process; more are refused at once.
  app.server.maxConnections = LIMITS.maxConnections();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) =>
    sendProblem(
      reply,
      req,
      new HttpProblem(404, "Not found", `no route ${req.method} ${req.url.split("?")[0]}`),
    ),
  );
  // Before any route's own validation: text the database cannot store is a 400 naming the field.
  app.addHook("preValidation", async (req) => {
    const problems = [
      ...unstorableStrings(req.body),
      ...unstorableStrings(req.query, "query"),
      ...unstorableStrings(req.params, "params"),
    ];
    if (problems.length > 0) throw badRequest("the request holds text that cannot be stored", problems);
  });
  app.addHook("onSend", async (req, reply) => {
    reply.header("x-request-id", req.id);
    // While shutting down, answer in-flight requests and close their connections, so that close() ends
    // without waiting for keep-alive timeouts.
    if (state.closing) reply.header("connection", "close");
  });

  addSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
      },
    },
  });
  await app.register(cookie);
  if (opts.rateLimit !== false)
    await app.register(rateLimit, {
      max: opts.rateLimit ?? 6000,
      timeWindow: "1 minute",
      // Counted per authenticated identity (the key or the session), however the header is written;
      // requests without a valid credential are counted per address.
      keyGenerator: (req) => rateKeyOf(ctx.db, req),
      errorResponseBuilder: (_req, context) =>
        new HttpProblem(
          429,
          "Too many requests",
          `rate limit of ${context.max} requests per ${context.after} exceeded for this API key`,
        ),
    });

  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "tradectl API",
        version: "0.1.0",
        description: "Strategic trade control: determinations with a legal trace, dated law as data.",
      },
      components: {
        securitySchemes: {
          apiKey: {
            type: "http",
            scheme: "bearer",
            description: "an API key (tdk_…) or a session token (tds_…)",
          },
          session: { type: "apiKey", in: "cookie", name: "tradectl_session" },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes(ctx, state));
  await app.register(regimesRoutes(ctx));
  await app.register(checksRoutes(ctx));
  await app.register(authRoutes(ctx));
  await app.register(permitsRoutes(ctx));
  await app.register(applicationThreadRoutes(ctx));
  await app.register(notificationsRoutes(ctx));
  await app.register(controlListRoutes(ctx));
  await app.register(productsRoutes(ctx));
  await app.register(classificationRequestsRoutes(ctx));
  await app.register(overlaysRoutes(ctx));
  await app.register(screeningsRoutes(ctx));
  await app.register(jobsRoutes(ctx));
  await app.register(listsRoutes(ctx));
  await app.register(documentsRoutes(ctx));
  if (opts.webDist && hasWebUi(opts.webDist)) await registerWebUi(app, opts.webDist);
  await app.ready();
  return { app, state };
}
