// Ledger amounts are exact and wide: billion-yen drawdowns on a licence without a value limit, decimal
// quantities, and a drawdown retried after a timeout (the same shipment reference) drawn once — on both
// databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toMicro, microToText } from "../../src/permits/amounts.ts";
import { auth, backends, makeWorld, type World } from "../server/harness.ts";

const licence = (number: string) => ({
  regime: "JP",
  type: "special-general-bulk",
  number,
  holder: "Exporter K.K.",
  destinations: ["KR"],
  lines: [
    {
      controlNumber: "3C002.a.1",
      description: "ArF resist",
      quantityLimit: 1000,
      valueLimit: null,
      unit: "kg",
      currency: "JPY",
    },
  ],
  validFrom: "2023-07-21",
  validUntil: "2027-07-20",
});
const draw = (ref: string, quantity: number, value: number) => ({
  line: 1,
  quantity,
  value,
  shipmentRef: ref,
  shipmentDate: "2024-01-10",
  destination: "KR",
});

describe("exact amounts (pure)", () => {
  it("reads and writes decimals exactly in micro-units", () => {
    expect(toMicro("12.500000")).toBe(12_500_000n);
    expect(toMicro(12.5)).toBe(12_500_000n);
    expect(toMicro("-3")).toBe(-3_000_000n);
    expect(microToText(toMicro("0.1") + toMicro("0.2"))).toBe("0.300000");
    expect(microToText(-toMicro("1000000000000.000001"))).toBe("-1000000000000.000001");
  });
});

for (const backend of backends)
  describe(`the usage ledger on ${backend.name}`, () => {
    let w: World;
    beforeAll(async () => {
      w = await makeWorld(backend);
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

    it("takes billion-yen drawdowns without a value limit; reads, further drawdowns and checks stay 200", async () => {
      const id = (await call("POST", "/v1/licences", licence("SGB-BIG-1"))).json().id;
      for (const ref of ["INV-B1", "INV-B2", "INV-B3"])
        expect((await call("POST", `/v1/licences/${id}/usage`, draw(ref, 1, 1_500_000_000))).statusCode).toBe(
          201,
        );
      const l = await call("GET", `/v1/licences/${id}`);
      expect(l.statusCode).toBe(200);
      expect(l.json().balances[0]).toMatchObject({ usedValue: 4_500_000_000, remainingValue: null });
      expect((await call("GET", "/v1/licences")).statusCode).toBe(200);
      const check = await call("POST", "/v1/checks", {
        regime: "JP",
        date: "2024-02-01",
        destination: "KR",
        items: [{ id: "1", controlNumber: "3C002.a.1", value: 9_000_000_000_000, currency: "JPY" }],
      });
      expect(check.statusCode).toBe(200);
      // A value beyond what a JSON number carries exactly is refused by name.
      const huge = await call("POST", `/v1/licences/${id}/usage`, draw("INV-H", 1, 2 ** 60));
      expect(huge.statusCode).toBe(400);
      expect(JSON.stringify(huge.json())).toContain("$.value");
    });

    it("keeps decimal quantities exact (12.5 kg; 0.1 + 0.2)", async () => {
      const id = (
        await call("POST", "/v1/licences", {
          ...licence("SGB-DEC-1"),
          lines: [{ ...licence("x").lines[0], quantityLimit: 0.3 }],
        })
      ).json().id;
      expect((await call("POST", `/v1/licences/${id}/usage`, draw("D1", 0.1, 1))).statusCode).toBe(201);
      expect((await call("POST", `/v1/licences/${id}/usage`, draw("D2", 0.2, 1))).statusCode).toBe(201);
      const l = (await call("GET", `/v1/licences/${id}`)).json();
      expect(l.balances[0]).toMatchObject({ usedQuantity: 0.3, remainingQuantity: 0 });
      expect(l.ledger.map((e: { quantity: number }) => e.quantity)).toEqual([0.1, 0.2]);
      expect((await call("POST", `/v1/licences/${id}/usage`, draw("D3", 0.000001, 1))).statusCode).toBe(422);
      const id2 = (await call("POST", "/v1/licences", licence("SGB-DEC-2"))).json().id;
      const r = await call("POST", `/v1/licences/${id2}/usage`, draw("K1", 12.5, 1));
      expect(r.json().quantity).toBe(12.5);
      expect((await call("POST", `/v1/licences/${id2}/usage`, draw("K2", 1.0000001, 1))).statusCode).toBe(
        400,
      );
    });

    it("draws a retried drawdown once: the same shipment reference answers the first entry", async () => {
      const id = (await call("POST", "/v1/licences", licence("SGB-IDEM-1"))).json().id;
      const tries = await Promise.all(
        Array.from({ length: 10 }, () => call("POST", `/v1/licences/${id}/usage`, draw("INV-RETRY", 5, 100))),
      );
      expect(tries.every((t) => t.statusCode < 300)).toBe(true);
      expect(new Set(tries.map((t) => t.json().id)).size).toBe(1);
      expect(tries.filter((t) => t.json().replayed === true)).toHaveLength(9);
      const l = (await call("GET", `/v1/licences/${id}`)).json();
      expect(l.balances[0].usedQuantity).toBe(5);
      const other = await call("POST", `/v1/licences/${id}/usage`, draw("INV-RETRY", 6, 100));
      expect(other.statusCode).toBe(409);
      // Once corrected, the reference may be drawn again.
      await call("POST", `/v1/licences/${id}/corrections`, {
        corrects: tries[0]!.json().id,
        note: "cancelled",
      });
      expect((await call("POST", `/v1/licences/${id}/usage`, draw("INV-RETRY", 6, 100))).statusCode).toBe(
        201,
      );
    });
  });
