/** Applications, licences, the usage ledger and the audit chain, through the API, on PGlite and PostgreSQL. */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../src/store/index.ts";
import { backends, hfApplication, jsonCaller, makeWorld, type World } from "./harness.ts";

const application = { ...hfApplication, documents: [{ name: "contract.pdf", kind: "contract" }] };

const licence = {
  regime: "JP",
  type: "special-general-bulk",
  number: "SGB-2023-0001",
  holder: "Exporter K.K.",
  destinations: ["KR", "US"],
  permittedParties: ["Korea Chip Co."],
  lines: [
    {
      controlNumber: "3C002.a.1",
      description: "ArF resist",
      quantityLimit: 100,
      valueLimit: 100_000_000,
      unit: "kg",
      currency: "JPY",
    },
  ],
  validFrom: "2023-07-21",
  validUntil: "2027-07-20",
};

const use = (n = 1) => ({
  line: 1,
  quantity: n,
  value: 1000 * n,
  shipmentRef: `INV-${Math.random()}`,
  shipmentDate: "2024-01-10",
  destination: "KR",
  party: "Korea Chip Co.",
});

for (const backend of backends) {
  describe(`permits on ${backend.name}`, () => {
    let w: World;
    beforeAll(async () => {
      w = await makeWorld(backend);
    }, 60_000);
    afterAll(async () => w?.close());
    const call = jsonCaller(() => w);

    it("runs the workflow: draft, submit (decision and due date attached), review, changes, approve → licence", async () => {
      const created = await call("POST", "/v1/applications", w.keys.exporter, application);
      expect(created.statusCode).toBe(201);
      const id = created.json().id;
      expect((await call("POST", `/v1/applications/${id}/submit`, w.keys.exporter, {})).json().status).toBe(
        "submitted",
      );
      const queue = (await call("GET", "/v1/applications", w.keys.officer)).json().items;
      expect(queue.some((a: { id: string }) => a.id === id)).toBe(true);
      expect(
        (await call("GET", "/v1/applications", w.keys.krOfficer))
          .json()
          .items.some((a: { id: string }) => a.id === id),
      ).toBe(false);
      const seen = (await call("GET", `/v1/applications/${id}`, w.keys.officer)).json();
      expect(seen.decision.decisions[0]).toMatchObject({
        outcome: "licence-required",
        basis: "special-measure",
      });
      // The verdict of the check service: the end user matches a list entry, so the application is held.
      expect(seen.screening.status).toBe("hold");
      expect(seen.decision.verdict.status).toBe("hold");
      expect(seen.screening.screening.status).toBe("screened");
      const endUser = seen.screening.screening.parties.find((p: { role: string }) => p.role === "endUser");
      expect(endUser.matches[0]).toMatchObject({ entityId: "csv:T-1", matchedName: "KOREA CHIP CO" });
      expect((await call("POST", `/v1/applications/${id}/review`, w.keys.officer, {})).json().status).toBe(
        "under-review",
      );
      expect(
        (
          await call("POST", `/v1/applications/${id}/request-changes`, w.keys.officer, {
            note: "add the end-user statement",
          })
        ).json().status,
      ).toBe("returned-for-changes");
      const upd = await call("POST", `/v1/applications/${id}/update`, w.keys.exporter, {
        content: { ...application, endUseStatement: "etching; signed statement attached" },
      });
      expect(upd.statusCode).toBe(200);
      await call("POST", `/v1/applications/${id}/submit`, w.keys.exporter, {});
      await call("POST", `/v1/applications/${id}/review`, w.keys.officer, {});
      const ok = await call("POST", `/v1/applications/${id}/approve`, w.keys.officer, {
        number: "IND-2019-0042",
        validFrom: "2019-08-07",
        validUntil: "2020-02-06",
        conditions: "one shipment",
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ status: "approved" });
      const lic = (await call("GET", `/v1/licences/${ok.json().licenceId}`, w.keys.exporter)).json();
      expect(lic).toMatchObject({
        number: "IND-2019-0042",
        type: "individual",
        validFrom: "2019-08-07",
        destinations: ["KR"],
      });
      expect(lic.balances[0]).toMatchObject({ remainingQuantity: 1000 });
      const history = (await call("GET", `/v1/applications/${id}`, w.keys.exporter))
        .json()
        .events.map((e: { action: string }) => e.action);
      expect(history).toEqual([
        "create",
        "submit",
        "review",
        "request-changes",
        "update",
        "submit",
        "review",
        "approve",
      ]);
    });

    it("defaults a licence's validity from the pack and refuses a longer one without an audited reason", async () => {
      const reviewed = async () => {
        const id = (await call("POST", "/v1/applications", w.keys.exporter, application)).json().id;
        await call("POST", `/v1/applications/${id}/submit`, w.keys.exporter, {});
        await call("POST", `/v1/applications/${id}/review`, w.keys.officer, {});
        return id as string;
      };
      // Japan's individual licence: 6 months (Export Trade Control Order Art. 8(1)); three years is refused.
      const id = await reviewed();
      const long = await call("POST", `/v1/applications/${id}/approve`, w.keys.officer, {
        number: "IND-LONG-1",
        validFrom: "2019-08-07",
        validUntil: "2022-08-06",
      });
      expect(long.statusCode).toBe(400);
      const problem = long.json().errors.find((e: { path: string }) => e.path === "$.validUntil");
      expect(problem.message).toContain("6 months");
      expect(problem.message).toContain("at most 2020-02-07");
      expect((await call("GET", `/v1/applications/${id}`, w.keys.officer)).json().status).toBe(
        "under-review",
      );
      // A reason too short is bad input too; nothing saved.
      const short = await call("POST", `/v1/applications/${id}/approve`, w.keys.officer, {
        number: "IND-LONG-1",
        validFrom: "2019-08-07",
        validUntil: "2022-08-06",
        validityOverride: { reason: "ok" },
      });
      expect(short.statusCode).toBe(400);
      expect((await call("GET", `/v1/applications/${id}`, w.keys.officer)).json().status).toBe(
        "under-review",
      );
      // With a reason: approved as asked, the override kept with the approval and in the audit log.
      const reason = "METI set a longer validity by its letter of 2019-08-01 (ref. 123)";
      const over = await call("POST", `/v1/applications/${id}/approve`, w.keys.officer, {
        number: "IND-LONG-1",
        validFrom: "2019-08-07",
        validUntil: "2022-08-06",
        validityOverride: { reason },
      });
      expect(over.statusCode).toBe(200);
      const lic = (await call("GET", `/v1/licences/${over.json().licenceId}`, w.keys.exporter)).json();
      expect(lic.validUntil).toBe("2022-08-06");
      const audit = (await call("GET", "/v1/audit?limit=50", w.keys.auditor)).json().items;
      const entry = audit.find(
        (e: { action: string; objectId: string }) => e.action === "application.approve" && e.objectId === id,
      );
      expect(entry.payload.validityOverride).toEqual({
        reason,
        packMonths: 6,
        packUntil: "2020-02-07",
        validUntil: "2022-08-06",
      });
      // No validUntil: the pack's validity.
      const id2 = await reviewed();
      const def = await call("POST", `/v1/applications/${id2}/approve`, w.keys.officer, {
        number: "IND-DEFAULT-1",
        validFrom: "2019-08-31",
      });
      expect(def.statusCode).toBe(200);
      const lic2 = (await call("GET", `/v1/licences/${def.json().licenceId}`, w.keys.exporter)).json();
      expect(lic2.validUntil).toBe("2020-02-29");
    });

    it("sets the due date from the regime's review period (Korea: 5 days for 가, 15 for others)", async () => {
      const kr = {
        ...application,
        regime: "KR",
        destination: "JP",
        shipmentDate: "2023-05-01",
        lines: [{ ...application.lines[0]!, controlNumber: "3A001.a.1", currency: "USD" }],
      };
      const id = (await call("POST", "/v1/applications", w.keys.exporter, kr)).json().id;
      await call("POST", `/v1/applications/${id}/submit`, w.keys.exporter, {});
      const a = (await call("GET", `/v1/applications/${id}`, w.keys.exporter)).json();
      const days = (Date.parse(a.dueDate) - Date.parse(a.updatedAt.slice(0, 10))) / 86_400_000;
      expect(days).toBeGreaterThanOrEqual(4);
      expect(days).toBeLessThanOrEqual(6);
    });

    it("refuses transitions that the state or the role does not allow, and writes nothing", async () => {
      const id = (await call("POST", "/v1/applications", w.keys.exporter, application)).json().id;
      expect(
        (
          await call("POST", `/v1/applications/${id}/approve`, w.keys.officer, {
            number: "X",
            validFrom: "2019-08-07",
            validUntil: "2020-02-06",
          })
        ).statusCode,
      ).toBe(404); // drafts are invisible to officers
      await call("POST", `/v1/applications/${id}/submit`, w.keys.exporter, {});
      const early = await call("POST", `/v1/applications/${id}/approve`, w.keys.officer, {
        number: "X",
        validFrom: "2019-08-07",
        validUntil: "2020-02-06",
      });
      expect(early.statusCode).toBe(409);
      expect(early.json().detail).toContain("cannot approve an application that is submitted");
      expect((await call("POST", `/v1/applications/${id}/review`, w.keys.exporter, {})).statusCode).toBe(403);
      expect((await call("POST", `/v1/applications/${id}/review`, w.keys.krOfficer, {})).statusCode).toBe(
        404,
      );
      expect((await call("POST", `/v1/applications/${id}/submit`, w.keys.auditor, {})).statusCode).toBe(403);
      expect((await call("POST", `/v1/applications/${id}/deny`, w.keys.officer, {})).statusCode).toBe(400);
      expect((await call("GET", `/v1/applications/${id}`, w.keys.exporter)).json().status).toBe("submitted");
      expect(
        (
          await call("POST", "/v1/applications", w.keys.exporter, {
            ...application,
            licenceType: "golden-ticket",
          })
        ).statusCode,
      ).toBe(400);
      expect(
        (
          await call("POST", "/v1/applications", w.keys.exporter, {
            ...application,
            lines: [{ ...application.lines[0]!, quantity: -5 }],
          })
        ).statusCode,
      ).toBe(400);
    });

    it("gives the officer's queue applicant, parties, items and value; filters, searches and pages it", async () => {
      const tag = `Q${Math.random().toString(36).slice(2, 8)}`;
      const make = async (over: Record<string, unknown>, submit = true) => {
        const id = (
          await call("POST", "/v1/applications", w.keys.exporter, { ...application, ...over })
        ).json().id;
        if (submit) await call("POST", `/v1/applications/${id}/submit`, w.keys.exporter, {});
        return id as string;
      };
      const kr = await make({ consignee: { name: `Korea Chip ${tag}`, country: "KR" } });
      const us = await make({
        destination: "US",
        consignee: { name: `Acme ${tag} Semiconductor`, country: "US" },
        endUser: { name: `Acme ${tag} Semiconductor`, country: "US" },
        lines: [
          { ...application.lines[0]!, value: 100 },
          { ...application.lines[0]!, description: "ArF resist", controlNumber: "3C002.a.1", value: 250 },
        ],
      });
      const draft = await make({ consignee: { name: `Draft ${tag}`, country: "KR" } }, false);
      const list = async (key: string, q: string) => {
        const r = await call("GET", `/v1/applications?${q}`, key);
        expect(r.statusCode, r.body).toBe(200);
        return r.json() as {
          total: number;
          items: {
            id: string;
            applicant: string;
            consignee: string;
            items: unknown;
            value: unknown;
            overdue: boolean;
          }[];
        };
      };
      const mine = await list(w.keys.officer, `q=${tag}`);
      expect(mine.items.map((a) => a.id).sort()).toEqual([kr, us].sort()); // the draft is not in the queue
      expect(mine.total).toBe(2);
      const row = mine.items.find((a) => a.id === us)!;
      expect(row).toMatchObject({
        consignee: `Acme ${tag} Semiconductor`,
        items: { count: 2, first: "hydrogen fluoride", controlNumbers: ["1C350", "3C002.a.1"] },
        value: [{ currency: "JPY", amount: 350 }],
        overdue: expect.any(Boolean),
      });
      expect(row.applicant.length).toBeGreaterThan(0);
      // every word must be found: in the parties, the items or the applicant's name
      expect((await list(w.keys.officer, `q=${tag}+resist`)).items.map((a) => a.id)).toEqual([us]);
      expect((await list(w.keys.officer, `q=${encodeURIComponent(row.applicant)}+${tag}`)).total).toBe(2);
      expect((await list(w.keys.officer, `q=${tag}&destination=kr`)).items.map((a) => a.id)).toEqual([kr]);
      expect((await list(w.keys.officer, `q=${tag}&status=under-review`)).total).toBe(0);
      // a LIKE wildcard is a character to find, not a wildcard
      expect((await list(w.keys.officer, `q=${encodeURIComponent(`${tag}%`)}`)).total).toBe(0);
      const page1 = await list(w.keys.officer, `q=${tag}&limit=1`);
      const page2 = await list(w.keys.officer, `q=${tag}&limit=1&offset=1`);
      expect([page1.total, page1.items.length, page2.items.length]).toEqual([2, 1, 1]);
      expect(page1.items[0]!.id).not.toBe(page2.items[0]!.id);
      // the exporter's own list holds the draft; nobody else's holds any of them
      expect((await list(w.keys.exporter, `q=${tag}`)).items.map((a) => a.id)).toContain(draft);
      expect((await list(w.keys.otherOrg, `q=${tag}`)).total).toBe(0);
      expect((await list(w.keys.krOfficer, `q=${tag}`)).total).toBe(0);
      for (const bad of ["limit=0", "limit=1000", "offset=-1", "destination=Korea", `q=${"x".repeat(201)}`])
        expect((await call("GET", `/v1/applications?${bad}`, w.keys.officer)).statusCode).toBe(400);
    });

    it("draws down against a registered licence and refuses what it does not cover", async () => {
      const id = (await call("POST", "/v1/licences", w.keys.exporter, licence)).json().id;
      expect((await call("POST", "/v1/licences", w.keys.exporter, licence)).statusCode).toBe(409);
      const ok = await call("POST", `/v1/licences/${id}/usage`, w.keys.exporter, use(10));
      expect(ok.statusCode).toBe(201);
      const refusals: [unknown, string][] = [
        [use(91), "exceeds the balance 90"],
        [{ ...use(), shipmentDate: "2027-07-21" }, "outside the licence's validity"],
        [{ ...use(), destination: "CN" }, "does not cover destination CN"],
        [{ ...use(), party: "Someone Else" }, "does not cover party"],
        [{ ...use(), line: 2 }, "has no line 2"],
      ];
      for (const [body, reason] of refusals) {
        const r = await call("POST", `/v1/licences/${id}/usage`, w.keys.exporter, body);
        expect(r.statusCode).toBe(422);
        expect(r.json().detail).toContain(reason);
      }
      expect(
        (await call("POST", `/v1/licences/${id}/usage`, w.keys.exporter, { ...use(), quantity: "ten" }))
          .statusCode,
      ).toBe(400);
      expect(
        (await call("POST", `/v1/licences/${id}/usage`, w.keys.exporter, { ...use(), quantity: -1 }))
          .statusCode,
      ).toBe(400);
      const corr = await call("POST", `/v1/licences/${id}/corrections`, w.keys.exporter, {
        corrects: ok.json().id,
        note: "shipment cancelled",
      });
      expect(corr.statusCode).toBe(201);
      const l = (await call("GET", `/v1/licences/${id}`, w.keys.exporter)).json();
      expect(l.balances[0]).toMatchObject({ usedQuantity: 0, remainingQuantity: 100 });
      expect(l.ledger.map((e: { kind: string; quantity: number }) => [e.kind, e.quantity])).toEqual([
        ["drawdown", 10],
        ["correction", -10],
      ]);
      await call("POST", `/v1/licences/${id}/status`, w.keys.exporter, { status: "revoked" });
      const revoked = await call("POST", `/v1/licences/${id}/usage`, w.keys.exporter, use());
      expect(revoked.statusCode).toBe(422);
      expect(revoked.json().detail).toContain("revoked");
    });

    it("matches the party by its normalised name and warns when a shipment reference is drawn again elsewhere", async () => {
      const id = (
        await call("POST", "/v1/licences", w.keys.exporter, {
          ...licence,
          number: "SGB-2023-0077",
          permittedParties: ["SK Hynix Inc", "(주)삼성전자"],
          lines: [licence.lines[0]!, { ...licence.lines[0]!, controlNumber: "3C002.a.2" }],
        })
      ).json().id;
      const ref = `INV-${Math.random()}`;
      const first = await call("POST", `/v1/licences/${id}/usage`, w.keys.exporter, {
        ...use(2),
        shipmentRef: ref,
        party: "SK hynix Inc.",
      });
      expect(first.statusCode).toBe(201);
      expect(first.json().warnings).toEqual([]);
      const hangul = await call("POST", `/v1/licences/${id}/usage`, w.keys.exporter, {
        ...use(1),
        party: "삼성전자 주식회사",
      });
      expect(hangul.statusCode).toBe(201);
      const other = await call("POST", `/v1/licences/${id}/usage`, w.keys.exporter, {
        ...use(),
        party: "SK Hynix America Inc",
      });
      expect(other.statusCode).toBe(422);
      expect(other.json().detail).toContain("does not cover party");
      // the retry of the first drawdown, the party written as the licence writes it, is the same drawdown
      const retry = await call("POST", `/v1/licences/${id}/usage`, w.keys.exporter, {
        ...use(2),
        shipmentRef: ref,
        party: "SK Hynix Inc",
      });
      expect(retry.statusCode, retry.body).toBe(200);
      expect(retry.json()).toMatchObject({ id: first.json().id, replayed: true });
      // the same reference on the other line: recorded, with a warning naming the first use
      const line2 = await call("POST", `/v1/licences/${id}/usage`, w.keys.exporter, {
        ...use(3),
        line: 2,
        shipmentRef: ref,
        party: "SK Hynix Inc",
      });
      expect(line2.statusCode).toBe(201);
      expect(line2.json().warnings).toEqual([
        {
          code: "shipmentRefReused",
          uses: [
            {
              entry: first.json().id,
              licenceId: id,
              licenceNumber: "SGB-2023-0077",
              line: 1,
              shipmentDate: "2024-01-10",
              quantity: 2,
            },
          ],
        },
      ]);
      const looked = await call("GET", `/v1/usage?shipmentRef=${encodeURIComponent(ref)}`, w.keys.auditor);
      expect(looked.statusCode).toBe(200);
      expect(looked.json().uses.map((u: { line: number }) => u.line)).toEqual([1, 2]);
      // a corrected drawdown is no longer a use of the reference; another organisation sees none of them
      await call("POST", `/v1/licences/${id}/corrections`, w.keys.exporter, {
        corrects: first.json().id,
        note: "drawn on the wrong line",
      });
      const after = await call("GET", `/v1/usage?shipmentRef=${encodeURIComponent(ref)}`, w.keys.exporter);
      expect(after.json().uses.map((u: { line: number }) => u.line)).toEqual([2]);
      const elsewhere = await call(
        "GET",
        `/v1/usage?shipmentRef=${encodeURIComponent(ref)}`,
        w.keys.otherOrg,
      );
      expect(elsewhere.json().uses).toEqual([]);
      expect((await call("GET", `/v1/usage?shipmentRef=`, w.keys.exporter)).statusCode).toBe(400);
    });

    it("accepts exactly 100 of 1,000 concurrent drawdowns of 1 against a limit of 100", async () => {
      const id = (
        await call("POST", "/v1/licences", w.keys.exporter, { ...licence, number: `CONC-${backend.name}` })
      ).json().id;
      const results = await Promise.all(
        Array.from({ length: 1000 }, () => call("POST", `/v1/licences/${id}/usage`, w.keys.exporter, use(1))),
      );
      const codes = results.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 201)).toHaveLength(100);
      expect(codes.filter((c) => c === 422)).toHaveLength(900);
      const l = (await call("GET", `/v1/licences/${id}`, w.keys.exporter)).json();
      expect(l.balances[0]).toMatchObject({ usedQuantity: 100, remainingQuantity: 0 });
      expect(l.status).toBe("exhausted");
    }, 120_000);

    it("says which held licence covers a checked line, least burdensome first, or none", async () => {
      await call("POST", "/v1/licences", w.keys.exporter, {
        ...licence,
        number: `COV-${backend.name}`,
        permittedParties: [],
      });
      await call("POST", "/v1/licences", w.keys.exporter, {
        ...licence,
        type: "individual",
        number: `COV-IND-${backend.name}`,
        permittedParties: [],
      });
      const r = await call("POST", "/v1/checks", w.keys.exporter, {
        regime: "JP",
        date: "2024-01-10",
        destination: "KR",
        items: [
          { id: "resist", controlNumber: "3C002.a.1" },
          { id: "hf", controlNumber: "1C350" },
        ],
      });
      const [resist, hf] = r.json().decisions;
      const covering = resist.coveringLicences.map((c: { number: string; type: string }) => c.number);
      expect(covering).toContain(`COV-${backend.name}`);
      expect(resist.coveringLicences[0].type).toBe("special-general-bulk");
      expect(covering.indexOf(`COV-${backend.name}`)).toBeLessThan(
        covering.indexOf(`COV-IND-${backend.name}`),
      );
      expect(hf.coveringLicences).toEqual([]);
      expect(
        (
          await call("POST", "/v1/checks", w.keys.otherOrg, {
            regime: "JP",
            date: "2024-01-10",
            destination: "KR",
            items: [{ controlNumber: "3C002.a.1" }],
          })
        ).json().decisions[0].coveringLicences,
      ).toBeUndefined();
    });

    it("answers the next check with a licence's new balance and status at once", async () => {
      const number = `NOW-${backend.name}`;
      const id = (
        await call("POST", "/v1/licences", w.keys.exporter, { ...licence, number, permittedParties: [] })
      ).json().id;
      const mine = async () =>
        (
          await call("POST", "/v1/checks", w.keys.exporter, {
            regime: "JP",
            date: "2024-01-10",
            destination: "KR",
            items: [{ id: "resist", controlNumber: "3C002.a.1" }],
          })
        )
          .json()
          .decisions[0].coveringLicences.filter((c: { number: string }) => c.number === number);
      expect(await mine()).toMatchObject([{ remainingQuantity: 100 }]);
      expect((await call("POST", `/v1/licences/${id}/usage`, w.keys.exporter, use(30))).statusCode).toBe(201);
      expect(await mine()).toMatchObject([{ remainingQuantity: 70 }]);
      const status = { status: "suspended" };
      expect((await call("POST", `/v1/licences/${id}/status`, w.keys.admin, status)).statusCode).toBe(200);
      expect(await mine()).toEqual([]);
    });

    it("keeps a hash-chained audit log that names a row edited directly in the database", async () => {
      const v = (await call("GET", "/v1/audit/verify", w.keys.auditor)).json();
      expect(v.valid).toBe(true);
      expect(v.entries).toBeGreaterThan(10);
      expect((await call("GET", "/v1/audit/verify", w.keys.exporter)).statusCode).toBe(403);
      await w.database.db.execute(
        sql`update audit_log set payload = '{"forged": true}'::jsonb where seq = 3 and org_id = ${w.orgId}`,
      );
      const broken = (await call("GET", "/v1/audit/verify", w.keys.auditor)).json();
      expect(broken.valid).toBe(false);
      expect(broken.firstBroken).toMatchObject({ seq: 3 });
      const [row] = await w.database.db
        .select()
        .from(auditLog)
        .where(sql`seq = 3 and org_id = ${w.orgId}`);
      expect(broken.firstBroken.id).toBe(row!.id);
    });

    it("audits user and API-key changes in the same chain", async () => {
      const k = (await call("POST", "/v1/api-keys", w.keys.admin, { label: `audit-${backend.name}` })).json();
      await call("DELETE", `/v1/api-keys/${k.id}`, w.keys.admin);
      await call("POST", "/v1/users", w.keys.admin, {
        email: `u-${backend.name}@example.com`,
        name: "U",
        role: "auditor",
        password: "a long password",
      });
      const actions = (await call("GET", "/v1/audit?limit=50", w.keys.auditor))
        .json()
        .items.map((a: { action: string }) => a.action);
      expect(actions).toEqual(expect.arrayContaining(["api-key.create", "api-key.revoke", "user.create"]));
    });

    it("lets no other organisation see or change any object through any route (0 leaks)", async () => {
      const appId = (await call("POST", "/v1/applications", w.keys.exporter, application)).json().id;
      await call("POST", `/v1/applications/${appId}/submit`, w.keys.exporter, {});
      const licId = (
        await call("POST", "/v1/licences", w.keys.exporter, { ...licence, number: `ISO-${backend.name}` })
      ).json().id;
      const chkId = (
        await call("POST", "/v1/checks", w.keys.exporter, {
          regime: "JP",
          date: "2019-08-01",
          destination: "KR",
          items: [{ controlNumber: "1C350" }],
        })
      ).json().id;
      const doc = (await w.app.inject("/openapi.json")).json() as {
        paths: Record<string, Record<string, unknown>>;
      };
      const bodies: Record<string, unknown> = {
        update: { content: application },
        approve: { number: "LEAK-1", validFrom: "2019-08-07", validUntil: "2020-02-06" },
        deny: { note: "x" },
        notes: { note: "x" },
        usage: use(1),
        corrections: { corrects: "00000000-0000-0000-0000-000000000000", note: "x" },
        status: { status: "revoked" },
        comments: { body: "x" },
      };
      const attId = (
        await w.app.inject({
          method: "POST",
          url: `/v1/applications/${appId}/attachments?filename=a.txt`,
          headers: { authorization: `Bearer ${w.keys.exporter}`, "content-type": "text/plain" },
          payload: "a contract",
        })
      ).json().id;
      expect(attId).toMatch(/^[0-9a-f-]{36}$/);
      let walked = 0;
      const leaks: string[] = [];
      for (const [path, methods] of Object.entries(doc.paths)) {
        if (!path.includes("{id}")) continue;
        const id = path.startsWith("/v1/applications")
          ? appId
          : path.startsWith("/v1/licences")
            ? licId
            : path.startsWith("/v1/checks")
              ? chkId
              : null;
        if (!id) continue;
        const url =
          path.replace("{id}", id).replace("{attachmentId}", attId) +
          (path.endsWith("/attachments") ? "?filename=b.txt" : "");
        for (const method of Object.keys(methods)) {
          const suffix = url.split("?")[0]!.split("/").pop()!;
          for (const key of [w.keys.otherOrg, w.keys.krOfficer]) {
            const r = await call(
              method.toUpperCase() as "GET",
              url,
              key,
              method === "get" || method === "delete" ? undefined : (bodies[suffix] ?? {}),
            );
            walked++;
            if (![403, 404].includes(r.statusCode))
              leaks.push(`${method.toUpperCase()} ${path} → ${r.statusCode}`);
          }
        }
      }
      expect(walked).toBeGreaterThan(15);
      expect(leaks).toEqual([]);
    });
  });
}
