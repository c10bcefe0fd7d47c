/** POST /v1/screenings: explained matches across scripts; decided matches are not raised again until the entry changes. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ListEntity } from "../../src/screen/index.ts";
import { Recorder, buildApp } from "../../src/server/index.ts";
import { screeningFromEntities } from "../../src/server/screening.ts";
import {
  createApiKey,
  createOrganisation,
  createUser,
  openDatabase,
  type Database,
} from "../../src/store/index.ts";
import { embeddedJobs, policies } from "./harness.ts";
import { watchedDecisions } from "../../src/permits/service.ts";

const entity = (id: string, name: string, version: string, extra: Partial<ListEntity> = {}): ListEntity => ({
  id: `un:${id}`,
  list: "un",
  sourceId: id,
  type: "entity",
  names: [{ name, kind: "primary" }],
  countries: ["KP"],
  addresses: [],
  birthDates: [],
  identifiers: [],
  programs: ["DPRK"],
  version,
  ...extra,
});

// decisions read per request (no listening connection), and kept in the process until one is announced
for (const kept of [false, true])
  describe(`POST /v1/screenings${kept ? " (decisions kept in the process)" : ""}`, () => {
    let database: Database;
    let app: Awaited<ReturnType<typeof buildApp>>["app"];
    let key = "";
    let entities: ListEntity[];
    let stopKept: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      database = await openDatabase({ home: "memory" });
      const org = await createOrganisation(database.db, "Exporter");
      key = (
        await createApiKey(
          database.db,
          await createUser(database.db, { orgId: org, email: "e@x.example", name: "E", role: "exporter" }),
          "t",
        )
      ).key;
      entities = [
        entity("KPe.001", "Korea Ryonbong General Corporation", "sha256:v1"),
        entity("KPi.002", "Kim Jong Un", "sha256:v1", { type: "person" }),
        entity("KPe.003", "Tanchon Commercial Bank", "sha256:v1"),
        // one bank on two lists: one party, two sources
        entity("KPe.010", "Korea Daesong Bank", "sha256:v1"),
        { ...entity("10", "KOREA DAESONG BANK", "sha256:sdn1"), id: "sdn:10", list: "sdn" },
      ];
      const decisions = kept ? await watchedDecisions(database.db, database.listen) : undefined;
      stopKept = decisions?.stop;
      ({ app } = await buildApp(
        {
          db: database.db,
          dbKind: "pglite",
          policies,
          recorder: new Recorder(database.raw),
          queue: embeddedJobs(database).queue,
          ...(decisions ? { decisionsFor: decisions.source } : {}),
          screening: screeningFromEntities(entities, [
            { list: "un", version: "sha256:list1", count: 4 },
            { list: "sdn", version: "sha256:sdnlist", count: 1 },
          ]),
        },
        { rateLimit: false },
      ));
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await stopKept?.();
      await database?.close();
    });
    const post = (url: string, body: unknown) =>
      app.inject({
        method: "POST",
        url,
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        payload: JSON.stringify(body),
      });

    it("finds a listed name written in Hangul and explains the score", async () => {
      const r = await post("/v1/screenings", { parties: [{ name: "김정은", type: "person" }] });
      expect(r.statusCode).toBe(200);
      const m = r.json().results[0].matches[0];
      expect(m).toMatchObject({ entityId: "un:KPi.002", list: "un" });
      expect(m.score).toBeGreaterThan(0.8);
      expect(m.alignment.length).toBeGreaterThan(0);
      expect(Object.keys(m.features).length).toBeGreaterThan(3);
      expect(r.json().listVersions).toEqual({ un: "sha256:list1", sdn: "sha256:sdnlist" });
    });

    it("does not raise a decided match again until the list entry changes", async () => {
      const first = (await post("/v1/screenings", { parties: [{ name: "Tanchon Commercial Bank" }] })).json()
        .results[0];
      const m = first.matches[0];
      expect(m.entityId).toBe("un:KPe.003");
      const d = await post("/v1/screening-decisions", {
        entityId: m.entityId,
        entityVersion: m.entityVersion,
        queryName: "Tanchon Commercial Bank",
        decision: "confirmed",
        note: "same bank",
      });
      expect(d.statusCode).toBe(201);
      const again = (await post("/v1/screenings", { parties: [{ name: "Tanchon Commercial Bank" }] })).json()
        .results[0];
      expect(again.matches.find((x: { entityId: string }) => x.entityId === "un:KPe.003")).toBeUndefined();
      expect(again.decided[0]).toMatchObject({ entityId: "un:KPe.003", decision: { decision: "confirmed" } });
      // The list changes the entry (new content hash): the match is raised again.
      const changed = entities.map((e) =>
        e.id === "un:KPe.003" ? { ...e, version: "sha256:v2", remarks: "amended" } : e,
      );
      const { app: app2 } = await buildApp(
        {
          db: database.db,
          dbKind: "pglite",
          policies,
          recorder: new Recorder(database.raw),
          queue: embeddedJobs(database).queue,
          screening: screeningFromEntities(changed, [{ list: "un", version: "sha256:list2", count: 3 }]),
        },
        { rateLimit: false },
      );
      try {
        const r = await app2.inject({
          method: "POST",
          url: "/v1/screenings",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          payload: JSON.stringify({ parties: [{ name: "Tanchon Commercial Bank" }] }),
        });
        expect(r.json().results[0].matches[0]).toMatchObject({
          entityId: "un:KPe.003",
          entityVersion: "sha256:v2",
        });
        expect(r.json().results[0].decided).toEqual([]);
      } finally {
        await app2.close();
      }
    });

    it("shows one party on two lists as one match with both sources; a decision covers both", async () => {
      const screen = async () =>
        (await post("/v1/screenings", { parties: [{ name: "조선대성은행" }] })).json().results[0];
      const first = await screen();
      expect(first.matches).toHaveLength(1);
      const m = first.matches[0];
      expect(m.sources.map((x: { entityId: string }) => x.entityId).sort()).toEqual(["sdn:10", "un:KPe.010"]);
      expect(m.groupId).toMatch(/^group:/);
      // a decision needs a note
      const noNote = await post("/v1/screening-decisions", {
        entries: m.sources.map((x: { entityId: string; entityVersion: string }) => ({
          entityId: x.entityId,
          entityVersion: x.entityVersion,
        })),
        queryName: "조선대성은행",
        decision: "confirmed",
      });
      expect(noNote.statusCode).toBe(400);
      expect(JSON.stringify(noNote.json())).toContain("note");
      // deciding one source only leaves the match raised
      const one = await post("/v1/screening-decisions", {
        entityId: "un:KPe.010",
        entityVersion: "sha256:v1",
        queryName: "조선대성은행",
        decision: "confirmed",
        note: "our counterparty is this bank",
      });
      expect(one.statusCode).toBe(201);
      const partly = await screen();
      expect(partly.matches).toHaveLength(1);
      expect(partly.matches[0].decision).toBeUndefined();
      const decidedSource = partly.matches[0].sources.find(
        (x: { entityId: string }) => x.entityId === "un:KPe.010",
      );
      expect(decidedSource.decision).toMatchObject({
        decision: "confirmed",
        note: "our counterparty is this bank",
      });
      // deciding every source decides the match
      const all = await post("/v1/screening-decisions", {
        entries: [{ entityId: "sdn:10", entityVersion: "sha256:sdn1" }],
        queryName: "조선대성은행",
        decision: "confirmed",
        note: "same bank on the SDN list",
      });
      expect(all.statusCode).toBe(201);
      expect(all.json().ids).toHaveLength(1);
      const done = await screen();
      expect(done.matches).toEqual([]);
      expect(done.decided[0].decision).toMatchObject({ decision: "confirmed", userId: expect.any(String) });
      expect(done.decided[0].decision.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    });

    it("refuses a decision naming both one entry and entries, or neither", async () => {
      const base = { queryName: "x", decision: "confirmed", note: "n" };
      expect((await post("/v1/screening-decisions", base)).statusCode).toBe(400);
      const both = await post("/v1/screening-decisions", {
        ...base,
        entityId: "un:KPe.010",
        entityVersion: "sha256:v1",
        entries: [{ entityId: "sdn:10", entityVersion: "sha256:sdn1" }],
      });
      expect(both.statusCode).toBe(400);
    });

    it("refuses empty, legal-form-only and unknown-list requests with the field named", async () => {
      for (const [body, path] of [
        [{ parties: [{ name: "" }] }, "$.parties[0].name"],
        [{ parties: [{ name: "Co., Ltd." }] }, "$.parties[0].name"],
        [{ parties: [{ name: "TRADING CO LTD" }] }, "$.parties[0].name"],
        [{ parties: [{ name: "Kim" }], lists: ["xyz"] }, "$.lists[0]"],
        [{ parties: [{ name: "Kim", country: "ZZ" }] }, "country"],
      ] as const) {
        const r = await post("/v1/screenings", body);
        expect(r.statusCode, JSON.stringify(body)).toBe(400);
        expect(r.body).toContain(path);
      }
    });
  });
