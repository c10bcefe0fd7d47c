/** A copy per organisation kept until a change is announced (any process) or made here. */
import { describe, expect, it } from "vitest";
import { watchedHeldLicences } from "../../src/permits/held-licences.ts";
import type { HeldLicence } from "../../src/permits/ledger.ts";
import { changedHere, changing, keptPerOrganisation } from "../../src/store/kept.ts";

/** A database of values per organisation, a LISTEN channel and a clock, all in the test's hands. */
function world() {
  const rows = new Map<string, string[]>([["org-a", ["a1"]]]);
  let reads = 0;
  let fail = false;
  let deliver: ((payload: string) => void) | undefined;
  let clock = 0;
  const read = async (orgId: string) => {
    reads++;
    if (fail) throw new Error("connection lost");
    return [...(rows.get(orgId) ?? [])];
  };
  const listen = async (_channel: string, onMessage: (payload: string) => void) => {
    deliver = onMessage;
    return async () => {
      deliver = undefined;
    };
  };
  return {
    rows,
    read,
    listen,
    reads: () => reads,
    failReads: (f: boolean) => (fail = f),
    notify: (payload: string) => deliver?.(payload),
    tick: (ms: number) => (clock += ms),
    open: (channel = "test") => keptPerOrganisation(channel, read, listen, () => clock),
  };
}

describe("a copy kept per organisation", () => {
  it("reads once, and again after a change is announced for the organisation (and only for it)", async () => {
    const w = world();
    w.rows.set("org-b", ["b1"]);
    const kept = await w.open();
    expect(await kept.get("org-a")).toEqual(["a1"]);
    await kept.get("org-a");
    await kept.get("org-b");
    expect(w.reads()).toBe(2);
    w.rows.set("org-a", ["a2"]);
    w.notify("org-a");
    expect(await kept.get("org-a")).toEqual(["a2"]);
    await kept.get("org-b");
    expect(w.reads()).toBe(3);
    w.notify(""); // the listening connection was restored: anything may have been missed
    await kept.get("org-b");
    expect(w.reads()).toBe(4);
  });

  it("drops the copy at once after this process changes it, on that channel only", async () => {
    const w = world();
    const kept = await w.open("one");
    const other = await w.open("two");
    await kept.get("org-a");
    await other.get("org-a");
    w.rows.set("org-a", []);
    await changing("one", "org-a", async () => undefined);
    expect(await kept.get("org-a")).toEqual([]);
    expect(await other.get("org-a")).toEqual(["a1"]);
    changedHere("two", "org-a");
    expect(await other.get("org-a")).toEqual([]);
    await kept.stop();
    await other.stop();
  });

  it("drops every organisation's copy for a change to what they share (no organisation, or an empty payload)", async () => {
    const w = world();
    w.rows.set("org-b", ["b1"]);
    const kept = await w.open("shared");
    await kept.get("org-a");
    await kept.get("org-b");
    w.rows.set("org-a", ["a2"]);
    w.rows.set("org-b", ["b2"]);
    await changing("shared", undefined, async () => undefined);
    expect(await kept.get("org-a")).toEqual(["a2"]);
    expect(await kept.get("org-b")).toEqual(["b2"]);
    w.rows.set("org-a", ["a3"]);
    w.rows.set("org-b", ["b3"]);
    const reads = w.reads();
    w.notify("");
    expect(await kept.get("org-a")).toEqual(["a3"]);
    expect(await kept.get("org-b")).toEqual(["b3"]);
    expect(w.reads()).toBe(reads + 2);
    await kept.stop();
  });

  it("does not keep a read overtaken by a change, nor a failed read, nor anything for long", async () => {
    const w = world();
    const kept = await w.open();
    const pending = kept.get("org-a");
    w.notify("org-a"); // the change commits while the read is under way
    await pending;
    await kept.get("org-a");
    expect(w.reads()).toBe(2);
    w.failReads(true);
    w.notify("org-a");
    await expect(kept.get("org-a")).rejects.toThrow("connection lost");
    w.failReads(false);
    expect(await kept.get("org-a")).toEqual(["a1"]);
    const before = w.reads();
    w.tick(10_001);
    await kept.get("org-a");
    expect(w.reads()).toBe(before + 1);
  });

  it("reads every time once it stops listening", async () => {
    const w = world();
    const kept = await w.open();
    await kept.stop();
    await kept.get("org-a");
    await kept.get("org-a");
    expect(w.reads()).toBe(2);
  });

  it("gives held licences filtered by regime from one copy", async () => {
    const w = world();
    const all = [
      { id: "l1", regime: "JP" },
      { id: "l2", regime: "KR" },
    ] as unknown as HeldLicence[];
    let reads = 0;
    const held = await watchedHeldLicences(async () => (reads++, all), w.listen);
    expect((await held.source("org-a", ["JP"])).map((l) => l.id)).toEqual(["l1"]);
    expect((await held.source("org-a", ["KR", "JP"])).map((l) => l.id)).toEqual(["l1", "l2"]);
    expect(await held.source("org-a", [])).toEqual([]);
    expect(reads).toBe(1);
    await held.stop();
  });
});
