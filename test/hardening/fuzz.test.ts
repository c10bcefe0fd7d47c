// Fuzz every route of the OpenAPI document with hostile path parameters, query strings and bodies (random
// JSON, wrong types, huge and odd strings), as several roles: no answer is a 5xx. Bounded: a fixed number of
// cases per route with a fixed seed, so a failure replays.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auth, backends, makeWorld, type World } from "../server/harness.ts";

const odd = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "-".repeat(36),
    "f".repeat(36),
    "00000000-0000-0000-0000-000000000000",
    "0000-01-01",
    "9999-99-99",
    "' OR 1=1 --",
    "../../etc/passwd",
    "%00",
    "\u0000",
    "\ud800",
    "x".repeat(5000),
    "😀",
    "NaN",
    "-1",
    "1e400",
  ),
  fc.uuid(),
);
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(
    fc.constantFrom(
      "regime",
      "date",
      "destination",
      "items",
      "name",
      "email",
      "lines",
      "quantity",
      "value",
      "id",
      "role",
      "checkpoints",
      "parties",
      "shipments",
      "upload",
      "label",
      "password",
      "code",
    ),
    fc.jsonValue({ maxDepth: 2 }),
  ),
  fc.record({
    regime: fc.constantFrom("JP", "KR", "XX"),
    date: odd,
    destination: odd,
    items: fc.array(fc.record({ id: odd, controlNumber: odd, value: fc.double() }), { maxLength: 3 }),
  }),
);

/** Percent-encoding, with an unpaired surrogate sent as the raw bytes a hostile client would send. */
const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return "%ED%A0%80";
  }
};

for (const backend of backends)
  describe(`fuzzing every route (${backend.name})`, () => {
    let w: World;
    let routes: { method: string; path: string }[] = [];
    beforeAll(async () => {
      w = await makeWorld(backend, { rateLimit: false });
      const doc = (await w.app.inject({ method: "GET", url: "/openapi.json" })).json() as {
        paths: Record<string, Record<string, unknown>>;
      };
      routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops)
          .filter((m) => ["get", "post", "put", "patch", "delete"].includes(m))
          .map((method) => ({ method: method.toUpperCase(), path })),
      );
    }, 60_000);
    afterAll(async () => w?.close());

    it("answers no 5xx on any route", async () => {
      expect(routes.length).toBeGreaterThan(30);
      const failures: string[] = [];
      const seen = new Map<number, number>();
      for (const r of routes)
        await fc
          .assert(
            fc.asyncProperty(
              odd,
              odd,
              fc.option(body, { nil: undefined }),
              fc.constantFrom("exporter", "admin", "auditor", "officer", "none"),
              fc.boolean(),
              async (p, q, b, who, asText) => {
                const url =
                  r.path.replace(/\{[^}]+\}/g, () => enc(p)) +
                  `?limit=${enc(q)}&cursor=${enc(q)}&format=${enc(q)}`;
                const res = await w.app.inject({
                  method: r.method as "GET",
                  url,
                  headers: {
                    ...(who === "none" ? {} : auth(w.keys[who as "exporter"])),
                    ...(b === undefined ? {} : { "content-type": asText ? "text/csv" : "application/json" }),
                  },
                  ...(b === undefined || r.method === "GET" || r.method === "DELETE"
                    ? {}
                    : { payload: asText ? String(JSON.stringify(b)) : JSON.stringify(b) }),
                });
                seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1);
                if (res.statusCode >= 500)
                  failures.push(
                    `${r.method} ${url.slice(0, 120)} → ${res.statusCode} ${res.body.slice(0, 200)}`,
                  );
                return res.statusCode < 500;
              },
            ),
            { numRuns: 60, seed: 20261201, endOnFailure: true },
          )
          .catch(() => undefined);
      // The fuzz reaches the routes' own answers, not only the authentication's.
      expect([...seen.keys()].filter((c) => c >= 200 && c < 300).length).toBeGreaterThan(0);
      expect(seen.get(400) ?? 0).toBeGreaterThan(100);
      expect(failures).toEqual([]);
    }, 300_000);
  });
