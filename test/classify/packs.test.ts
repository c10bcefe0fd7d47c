/**
 * The control-list content of the packs: they load, every entry, sub-item, parameter and HS map row carries
 * a citation and an evidence tag (its own or its entry's), numbers are well formed, parameters name sub-items
 * that exist, HS map rows point at encoded entries, and (when ../shared/data holds the HS 2022 nomenclature)
 * every mapped HS code and title is a real HS 2022 heading or subheading.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadPolicies, type ControlList } from "../../src/policy/index.ts";

const root = fileURLToPath(new URL("../../policy", import.meta.url));
const policies = loadPolicies(root);
const WA = /^[0-9][A-E][0-9]{3}(\.[a-z0-9]+)*$/;

describe.each([...policies.keys()])("%s control list", (regime) => {
  const cl = policies.get(regime)!.data.controlList as ControlList;
  const entries = cl.entries ?? [];

  it("loads, with entries", () => {
    expect(entries.length).toBeGreaterThan(0);
  });

  it("every entry, sub-item and parameter has a citation and an evidence tag (own or inherited)", () => {
    for (const e of entries) {
      expect(e.cite.length, e.id).toBeGreaterThan(0);
      for (const c of e.cite) expect(c.provision ?? c.url, e.id).toBeTruthy();
      for (const s of e.subItems ?? []) {
        expect((s.cite ?? e.cite).length, `${e.id} ${s.number}`).toBeGreaterThan(0);
        expect(s.evidence ?? e.evidence).toMatch(/^(verified|reported|unverified)$/);
      }
      for (const p of e.parameters ?? [])
        expect((p.cite ?? e.cite).length, `${e.id} ${p.name}`).toBeGreaterThan(0);
    }
  });

  it("numbers are WA/EU numbers; sub-items lie under their entry; parameters name known sub-items and units", () => {
    for (const e of entries) {
      if (e.number !== undefined) expect(e.number, e.id).toMatch(WA);
      const top = e.number?.slice(0, 5);
      const subs = new Set((e.subItems ?? []).map((s) => s.number));
      for (const s of e.subItems ?? []) {
        expect(s.number, e.id).toMatch(WA);
        expect(s.number.slice(0, 5), `${e.id} ${s.number}`).toBe(top);
      }
      for (const p of e.parameters ?? []) {
        expect(p.unit, `${e.id} ${p.name}`).not.toBe("");
        if (p.subItem !== undefined)
          expect(subs.has(p.subItem) || !e.subItems, `${e.id} ${p.subItem}`).toBe(true);
        if (p.kind === "range")
          expect(p.min !== undefined && p.max !== undefined, `${e.id} ${p.name}`).toBe(true);
        if (p.kind === "equals") expect(p.equals, `${e.id} ${p.name}`).toBeDefined();
        if (p.from !== undefined && p.to !== undefined) expect(p.from < p.to).toBe(true);
      }
      // A sub-item may be given once per period (its wording dated), never twice on one date.
      const own = new Map<string, { from?: string | undefined; to?: string | undefined }[]>();
      for (const s of e.subItems ?? []) {
        const earlier = own.get(s.number) ?? [];
        for (const o of earlier)
          expect(
            (o.to !== undefined && s.from !== undefined && o.to <= s.from) ||
              (s.to !== undefined && o.from !== undefined && s.to <= o.from),
            `${e.id}: ${s.number} twice in one period`,
          ).toBe(true);
        own.set(s.number, [...earlier, { from: s.from, to: s.to }]);
      }
    }
  });

  it("CAS numbers have a valid check digit", () => {
    const valid = (cas: string) => {
      const m = /^(\d{2,7})-(\d{2})-(\d)$/.exec(cas);
      if (!m) return false;
      const d = (m[1]! + m[2]!).split("").reverse();
      return d.reduce((a, x, i) => a + Number(x) * (i + 1), 0) % 10 === Number(m[3]);
    };
    for (const e of entries)
      for (const c of [...(e.cas ?? []), ...(e.subItems ?? []).flatMap((s) => s.cas ?? [])])
        expect(valid(c), `${e.id} ${c}`).toBe(true);
  });
});

describe("numbering structure and HS map", () => {
  const all = [...policies.values()];
  const lists = all.map((p) => p.data.controlList as ControlList);
  const numbers = new Set(
    lists.flatMap((cl) =>
      (cl.entries ?? []).flatMap((e) => [e.number, ...(e.subItems ?? []).map((s) => s.number)]),
    ),
  );

  it("categories 0-9, groups A-E and regime digits 0-4 are described, with citations", () => {
    const n = lists.find((cl) => cl.numbering)?.numbering;
    expect(n?.categories?.map((c) => c.code)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    expect(n?.groups?.map((c) => c.code)).toEqual(["A", "B", "C", "D", "E"]);
    expect(n?.regimeDigits?.map((c) => c.code)).toEqual(["0", "1", "2", "3", "4"]);
    for (const c of [...n!.categories!, ...n!.groups!, ...n!.regimeDigits!])
      expect(c.cite.length).toBeGreaterThan(0);
  });

  it("every HS map row points at encoded entries or sub-items", () => {
    const rows = lists.flatMap((cl) => cl.hsMap ?? []);
    expect(rows.length).toBeGreaterThan(20);
    for (const r of rows) for (const e of r.entries) expect(numbers.has(e), `HS ${r.hs} → ${e}`).toBe(true);
    expect(rows.find((r) => r.hs === "281111")?.entries).toEqual(["1C350.24"]);
  });

  const hsFile = fileURLToPath(
    new URL("../../../shared/data/hs-harmonized-system/harmonized-system.csv", import.meta.url),
  );
  it.runIf(existsSync(hsFile))(
    "HS codes and titles are those of the HS 2022 nomenclature (../shared/data)",
    () => {
      const titles = new Map<string, string>();
      for (const line of readFileSync(hsFile, "utf8").split("\n").slice(1)) {
        const m = /^[^,]*,(\d+),("(?:[^"]|"")*"|[^,]*),/.exec(line);
        if (m) titles.set(m[1]!, m[2]!.replace(/^"|"$/g, "").replace(/""/g, '"'));
      }
      for (const r of lists.flatMap((cl) => cl.hsMap ?? []))
        expect(titles.get(r.hs), `HS ${r.hs}`).toBe(r.title);
    },
  );
  if (!existsSync(hsFile)) console.warn(`shared data absent: ${hsFile}; HS code check skipped`);
});
