/** Bad input never gets a 5xx: 10,000 generated bodies against POST /v1/checks; rate limits; graceful shutdown. */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../../src/server/index.ts";
import { auth, backends, hf, makeWorld, policies, type World } from "./harness.ts";

describe("POST /v1/checks under generated input (PGlite)", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(backends[0]!);
  }, 60_000);
  afterAll(async () => w?.close());

  const shaped = fc.record(
    {
      regime: fc.oneof(fc.constantFrom("JP", "KR", "EU", ""), fc.string()),
      date: fc.oneof(
        fc.constantFrom("2019-08-01", "2019-02-30", "2016-01-01", "2030-12-31", ""),
        fc.string(),
      ),
      destination: fc.oneof(fc.constantFrom("KR", "JP", "KP", "ZZ", "kr"), fc.string()),
      endUse: fc.oneof(
        fc.record(
          {
            wmd: fc.constantFrom("none", "known", "maybe"),
            informed: fc.array(fc.constantFrom("wmd", "x")),
            redFlags: fc.array(fc.constantFrom("unusual-route", "bogus")),
          },
          { requiredKeys: [] },
        ),
        fc.anything(),
      ),
      items: fc.oneof(
        fc.array(
          fc.record(
            {
              id: fc.oneof(fc.string(), fc.integer()),
              controlNumber: fc.oneof(
                fc.constantFrom("1C350", "3C002.a.1", "7(19)", "foo", ""),
                fc.constant(null),
                fc.string(),
              ),
              hsCode: fc.oneof(fc.constantFrom("281111", "2811.11", "28"), fc.string()),
              quantity: fc.oneof(fc.double(), fc.string(), fc.integer()),
              value: fc.oneof(fc.double(), fc.integer({ min: -5, max: 5_000_000 }), fc.string()),
              currency: fc.constantFrom("JPY", "USD", "yen"),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 4 },
        ),
        fc.anything(),
      ),
    },
    { requiredKeys: [] },
  );
  const body = fc.oneof(
    shaped.map((b) => JSON.stringify(b)),
    fc.array(shaped, { maxLength: 3 }).map((b) => JSON.stringify(b)),
    fc.json(),
    fc.string(),
    fc.constant(JSON.stringify(hf)),
  );

  it("answers shapes that once caused a 500 with a 4xx (regressions found by the property below)", async () => {
    for (const payload of [
      '[{"items":{}}]',
      '{"items":{}}',
      '[{"items":[null,1,"x"]}]',
      '{"items":[{"productId":5}]}',
      "null",
      "[null]",
    ]) {
      const r = await w.app.inject({
        method: "POST",
        url: "/v1/checks",
        headers: { ...auth(w.keys.exporter), "content-type": "application/json" },
        payload,
      });
      expect(r.statusCode, payload).toBe(400);
    }
  });

  it("answers 10,000 generated bodies with 2xx or 4xx, never 5xx", async () => {
    let ok = 0;
    let bad = 0;
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const r = await w.app.inject({
          method: "POST",
          url: "/v1/checks",
          headers: { ...auth(w.keys.exporter), "content-type": "application/json" },
          payload,
        });
        expect(
          r.statusCode,
          `${r.statusCode} for ${payload.slice(0, 200)}: ${r.body.slice(0, 300)}`,
        ).toBeLessThan(500);
        if (r.statusCode < 300) ok++;
        else bad++;
      }),
      { numRuns: 10_000 },
    );
    expect(ok).toBeGreaterThan(0);
    expect(bad).toBeGreaterThan(0);
  }, 300_000);
});

describe("rate limits per API key", () => {
  it("answers 429 with a problem document past the limit, counted per key", async () => {
    const w = await makeWorld(backends[0]!, { rateLimit: 5 });
    try {
      const get = (key: string) => w.app.inject({ method: "GET", url: "/v1/me", headers: auth(key) });
      for (let i = 0; i < 5; i++) expect((await get(w.keys.exporter)).statusCode).toBe(200);
      const r = await get(w.keys.exporter);
      expect(r.statusCode).toBe(429);
      expect(r.headers["content-type"]).toContain("application/problem+json");
      expect((await get(w.keys.auditor)).statusCode).toBe(200);
    } finally {
      await w.close();
    }
  }, 60_000);
});

describe("graceful shutdown", () => {
  it("finishes in-flight requests before closing", async () => {
    const home = (await import("node:fs")).mkdtempSync(
      (await import("node:path")).join((await import("node:os")).tmpdir(), "tradectl-serve-"),
    );
    const lines: string[] = [];
    const s = await startServer({ home, port: 0, logger: false, policies, out: (l) => lines.push(l) });
    const key = /API key \(shown once\): (\S+)/.exec(lines.join("\n"))![1]!;
    const body = JSON.stringify(Array.from({ length: 200 }, () => hf));
    // Stream the body: the request is under way (headers in, body half sent) when the shutdown begins.
    let push: (chunk: string | null) => void = () => {};
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (chunk) =>
          chunk === null ? controller.close() : controller.enqueue(new TextEncoder().encode(chunk));
      },
    });
    const inFlight = fetch(`${s.url}/v1/checks`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: stream,
      duplex: "half",
    } as RequestInit);
    push(body.slice(0, 1000));
    await new Promise((r) => setTimeout(r, 300));
    const closing = s.close();
    await new Promise((r) => setTimeout(r, 100));
    push(body.slice(1000));
    push(null);
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(((await res.json()) as unknown[]).length).toBe(200);
    await closing;
    await expect(fetch(`${s.url}/healthz`)).rejects.toThrow();
  }, 60_000);
});
