/** Impact runs and re-checks as background jobs: status, progress, result and the offline HTML report. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auth, backends, hf, makeWorld, type World } from "./harness.ts";

const demo = (f: string) =>
  readFileSync(fileURLToPath(new URL(`../../examples/demo/${f}`, import.meta.url)), "utf8");

describe("jobs (PGlite)", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(backends[0]!);
  }, 60_000);
  afterAll(async () => w?.close());
  const call = (method: "GET" | "POST", url: string, body?: unknown) =>
    w.app.inject({
      method,
      url,
      headers: {
        ...auth(w.keys.exporter),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  const finished = async (id: string) => {
    for (let i = 0; i < 300; i++) {
      const j = (await call("GET", `/v1/jobs/${id}`)).json();
      if (j.status === "done" || j.status === "failed") return j;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("job did not finish");
  };

  it("runs the demo year under 'Korea leaves Group A on 2019-08-28' and serves the report", async () => {
    const r = await call("POST", "/v1/impact", {
      shipments: demo("jp-kr-2019-shipments.csv"),
      overlay: demo("kr-leaves-group-a-2019-08-28.yaml"),
    });
    expect(r.statusCode).toBe(202);
    const j = await finished(r.json().id);
    expect(j.status).toBe("done");
    expect(j.progress).toBe(1);
    expect(j.result.totals.changed).toBeGreaterThan(0);
    const html = await call("GET", j.report);
    expect(html.headers["content-type"]).toContain("text/html");
    expect(html.body).toContain("<svg");
  }, 60_000);

  it("reports a bad overlay as a failed job with the reason", async () => {
    const r = await call("POST", "/v1/impact", {
      shipments: demo("jp-kr-2019-shipments.csv"),
      overlay: "overlay:\n  regime: JP\n  bogus: 1\n",
    });
    const j = await finished(r.json().id);
    expect(j.status).toBe("failed");
    expect(j.error).toMatch(/overlay|unknown|required/i);
    expect((await call("POST", "/v1/impact", { shipments: "x" })).statusCode).toBe(400);
  });

  it("runs a change against the organisation's own recorded checks, with the same report", async () => {
    const check = (date: string, item: Record<string, unknown>, endUse?: Record<string, unknown>) =>
      call("POST", "/v1/checks", {
        regime: "JP",
        date,
        destination: "KR",
        ...(endUse ? { endUse } : {}),
        items: [{ id: "1", currency: "JPY", ...item }],
      });
    expect(
      (await check("2019-09-02", { controlNumber: "2B001", hsCode: "845710", value: 20_000_000 })).statusCode,
    ).toBe(200);
    expect(
      (await check("2019-09-02", { hsCode: "848180", value: 1_714_000 }, { informed: ["wmd"] })).statusCode,
    ).toBe(200);
    // another organisation's records are not read
    await w.app.inject({
      method: "POST",
      url: "/v1/checks",
      headers: { ...auth(w.keys.otherOrg), "content-type": "application/json" },
      payload: JSON.stringify({
        ...hf,
        date: "2019-09-03",
        items: [{ ...hf.items[0], controlNumber: "3A001" }],
      }),
    });
    expect(
      (
        await call("POST", "/v1/impact", {
          records: true,
          shipments: "x",
          overlay: demo("kr-leaves-group-a-2019-08-28.yaml"),
        })
      ).statusCode,
    ).toBe(400);
    const r = await call("POST", "/v1/impact", {
      records: true,
      overlay: demo("kr-leaves-group-a-2019-08-28.yaml"),
    });
    expect(r.statusCode).toBe(202);
    const j = await finished(r.json().id);
    expect(j.status).toBe("done");
    expect(j.params.licences).toBe(true);
    expect(j.result.meta.input).toMatch(
      /^your organisation's records: \d+ recorded checks? and \d+ open applications? of JP/,
    );
    expect(
      j.result.changedLines.every((l: { id: string }) => /^(check|application) [0-9a-f-]{36}#/.test(l.id)),
    ).toBe(true);
    expect(j.result.changedLines.some((l: { item: string }) => l.item === "3A001")).toBe(false);
    expect(j.result.effects.map((e: { text: string }) => e.text)).toEqual([
      "newly need an individual licence (catch-all)",
      "lost general bulk (resting on an unverified fact: jp-gb-group-a-matrix)",
    ]);
    expect((await call("GET", j.report)).body).toContain("Input: your organisation's records");
  }, 60_000);

  it("re-checks recorded checks and open applications under the policy now loaded", async () => {
    await call("POST", "/v1/checks", hf);
    const r = await call("POST", "/v1/recheck");
    expect(r.statusCode).toBe(202);
    const j = await finished(r.json().id);
    expect(j.status).toBe("done");
    expect(j.result.checks).toBeGreaterThan(0);
    expect(j.result.changed).toEqual([]); // same policy: nothing changes
    // A check recorded under an earlier law (simulated: its stored basis differs) is reported as changed.
    await w.database.raw(
      `update checks set result = replace(result::text, '"special-measure"', '"listed"')::json`,
      [],
    );
    const again = await finished((await call("POST", "/v1/recheck")).json().id);
    expect(again.result.changed.length).toBeGreaterThan(0);
    expect(again.result.changed[0]).toMatchObject({
      kind: "check",
      after: { decisions: [{ basis: "special-measure" }] },
    });
    expect(
      (await w.app.inject({ method: "GET", url: `/v1/jobs/${r.json().id}`, headers: auth(w.keys.otherOrg) }))
        .statusCode,
    ).toBe(404);
  });
});
