// Proposed changes through the API: built and validated without saving, saved per organisation (audited),
// listed and read back; every problem named by its field, nothing saved on bad input; other organisations see
// nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, jsonCaller, makeWorld, type World } from "./harness.ts";

const demo = {
  regime: "JP",
  title: "Korea leaves Group A (別表第三) on 2019-08-28 and joins Group B",
  effective: "2019-08-28",
  statusQuo: "2019-08-27",
  sources: [{ provision: "輸出貿易管理令の一部を改正する政令 (令和元年政令第71号)" }],
  steps: [
    { kind: "leave-group", country: "KR", group: "A", on: "2019-08-28" },
    { kind: "join-group", countries: ["KR"], group: "B", from: "2019-08-28" },
  ],
};

for (const backend of backends)
  describe(`proposed changes (${backend.name})`, () => {
    let w: World;
    beforeAll(async () => {
      w = await makeWorld(backend, { rateLimit: false });
    }, 60_000);
    afterAll(async () => w?.close());
    const api = jsonCaller(() => w);
    const call = (key: string, method: "GET" | "POST", url: string, body?: unknown) =>
      api(method, url, key, body);

    it("builds a change as a validated overlay, saves it for the organisation and reads it back", async () => {
      const built = await call(w.keys.exporter, "POST", "/v1/overlays/build", demo);
      expect(built.statusCode).toBe(200);
      expect(built.json().yaml).toMatch(/list: jp-appended-table-3\n\s+country: KR\n\s+on: 2019-08-28/);
      expect(built.json().summary.changes).toHaveLength(2);
      expect((await call(w.keys.exporter, "GET", "/v1/overlays")).json().items).toEqual([]);

      const saved = await call(w.keys.exporter, "POST", "/v1/overlays", demo);
      expect(saved.statusCode).toBe(201);
      const { id } = saved.json();
      expect(saved.json()).toMatchObject({ regime: "JP", effective: "2019-08-28", yaml: built.json().yaml });
      const list = (await call(w.keys.exporter, "GET", "/v1/overlays")).json().items;
      expect(list.map((o: { id: string }) => o.id)).toEqual([id]);
      expect((await call(w.keys.exporter, "GET", `/v1/overlays/${id}`)).json().spec).toMatchObject({
        steps: demo.steps,
      });
      // scoped to the organisation
      expect((await call(w.keys.otherOrg, "GET", `/v1/overlays/${id}`)).statusCode).toBe(404);
      expect((await call(w.keys.otherOrg, "GET", "/v1/overlays")).json().items).toEqual([]);
      // audited
      const audit = (await call(w.keys.admin, "GET", "/v1/audit?limit=20")).json();
      expect(JSON.stringify(audit)).toContain("overlay.create");
    });

    it("bad input: every problem by its field, the overlay's line for the loader's, and nothing saved", async () => {
      const before = (await call(w.keys.exporter, "GET", "/v1/overlays")).json().items.length;
      const shape = await call(w.keys.exporter, "POST", "/v1/overlays", {
        ...demo,
        effective: "2019-02-30",
        extra: true,
        steps: [{ kind: "leave-group", country: "KR", group: "A" }],
      });
      expect(shape.statusCode).toBe(400);
      const paths = (shape.json().errors as { path: string }[]).map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(["effective", "steps[0].on"]));
      expect(JSON.stringify(shape.json())).toContain("extra");
      const notIn = await call(w.keys.exporter, "POST", "/v1/overlays", {
        ...demo,
        steps: [{ kind: "leave-group", country: "US", group: "B", on: "2019-08-28" }],
      });
      expect(notIn.statusCode).toBe(400);
      expect(JSON.stringify(notIn.json())).toContain("US is not in group B on 2019-08-27");
      const loader = await call(w.keys.exporter, "POST", "/v1/overlays/build", {
        ...demo,
        statusQuo: undefined,
        steps: [{ kind: "end-measure", measure: "jp-2019-07-04-kr-three-items", on: "2024-01-01" }],
      });
      expect(loader.statusCode).toBe(400);
      expect(JSON.stringify(loader.json())).toMatch(/overlay\.yaml:\d+: ends\[0\]\.on: measure/);
      expect((await call(w.keys.exporter, "GET", "/v1/overlays")).json().items).toHaveLength(before);
    });
  });
