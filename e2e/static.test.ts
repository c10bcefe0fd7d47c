/**
 * registerWebUi beside the server's own plugins (helmet, swagger, swagger-ui with its own static files):
 * the page at `/` and at UI paths, hashed assets cached for a year, API paths left to their 404 problem.
 */
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify from "fastify";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addSecurityHeaders } from "../src/server/security-headers.ts";
import { hasWebUi, registerWebUi } from "../src/server/static.ts";
import { buildUi, DIST } from "./harness.ts";

describe("registerWebUi", () => {
  const app = Fastify();
  beforeAll(async () => {
    if (!hasWebUi(DIST)) buildUi();
    addSecurityHeaders(app, {});
    await app.register(swagger, { openapi: { info: { title: "t", version: "1" } } });
    await app.register(swaggerUi, { routePrefix: "/docs" });
    app.get("/v1/things", async () => ({ items: [] }));
    app.setNotFoundHandler((_req, reply) =>
      reply.code(404).type("application/problem+json").send({ status: 404, title: "Not found" }),
    );
    await registerWebUi(app, DIST);
    await app.ready();
  }, 120_000);
  afterAll(() => app.close());

  const html = { accept: "text/html,application/xhtml+xml" };

  it("serves the page at / and at every UI path, never cached", async () => {
    for (const url of ["/", "/check", "/checks/5231dbd7-2f2a-4124-8a2c-cf1fe126417a", "/licences?tab=new"]) {
      const r = await app.inject({ url, headers: html });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers["content-type"], url).toContain("text/html");
      expect(r.headers["cache-control"], url).toBe("no-cache");
      expect(r.body).toContain('<div id="root"></div>');
      // The server's CSP allows no inline script: the page loads one module file.
      expect(r.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
  });

  it("serves hashed assets with a long cache", async () => {
    const js = readdirSync(join(DIST, "assets")).find((f) => f.endsWith(".js"))!;
    const r = await app.inject({ url: `/assets/${js}` });
    expect(r.statusCode).toBe(200);
    expect(r.headers["cache-control"]).toContain("immutable");
    expect(r.headers["content-type"]).toContain("javascript");
  });

  it("leaves API paths, missing files and non-HTML requests to the 404 problem", async () => {
    for (const [url, headers] of [
      ["/v1/nothing", html],
      ["/openapi.json.bak", html],
      ["/assets/missing.js", html],
      ["/check", { accept: "application/json" }],
    ] as const) {
      const r = await app.inject({ url, headers });
      expect(r.statusCode, url).toBe(404);
      expect(r.headers["content-type"], url).toContain("application/problem+json");
    }
    expect((await app.inject({ url: "/v1/things" })).json()).toEqual({ items: [] });
    expect((await app.inject({ url: "/docs/" })).statusCode).toBeLessThan(400);
  });
});
