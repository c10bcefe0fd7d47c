/** Runs every YAML scenario beside the packs (`policy/<regime>/tests/*.yaml`) through the engine. */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { check } from "../../src/determine/index.ts";
import { loadPolicies } from "../../src/policy/index.ts";
import { scenarioFile } from "./scenario-format.ts";

const root = fileURLToPath(new URL("../../policy", import.meta.url));
const policies = loadPolicies(root);

const files = readdirSync(root).flatMap((regime) => {
  const dir = join(root, regime, "tests");
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".yaml"))
        .map((f) => ({ regime: regime.toUpperCase(), path: join(dir, f), name: `${regime}/tests/${f}` }))
    : [];
});

let total = 0;
for (const file of files) {
  const parsed = scenarioFile.parse(parse(readFileSync(file.path, "utf8")));
  describe(file.name, () => {
    for (const sc of parsed.scenarios) {
      total++;
      it(sc.name, () => {
        // a top-level key set to null in a scenario takes the file's default away
        const input = Object.fromEntries(
          Object.entries({ regime: file.regime, ...parsed.defaults, ...sc.shipment }).filter(
            ([, v]) => v !== null,
          ),
        );
        const res = check(policies, input);
        const e = sc.expect;
        if (e.error !== undefined) {
          expect(res.ok).toBe(false);
          if (!res.ok)
            expect(res.problems.map((p) => `${p.path}: ${p.message}`).join("\n")).toContain(e.error);
          return;
        }
        if (!res.ok) throw new Error(`unexpected input problems: ${JSON.stringify(res.problems)}`);
        const r = res.result;
        const d = r.decisions[0]!;
        if (e.destinationGroups) expect(r.destinationGroups).toEqual(e.destinationGroups);
        if (e.outcome) expect(d.outcome).toBe(e.outcome);
        if (e.basis !== undefined) expect(d.basis).toBe(e.basis);
        if (e.licenceOptions) expect(d.licenceOptions).toEqual(e.licenceOptions);
        if (e.unverifiedLicenceOptions)
          expect(d.unverifiedLicenceOptions).toEqual(e.unverifiedLicenceOptions);
        for (const o of e.unverifiedIncludes ?? []) expect(d.unverifiedLicenceOptions).toContain(o);
        for (const o of e.unverifiedExcludes ?? []) expect(d.unverifiedLicenceOptions).not.toContain(o);
        if (e.exemptions) expect(d.exemptions).toEqual(e.exemptions);
        const caveatIds = d.caveats.map((c) => c.fact);
        if (e.caveats) {
          if (e.caveats.length === 0) expect(d.caveats).toEqual([]);
          else expect([...new Set(caveatIds)].sort()).toEqual([...e.caveats].sort());
        }
        for (const c of e.caveatsInclude ?? []) expect(caveatIds).toContain(c);
        const rules = d.trace.map((t) => t.rule);
        for (const rule of e.traceIncludes ?? []) expect(rules).toContain(rule);
        for (const rule of e.traceExcludes ?? []) expect(rules).not.toContain(rule);
        // The provisions cited in the trace are those in force on the shipment's date.
        const cited = d.trace.flatMap((t) => t.facts.flatMap((f) => f.cite.map((c) => c.provision ?? "")));
        for (const text of e.citesInclude ?? [])
          expect(
            cited.some((c) => c.includes(text)),
            `a trace cite naming ${text}`,
          ).toBe(true);
        for (const text of e.citesExclude ?? [])
          expect(
            cited.some((c) => c.includes(text)),
            `no trace cite naming ${text}`,
          ).toBe(false);
        for (const text of e.missingIncludes ?? []) expect((d.missing ?? []).join("\n")).toContain(text);
        if (e.outcome === "undetermined") expect(d.missing?.length ?? 0).toBeGreaterThan(0);
        if (e.entry !== undefined) expect(d.classification.entry).toBe(e.entry);
        for (const [id, want] of Object.entries(e.licenceDetails ?? {})) {
          const got = d.licenceDetails.find((x) => x.id === id);
          expect(got, `licence detail ${id}`).toBeDefined();
          expect(got).toMatchObject(want);
        }
        // Every step of the trace cites its facts.
        for (const t of d.trace) for (const f of t.facts) expect(f.cite.length).toBeGreaterThan(0);
      });
    }
  });
}

describe("scenario suite", () => {
  it("holds at least 40 scenarios across the packs", () => {
    expect(total).toBeGreaterThanOrEqual(40);
  });
});
