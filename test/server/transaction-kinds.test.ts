// Technology transfers, brokering and transit through the API: answered by the packs' transaction rules,
// recorded and read back like goods checks, in the reader's language; a kind without its facts is a 400 naming
// the field; and the regimes endpoint tells the UI which kinds and recipient categories a pack knows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auth, backends, jsonCaller, makeWorld, type World } from "./harness.ts";

for (const backend of backends)
  describe(`transaction kinds (${backend.name})`, () => {
    let w: World;
    beforeAll(async () => {
      w = await makeWorld(backend, { rateLimit: false });
    }, 60_000);
    afterAll(async () => w?.close());
    const api = jsonCaller(() => w);

    it("decides and records a technology transfer, a transit and a brokering", async () => {
      const tech = await api("POST", "/v1/checks", w.keys.exporter, {
        regime: "KR",
        kind: "technology",
        date: "2025-03-01",
        destination: "US",
        technology: { recipient: "foreign-national", place: "abroad", means: "email" },
        items: [{ controlNumber: "3E001" }],
      });
      expect(tech.statusCode).toBe(200);
      const d = tech.json().decisions[0];
      expect(d).toMatchObject({
        outcome: "licence-required",
        basis: "transaction",
        licenceOptions: ["individual"],
      });
      expect(d.trace.map((s: { rule: string }) => s.rule)).toContain("kr-technology-transfer");
      const recorded = await api("GET", `/v1/checks/${tech.json().id}`, w.keys.exporter);
      expect(recorded.statusCode).toBe(200);
      expect(JSON.stringify(recorded.json())).toContain("kr-technology-transfer");

      const transit = await w.app.inject({
        method: "POST",
        url: "/v1/checks",
        headers: { ...auth(w.keys.exporter), "content-type": "application/json", "accept-language": "ko" },
        payload: JSON.stringify({
          regime: "KR",
          kind: "transit",
          date: "2025-03-01",
          transit: { origin: "CN", finalDestination: "IR" },
          endUse: { wmd: "suspected" },
          items: [{ hsCode: "847989" }],
        }),
      });
      expect(transit.statusCode).toBe(200);
      expect(transit.json()).toMatchObject({ destination: "IR" });
      expect(transit.json().decisions[0].licenceOptions).toEqual(["transit"]);
      expect(
        transit
          .json()
          .decisions[0].trace.map((s: { result: string }) => s.result)
          .join(" "),
      ).toContain("경유 또는 환적허가");

      const broker = await api("POST", "/v1/checks", w.keys.exporter, {
        regime: "JP",
        kind: "brokering",
        date: "2025-03-01",
        brokering: { origin: "US", destination: "AE" },
        items: [{ controlNumber: "3A001.a.1" }],
      });
      expect(broker.statusCode).toBe(200);
      expect(broker.json().decisions[0]).toMatchObject({ outcome: "undetermined" });
      expect(broker.json().decisions[0].missing.join(" ")).toContain("Art. 17(3)");
    });

    it("bad input: a kind without its facts, or facts of another kind, is a 400 naming the field", async () => {
      const r = await api("POST", "/v1/checks", w.keys.exporter, {
        regime: "KR",
        kind: "transit",
        date: "2025-03-01",
        transit: { origin: "CN" },
        items: [{ hsCode: "847989" }],
      });
      expect(r.statusCode).toBe(400);
      expect(JSON.stringify(r.json())).toContain("$.transit.finalDestination");
      const t = await api("POST", "/v1/checks", w.keys.exporter, {
        regime: "JP",
        kind: "technology",
        date: "2025-03-01",
        destination: "CN",
        items: [{ controlNumber: "3E001" }],
      });
      expect(t.statusCode).toBe(400);
      expect(JSON.stringify(t.json())).toContain("$.technology");
    });

    it("applies for a brokering permit: the application carries its kind, is checked as a brokering, and only a brokering permit fits", async () => {
      const application = {
        regime: "KR",
        licenceType: "brokering",
        kind: "brokering",
        brokering: { origin: "CN", destination: "IR", exportLicence: false },
        destination: "IR",
        shipmentDate: "2025-03-01",
        consignee: { name: "Tehran Trading", country: "IR" },
        endUser: { name: "Tehran Trading", country: "IR" },
        endUseStatement: "integrated circuits sold from China to Iran, arranged from Seoul",
        lines: [
          {
            controlNumber: "3A001.a.1",
            description: "radiation-hardened ICs",
            quantity: 10,
            unit: "pc",
            value: 1000,
            currency: "KRW",
          },
        ],
      };
      const made = await api("POST", "/v1/applications", w.keys.exporter, application);
      expect(made.statusCode).toBe(201);
      const id = made.json().id;
      const submitted = await api("POST", `/v1/applications/${id}/submit`, w.keys.exporter, {});
      expect(submitted.statusCode).toBe(200);
      const got = (await api("GET", `/v1/applications/${id}`, w.keys.exporter)).json();
      expect(got.content).toMatchObject({ kind: "brokering", brokering: { origin: "CN" } });
      // the brokering permit's review period (Decree Art. 33-3(2)): 15 days
      expect(got.dueDate).toBeTruthy();

      const wrong = await api("POST", "/v1/applications", w.keys.exporter, {
        ...application,
        licenceType: "individual",
      });
      expect(wrong.statusCode).toBe(400);
      expect(JSON.stringify(wrong.json())).toContain("not a permit for a brokering transaction");
    });

    it("names the kinds and the recipient categories of each pack", async () => {
      const r = (await api("GET", "/v1/regimes", w.keys.exporter)).json();
      const jp = r.regimes.find((x: { id: string }) => x.id === "JP");
      expect(jp.kinds).toEqual(["goods", "technology", "brokering", "transit"]);
      expect(jp.recipients.map((x: { id: string }) => x.id)).toEqual([
        "non-resident",
        "resident",
        "resident-specified",
      ]);
      expect(jp.recipients[0].label.ko).toBeTruthy();
    });
  });
