/** Past checks searched by party, item, user, destination and outcome (API and CSV), on PGlite and PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, hf, jsonCaller, makeWorld, type World } from "./harness.ts";

for (const backend of backends) {
  describe(`past checks search on ${backend.name}`, () => {
    let w: World;
    beforeAll(async () => {
      w = await makeWorld(backend);
      const call = jsonCaller(() => w);
      const shipments: [string, unknown][] = [
        [w.keys.exporter, { ...hf, endUser: { name: "SK hynix Inc.", country: "KR" } }],
        [w.keys.exporter, { ...hf, consignee: { name: "(주)하이닉스반도체", country: "KR" } }],
        [
          w.keys.admin,
          {
            ...hf,
            destination: "US",
            endUser: { name: "Acme 100% Corp", country: "US" },
            items: [
              {
                id: "1",
                description: "ArF photoresist",
                controlNumber: "3C002.a.1",
                value: 10,
                currency: "JPY",
              },
            ],
          },
        ],
      ];
      for (const [key, s] of shipments)
        expect((await call("POST", "/v1/checks", key, s)).statusCode).toBe(200);
    }, 60_000);
    afterAll(async () => w?.close());
    const call = jsonCaller(() => w);
    const ids = async (q: string) => {
      const r = await call("GET", `/v1/checks?${q}`, w.keys.auditor);
      expect(r.statusCode, r.body).toBe(200);
      return r.json().items as { destination: string; requestedByUser: { email: string } | null }[];
    };

    it("finds checks by a party's name, in any case and script, every word", async () => {
      expect(await ids("party=HYNIX")).toHaveLength(1);
      expect(await ids(`party=${encodeURIComponent("하이닉스")}`)).toHaveLength(1);
      expect(await ids("party=hynix+inc")).toHaveLength(1);
      expect(await ids("party=hynix&destination=US")).toHaveLength(0);
      // LIKE's wildcards are taken literally
      expect(await ids(`party=${encodeURIComponent("100%")}`)).toHaveLength(1);
      expect(await ids(`party=${encodeURIComponent("%")}`)).toHaveLength(1);
      expect(await ids(`party=${encodeURIComponent("_")}`)).toHaveLength(0);
    });

    it("finds checks by item, by who asked and by outcome, and says who asked", async () => {
      expect(await ids("item=1C350")).toHaveLength(2);
      expect(await ids("item=photoresist")).toHaveLength(1);
      const byAdmin = await ids("user=admin%40example");
      expect(byAdmin.map((c) => [c.destination, c.requestedByUser?.email])).toEqual([
        ["US", "admin@example.com"],
      ]);
      expect(await ids("user=exporter&item=photoresist")).toHaveLength(0);
      expect(await ids("outcome=licence-required&item=1C350")).toHaveLength(2);
      expect(await ids("outcome=no-licence-required&item=1C350")).toHaveLength(0);
      // another organisation finds none of them
      const other = await call("GET", "/v1/checks?party=hynix", w.keys.otherOrg);
      expect(other.json().items).toEqual([]);
    });

    it("exports what it finds, with the user, and refuses an overlong search", async () => {
      const csv = await call("GET", "/v1/checks/export.csv?item=1C350", w.keys.auditor);
      expect(csv.statusCode).toBe(200);
      const lines = csv.body
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\r\n");
      expect(lines[0]).toMatch(/,user$/);
      expect(lines).toHaveLength(3);
      expect(lines.slice(1).every((l) => l.endsWith(",exporter@example.com"))).toBe(true);
      const long = await call("GET", `/v1/checks?party=${"x".repeat(201)}`, w.keys.auditor);
      expect(long.statusCode).toBe(400);
      expect(JSON.stringify(long.json())).toContain("party");
    });
  });
}
