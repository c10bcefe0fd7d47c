// One shipment through the API, the CLI, application submit and recheck: the same decisions and the same
// verdict from each (the check service is the one flow), with the parties screened against the same lists —
// a restricted-party list and Japan's End User List, imported from the fixtures into one data directory.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";
import type { Io } from "../../src/cli/io.ts";
import { saveList } from "../../src/lists/store.ts";
import { screeningFromHome } from "../../src/lists/screening.ts";
import { importList } from "../../src/screen/formats/index.ts";
import { auth, backends, makeWorld, type World } from "../server/harness.ts";

const fixture = (p: string) => fileURLToPath(new URL(`../fixtures/lists/${p}`, import.meta.url));
async function importInto(home: string, format: string, path: string, listId?: string) {
  const text = readFileSync(path, "utf8");
  const r = await importList(format, { main: text }, listId ? { listId } : {});
  saveList(home, r, {
    files: [
      { name: path.split("/").pop()!, size: text.length, modified: statSync(path).mtime.toISOString() },
    ] as never,
  });
}

/** JP → CN, an IC-making machine part (non-listed, HS 8486) and a small-value row-6 item, three parties. */
const shipment = {
  regime: "JP",
  date: "2024-05-01",
  destination: "CN",
  consignee: { name: "Shanghai Harmless Trading Co., Ltd.", country: "CN" },
  endUser: { name: "Example Aerospace Precision Institute", country: "CN" },
  purchaser: { name: "Zhongxing Example Restricted Technologies Co., Ltd.", country: "CN" },
  items: [
    {
      id: "1",
      description: "wafer handling parts",
      hsCode: "848690",
      quantity: 10,
      unit: "pcs",
      value: 2_000_000,
      currency: "JPY",
    },
    {
      id: "2",
      description: "machine tool part",
      controlNumber: "6",
      quantity: 1,
      unit: "pcs",
      value: 800_000,
      currency: "JPY",
    },
  ],
};

/** The same shipment as an application (its lines and parties; the purchaser is not part of an application). */
const application = {
  regime: "JP",
  licenceType: "individual",
  destination: "CN",
  shipmentDate: "2024-05-01",
  consignee: shipment.consignee,
  endUser: shipment.endUser,
  endUseStatement: "spare parts",
  lines: shipment.items.map(({ id: _id, ...l }) => ({ controlNumber: null, ...l })),
};

const gist = (r: {
  decisions: {
    id: string;
    outcome: string;
    basis: string | null;
    licenceOptions: string[];
    exemptions: string[];
  }[];
  verdict?: { status: string };
}) => ({
  decisions: r.decisions.map((d) => ({
    id: d.id,
    outcome: d.outcome,
    basis: d.basis,
    options: d.licenceOptions,
    exemptions: d.exemptions,
  })),
  verdict: r.verdict?.status,
});

for (const backend of backends) {
  describe(`the same answer from every entry point (${backend.name})`, () => {
    let w: World;
    let home: string;
    const call = (method: "GET" | "POST", url: string, body?: unknown, key = w.keys.exporter) =>
      w.app.inject({
        method,
        url,
        headers: { ...auth(key), ...(body === undefined ? {} : { "content-type": "application/json" }) },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });

    beforeAll(async () => {
      home = mkdtempSync(join(tmpdir(), "tradectl-same-answer-"));
      await importInto(home, "jp-eul", fixture("jp-eul/end-user-list-en.csv"));
      await importInto(home, "csv", fixture("restricted/parties.csv"), "restricted");
      w = await makeWorld(backend, { rateLimit: false }, screeningFromHome(home));
    }, 120_000);
    afterAll(async () => {
      await w?.close();
      rmSync(home, { recursive: true, force: true });
    });

    it("API, CLI, application submit and recheck agree on the decisions and the verdict", async () => {
      // API
      const api = (await call("POST", "/v1/checks", shipment)).json();
      expect(api.verdict.status).toBe("hold");
      // The end user is on METI's End User List: the catch-all's end-user limb, cited in the trace.
      expect(api.decisions[0].outcome).toBe("licence-required");
      expect(api.decisions[0].trace[0]).toMatchObject({
        kind: "end-user-list",
        rule: "end-user-list:jp-eul",
      });
      expect(api.decisions[0].trace[0].result).toContain("entry No. 2");
      // The listing rests on a match by name: a caveat says so and how to clear it.
      expect(api.decisions[0].caveats.map((c: { fact: string }) => c.fact)).toContain("end-user-list:jp-eul");
      // The purchaser matches the restricted list: held for a human decision.
      const purchaser = api.verdict.screening.parties.find((p: { role: string }) => p.role === "purchaser");
      expect(purchaser.matches[0]).toMatchObject({ list: "restricted", sourceId: "R-1" });
      // The end user's listing is a catch-all trigger (イ): it bars the small-value exemption of line 2.
      expect(api.decisions[1]).toMatchObject({ outcome: "licence-required", exemptions: [] });
      expect(api.decisions[1].trace.map((t: { rule: string }) => t.rule)).toContain("end-user-list:jp-eul");

      // CLI, deciding locally with the lists of the same data directory.
      let out = "";
      const io: Io = {
        stdout: (s) => (out += s),
        stderr: () => undefined,
        stdin: () => JSON.stringify(shipment),
      };
      const before = process.env.TRADECTL_HOME;
      process.env.TRADECTL_HOME = home;
      try {
        expect(await run(["check", "-", "--json"], io)).toBe(0);
      } finally {
        if (before === undefined) delete process.env.TRADECTL_HOME;
        else process.env.TRADECTL_HOME = before;
      }
      const local = JSON.parse(out);
      expect(gist(local)).toEqual(gist(api));

      // Application submit: the determination attached is the same answer (no purchaser in an application,
      // so its verdict is licence-required: the end user's list match applies to the lines).
      const app = (await call("POST", "/v1/applications", application)).json();
      const submitted = (await call("POST", `/v1/applications/${app.id}/submit`, {})).json();
      expect(submitted.status).toBe("submitted");
      const seen = (await call("GET", `/v1/applications/${app.id}`)).json();
      const withoutPurchaser = (
        await call("POST", "/v1/checks", { ...shipment, purchaser: undefined })
      ).json();
      expect(gist(seen.decision)).toEqual(gist(withoutPurchaser));
      expect(seen.decision.verdict.status).toBe("licence-required");

      // Recheck: nothing changed (values, currencies and parties are kept by the one mapping).
      const job = (await call("POST", "/v1/recheck", {})).json();
      let j: { status: string; result?: { changed: unknown[]; checks: number; applications: number } } = {
        status: "",
      };
      for (let i = 0; i < 300 && j.status !== "done" && j.status !== "failed"; i++) {
        await new Promise((r) => setTimeout(r, 100));
        j = (await call("GET", `/v1/jobs/${job.id}`)).json();
      }
      expect(j.status).toBe("done");
      expect(j.result!.checks).toBeGreaterThanOrEqual(2);
      expect(j.result!.applications).toBe(1);
      expect(j.result!.changed).toEqual([]);
    });

    it("a false-positive decision clears the hold for that party name and entry version only", async () => {
      const first = (await call("POST", "/v1/checks", shipment)).json();
      const m = first.verdict.screening.parties.find((p: { role: string }) => p.role === "purchaser")
        .matches[0];
      const d = await call("POST", "/v1/screening-decisions", {
        entityId: m.entityId,
        entityVersion: m.entityVersion,
        queryName: shipment.purchaser.name,
        decision: "false-positive",
        note: "a different company (registration checked)",
      });
      expect(d.statusCode).toBeLessThan(300);
      const again = (await call("POST", "/v1/checks", shipment)).json();
      expect(again.verdict.status).toBe("licence-required");
      const p = again.verdict.screening.parties.find((x: { role: string }) => x.role === "purchaser");
      expect(p.matches[0].decision).toMatchObject({
        decision: "false-positive",
        note: "a different company (registration checked)",
      });
      // Another spelling of the party is not covered by that decision.
      const other = (
        await call("POST", "/v1/checks", {
          ...shipment,
          purchaser: { name: "Zhongxing Example Restricted Technologies", country: "CN" },
        })
      ).json();
      expect(other.verdict.status).toBe("hold");
    });

    it("documents the check's answer with a real schema: outcomes, trace steps and the verdict", async () => {
      const doc = (await w.app.inject({ method: "GET", url: "/openapi.json" })).json();
      const text = JSON.stringify(doc.paths["/v1/checks"].post.responses["200"]);
      for (const word of [
        "undetermined",
        "end-user-list",
        "hold",
        "intermediateConsignee",
        "missing",
        "quote",
      ])
        expect(text).toContain(word);
    });

    it("bad parties and dates are 400s naming the field, on every path, and nothing is recorded", async () => {
      const before = (await call("GET", "/v1/checks?limit=500")).json().items.length;
      const noName = await call("POST", "/v1/checks", { ...shipment, endUser: { country: "CN" } });
      expect(noName.statusCode).toBe(400);
      expect(JSON.stringify(noName.json())).toContain("$.endUser.name");
      const blank = await call("POST", "/v1/checks", { ...shipment, purchaser: { name: "  " } });
      expect(blank.statusCode).toBe(400);
      const early = await call("POST", "/v1/checks", { ...shipment, date: "2010-01-01" });
      expect(early.statusCode).toBe(400);
      expect(JSON.stringify(early.json())).toContain("$.date");
      expect((await call("GET", "/v1/checks?limit=500")).json().items.length).toBe(before);
      // An application dated before the pack's first date: a 400 on submit, not a 500.
      const a = (
        await call("POST", "/v1/applications", { ...application, shipmentDate: "2010-01-01" })
      ).json();
      const s = await call("POST", `/v1/applications/${a.id}/submit`, {});
      expect(s.statusCode).toBe(400);
      expect(JSON.stringify(s.json())).toContain("$.shipmentDate");
    });
  });

  describe(`a held check is released by an officer or admin, with a reason, audited (${backend.name})`, () => {
    let w: World;
    let home2: string;
    beforeAll(async () => {
      home2 = mkdtempSync(join(tmpdir(), "tradectl-release-"));
      const text = readFileSync(fixture("restricted/parties.csv"), "utf8");
      const r = await importList("csv", { main: text }, { listId: "restricted" });
      saveList(home2, r, {
        files: [{ name: "parties.csv", size: text.length, modified: "2026-01-01T00:00:00Z" }] as never,
      });
      w = await makeWorld(backend, { rateLimit: false }, screeningFromHome(home2));
    }, 120_000);
    afterAll(async () => {
      await w?.close();
      rmSync(home2, { recursive: true, force: true });
    });
    const call = (method: "GET" | "POST", url: string, key: string, body?: unknown) =>
      w.app.inject({
        method,
        url,
        headers: { ...auth(key), ...(body === undefined ? {} : { "content-type": "application/json" }) },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });

    it("refuses the exporter, releases for the admin once, and records it in the audit log", async () => {
      const held = (await call("POST", "/v1/checks", w.keys.exporter, shipment)).json();
      expect(held.verdict.status).toBe("hold");
      const byExporter = await call("POST", `/v1/checks/${held.id}/release`, w.keys.exporter, {
        reason: "mine",
      });
      expect(byExporter.statusCode).toBe(403);
      const noReason = await call("POST", `/v1/checks/${held.id}/release`, w.keys.admin, {});
      expect(noReason.statusCode).toBe(400);
      const ok = await call("POST", `/v1/checks/${held.id}/release`, w.keys.admin, {
        reason: "purchaser is a different company: registration number checked",
      });
      expect(ok.statusCode).toBe(200);
      const again = await call("POST", `/v1/checks/${held.id}/release`, w.keys.admin, { reason: "twice" });
      expect(again.statusCode).toBe(409);
      const seen = (await call("GET", `/v1/checks/${held.id}`, w.keys.exporter)).json();
      expect(seen.release).toMatchObject({
        reason: "purchaser is a different company: registration number checked",
      });
      const audit = (await call("GET", "/v1/audit?limit=500", w.keys.admin)).json();
      const items = (audit.items ?? audit.entries ?? []) as { action: string; objectId: string }[];
      expect(items.some((e) => e.action === "check.release" && e.objectId === held.id)).toBe(true);
      // A check that is not held cannot be released.
      const clear = (
        await call("POST", "/v1/checks", w.keys.exporter, {
          ...shipment,
          purchaser: undefined,
          endUser: undefined,
        })
      ).json();
      expect(
        (await call("POST", `/v1/checks/${clear.id}/release`, w.keys.admin, { reason: "n/a" })).statusCode,
      ).toBe(409);
    });
  });
}
