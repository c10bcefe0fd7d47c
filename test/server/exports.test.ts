/** Records exported to CSV: checks (with the list's filters), the audit log and a licence's ledger; formula-safe. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toCsv } from "../../src/app/records-csv.ts";
import { backends, jsonCaller, makeWorld, type World } from "./harness.ts";

describe("toCsv", () => {
  it("writes a BOM, a header, CRLF lines, formula-safe cells, and says when it was cut", () => {
    const cols = [
      { name: "a", value: (r: { a: unknown }) => r.a },
      { name: "b", value: () => "x,y" },
    ];
    expect(toCsv(cols, [{ a: "=1+1" }, { a: 2 }], true)).toBe(
      '\uFEFFa,b\r\n\'=1+1,"x,y"\r\n2,"x,y"\r\n(only the first 2 rows: narrow the filter for the rest)\r\n',
    );
  });
});

for (const backend of backends) {
  describe(`CSV exports on ${backend.name}`, () => {
    let w: World;
    beforeAll(async () => {
      w = await makeWorld(backend);
    }, 60_000);
    afterAll(async () => w?.close());
    const call = jsonCaller(() => w);
    const rows = (body: string) =>
      body
        .replace(/^\uFEFF/, "")
        .trimEnd()
        .split("\r\n");

    it("exports checks with the list's filters, only the organisation's", async () => {
      const shipment = (destination: string) => ({
        regime: "JP",
        date: "2019-08-01",
        destination,
        items: [{ id: "1", controlNumber: "1C350", hsCode: "281111" }],
      });
      const kr = (await call("POST", "/v1/checks", w.keys.exporter, shipment("KR"))).json().id;
      const us = (await call("POST", "/v1/checks", w.keys.exporter, shipment("US"))).json().id;
      const all = await call("GET", "/v1/checks/export.csv", w.keys.exporter);
      expect(all.statusCode).toBe(200);
      expect(all.headers["content-type"]).toContain("text/csv");
      expect(all.headers["content-disposition"]).toBe('attachment; filename="checks.csv"');
      const lines = rows(all.body);
      expect(lines[0]).toBe(
        "id,checked_at,regime,shipment_date,destination,outcome,lines,policy_version,requested_by,user",
      );
      expect(lines.some((l) => l.startsWith(`${kr},`))).toBe(true);
      const onlyKr = rows((await call("GET", "/v1/checks/export.csv?destination=KR", w.keys.exporter)).body);
      expect(onlyKr.some((l) => l.startsWith(`${us},`))).toBe(false);
      expect(onlyKr.find((l) => l.startsWith(`${kr},`))).toContain(",2019-08-01,KR,licence-required,1,");
      const other = rows((await call("GET", "/v1/checks/export.csv", w.keys.otherOrg)).body);
      expect(other.some((l) => l.startsWith(`${kr},`))).toBe(false);
      expect((await call("GET", "/v1/checks/export.csv?destination=Korea", w.keys.exporter)).statusCode).toBe(
        400,
      );
    });

    it("exports a ledger and the audit log with a hostile shipment reference shown as text, not run", async () => {
      const id = (
        await call("POST", "/v1/licences", w.keys.exporter, {
          regime: "JP",
          type: "special-general-bulk",
          number: "SGB-CSV-0001",
          holder: "Exporter K.K.",
          destinations: ["KR"],
          lines: [
            {
              controlNumber: "3C002.a.1",
              description: "resist",
              quantityLimit: 100,
              valueLimit: null,
              unit: "kg",
              currency: "JPY",
            },
          ],
          validFrom: "2023-07-21",
          validUntil: "2027-07-20",
        })
      ).json().id;
      const hostile = '=HYPERLINK("http://evil.example","x")';
      const d = await call("POST", `/v1/licences/${id}/usage`, w.keys.exporter, {
        line: 1,
        quantity: 12.5,
        value: 1000,
        shipmentRef: hostile,
        shipmentDate: "2024-01-10",
        destination: "KR",
        party: "삼성전자 주식회사",
      });
      expect(d.statusCode).toBe(201);
      const ledger = await call("GET", `/v1/licences/${id}/ledger.csv`, w.keys.auditor);
      expect(ledger.headers["content-disposition"]).toBe('attachment; filename="ledger-SGB-CSV-0001.csv"');
      const lines = rows(ledger.body);
      expect(lines[1]).toContain(
        ',drawdown,1,12.5,1000,"\'=HYPERLINK(""http://evil.example"",""x"")",2024-01-10,KR,삼성전자 주식회사,',
      );
      expect((await call("GET", `/v1/licences/${id}/ledger.csv`, w.keys.otherOrg)).statusCode).toBe(404);
      const audit = await call("GET", "/v1/audit/export.csv?limit=5", w.keys.auditor);
      expect(audit.statusCode).toBe(200);
      const a = rows(audit.body);
      expect(a[0]).toBe(
        "seq,at,user_id,user,action,object_type,object_id,policy_version,payload,hash,prev_hash",
      );
      // who did it, by e-mail beside the id
      expect(a.slice(1, 6).some((l) => l.includes(",exporter@example.com,ledger.drawdown,licence,"))).toBe(
        true,
      );
      const json = (await call("GET", "/v1/audit?limit=5", w.keys.auditor)).json();
      expect(json.items.find((e: { action: string }) => e.action === "ledger.drawdown").user).toEqual({
        email: "exporter@example.com",
        name: "exporter@example.com",
      });
      expect((await call("GET", "/v1/audit/export.csv", w.keys.exporter)).statusCode).toBe(403);
    });
  });
}
