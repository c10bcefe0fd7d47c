/**
 * Line plans shared across HS codes (src/determine/line-plan.ts): for every legal period of the repository's
 * packs, every destination the packs name and a spread of control numbers and HS codes (those the packs' rules
 * and entries name, their neighbours and unrelated ones), the plan a line gets is the plan compiled for it
 * alone on the line's own period. Plans are what the engine reuses, across HS codes and across the periods that
 * hold the same law for a destination (`lawKey`); the rest of a decision comes from the line itself. And lines
 * on periods with the same `decisionKey` get the same decisions, as the impact runs assume.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decide, decisionKey } from "../../src/determine/decide.ts";
import { destinationPlans, freshLinePlan, linePlan } from "../../src/determine/line-plan.ts";
import type { EndUse } from "../../src/determine/types.ts";
import type { DestinationContext } from "../../src/determine/match.ts";
import { loadPolicies, Policy } from "../../src/policy/index.ts";

const root = fileURLToPath(new URL("../../policy", import.meta.url));
const policies = loadPolicies(root);

/** Strings found under `key` anywhere in `v` (arrays of strings or a string). */
function collect(v: unknown, keys: string[], out: Set<string>, depth = 0): Set<string> {
  if (depth > 14 || v === null || typeof v !== "object") return out;
  for (const [k, x] of Object.entries(v)) {
    if (keys.includes(k) && typeof x === "string") out.add(x);
    else if (keys.includes(k) && Array.isArray(x)) {
      for (const s of x) if (typeof s === "string") out.add(s);
    } else collect(x, keys, out, depth + 1);
  }
  return out;
}

function casesOf(policy: Policy) {
  const data = policy.data;
  const hs = new Set<string | undefined>([undefined, "220300", "610910", "030617", "847950", "854231"]);
  // The HS codes the rules and entries name (not the item lists, which are thousands, read per line).
  const rules = { ...data, itemLists: [] };
  for (const h of collect(rules, ["hs", "notHs", "hsCodes"], new Set())) {
    const digits = h.replace(/[^0-9-]/g, "");
    if (digits.includes("-")) {
      const [a, b] = digits.split("-");
      hs.add(`${a}00`).add(`${b}99`);
    } else {
      hs.add(digits.padEnd(6, "0"));
      hs.add(`${digits}${"9".repeat(Math.max(0, 6 - digits.length))}`);
    }
  }
  for (const c of collect(rules, ["hsChapters"], new Set())) {
    const [a] = c.split("-");
    hs.add(`${a!.padStart(2, "0")}0000`);
  }
  const cns = new Set<string | null>([null, "9Z999", "3C002.a.1", "1C350", "3(1)", "7(19)", "15", "ML8"]);
  for (const e of data.controlList.entries ?? []) {
    if (e.number) cns.add(e.number);
    cns.add(e.part);
  }
  for (const p of data.controlList.parts ?? []) cns.add(p.id);
  const countries = collect(data, ["countries", "notCountries"], new Set<string>());
  for (const c of ["CN", "RU", "US", "KP", "TW", "IR", "KR", "JP", "FR"]) countries.add(c);
  return { hs: [...hs], cns: [...cns], countries: [...countries].filter((c) => /^[A-Z]{2}$/.test(c)) };
}

/** mulberry32: a seeded sample, the same on every run. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("line plans shared across HS codes", () => {
  for (const [regime, policy] of policies) {
    it(`${regime}: every line's shared plan equals the plan compiled for it alone`, () => {
      const { hs, cns, countries } = casesOf(policy);
      const dates = [policy.regime.dataFrom, ...policy.boundaries()].filter(
        (d) => d >= policy.regime.dataFrom,
      );
      const pick = <T>(xs: T[], r: () => number) => xs[Math.floor(r() * xs.length)]!;
      const r = rng(20261202);
      // Every period with the numbers the special measures and HS-coded entries turn on, to the countries
      // they name; and a seeded sample of everything else.
      const triples: [string, string, string | null][] = [];
      for (const date of dates)
        for (const country of ["KR", "CN", "RU", "US"])
          for (const cn of ["3(1)", "1C350", "3C002.a.1", "15", null]) triples.push([date, country, cn]);
      for (let i = 0; i < 300; i++) triples.push([pick(dates, r), pick(countries, r), pick(cns, r)]);
      let compared = 0;
      let shared = 0;
      for (const [date, country, cn] of triples) {
        const snap = policy.asOf(date);
        const { groups, facts } = snap.groupsOf(country);
        const d: DestinationContext = { country, groups, snap };
        const plans = destinationPlans(snap, d, facts);
        const seen = new Set<unknown>();
        for (const h of hs) {
          const plan = linePlan(plans, cn, h);
          expect(plan, `${regime} ${date} ${country} ${cn} HS ${h}`).toEqual(
            freshLinePlan(snap, d, facts, cn, h),
          );
          compared++;
          if (seen.has(plan)) shared++;
          seen.add(plan);
        }
      }
      // The comparison covered lines that share a plan, and many of them.
      expect(compared).toBeGreaterThan(10_000);
      expect(shared).toBeGreaterThan(compared / 4);
    });
  }
});

const clean: EndUse = { wmd: "none", military: "none", informed: [], endUserListed: false, redFlags: [] };
const suspected: EndUse = { ...clean, wmd: "suspected" };

describe("line plans and decisions shared across periods", () => {
  for (const [regime, policy] of policies) {
    const dates = policy.boundaries().filter((d) => d >= policy.regime.dataFrom);
    const { cns, countries } = casesOf(policy);
    const items = (cn: string | null, i: number) => ({
      id: `L${i}`,
      controlNumber: cn,
      hsCode: ["854231", "220300", "281111", undefined][i % 4],
      value: [50_000, 5_000_000, undefined][i % 3],
      currency: policy.regime.currency,
    });
    const shipment = (date: string, country: string, endUse: EndUse) => ({
      regime,
      date,
      destination: country,
      endUse,
      items: cns.map((cn, i) => items(cn, i)),
    });

    it(`${regime}: a period's decisions are those of a policy that decided on that period alone`, () => {
      let periods = 0;
      for (const country of ["KR", "CN", "RU", "US", "KP", "TW", "FR"])
        for (const date of dates) {
          const alone = new Policy(policy.data, policy.version).asOf(date);
          for (const endUse of [clean, suspected]) {
            const got = decide(policy.asOf(date), shipment(date, country, endUse), policy.version);
            const want = decide(alone, shipment(date, country, endUse), policy.version);
            expect(got, `${regime} ${date} ${country} ${endUse.wmd}`).toEqual(want);
          }
          periods++;
        }
      expect(periods).toBeGreaterThan(20);
    });

    it(`${regime}: periods with the same decision key decide every line alike, and some periods share one`, () => {
      let merged = 0;
      for (const country of countries) {
        const byKey = new Map<string, string[]>();
        for (const date of dates) {
          const k = decisionKey(policy.asOf(date), country);
          byKey.set(k, [...(byKey.get(k) ?? []), date]);
        }
        merged += dates.length - byKey.size;
        for (const same of byKey.values()) {
          if (same.length < 2) continue;
          const [first, ...rest] = same;
          for (const endUse of [clean, suspected]) {
            const want = decide(policy.asOf(first!), shipment(first!, country, endUse), policy.version);
            for (const date of rest) {
              const got = decide(policy.asOf(date), shipment(date, country, endUse), policy.version);
              expect({ ...got, date: first }, `${regime} ${country}: ${date} as ${first}`).toEqual(want);
            }
          }
        }
      }
      // Periods merge where a change reaches other countries only: some always; in JP's pack (whose embargo
      // renewals and membership changes reach a few countries) more than one per country.
      expect(merged).toBeGreaterThan(0);
      if (regime === "JP") expect(merged).toBeGreaterThan(countries.length);
    });
  }
});
