/** The list store: save and load back, status, atomic replacement (no partial file on failure), damaged files. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ImportResult, ListEntity } from "../../src/screen/entity.ts";
import {
  defaultHome,
  listFile,
  loadAll,
  loadList,
  saveList,
  status,
  writeFileAtomic,
} from "../../src/lists/store.ts";
import { parse } from "../../src/screen/formats/un.ts";
import { fixture, stream } from "../screen/formats/helpers.ts";

const home = () => mkdtempSync(join(tmpdir(), "tradectl-store-"));
const file = {
  name: "consolidated.xml",
  modified: "2026-01-15T00:00:00.000Z",
  sha256: "ab".repeat(32),
  bytes: 10,
};

async function un(): Promise<ImportResult> {
  return parse(stream(fixture("un/consolidated.xml")));
}

describe("list store", () => {
  it("saves a list as <home>/lists/<list>.json and loads it back unchanged", async () => {
    const h = home();
    const r = await un();
    const meta = saveList(h, r, { files: [file], importedAt: "2026-02-01T10:00:00.000Z" });
    expect(meta).toMatchObject({
      list: "un",
      format: "un",
      fileName: "consolidated.xml",
      fileDate: "2026-01-15T00:00:00.000Z",
      published: "2026-01-15",
      count: 3,
      skippedCount: 1,
      importedAt: "2026-02-01T10:00:00.000Z",
    });
    expect(meta.version).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(readdirSync(join(h, "lists"))).toEqual(["un.json"]);
    const back = loadList(h, "un")!;
    expect(back.entities).toEqual(r.entities);
    expect(back.skipped).toEqual(r.skipped);
    const all = loadAll(h);
    expect(all.lists).toEqual([meta]);
    expect(all.entities).toHaveLength(3);
    expect(status(h)).toEqual([meta]);
    expect(status(h)[0]).not.toHaveProperty("entities");
  });

  it("has nothing for an empty or missing data directory", () => {
    const h = home();
    expect(status(h)).toEqual([]);
    expect(loadAll(join(h, "missing"))).toEqual({ lists: [], entities: [] });
    expect(loadList(h, "un")).toBeUndefined();
  });

  it("replaces a list as a whole, and keeps the previous one when saving fails", async () => {
    const h = home();
    const r = await un();
    saveList(h, r, { files: [file] });
    const before = readFileSync(listFile(h, "un"), "utf8");
    const bad = { ...r, entities: [{ ...r.entities[0]!, remarks: 1n } as unknown as ListEntity] };
    expect(() => saveList(h, bad, { files: [file] })).toThrow(/BigInt/);
    expect(readFileSync(listFile(h, "un"), "utf8")).toBe(before);
    expect(readdirSync(join(h, "lists"))).toEqual(["un.json"]);
  });

  it("leaves no partial or temporary file when the final rename fails", async () => {
    const h = home();
    // A non-empty directory where the list file should go: the rename cannot replace it.
    mkdirSync(join(h, "lists", "un.json", "x"), { recursive: true });
    await expect(async () => saveList(h, await un(), { files: [file] })).rejects.toThrow();
    expect(readdirSync(join(h, "lists"))).toEqual(["un.json"]);
    const path = join(h, "x.txt");
    writeFileAtomic(path, "whole");
    expect(readFileSync(path, "utf8")).toBe("whole");
    expect(readdirSync(h).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("removes the temporary file of an import killed before its rename, keeping the list in force", async () => {
    const h = home();
    saveList(h, await un(), { files: [file] });
    const version = loadList(h, "un")!.version;
    // What kill -9 between write and rename leaves: a temporary file of a process that is gone.
    const { spawnSync } = await import("node:child_process");
    const gone = spawnSync(process.execPath, [
      "-e",
      "process.stdout.write(String(process.pid))",
    ]).stdout.toString();
    const stale = `un.json.${gone}.${"0a".repeat(6)}.tmp`;
    writeFileSync(join(h, "lists", stale), "{half");
    expect(loadList(h, "un")?.count).toBeGreaterThan(0);
    saveList(h, await un(), { files: [file] });
    expect(readdirSync(join(h, "lists"))).toEqual(["un.json"]);
    expect(loadList(h, "un")!.version).toBe(version);
  });

  it("names a damaged list file", () => {
    const h = home();
    mkdirSync(join(h, "lists"));
    writeFileSync(join(h, "lists", "un.json"), '{"list": "un", "entities": [');
    expect(() => loadAll(h)).toThrow(/un\.json: not valid JSON/);
    writeFileSync(join(h, "lists", "un.json"), '{"list": "other"}');
    expect(() => loadList(h, "un")).toThrow(/un\.json: not a tradectl list file/);
  });

  it("refuses list ids that are not file-name safe", () => {
    expect(() => listFile(home(), "../etc")).toThrow(/invalid list id/);
    expect(() => listFile(home(), "UN")).toThrow(/invalid list id/);
  });

  it("lives in TRADECTL_HOME, else ~/.tradectl", () => {
    expect(defaultHome({ TRADECTL_HOME: "/data/tradectl" })).toBe("/data/tradectl");
    expect(defaultHome({})).toBe(join(homedir(), ".tradectl"));
  });
});
