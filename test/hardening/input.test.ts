// Bad input is the sender's alone: text the database refuses, too many items, impossible dates and ids, a
// malformed cursor and duplicates sent at once are 4xx answers naming what is wrong — and one request's bad
// data never fails another request's checks. On both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auth, backends, makeWorld, type World } from "../server/harness.ts";

const check = (over: Record<string, unknown> = {}) => ({
  regime: "JP",
  date: "2019-08-01",
  destination: "KR",
  items: [
    { id: "1", description: "hydrogen fluoride", controlNumber: "1C350", value: 1500000, currency: "JPY" },
  ],
  ...over,
});

for (const backend of backends)
  describe(`bad input on ${backend.name}`, () => {
    let w: World;
    beforeAll(async () => {
      w = await makeWorld(backend);
    }, 60_000);
    afterAll(async () => w?.close());
    const call = (
      method: string,
      url: string,
      body?: unknown,
      key = w.keys.exporter,
      headers: Record<string, string> = {},
    ) =>
      w.app.inject({
        method: method as "GET",
        url,
        headers: {
          ...auth(key),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...headers,
        },
        ...(body === undefined ? {} : { payload: typeof body === "string" ? body : JSON.stringify(body) }),
      });

    it("answers a NUL or an unpaired surrogate with a 400 naming the field; concurrent checks are unaffected", async () => {
      const nul = await call("POST", "/v1/checks", check({ consignee: { name: "A\u0000B" } }));
      expect(nul.statusCode).toBe(400);
      expect(nul.json().errors[0]).toMatchObject({ path: "$.consignee.name" });
      const lone = await call(
        "POST",
        "/v1/checks",
        '{"regime":"JP","date":"2019-08-01","destination":"KR","items":[{"id":"\\ud800","controlNumber":"1C350"}]}',
      );
      expect(lone.statusCode).toBe(400);
      expect(lone.json().errors[0].path).toBe("$.items[0].id");
      // 200 checks at once, one in ten with a NUL: every good one is recorded.
      const all = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          call(
            "POST",
            "/v1/checks",
            check(
              i % 10 === 0
                ? { endUser: { name: `Bad\u0000${i}` } }
                : { endUser: { name: `Good Party ${i}` } },
            ),
            i % 2 ? w.keys.exporter : w.keys.otherOrg,
          ),
        ),
      );
      expect(all.filter((r) => r.statusCode === 200)).toHaveLength(180);
      expect(all.filter((r) => r.statusCode === 400)).toHaveLength(20);
      expect(all.some((r) => r.statusCode >= 500)).toBe(false);
    });

    it("limits items per shipment and item lines per request", async () => {
      const item = { description: "x", hsCode: "848690", value: 1, currency: "JPY" };
      const many = await call(
        "POST",
        "/v1/checks",
        check({ items: Array.from({ length: 501 }, (_, i) => ({ ...item, id: String(i) })) }),
      );
      expect(many.statusCode).toBe(400);
      expect(JSON.stringify(many.json())).toContain("at most 500 items");
      const batch = Array.from({ length: 21 }, () =>
        check({ items: Array.from({ length: 500 }, (_, i) => ({ ...item, id: String(i) })) }),
      );
      const big = await call("POST", "/v1/checks", batch);
      expect(big.statusCode).toBe(400);
      expect(big.json().detail).toContain("10000 item lines");
    });

    it("refuses year 0000, ids that are not UUIDs and a malformed cursor with 400 or 404, never 500", async () => {
      expect((await call("POST", "/v1/checks", check({ date: "0000-01-01" }))).statusCode).toBe(400);
      for (const id of ["-".repeat(36), "f".repeat(36)]) {
        expect((await call("GET", `/v1/checks/${id}`)).statusCode).toBe(404);
        expect((await call("GET", `/v1/licences/${id}`)).statusCode).toBe(400);
        expect((await call("DELETE", `/v1/api-keys/${id}`)).statusCode).toBe(404);
      }
      for (const cursor of [
        "garbage",
        "2026-01-01T00:00:00.000Z|nope",
        "9999-99-99T99:99:99.999Z|00000000-0000-0000-0000-000000000000",
      ])
        expect((await call("GET", `/v1/checks?cursor=${encodeURIComponent(cursor)}`)).statusCode).toBe(400);
      const lic = {
        regime: "JP",
        type: "special-general-bulk",
        number: "N-1",
        holder: "H",
        destinations: ["KR"],
        lines: [{ description: "d", quantityLimit: 1, valueLimit: 1, unit: "kg", currency: "JPY" }],
        validFrom: "0000-01-01",
        validUntil: "2027-01-01",
      };
      expect((await call("POST", "/v1/licences", lic)).statusCode).toBe(400);
    });

    it("answers duplicates sent at once with one success and 409s", async () => {
      const lic = {
        regime: "JP",
        type: "special-general-bulk",
        number: "DUP-1",
        holder: "H",
        destinations: ["KR"],
        lines: [{ description: "d", quantityLimit: 1, valueLimit: 1, unit: "kg", currency: "JPY" }],
        validFrom: "2024-01-01",
        validUntil: "2027-01-01",
      };
      const licences = await Promise.all(Array.from({ length: 8 }, () => call("POST", "/v1/licences", lic)));
      expect(licences.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      const products = await Promise.all(
        Array.from({ length: 8 }, () => call("POST", "/v1/products", { code: "P-DUP", name: "p" })),
      );
      expect(products.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      const users = await Promise.all(
        ["dup@example.com", "DUP@example.com", "Dup@Example.com", "dup@example.com"].map((email) =>
          call(
            "POST",
            "/v1/users",
            { email, name: "d", role: "exporter", password: "long enough password" },
            w.keys.admin,
          ),
        ),
      );
      expect(users.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    });

    it("answers an unsupported media type and an over-long URL as problem documents", async () => {
      const r = await call("POST", "/v1/checks", "<x/>", w.keys.exporter, {
        "content-type": "application/xml",
      });
      expect(r.statusCode).toBe(415);
      expect(r.headers["content-type"]).toContain("application/problem+json");
      const long = await call("GET", `/v1/checks/${"a".repeat(200_000)}`);
      expect(long.statusCode).toBeGreaterThanOrEqual(400);
      expect(long.statusCode).toBeLessThan(500);
      expect(long.headers["content-type"]).toContain("application/problem+json");
    });
  });

describe("application update", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(backends[0]!);
  }, 60_000);
  afterAll(async () => w?.close());
  it("names the fields of a bad update from the body's root ($.content…)", async () => {
    const app = {
      regime: "JP",
      licenceType: "individual",
      destination: "KR",
      shipmentDate: "2019-08-01",
      consignee: { name: "Korea Chip Co.", country: "KR" },
      endUser: { name: "Korea Chip Co.", country: "KR" },
      endUseStatement: "etching",
      lines: [
        { controlNumber: "1C350", description: "HF", quantity: 1, unit: "kg", value: 1, currency: "JPY" },
      ],
    };
    const post = (url: string, body: unknown) =>
      w.app.inject({
        method: "POST",
        url,
        headers: { ...auth(w.keys.exporter), "content-type": "application/json" },
        payload: JSON.stringify(body),
      });
    const id = (await post("/v1/applications", app)).json().id;
    const r = await post(`/v1/applications/${id}/update`, {
      content: { ...app, lines: [{ ...app.lines[0], quantity: -1 }] },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].path).toBe("$.content.lines[0].quantity");
  });
});
