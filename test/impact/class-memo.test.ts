// An impact run decides each class of lines the engine cannot tell apart once (same law, destination, item,
// currency, value class and end use) and decides held lines grouped by item: the tally must be exactly the
// one of deciding every line on its own, in input order.
import { describe, expect, it } from "vitest";
import { generate } from "../../bench/determine/generate.ts";
import { ImpactRun, type ImpactTally } from "../../src/impact/index.ts";
import type { ImpactLine } from "../../src/impact/input.ts";
import { loadPolicyWithOverlay } from "../../src/policy/load.ts";
import { packJp, repo } from "./helpers.ts";
import { join } from "node:path";

const overlay = join(repo, "bench/impact/overlay.yaml");

function lines(n: number): ImpactLine[] {
  const out: ImpactLine[] = [];
  for (const s of generate(n, 7).shipments)
    for (const it of s.items) {
      if (it.controlNumber === null && it.hsCode === undefined) continue;
      const l: ImpactLine = {
        line: out.length + 2,
        id: it.id,
        date: s.date,
        destination: s.destination,
        customer: `C${out.length % 37}`,
        controlNumber: it.controlNumber ?? null,
      };
      if (it.hsCode !== undefined) l.hsCode = it.hsCode;
      if (it.value !== undefined) l.value = it.value;
      if (it.currency !== undefined) l.currency = it.currency;
      const e = s.endUse;
      if (e.wmd !== "none" || e.military !== "none" || e.informed.length > 0 || e.endUserListed) l.endUse = e;
      out.push(l);
    }
  return out;
}

function runs(o: { memo: boolean; keepLines?: number; batch?: number }) {
  const { baseline, policy } = loadPolicyWithOverlay(packJp, overlay);
  return new ImpactRun({
    regime: "JP",
    before: { label: "baseline", policy: baseline },
    after: { label: "change", policy },
    memo: o.memo,
    ...(o.keepLines !== undefined ? { keepLines: o.keepLines } : {}),
    ...(o.batch !== undefined ? { batch: o.batch } : {}),
    // Every line that needs a licence may be covered by a held general bulk or individual licence.
    candidates: (l) => [
      { licenceId: `GB-${l.destination}`, number: `GB-${l.destination}`, type: "general-bulk" },
      { licenceId: "IND-1", number: "IND-1", type: "individual" },
    ],
  });
}

const without = (t: ImpactTally) => ({ ...t, computed: 0 });

describe("impact classes of lines", () => {
  const input = lines(30_000);

  it("gives the tally of deciding every line on its own, in input order", () => {
    const each = runs({ memo: false });
    for (const l of input) each.add(l);
    const classes = runs({ memo: true, batch: 4_096 });
    for (const l of input) classes.queue(l);
    const a = each.finish();
    const b = classes.finish();
    expect(a.changed).toBeGreaterThan(100);
    expect(Object.keys(a.licences).length).toBeGreaterThan(3);
    expect(without(b)).toEqual(without(a));
    // Fewer engine calls: the classes share theirs (more so the longer the input).
    expect(b.computed).toBeLessThan(a.computed * 0.8);
    expect(a.computed).toBe(a.decisions);
  });

  it("keeps the first changed lines by line number whatever order it decides them in", () => {
    const each = runs({ memo: false, keepLines: 25 });
    for (const l of input) each.add(l);
    const classes = runs({ memo: true, keepLines: 25, batch: 3_000 });
    for (const l of input) classes.queue(l);
    const a = each.finish();
    const b = classes.finish();
    expect(a.changedLines).toHaveLength(25);
    expect(b.changedLines.map((l) => l.line)).toEqual(a.changedLines.map((l) => l.line));
    expect(b.changedLinesDropped).toBe(a.changedLinesDropped);
    expect(without(b)).toEqual(without(a));
  });
});
