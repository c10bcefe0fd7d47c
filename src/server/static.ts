/**
 * Serves the built web UI (web/dist, from `vite build web`) at `/`: hashed assets with a year's cache, the
 * page itself never cached, and every other GET that is not an API path answered with the page (the UI's
 * router reads the path). API paths keep their own 404 problem documents. Register before `app.ready()`.
 */
import fastifyStatic from "@fastify/static";
// The `hide` schema flag below comes from @fastify/swagger (it keeps the fallback route out of the OpenAPI).
import type {} from "@fastify/swagger";
import type { FastifyInstance } from "fastify";
import { existsSync } from "node:fs";
import { join } from "node:path";

/** Paths that belong to the server, never to the UI: a miss there stays a problem+json 404. */
const SERVER_PATHS = /^\/(v1|docs|openapi\.json|healthz|readyz)(\/|$|\?)/;

/** True when `distDir` holds a built UI (its index.html). */
export function hasWebUi(distDir: string): boolean {
  return existsSync(join(distDir, "index.html"));
}

export async function registerWebUi(app: FastifyInstance, distDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: "/",
    // Routes for the files present at start (the build is done before the server starts).
    wildcard: false,
    index: ["index.html"],
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header(
        "cache-control",
        /[/\\]assets[/\\]/.test(path) ? "public, max-age=31536000, immutable" : "no-cache",
      );
    },
  });

  // The single-page fallback: a GET for a UI path (e.g. /checks/…) that is not a file gets the page.
  app.get("/*", { schema: { hide: true } }, (req, reply) => {
    const path = req.url.split("?")[0] ?? "/";
    const wantsHtml = (req.headers.accept ?? "").includes("text/html");
    if (SERVER_PATHS.test(path) || !wantsHtml || /\.[a-z0-9]+$/i.test(path)) return reply.callNotFound();
    return reply.sendFile("index.html");
  });
}
