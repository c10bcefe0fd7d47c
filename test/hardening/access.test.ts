// Access: rate limits count the authenticated identity, not the header's spelling; the login limit is always
// on, per address and account, and does the same work for an unknown account; the auditor only reads; the
// session cookie is httpOnly, Secure behind https, never in the body, and writes with it need the server's
// Origin; admins manage other users (role, sessions, keys), audited; the server has timeouts and a
// connection limit.
import argon2 from "argon2";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { LIMITS } from "../../src/server/app.ts";
import { loginLimitsFromEnv } from "../../src/server/login-limit.ts";
import { auth, backends, makeWorld, type World } from "../server/harness.ts";

const json = { "content-type": "application/json" };

describe("rate limits per identity", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(backends[0]!, { rateLimit: 5 });
  }, 60_000);
  afterAll(async () => w?.close());

  it("counts one key however its header is written", async () => {
    const key = w.keys.exporter;
    const forms = [
      { authorization: `Bearer ${key}` },
      { authorization: `  Bearer   ${key}  ` },
      { "x-api-key": key },
      { "x-api-key": ` ${key}` },
      { authorization: `bearer ${key}` },
    ];
    for (const h of forms)
      expect((await w.app.inject({ method: "GET", url: "/v1/me", headers: h })).statusCode).toBe(200);
    expect(
      (await w.app.inject({ method: "GET", url: "/v1/me", headers: { "x-api-key": key } })).statusCode,
    ).toBe(429);
    // Another key has its own quota.
    expect(
      (await w.app.inject({ method: "GET", url: "/v1/me", headers: auth(w.keys.admin) })).statusCode,
    ).toBe(200);
  });

  it("counts junk credentials under the address", async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push(
        (await w.app.inject({ method: "GET", url: "/v1/me", headers: { authorization: `Bearer junk-${i}` } }))
          .statusCode,
      );
    expect(codes.slice(0, 5).every((c) => c === 401)).toBe(true);
    expect(codes[5]).toBe(429);
  });
});

describe("login", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(backends[0]!, { rateLimit: false });
  }, 60_000);
  afterAll(async () => w?.close());
  afterEach(() => vi.restoreAllMocks());
  const login = (email: string, password: string, headers: Record<string, string> = {}) =>
    w.app.inject({
      method: "POST",
      url: "/v1/auth/login",
      headers: { ...json, ...headers },
      payload: JSON.stringify({ email, password }),
    });

  it("takes tuned login limits but never none", () => {
    expect(loginLimitsFromEnv({})).toEqual([30, 10]);
    expect(loginLimitsFromEnv({ TRADECTL_LOGIN_LIMIT: "100, 20" })).toEqual([100, 20]);
    for (const v of ["0,0", "10", "x,y", "5,0"])
      expect(() => loginLimitsFromEnv({ TRADECTL_LOGIN_LIMIT: v })).toThrow(/TRADECTL_LOGIN_LIMIT/);
  });

  it("checks a password hash for an unknown account too (the same work either way)", async () => {
    const verify = vi.spyOn(argon2, "verify");
    expect((await login("nobody@example.com", "whatever")).statusCode).toBe(401);
    expect(verify).toHaveBeenCalledTimes(1);
    expect((await login("exporter@example.com", "wrong password")).statusCode).toBe(401);
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it("limits attempts per account even with rate limits off, and per address", async () => {
    const codes: number[] = [];
    for (let i = 0; i < 11; i++)
      codes.push((await login("auditor@example.com", `guess ${i}`, { "x-forwarded-for": "1" })).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes[10]).toBe(429);
    // Junk bearer tokens do not reset it.
    expect((await login("auditor@example.com", "again", { authorization: "Bearer junk" })).statusCode).toBe(
      429,
    );
  });

  it("sets an httpOnly cookie, keeps the token out of the body, and refuses cookie writes from another origin", async () => {
    const r = await login("exporter@example.com", "correct horse battery");
    expect(r.statusCode).toBe(200);
    expect(r.json().token).toBeUndefined();
    expect(JSON.stringify(r.json())).not.toMatch(/tds_/);
    const cookie = String(r.headers["set-cookie"]);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).not.toMatch(/Secure/i);
    const session = cookie.split(";")[0]!;
    const product = (origin?: string) =>
      w.app.inject({
        method: "POST",
        url: "/v1/products",
        headers: { ...json, cookie: session, host: "tradectl.example", ...(origin ? { origin } : {}) },
        payload: JSON.stringify({ code: `C-${origin ?? "none"}`, name: "p" }),
      });
    expect((await product()).statusCode).toBe(403);
    expect((await product("https://evil.example")).statusCode).toBe(403);
    expect((await product("http://tradectl.example")).statusCode).toBe(201);
    // Reads need no Origin.
    expect(
      (await w.app.inject({ method: "GET", url: "/v1/me", headers: { cookie: session } })).statusCode,
    ).toBe(200);
    // Behind https (the public URL says so), the cookie is Secure.
    process.env.TRADECTL_PUBLIC_URL = "https://tradectl.example";
    try {
      const s = await login("admin@example.com", "correct horse battery");
      expect(String(s.headers["set-cookie"])).toMatch(/Secure/i);
    } finally {
      delete process.env.TRADECTL_PUBLIC_URL;
    }
  });
});

describe("roles and administration", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(backends[0]!, { rateLimit: false });
  }, 60_000);
  afterAll(async () => w?.close());
  const call = (method: string, url: string, key: string, body?: unknown) =>
    w.app.inject({
      method: method as "GET",
      url,
      headers: { ...auth(key), ...(body === undefined ? {} : json) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });

  it("lets the auditor read but not start jobs or make keys", async () => {
    expect((await call("POST", "/v1/recheck", w.keys.auditor)).statusCode).toBe(403);
    expect(
      (
        await call("POST", "/v1/impact", w.keys.auditor, {
          shipments: "a",
          regime: "JP",
          from: "2020-01-01",
          to: "2020-02-01",
        })
      ).statusCode,
    ).toBe(403);
    expect((await call("POST", "/v1/api-keys", w.keys.auditor, { label: "x" })).statusCode).toBe(403);
    expect((await call("GET", "/v1/jobs", w.keys.auditor)).statusCode).toBe(200);
  });

  it("lets an admin change a role, end sessions and revoke another user's key, each audited", async () => {
    const users = (await call("GET", "/v1/users", w.keys.admin)).json().items as {
      id: string;
      email: string;
    }[];
    const exporter = users.find((u) => u.email === "exporter@example.com")!;
    expect((await call("GET", "/v1/users", w.keys.exporter)).statusCode).toBe(403);
    const role = await call("POST", `/v1/users/${exporter.id}/role`, w.keys.admin, { role: "auditor" });
    expect(role.json()).toMatchObject({ role: "auditor", before: "exporter" });
    expect(
      (
        await call("POST", "/v1/checks", w.keys.exporter, {
          regime: "JP",
          date: "2019-08-01",
          destination: "KR",
          items: [{ id: "1", controlNumber: "1C350" }],
        })
      ).statusCode,
    ).toBe(403);
    await call("POST", `/v1/users/${exporter.id}/role`, w.keys.admin, { role: "exporter" });
    const login = await w.app.inject({
      method: "POST",
      url: "/v1/auth/login",
      headers: json,
      payload: JSON.stringify({ email: "exporter@example.com", password: "correct horse battery" }),
    });
    const cookie = String(login.headers["set-cookie"]).split(";")[0]!;
    expect((await w.app.inject({ method: "GET", url: "/v1/me", headers: { cookie } })).statusCode).toBe(200);
    expect((await call("POST", `/v1/users/${exporter.id}/sessions/end`, w.keys.admin)).json().ended).toBe(1);
    expect((await w.app.inject({ method: "GET", url: "/v1/me", headers: { cookie } })).statusCode).toBe(401);
    const keys = (await call("GET", "/v1/api-keys", w.keys.exporter)).json().items as { id: string }[];
    expect(
      (await call("DELETE", `/v1/users/${exporter.id}/api-keys/${keys[0]!.id}`, w.keys.admin)).statusCode,
    ).toBe(200);
    expect((await call("GET", "/v1/me", w.keys.exporter)).statusCode).toBe(401);
    const audit = (await call("GET", "/v1/audit?limit=100", w.keys.admin)).json();
    const actions = ((audit.items ?? audit.entries) as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["user.role", "user.sessions.end", "api-key.revoke"]));
    // Not one's own role; not another organisation's user.
    const me = users.find((u) => u.email === "admin@example.com")!;
    expect(
      (await call("POST", `/v1/users/${me.id}/role`, w.keys.admin, { role: "exporter" })).statusCode,
    ).toBe(409);
  });

  it("has timeouts and a connection limit", () => {
    const s = w.app.server;
    expect(s.headersTimeout).toBe(LIMITS.headersMs);
    expect(s.requestTimeout).toBe(LIMITS.requestMs);
    expect(s.keepAliveTimeout).toBe(LIMITS.keepAliveMs);
    expect(s.maxConnections).toBe(1024);
    expect(w.app.initialConfig.connectionTimeout).toBe(LIMITS.idleMs);
  });
});
