/** Held licences kept between checks: dropped on a change announced by any process, or made by this one. */
import { describe, expect, it } from "vitest";
import { licencesChanged, watchedHeldLicences } from "../../src/permits/held-licences.ts";
import type { HeldLicence } from "../../src/permits/ledger.ts";

const licence = (id: string, regime = "JP") => ({ id, regime }) as unknown as HeldLicence;

/** A database of licences per organisation, a LISTEN channel and a clock, all in the test's hands. */
function world() {
  const rows = new Map<string, HeldLicence[]>([["org-a", [licence("a1"), licence("a2", "KR")]]]);
  let reads = 0;
  let fail = false;
  let deliver: ((payload: string) => void) | undefined;
  let clock = 0;
  const read = async (orgId: string) => {
    reads++;
    if (fail) throw new Error("connection lost");
    return [...(rows.get(orgId) ?? [])];
  };
  return {
    rows,
    reads: () => reads,
    failReads: (f: boolean) => (fail = f),
    notify: (payload: string) => deliver?.(payload),
    tick: (ms: number) => (clock += ms),
    open: () =>
      watchedHeldLicences(
        read,
        async (_channel, onMessage) => {
          deliver = onMessage;
          return async () => {
            deliver = undefined;
          };
        },
        () => clock,
      ),
  };
}

describe("held licences kept between checks", () => {
  it("reads an organisation's licences once and filters them by regime", async () => {
    const w = world();
    const { source } = await w.open();
    expect((await source("org-a", ["JP"])).map((l) => l.id)).toEqual(["a1"]);
    expect((await source("org-a", ["KR", "JP"])).map((l) => l.id)).toEqual(["a1", "a2"]);
    expect(await source("org-a", [])).toEqual([]);
    expect(w.reads()).toBe(1);
  });

  it("reads again after a change is announced for the organisation, and only for it", async () => {
    const w = world();
    w.rows.set("org-b", [licence("b1")]);
    const { source } = await w.open();
    await source("org-a", ["JP"]);
    await source("org-b", ["JP"]);
    w.rows.set("org-a", [licence("a3")]);
    w.notify("org-a");
    expect((await source("org-a", ["JP"])).map((l) => l.id)).toEqual(["a3"]);
    await source("org-b", ["JP"]);
    expect(w.reads()).toBe(3);
    w.notify(""); // the listening connection was restored: anything may have been missed
    await source("org-b", ["JP"]);
    expect(w.reads()).toBe(4);
  });

  it("reads again at once after this process changes the organisation's licences", async () => {
    const w = world();
    const { source, stop } = await w.open();
    await source("org-a", ["JP"]);
    w.rows.set("org-a", []);
    licencesChanged("org-a");
    expect(await source("org-a", ["JP"])).toEqual([]);
    await stop();
  });

  it("does not keep a read overtaken by a change, nor a failed read, nor anything for long", async () => {
    const w = world();
    const { source } = await w.open();
    const pending = source("org-a", ["JP"]);
    w.notify("org-a"); // the change commits while the read is under way
    await pending;
    await source("org-a", ["JP"]);
    expect(w.reads()).toBe(2);
    w.failReads(true);
    w.notify("org-a");
    await expect(source("org-a", ["JP"])).rejects.toThrow("connection lost");
    w.failReads(false);
    expect((await source("org-a", ["JP"])).map((l) => l.id)).toEqual(["a1"]);
    const before = w.reads();
    w.tick(10_001);
    await source("org-a", ["JP"]);
    expect(w.reads()).toBe(before + 1);
  });

  it("reads for every check once it stops listening", async () => {
    const w = world();
    const { source, stop } = await w.open();
    await stop();
    await source("org-a", ["JP"]);
    await source("org-a", ["JP"]);
    expect(w.reads()).toBe(2);
  });
});
