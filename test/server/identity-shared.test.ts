// Credentials every process must see at once: an admin disables a user (audited; their key and password are
// refused at once), and a change made by another process — simulated by writing the database and sending the
// NOTIFY another process would send — clears this process's key cache within a second.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auth, backends, makeWorld, type World } from "./harness.ts";

for (const backend of backends)
  describe(`credentials shared across processes (${backend.name})`, () => {
    let w: World;
    beforeAll(async () => {
      w = await makeWorld(backend);
    }, 60_000);
    afterAll(async () => w?.close());
    const me = (key: string) => w.app.inject({ method: "GET", url: "/v1/me", headers: auth(key) });
    const userId = async (email: string) =>
      (await w.database.raw<{ id: string }>("select id from users where email = $1", [email]))[0]!.id;

    it("disables a user of the admin's organisation: key and password refused, audited", async () => {
      expect((await me(w.keys.auditor)).statusCode).toBe(200);
      const id = await userId("auditor@example.com");
      const post = (key: string, target: string) =>
        w.app.inject({ method: "POST", url: `/v1/users/${target}/disable`, headers: auth(key) });
      expect((await post(w.keys.exporter, id)).statusCode).toBe(403);
      expect((await post(w.keys.admin, await userId("exporter@other.example"))).statusCode).toBe(404);
      expect((await post(w.keys.admin, await userId("admin@example.com"))).statusCode).toBe(409);
      expect((await post(w.keys.admin, id)).statusCode).toBe(200);
      expect((await me(w.keys.auditor)).statusCode).toBe(401);
      const login = await w.app.inject({
        method: "POST",
        url: "/v1/auth/login",
        headers: { "content-type": "application/json" },
        payload: JSON.stringify({ email: "auditor@example.com", password: "correct horse battery" }),
      });
      expect(login.statusCode).toBe(401);
      expect((await post(w.keys.admin, id)).statusCode).toBe(404); // already disabled
      const audit = (
        await w.app.inject({ method: "GET", url: "/v1/audit?limit=100", headers: auth(w.keys.admin) })
      ).json();
      const items = (audit.items ?? audit.entries ?? []) as { action: string; objectId: string }[];
      expect(items.some((e) => e.action === "user.disable" && e.objectId === id)).toBe(true);
    });

    it("drops a cached key within a second when another process revokes it", async () => {
      expect((await me(w.keys.officer)).statusCode).toBe(200); // resolved and cached
      // Another process revokes the key: its transaction writes the row and sends the notification.
      await w.database.raw(
        "update api_keys set revoked_at = now() where user_id = (select id from users where email = 'officer@meti.example')",
        [],
      );
      expect((await me(w.keys.officer)).statusCode).toBe(200); // still cached: nobody said anything yet
      await w.database.raw("select pg_notify('tradectl_auth', 'changed')", []);
      const t0 = Date.now();
      let status = 200;
      // (A pause between tries lets the notification's socket be read: inject answers without I/O.)
      while (Date.now() - t0 < 1000 && status === 200) {
        await new Promise((r) => setTimeout(r, 20));
        status = (await me(w.keys.officer)).statusCode;
      }
      expect(status).toBe(401);
    });
  });
