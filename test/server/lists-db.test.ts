// Restricted-party lists in the database: imported through the API (admins, for their organisation), shown
// with their version and source hash, screened against from the next request; a bad file stores nothing
// and leaves the version in force; the index over a version set is built once and reused.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screeningFromDatabase } from "../../src/lists/db-screening.ts";
import { importListVersion } from "../../src/app/lists.ts";
import {
  ALL_ORGANISATIONS,
  LISTS_CHANNEL,
  listVersionCount,
  watchedListsInForce,
} from "../../src/store/lists.ts";
import { notifyOrganisationChange } from "../../src/store/notify.ts";
import { auth, backends, makeWorld, type World } from "./harness.ts";

const csv = readFileSync(
  fileURLToPath(new URL("../fixtures/lists/restricted/parties.csv", import.meta.url)),
  "utf8",
);

for (const backend of backends)
  describe(`lists in the database (${backend.name})`, () => {
    let w: World;
    beforeAll(async () => {
      w = await makeWorld(backend, { rateLimit: false }, "database");
    }, 60_000);
    afterAll(async () => w?.close());
    const post = (key: string, query: string, body: string) =>
      w.app.inject({
        method: "POST",
        url: `/v1/lists?${query}`,
        headers: { ...auth(key), "content-type": "text/csv" },
        payload: body,
      });
    const screen = (key: string, name: string) =>
      w.app.inject({
        method: "POST",
        url: "/v1/screenings",
        headers: { ...auth(key), "content-type": "application/json" },
        payload: JSON.stringify({ parties: [{ name }] }),
      });

    it("imports a list for the admin's organisation and screens against it from the next request", async () => {
      expect((await screen(w.keys.exporter, "Korea Chip Co")).statusCode).toBe(409); // nothing imported yet
      expect((await post(w.keys.exporter, "format=csv&listId=restricted", csv)).statusCode).toBe(403);
      const r = await post(w.keys.admin, "format=csv&listId=restricted", csv);
      expect(r.statusCode).toBe(201);
      expect(r.json()).toMatchObject({ list: "restricted", count: 2, unchanged: false });
      expect(r.json().sourceHash).toMatch(/^sha256:[0-9a-f]{64}$/);
      const lists = (
        await w.app.inject({ method: "GET", url: "/v1/lists", headers: auth(w.keys.exporter) })
      ).json();
      expect(lists.items).toEqual([
        expect.objectContaining({
          list: "restricted",
          scope: "your organisation",
          count: 2,
          version: r.json().version,
        }),
      ]);
      const hit = (await screen(w.keys.exporter, "Korea Chip Co")).json();
      expect(hit.results[0].matches[0]).toMatchObject({ list: "restricted", name: "Korea Chip Co." });
      // Another organisation does not see it.
      expect((await screen(w.keys.otherOrg, "Korea Chip Co")).statusCode).toBe(409);
      // The same file again stores nothing new.
      expect((await post(w.keys.admin, "format=csv&listId=restricted", csv)).json().unchanged).toBe(true);
    });

    it("refuses an unknown format and a file it cannot read, storing nothing and keeping the version in force", async () => {
      const before = await listVersionCount(w.database.db);
      const unknown = await post(w.keys.admin, "format=nope", csv);
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors[0].message).toContain('unknown format "nope"');
      const broken = await post(w.keys.admin, "format=csv&listId=restricted", "no,header,here\n1,2,3\n");
      expect(broken.statusCode).toBe(400);
      expect(await listVersionCount(w.database.db)).toBe(before);
      const hit = (await screen(w.keys.exporter, "Korea Chip Co")).json();
      expect(hit.results[0].matches[0].name).toBe("Korea Chip Co.");
    });

    it("builds the index once per version set and reuses it; a new version is seen at once", async () => {
      const source = screeningFromDatabase(w.database.db);
      const a = await source(w.orgId);
      const b = await source(w.orgId);
      expect(b.index).toBe(a.index);
      await importListVersion(
        w.database.db,
        { scope: ALL_ORGANISATIONS },
        "csv",
        ["id,name,type,country\nX-1,Tanchon Example Bank,entity,KP\n"],
        { listId: "operator" },
      );
      const c = await source(w.orgId);
      expect(c.index).not.toBe(a.index);
      expect(c.lists.map((l) => l.list).sort()).toEqual(["operator", "restricted"]);
      expect(
        c.index!.screen({ name: "Tanchon Example Bank" }, { threshold: 0.8, limit: 3 }).matches[0]?.list,
      ).toBe("operator");
    });

    it("keeps the versions in force until an import announces a change: all organisations' or one's own", async () => {
      const lists = await watchedListsInForce(w.database.db, w.database.listen);
      try {
        const source = screeningFromDatabase(w.database.db, { inForce: lists.get });
        const a = await source(w.orgId);
        expect((await source(w.orgId)).index).toBe(a.index);
        expect(a.lists.map((l) => l.list)).not.toContain("late");
        await importListVersion(
          w.database.db,
          { scope: ALL_ORGANISATIONS },
          "csv",
          ["id,name,type,country\nL-1,Pyongyang Late Trading Corporation,entity,KP\n"],
          { listId: "late" },
        );
        // This process made the change: its copy is gone at once (another process's within a second).
        const c = await source(w.orgId);
        expect(c.lists.map((l) => l.list)).toContain("late");
        expect(
          c.index!.screen({ name: "Pyongyang Late Trading" }, { threshold: 0.8, limit: 3 }).matches[0]?.list,
        ).toBe("late");
        expect((await source(w.orgId)).index).toBe(c.index);
        // A list of the other organisation's own changes its copy only.
        const other = await lists.get(w.otherOrgId);
        const mine = await lists.get(w.orgId);
        await importListVersion(
          w.database.db,
          { scope: w.otherOrgId },
          "csv",
          ["id,name,type,country\nO-9,Other Own Listed Co,entity,CN\n"],
          { listId: "own" },
        );
        expect(await lists.get(w.orgId)).toBe(mine);
        const otherNow = await lists.get(w.otherOrgId);
        expect(otherNow).not.toBe(other);
        expect(otherNow.map((l) => l.list)).toContain("own");
        // A change announced by another process (a NOTIFY on the channel) drops the copies too.
        await notifyOrganisationChange(w.database.db, LISTS_CHANNEL, "");
        const t0 = Date.now();
        while ((await lists.get(w.orgId)) === mine && Date.now() - t0 < 2000)
          await new Promise((r) => setTimeout(r, 20));
        expect(await lists.get(w.orgId)).not.toBe(mine);
      } finally {
        await lists.stop();
      }
    });
  });
