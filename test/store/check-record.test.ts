/** The compact record of a check: traces kept apart by hash, the answer and the record built from one encoding. */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { check, type CheckResult, type TraceStep } from "../../src/determine/index.ts";
import { loadPolicies } from "../../src/policy/index.ts";
import {
  answerBytes,
  decodeResult,
  encodeResult,
  encodeTrace,
  MissingTraceError,
  traceRefsOf,
} from "../../src/store/check-record.ts";

const policies = loadPolicies(fileURLToPath(new URL("../../policy", import.meta.url)));
const decideOne = (input: unknown): CheckResult => {
  const r = check(policies, input);
  if (!r.ok) throw new Error("the fixture shipment is invalid");
  return r.result;
};
const line = (id: string, controlNumber: string | null) => ({
  id,
  controlNumber,
  hsCode: "281111",
  value: 1_500_000,
  currency: "JPY",
});
const shipment = (items: unknown[], destination = "KR", date = "2019-08-01") => ({
  regime: "JP",
  date,
  destination,
  items,
});
/** The answer of one result, as sent (recorded under `id`), as text. */
const answerOf = (e: ReturnType<typeof encodeResult>, id = "c-1") =>
  answerBytes([{ parts: e.responseParts, id }], false).toString("utf8");
const tracesOf = (e: ReturnType<typeof encodeResult>) =>
  new Map(e.traces.map((t) => [t.hash, JSON.parse(t.json) as unknown]));

describe("the compact record of a check", () => {
  it("answers the full result and records every trace by reference", () => {
    const result = decideOne(shipment([line("1", "1C350"), line("2", "3A001")]));
    const e = encodeResult(result);
    const answer = answerOf(e);
    expect(JSON.parse(answer)).toEqual({ id: "c-1", ...JSON.parse(JSON.stringify(result)) });
    const record = JSON.parse(e.recordJson);
    for (const d of record.decisions) {
      expect(d.trace).toBeUndefined();
      expect(e.traces.map((t) => t.hash)).toContain(d.traceRef);
    }
    expect(e.recordJson.length).toBeLessThan(answer.length / 3);
    expect({ id: "c-1", ...decodeResult(record, tracesOf(e)) }).toEqual(JSON.parse(answer));
  });

  it("answers with the shared traces' bytes encoded once, alone or in a batch", () => {
    // The Japanese pack's texts are not ASCII: the bytes must be UTF-8, measured by bytes, not characters.
    const a = encodeResult(decideOne(shipment([line("1", "1C350"), line("2", "3A001")])));
    const b = encodeResult(decideOne(shipment([line("3", "1C350")], "CN")));
    const shared = a.responseParts.filter((p) => Buffer.isBuffer(p));
    expect(shared.length).toBeGreaterThan(0);
    const again = encodeResult(decideOne(shipment([line("9", "1C350"), line("8", "3A001")])));
    expect(again.responseParts.filter((p) => Buffer.isBuffer(p))[0]).toBe(shared[0]); // the same bytes object
    const both = answerBytes(
      [
        { parts: a.responseParts, id: "c-1" },
        { parts: b.responseParts, id: "c-2" },
      ],
      true,
    );
    expect(JSON.parse(both.toString("utf8"))).toEqual([
      JSON.parse(answerOf(a, "c-1")),
      JSON.parse(answerOf(b, "c-2")),
    ]);
    expect(both.length).toBeGreaterThan(both.toString("utf8").length); // texts quoted in Japanese
    // A trace made for one line only (not shared) is in the text.
    const step: TraceStep = {
      kind: "destination",
      rule: "r",
      result: "韓国",
      msg: { id: "text", p: { text: "韓国" } },
      facts: [],
    };
    const own = encodeResult({
      ...decideOne(shipment([line("1", "1C350")])),
      decisions: [{ ...decideOne(shipment([line("1", "1C350")])).decisions[0]!, trace: [step] }],
    });
    expect(own.responseParts.every((p) => typeof p === "string")).toBe(true);
    expect(JSON.parse(answerOf(own)).decisions[0].trace).toEqual([step]);
  });

  it("gives the same trace the same hash, within a result and across results", () => {
    const one = decideOne(shipment([line("1", "1C350"), line("2", "1C350")]));
    const e = encodeResult(one);
    expect(e.traces).toHaveLength(1); // two lines, one trace
    const later = encodeResult(decideOne(shipment([line("7", "1C350")])));
    expect(later.traces[0]!.hash).toBe(e.traces[0]!.hash);
    const other = encodeResult(decideOne(shipment([line("1", "1C350")], "KR", "2024-01-10")));
    expect(other.traces[0]!.hash).not.toBe(e.traces[0]!.hash); // another date, another trace
  });

  it("hashes what a step says, not which object says it", () => {
    const step: TraceStep = {
      kind: "destination",
      rule: "r",
      result: "KR is in A",
      msg: { id: "text", p: { text: "KR is in A" } },
      facts: [],
    };
    const frozen = Object.freeze({ ...step });
    expect(encodeTrace([step]).hash).toBe(encodeTrace([frozen]).hash);
    const first = encodeTrace([step]);
    step.result = "KR is in B"; // a step that is not frozen is serialised again each time
    expect(encodeTrace([step]).hash).not.toBe(first.hash);
    expect(encodeTrace([step, frozen]).hash).not.toBe(encodeTrace([frozen, step]).hash);
    const trace = Object.freeze([frozen]);
    expect(encodeTrace(trace)).toBe(encodeTrace(trace)); // a frozen trace of frozen steps: encoded once
    const open = [frozen, step];
    expect(encodeTrace(open)).not.toBe(encodeTrace(open));
  });

  it("reads a record from before traces were kept apart as it is", () => {
    const result = JSON.parse(JSON.stringify(decideOne(shipment([line("1", "1C350")]))));
    expect(traceRefsOf(result)).toEqual([]);
    expect(decodeResult(result, new Map())).toEqual(result);
  });

  it("refuses to show a record whose trace is not stored", () => {
    const e = encodeResult(decideOne(shipment([line("1", "1C350")])));
    expect(() => decodeResult(JSON.parse(e.recordJson), new Map())).toThrow(MissingTraceError);
  });
});
