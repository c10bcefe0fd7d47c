// No secret or hash reaches a log: a database error is logged by its class, code and the database's own
// message, never the statement's parameters; and two approvals issuing one licence number at once are one
// success and one 409, nothing logged as a fault. On both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loggable } from "../../src/server/problem.ts";
import { auth, backends, makeWorld, type World } from "../server/harness.ts";

describe("what is logged of an error", () => {
  it("keeps a query's parameters (a password hash) out", () => {
    const hash = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2g";
    const err = Object.assign(
      new Error(`Failed query: insert into "users" (...) values ($1, $2)\nparams: a@b.c,${hash}`),
      {
        cause: Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), {
          code: "23505",
        }),
      },
    );
    const logged = JSON.stringify(loggable(err));
    expect(logged).not.toContain(hash);
    expect(logged).not.toContain("params");
    expect(logged).toContain("23505");
  });
});

const application = {
  regime: "JP",
  licenceType: "individual",
  destination: "KR",
  shipmentDate: "2019-08-01",
  consignee: { name: "Korea Chip Co.", country: "KR" },
  endUser: { name: "Korea Chip Co.", country: "KR" },
  endUseStatement: "etching",
  lines: [
    { controlNumber: "1C350", description: "HF", quantity: 10, unit: "kg", value: 1000, currency: "JPY" },
  ],
};

for (const backend of backends)
  describe(`two approvals with one licence number (${backend.name})`, () => {
    let w: World;
    beforeAll(async () => {
      w = await makeWorld(backend);
    }, 60_000);
    afterAll(async () => w?.close());
    const call = (url: string, key: string, body: unknown = {}) =>
      w.app.inject({
        method: "POST",
        url,
        headers: { ...auth(key), "content-type": "application/json" },
        payload: JSON.stringify(body),
      });

    it("issues it once and answers the other with 409", async () => {
      const ids: string[] = [];
      for (let i = 0; i < 2; i++) {
        const id = (await call("/v1/applications", w.keys.exporter, application)).json().id;
        await call(`/v1/applications/${id}/submit`, w.keys.exporter);
        await call(`/v1/applications/${id}/review`, w.keys.officer);
        ids.push(id);
      }
      const terms = { number: "METI-2019-777", validFrom: "2019-08-01", validUntil: "2020-01-31" };
      const both = await Promise.all(
        ids.map((id) => call(`/v1/applications/${id}/approve`, w.keys.officer, terms)),
      );
      expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(both.find((r) => r.statusCode === 409)!.json().detail).toMatch(
        /METI-2019-777|licence with this number/,
      );
    });
  });
