/** Property tests (fast-check): decisions are a pure function of (policy, shipment) and only change on dates where a dated fact changes. */
import fc from "fast-check";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decide, type Shipment } from "../../src/determine/index.ts";
import { loadPolicies, loadPolicy } from "../../src/policy/index.ts";
import { valueClass, valueLimits } from "../../src/determine/value-limits.ts";

const root = fileURLToPath(new URL("../../policy", import.meta.url));
const policies = loadPolicies(root);

/** Calendar arithmetic for the generator only: day number <-> YYYY-MM-DD (UTC is used as a plain calendar). */
const dayNumber = (d: string) =>
  Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;
const fromDayNumber = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

const knowledge = fc.constantFrom("none" as const, "suspected" as const, "known" as const);
const endUse = fc.record({
  wmd: knowledge,
  military: knowledge,
  informed: fc.subarray(["wmd", "conventional"] as ("wmd" | "conventional")[]),
  endUserListed: fc.boolean(),
  redFlags: fc.constant([] as string[]),
});
const item = fc.record({
  id: fc.constant("1"),
  controlNumber: fc.constantFrom(
    null,
    "1C350",
    "3C002.a.1",
    "1C009.b",
    "3A001",
    "2B001",
    "6A003",
    "9A012",
    "0B001",
    "ML8",
    "15",
  ),
  hsCode: fc.constantFrom("281111", "847950", "870899", "240220", "250100", "950300", "610910", "845961"),
  value: fc.integer({ min: 0, max: 3_000_000 }),
  currency: fc.constantFrom("JPY", "USD"),
});
const countries = ["KR", "JP", "US", "DE", "CN", "IR", "KP", "SD", "EE", "RU", "BY", "TH", "ZA"];

function shipmentArb(regime: "JP" | "KR") {
  const policy = policies.get(regime)!;
  const first = dayNumber(policy.regime.dataFrom);
  const last = dayNumber("2028-12-31");
  return fc.record({
    day: fc.integer({ min: first, max: last }),
    destination: fc.constantFrom(...countries.filter((c) => c !== regime)),
    endUse,
    items: fc.array(item, { minLength: 1, maxLength: 3 }),
  });
}

for (const regime of ["JP", "KR"] as const) {
  const policy = policies.get(regime)!;
  const bounds = policy.boundaries();
  describe(`${regime} decisions`, () => {
    it("are a pure function of (policy, shipment): the same input twice, and on a fresh load, gives the same answer", () => {
      const fresh = loadPolicies(root).get(regime)!;
      fc.assert(
        fc.property(shipmentArb(regime), (g) => {
          const s: Shipment = {
            regime,
            date: fromDayNumber(g.day),
            destination: g.destination,
            endUse: g.endUse,
            items: g.items.map((it, i) => ({ ...it, id: String(i + 1) })),
          };
          const before = JSON.stringify(s);
          const a = decide(policy.asOf(s.date), s, policy.version);
          const b = decide(policy.asOf(s.date), s, policy.version);
          const c = decide(fresh.asOf(s.date), s, fresh.version);
          expect(b).toEqual(a);
          expect(c).toEqual(a);
          expect(JSON.stringify(s)).toBe(before); // the input is not mutated
        }),
        { numRuns: 300 },
      );
    });

    it("do not change when the date moves inside a period where no dated fact changes", () => {
      fc.assert(
        fc.property(shipmentArb(regime), fc.double({ min: 0, max: 1, noNaN: true }), (g, t) => {
          const date = fromDayNumber(g.day);
          let i = 0;
          while (i + 1 < bounds.length && bounds[i + 1]! <= date) i++;
          const lo = dayNumber(bounds[i]!);
          const hi = i + 1 < bounds.length ? dayNumber(bounds[i + 1]!) - 1 : dayNumber("2029-12-31");
          const other = fromDayNumber(lo + Math.floor(t * (hi - lo + 1 - 1e-9)));
          const mk = (d: string): Shipment => ({
            regime,
            date: d,
            destination: g.destination,
            endUse: g.endUse,
            items: g.items.map((it, k) => ({ ...it, id: String(k + 1) })),
          });
          const a = decide(policy.asOf(date), mk(date), policy.version);
          const b = decide(policy.asOf(other), mk(other), policy.version);
          expect(b.decisions).toEqual(a.decisions);
          expect(b.destinationGroups).toEqual(a.destinationGroups);
        }),
        { numRuns: 300 },
      );
    });

    it("read an item's value only through its class among the pack's value limits (what impact runs share)", () => {
      const limits = valueLimits(policy.data);
      expect(limits[0]).toBe(0);
      if (regime === "JP") expect(limits).toEqual(expect.arrayContaining([50_000, 1_000_000]));
      // Another value with as many limits below it: in (limits[c - 1], limits[c]], or above the last.
      const sameClass = (v: number, t: number) => {
        const c = valueClass(limits, v);
        const lo = c === 0 ? v : limits[c - 1]! + 1;
        const hi = c < limits.length ? limits[c]! : limits[limits.length - 1]! * 3;
        return Math.min(hi, lo + Math.floor(t * (hi - lo + 1)));
      };
      const nearLimit = fc.oneof(
        fc.integer({ min: 0, max: 3_000_000 }),
        fc.constantFrom(...limits).chain((l) => fc.integer({ min: Math.max(0, l - 2), max: l + 2 })),
      );
      fc.assert(
        fc.property(
          shipmentArb(regime),
          fc.array(nearLimit, { minLength: 3, maxLength: 3 }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          (g, values, t) => {
            const date = fromDayNumber(g.day);
            const items = g.items.map((it, k) => ({ ...it, id: String(k + 1), value: values[k]! }));
            const mk = (f: (v: number) => number): Shipment => ({
              regime,
              date,
              destination: g.destination,
              endUse: g.endUse,
              items: items.map((it) => ({ ...it, value: f(it.value) })),
            });
            const a = decide(
              policy.asOf(date),
              mk((v) => v),
              policy.version,
            );
            const b = decide(
              policy.asOf(date),
              mk((v) => sameClass(v, t)),
              policy.version,
            );
            expect(b.decisions).toEqual(a.decisions);
          },
        ),
        { numRuns: 400 },
      );
      // The classes split at each limit: a value at a limit is below it, one more is above.
      const top = limits[limits.length - 1]!;
      expect(valueClass(limits, top)).toBe(limits.length - 1);
      expect(valueClass(limits, top + 1)).toBe(limits.length);
      expect(valueClass(limits, undefined)).toBe(-1);
    });
  });
}

describe("memoised line plans", () => {
  it("a line's answer does not depend on which lines were decided before it (order-independence on fresh policies)", () => {
    fc.assert(
      fc.property(fc.array(shipmentArb("JP"), { minLength: 2, maxLength: 30 }), (gs) => {
        const ships: Shipment[] = gs.map((g) => ({
          regime: "JP",
          date: fromDayNumber(g.day),
          destination: g.destination,
          endUse: g.endUse,
          items: g.items.map((it, i) => ({ ...it, id: String(i + 1) })),
        }));
        // two fresh loads of the Japanese pack (only it: the run loads it 80 times)
        const a = loadPolicy(`${root}/jp`);
        const b = loadPolicy(`${root}/jp`);
        const forward = ships.map((s) => JSON.stringify(decide(a.asOf(s.date), s, a.version)));
        const backward = [...ships]
          .reverse()
          .map((s) => JSON.stringify(decide(b.asOf(s.date), s, b.version)));
        expect(backward.reverse()).toEqual(forward);
      }),
      { numRuns: 40 },
    );
  });
  it("shared parts of a decision are frozen, so no caller can change another line's answer", () => {
    const jp = policies.get("JP")!;
    const s: Shipment = {
      regime: "JP",
      date: "2019-08-01",
      destination: "KR",
      endUse: { wmd: "none", military: "none", informed: [], endUserListed: false, redFlags: [] },
      items: [{ id: "1", controlNumber: "1C350" }],
    };
    const d = decide(jp.asOf(s.date), s, jp.version).decisions[0]!;
    expect(() => (d.trace as unknown[]).push({})).toThrow(TypeError);
    expect(() => (d.licenceOptions as string[]).push("general-bulk")).toThrow(TypeError);
  });
});

describe("boundaries", () => {
  it("include the 2019–2023 transition dates", () => {
    const jp = policies.get("JP")!.boundaries();
    for (const d of ["2019-07-04", "2019-08-28", "2023-03-23", "2023-07-21", "2025-10-09"])
      expect(jp).toContain(d);
    const kr = policies.get("KR")!.boundaries();
    for (const d of ["2019-09-18", "2023-04-24", "2024-08-21", "2022-03-26"]) expect(kr).toContain(d);
  });
  it("a decision does change across a boundary (the property above is not vacuous)", () => {
    const jp = policies.get("JP")!;
    const s = (date: string): Shipment => ({
      regime: "JP",
      date,
      destination: "KR",
      endUse: { wmd: "none", military: "none", informed: [], endUserListed: false, redFlags: [] },
      items: [{ id: "1", controlNumber: "1C350" }],
    });
    const before = decide(jp.asOf("2019-07-03"), s("2019-07-03"), jp.version).decisions[0]!;
    const after = decide(jp.asOf("2019-07-04"), s("2019-07-04"), jp.version).decisions[0]!;
    expect(before.basis).toBe("listed");
    expect(after.basis).toBe("special-measure");
  });
});
