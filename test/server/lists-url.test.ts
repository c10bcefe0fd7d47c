// Restricted-party lists fetched from their publisher's URL and refreshed from it (admins): only from allowed
// hosts, the URL kept with the version, a refresh that stores a new version only when the content changed,
// each import in the audit log; a URL not allowed, a host that fails or a list imported from a file stores nothing.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchableListUrl, listHostsFrom } from "../../src/app/lists.ts";
import { listVersionCount } from "../../src/store/lists.ts";
import { auth, backends, makeWorld, type World } from "./harness.ts";

const HEADER = "id,name,aliases,type,country,program,remarks";
const FIRST = `${HEADER}\nU-1,Example Missile Works,,entity,KP,Test,Invented for the tests\n`;
let body = FIRST;
let status = 200;
let server: Server;
let host = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/moved") {
      res.writeHead(302, { location: "http://169.254.169.254/latest" }).end();
      return;
    }
    res.writeHead(status, { "content-type": "text/csv" }).end(status === 200 ? body : "down");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.TRADECTL_LIST_HOSTS = host;
});
afterAll(async () => {
  delete process.env.TRADECTL_LIST_HOSTS;
  await new Promise((r) => server.close(r));
});

describe("allowed list URLs", () => {
  it("are HTTPS from the publishers, or a host the operator names", () => {
    const hosts = { https: listHostsFrom({}).https, operator: ["mirror.internal:8080"] };
    expect(fetchableListUrl("https://data.trade.gov/csl.csv", hosts).host).toBe("data.trade.gov");
    expect(fetchableListUrl("http://mirror.internal:8080/x.csv", hosts).host).toBe("mirror.internal:8080");
    for (const bad of [
      "http://data.trade.gov/csl.csv",
      "https://169.254.169.254/latest",
      "file:///etc/passwd",
      "https://user:pw@data.trade.gov/x",
      "not a url",
    ])
      expect(() => fetchableListUrl(bad, hosts), bad).toThrow(/url|URL/);
  });
});

for (const backend of backends)
  describe(`lists from a URL (${backend.name})`, () => {
    let w: World;
    beforeAll(async () => {
      body = FIRST; // each backend starts from the publisher's first version
      w = await makeWorld(backend, { rateLimit: false }, "database");
    }, 60_000);
    afterAll(async () => w?.close());
    const call = (key: string, method: "GET" | "POST", url: string, payload?: unknown) =>
      w.app.inject({
        method,
        url,
        headers: { ...auth(key), ...(payload ? { "content-type": "application/json" } : {}) },
        ...(payload ? { payload: JSON.stringify(payload) } : {}),
      });
    const fromUrl = (key: string, url: string) =>
      call(key, "POST", "/v1/lists/from-url", { format: "csv", listId: "watch", url });

    it("imports from the URL, keeps it, and refreshes only when the content changed", async () => {
      expect((await fromUrl(w.keys.exporter, `http://${host}/watch.csv`)).statusCode).toBe(403);
      const first = await fromUrl(w.keys.admin, `http://${host}/watch.csv`);
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({ list: "watch", count: 1, unchanged: false });
      const listed = (await call(w.keys.exporter, "GET", "/v1/lists")).json().items;
      expect(listed).toContainEqual(
        expect.objectContaining({
          list: "watch",
          sourceUrl: `http://${host}/watch.csv`,
          fileName: "watch.csv",
        }),
      );
      // the same content: nothing new
      const same = await call(w.keys.admin, "POST", "/v1/lists/watch/refresh");
      expect(same.statusCode).toBe(200);
      expect(same.json().unchanged).toBe(true);
      // the publisher adds an entry: a new version, screened against at once
      body += "U-2,Second Example Trading,,entity,KP,Test,Invented for the tests\n";
      const fresh = await call(w.keys.admin, "POST", "/v1/lists/watch/refresh");
      expect(fresh.statusCode).toBe(201);
      expect(fresh.json()).toMatchObject({ count: 2, unchanged: false });
      const hit = (
        await call(w.keys.exporter, "POST", "/v1/screenings", {
          parties: [{ name: "Second Example Trading" }],
        })
      ).json();
      expect(hit.results[0].matches[0]).toMatchObject({ list: "watch" });
      // both imports in the audit log, by the admin
      const audit = (await call(w.keys.admin, "GET", "/v1/audit")).json();
      const actions = (audit.items as { action: string; objectId: string }[])
        .filter((e) => e.objectId === "watch")
        .map((e) => e.action);
      expect(actions.sort()).toEqual(["list.import", "list.refresh"]);
    });

    it("refuses a URL not allowed, a redirect elsewhere, a failing host and a list uploaded as a file; nothing stored", async () => {
      const before = await listVersionCount(w.database.db);
      const bad = await fromUrl(w.keys.admin, "http://169.254.169.254/latest/meta-data");
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0]).toMatchObject({ path: "url" });
      expect(bad.json().errors[0].message).toMatch(/TRADECTL_LIST_HOSTS/);
      expect((await fromUrl(w.keys.admin, `http://${host}/moved`)).statusCode).toBe(400);
      status = 503;
      const down = await call(w.keys.admin, "POST", "/v1/lists/watch/refresh");
      status = 200;
      expect(down.statusCode).toBe(400);
      expect(down.json().errors[0].message).toMatch(/503/);
      await w.app.inject({
        method: "POST",
        url: "/v1/lists?format=csv&listId=uploaded",
        headers: { ...auth(w.keys.admin), "content-type": "text/csv" },
        payload: `${HEADER}\nF-1,File Only Co,,entity,CN,Test,Invented\n`,
      });
      const fileOnly = await call(w.keys.admin, "POST", "/v1/lists/uploaded/refresh");
      expect(fileOnly.statusCode).toBe(400);
      expect(fileOnly.json().errors[0].message).toMatch(/from a file, not a URL/);
      expect((await call(w.keys.admin, "POST", "/v1/lists/nothing/refresh")).statusCode).toBe(404);
      expect(await listVersionCount(w.database.db)).toBe(before + 1); // the upload only
    });
  });
