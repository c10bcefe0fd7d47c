/** The HTTP API suite, on PGlite and (with DATABASE_URL) on PostgreSQL. */
import { Validator } from "@seriousme/openapi-schema-validator";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys, checks, checkTraces } from "../../src/store/index.ts";
import { auth, backends, hf, makeWorld, type World } from "./harness.ts";

for (const backend of backends) {
  describe(`API on ${backend.name}`, () => {
    let w: World;
    beforeAll(async () => {
      w = await makeWorld(backend);
    }, 60_000);
    afterAll(async () => w?.close());

    const post = (body: unknown, key = w.keys.exporter, url = "/v1/checks") =>
      w.app.inject({
        method: "POST",
        url,
        headers: { ...auth(key), "content-type": "application/json" },
        payload: typeof body === "string" ? body : JSON.stringify(body),
      });
    const get = (url: string, key = w.keys.exporter) =>
      w.app.inject({ method: "GET", url, headers: auth(key) });
    const count = async () => {
      const [r] = await w.database.db.select({ n: sql<number>`count(*)::int` }).from(checks);
      return r!.n;
    };

    it("health and readiness", async () => {
      expect((await w.app.inject("/healthz")).statusCode).toBe(200);
      const r = await w.app.inject("/readyz");
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ status: "ready", database: backend.name });
    });

    it("decides, records and returns a check with its trace and policy version", async () => {
      const r = await post(hf);
      expect(r.statusCode).toBe(200);
      expect(r.headers["x-request-id"]).toBeTruthy();
      const body = r.json();
      expect(body).toMatchObject({
        regime: "JP",
        date: "2019-08-01",
        destination: "KR",
        destinationGroups: ["A"],
      });
      expect(body.decisions[0]).toMatchObject({
        outcome: "licence-required",
        basis: "special-measure",
        licenceOptions: ["individual"],
      });
      const g = await get(`/v1/checks/${body.id}`);
      expect(g.statusCode).toBe(200);
      const rec = g.json();
      expect(rec).toMatchObject({
        id: body.id,
        date: "2019-08-01",
        destination: "KR",
        outcome: "licence-required",
        policyVersion: body.policyVersion,
      });
      expect(rec.result.decisions[0].trace.length).toBeGreaterThan(2);
      expect(rec.input).toEqual(hf); // the raw input, as sent
    });

    it("records each trace once per organisation and returns the check whole", async () => {
      const traceRows = async (orgId: string) => {
        const [r] = await w.database.db
          .select({ n: sql<number>`count(*)::int` })
          .from(checkTraces)
          .where(eq(checkTraces.orgId, orgId));
        return r!.n;
      };
      const shipment = { ...hf, date: "2021-03-03" };
      const first = (await post(shipment)).json();
      const orgId = (await w.database.db.select().from(checks).where(eq(checks.id, first.id)))[0]!.orgId;
      const before = await traceRows(orgId);
      const again = await post([shipment, shipment, shipment]);
      expect(again.statusCode).toBe(200);
      expect(await traceRows(orgId)).toBe(before); // the same trace, not written again
      const [row] = await w.database.db.select().from(checks).where(eq(checks.id, again.json()[1].id));
      const stored = row!.result as { decisions: Record<string, unknown>[] };
      expect(stored.decisions[0]!.trace).toBeUndefined();
      expect(typeof stored.decisions[0]!.traceRef).toBe("string");
      expect(JSON.stringify(row!.result).length).toBeLessThan(JSON.stringify(first).length / 3);
      const rec = (await get(`/v1/checks/${again.json()[1].id}`)).json();
      const answered = { ...first };
      delete answered.id;
      expect(rec.result).toEqual(answered); // the same decisions and trace as were answered
      // Another organisation's identical check stores its own copy of the trace.
      const theirs = (await post(shipment, w.keys.otherOrg)).json();
      const theirOrg = (await w.database.db.select().from(checks).where(eq(checks.id, theirs.id)))[0]!.orgId;
      expect(await traceRows(theirOrg)).toBeGreaterThan(0);
      expect(
        (await get(`/v1/checks/${theirs.id}`, w.keys.otherOrg)).json().result.decisions[0].trace,
      ).toEqual(first.decisions[0].trace);
    });

    it("reads a check recorded with its trace inline (before traces were kept apart)", async () => {
      const made = (await post({ ...hf, date: "2021-04-05" })).json();
      const { id, ...full } = made;
      await w.database.db.update(checks).set({ result: full }).where(eq(checks.id, id));
      const rec = (await get(`/v1/checks/${id}`)).json();
      expect(rec.result).toEqual(full);
    });

    it("answers in the Accept-Language's language, the recorded check too, with the messages beside", async () => {
      const r = await w.app.inject({
        method: "POST",
        url: "/v1/checks",
        headers: {
          ...auth(w.keys.exporter),
          "content-type": "application/json",
          "accept-language": "ja-JP,ja;q=0.9",
        },
        payload: JSON.stringify(hf),
      });
      expect(r.statusCode).toBe(200);
      expect(r.headers["content-language"]).toBe("ja");
      const dest = r.json().decisions[0].trace.find((s: { kind: string }) => s.kind === "destination");
      expect(dest.result).toContain("この日付で");
      expect(dest.msg.id).toBe("dest.groups");
      const ko = await w.app.inject({
        method: "GET",
        url: `/v1/checks/${r.json().id}`,
        headers: { ...auth(w.keys.exporter), "accept-language": "ko" },
      });
      expect(ko.headers["content-language"]).toBe("ko");
      const koDest = ko
        .json()
        .result.decisions[0].trace.find((s: { kind: string }) => s.kind === "destination");
      expect(koDest.result).toContain("이 날짜 현재");
      const en = (await get(`/v1/checks/${r.json().id}`)).json();
      expect(
        en.result.decisions[0].trace.find((s: { kind: string }) => s.kind === "destination").result,
      ).toMatch(/ on this date$/);
    });

    it("keeps legal dates exactly (no time-zone shift on either database)", async () => {
      for (const date of ["2019-08-28", "2023-07-21", "2019-12-31", "2024-02-29"]) {
        const r = await post({ ...hf, date });
        const rec = (await get(`/v1/checks/${r.json().id}`)).json();
        expect(rec.date).toBe(date);
      }
    });

    it("takes a batch and records every shipment", async () => {
      const before = await count();
      const r = await post([
        hf,
        { ...hf, date: "2023-08-01" },
        { ...hf, destination: "KP", date: "2024-01-15" },
      ]);
      expect(r.statusCode).toBe(200);
      expect(r.json().map((x: { decisions: { outcome: string }[] }) => x.decisions[0]!.outcome)).toEqual([
        "licence-required",
        "licence-required",
        "prohibited",
      ]);
      expect(await count()).toBe(before + 3);
    });

    it("lists and filters past checks by destination, outcome and date, with a cursor", async () => {
      await post({ ...hf, destination: "KP", date: "2024-02-01" });
      const byDest = (await get("/v1/checks?destination=KP")).json();
      expect(byDest.items.length).toBeGreaterThan(0);
      expect(byDest.items.every((c: { destination: string }) => c.destination === "KP")).toBe(true);
      const prohibited = (await get("/v1/checks?outcome=prohibited")).json();
      expect(prohibited.items.every((c: { outcome: string }) => c.outcome === "prohibited")).toBe(true);
      const range = (await get("/v1/checks?from=2019-01-01&to=2019-12-31")).json();
      expect(
        range.items.every((c: { date: string }) => c.date >= "2019-01-01" && c.date <= "2019-12-31"),
      ).toBe(true);
      const page1 = (await get("/v1/checks?limit=2")).json();
      expect(page1.items).toHaveLength(2);
      const page2 = (await get(`/v1/checks?limit=2&cursor=${encodeURIComponent(page1.next)}`)).json();
      expect(page2.items[0].id).not.toBe(page1.items[0].id);
      expect(page2.items[0].id).not.toBe(page1.items[1].id);
      expect((await get("/v1/checks?from=2019-02-30")).statusCode).toBe(400);
    });

    it("keeps organisations apart", async () => {
      const mine = (await post(hf)).json();
      expect((await get(`/v1/checks/${mine.id}`, w.keys.otherOrg)).statusCode).toBe(404);
      const theirs = (await get("/v1/checks", w.keys.otherOrg)).json();
      expect(theirs.items.some((c: { id: string }) => c.id === mine.id)).toBe(false);
    });

    it("enforces roles: an auditor reads but may not submit checks", async () => {
      const r = await post(hf, w.keys.auditor);
      expect(r.statusCode).toBe(403);
      expect(r.headers["content-type"]).toContain("application/problem+json");
      expect((await get("/v1/checks", w.keys.auditor)).statusCode).toBe(200);
      const u = await post(
        { email: "new@example.com", name: "New", role: "exporter" },
        w.keys.exporter,
        "/v1/users",
      );
      expect(u.statusCode).toBe(403);
      const ok = await post(
        { email: "new@example.com", name: "New", role: "exporter", password: "a long password" },
        w.keys.admin,
        "/v1/users",
      );
      expect(ok.statusCode).toBe(201);
    });

    it("requires authentication and says how", async () => {
      const none = await w.app.inject({ method: "GET", url: "/v1/checks" });
      expect(none.statusCode).toBe(401);
      expect(none.json().detail).toContain("API key");
      expect((await get("/v1/checks", "tdk_nonsense")).statusCode).toBe(401);
    });

    it("logs in with a password (argon2) and uses the session cookie", async () => {
      const bad = await w.app.inject({
        method: "POST",
        url: "/v1/auth/login",
        payload: { email: "exporter@example.com", password: "wrong" },
      });
      expect(bad.statusCode).toBe(401);
      const r = await w.app.inject({
        method: "POST",
        url: "/v1/auth/login",
        payload: { email: "EXPORTER@example.com", password: "correct horse battery" },
      });
      expect(r.statusCode).toBe(200);
      const cookie = r.cookies.find((c) => c.name === "tradectl_session")!;
      expect(cookie.httpOnly).toBe(true);
      const me = await w.app.inject({
        method: "GET",
        url: "/v1/me",
        cookies: { tradectl_session: cookie.value },
      });
      expect(me.json()).toMatchObject({ email: "exporter@example.com", role: "exporter", via: "session" });
      await w.app.inject({
        method: "POST",
        url: "/v1/auth/logout",
        cookies: { tradectl_session: cookie.value },
      });
      expect(
        (await w.app.inject({ method: "GET", url: "/v1/me", cookies: { tradectl_session: cookie.value } }))
          .statusCode,
      ).toBe(401);
    });

    it("shows an API key once and stores only its hash; revoked keys stop working", async () => {
      const r = await post({ label: "ERP" }, w.keys.exporter, "/v1/api-keys");
      expect(r.statusCode).toBe(201);
      const { id, key } = r.json();
      const rows = await w.database.db.select().from(apiKeys);
      expect(JSON.stringify(rows)).not.toContain(key);
      expect(
        (await get("/v1/api-keys"))
          .json()
          .items.some((k: { id: string; key?: string }) => k.id === id && k.key === undefined),
      ).toBe(true);
      expect((await get("/v1/me", key)).statusCode).toBe(200);
      expect(
        (await w.app.inject({ method: "DELETE", url: `/v1/api-keys/${id}`, headers: auth(w.keys.exporter) }))
          .statusCode,
      ).toBe(200);
      expect((await get("/v1/me", key)).statusCode).toBe(401);
    });

    it("answers bad input with a 4xx problem naming the field, and writes nothing", async () => {
      const before = await count();
      const cases: [unknown, number, string][] = [
        ["{not json", 400, "malformed JSON"],
        [{ ...hf, date: "2019-02-30" }, 400, "$.date"],
        [{ ...hf, destination: "ZZ" }, 400, "$.destination"],
        [
          { ...hf, items: [{ id: "1", quantity: "ten", controlNumber: "1C350" }] },
          400,
          "$.items[0].quantity",
        ],
        [{ ...hf, items: [{ id: "1" }] }, 400, "an item needs a controlNumber or an hsCode"],
        [{ ...hf, extra: 1 }, 400, "unknown key"],
        [{ ...hf, regime: "XX" }, 400, "unknown regime"],
        [{ ...hf, date: "2001-01-01" }, 400, "no policy data before 2017-02-22"],
        [[hf, { ...hf, destination: "ZZ" }], 400, "$[1].destination"],
        [[], 400, ""],
      ];
      for (const [body, status, text] of cases) {
        const r = await post(body);
        expect(r.statusCode, JSON.stringify(body)).toBe(status);
        expect(r.headers["content-type"]).toContain("application/problem+json");
        expect(r.body).toContain(text);
      }
      const huge = JSON.stringify({
        ...hf,
        items: Array.from({ length: 40_000 }, (_, i) => ({
          id: String(i),
          controlNumber: "1C350",
          description: "x".repeat(100),
        })),
      });
      expect((await post(huge)).statusCode).toBe(413);
      expect((await get("/v1/checks/00000000-0000-0000-0000-000000000000")).statusCode).toBe(404);
      expect((await get("/v1/checks/not-an-id")).statusCode).toBe(404);
      expect((await get("/v1/nothing-here")).statusCode).toBe(404);
      expect(await count()).toBe(before);
    });

    it("serves regimes, groups and timelines", async () => {
      const regimes = (await get("/v1/regimes")).json().regimes;
      expect(regimes.map((r: { id: string }) => r.id)).toEqual(["JP", "KR"]);
      expect(regimes[0]).toMatchObject({
        timeZone: "Asia/Tokyo",
        reviewedThrough: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      });
      expect((await get("/v1/regimes/JP/groups?country=KR&date=2020-01-01")).json()).toMatchObject({
        groups: ["B"],
        date: "2020-01-01",
      });
      expect((await get("/v1/regimes/KR/groups?country=JP&date=2020-01-01")).json().groups).toEqual([
        "가의2",
      ]);
      expect((await get("/v1/regimes/JP/groups?country=ZZ")).statusCode).toBe(400);
      expect((await get("/v1/regimes/EU/groups?country=KR")).statusCode).toBe(404);
      const t = (await get("/v1/regimes/JP/timeline?country=KR")).json();
      expect(t.periods.map((p: { from: string }) => p.from)).toEqual([
        "2017-02-22",
        "2019-08-28",
        "2023-07-21",
      ]);
    });

    it("publishes a valid OpenAPI document and a docs page", async () => {
      const doc = (await w.app.inject("/openapi.json")).json();
      const result = await new Validator().validate(doc);
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(["/v1/checks", "/v1/checks/{id}", "/v1/regimes/{regime}/groups"]),
      );
      expect((await w.app.inject("/docs/")).statusCode).toBe(200);
    });

    it("sends secure headers", async () => {
      for (const r of [
        await w.app.inject("/healthz"),
        await w.app.inject("/v1/no-such-route"),
        await w.app.inject({ method: "POST", url: "/v1/checks", payload: "{" }),
      ]) {
        expect(r.headers["x-content-type-options"]).toBe("nosniff");
        expect(r.headers["content-security-policy"]).toContain("script-src 'self'");
        expect(r.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
        expect(r.headers["x-frame-options"]).toBe("SAMEORIGIN");
      }
    });
  });
}

if (!process.env.DATABASE_URL) console.warn("DATABASE_URL not set: the API suite ran on PGlite only");
