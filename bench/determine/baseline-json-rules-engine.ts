/**
 * The baseline for the benchmark: Japan's export-control rules written for `json-rules-engine` (v7), the way a
 * TypeScript team would otherwise encode them. Dated destination tables are shared named conditions; the
 * control-number → row lookup and the HS chapter are facts (dynamic almanac facts, or computed before the run);
 * each rule fires a decision event with a rank, and the highest-ranked event decides the line (embargo > 2019
 * KR measure > small-value exemption > list control > catch-all > no licence), optionally stopping the engine
 * at the first one. It gives outcome, basis and licence options only: no trace, no caveats.
 *
 * The rules (as of policy/jp): total export ban to KP; every Appended Table 1 row 1–15 item needs a licence;
 * HF / fluorinated polyimide / resist (rows 3(1), 5(17), 7(19)) to KR from 2019-07-04 to 2023-03-22 need an
 * individual licence; small-value exemption for rows 5–13 up to ¥1,000,000 and row 15 up to ¥50,000, not to
 * Appended Table 4, not when a catch-all trigger is present outside Group A; catch-all limbs イ/ロ/ハ/ニ for
 * unlisted goods in HS chapters 25–40, 54–59, 63, 68–93, 95 to non-Group-A destinations (ハ: Table 3-2 only),
 * plus the inform limbs for Group A from 2025-10-09. KR is in Group A before 2019-08-28 and from 2023-07-21.
 */
import { Engine, type NestedCondition, type RuleProperties, type TopLevelCondition } from "json-rules-engine";
import type { Basis, ItemLine, Outcome, Shipment } from "../../src/determine/types.ts";

export interface BaselineDecision {
  outcome: Outcome;
  basis: Basis;
  licenceOptions: string[];
}

// ---- Facts: control-number classification (a lookup a team would keep beside its rules) ------------------

/** WA/EU numbers encoded entry by entry, with their Appended Table 1 row. */
const ENTRIES: Record<string, string> = { "1C350": "3(1)", "1C009.b": "5(17)", "3C002": "7(19)" };
/** Other WA/EU numbers, placed by their numbering; first match wins. */
const NUMBER_MAP: [RegExp, string][] = [
  [/^ML/, "1"],
  [/^0/, "2"],
  [/^[0-9][A-E]2/, "2"],
  [/^[0-9][A-E]1/, "4"],
  [/^(1C35[1-4]|2B352)/, "3の2"],
  [/^[0-9][A-E][34]/, "3"],
  [/^1/, "5"],
  [/^2/, "6"],
  [/^3/, "7"],
  [/^4/, "8"],
  [/^5/, "9"],
  [/^6/, "10"],
  [/^7/, "11"],
  [/^8/, "12"],
  [/^9/, "13"],
];
const ROW = /^(\d{1,2}(?:の\d)?)(\(\d{1,2}(?:の\d)?\))?$/;

/** The Appended Table 1 row of a control number (`7(19)`, `7`), or null for an unlisted line. */
export function rowOf(controlNumber: string | null | undefined): string | null {
  if (!controlNumber) return null;
  const cn = controlNumber.trim();
  if (ROW.test(cn)) return cn;
  let best: string | undefined;
  for (const number of Object.keys(ENTRIES))
    if ((cn === number || cn.startsWith(`${number}.`)) && (!best || number.length > best.length))
      best = number;
  if (best) return ENTRIES[best]!;
  for (const [re, row] of NUMBER_MAP) if (re.test(cn)) return row;
  return "unplaced"; // a control number was given: treat the line as listed
}

const headOf = (row: string | null | undefined): string | null => row?.replace(/\(.*$/, "") ?? null;

function chapterOf(hsCode: string | null | undefined): number | null {
  const hs = hsCode ?? "";
  return /^\d{6,10}$/.test(hs) ? Number(hs.slice(0, 2)) : null;
}

// ---- Shared named conditions: dated destination tables and the catch-all HS scope -------------------------

const dest = (operator: string, value: unknown): NestedCondition => ({
  fact: "destination",
  operator,
  value,
});
const date = (operator: string, yyyymmdd: number): NestedCondition => ({
  fact: "date",
  operator,
  value: yyyymmdd,
});
const fact = (name: string, operator: string, value: unknown): NestedCondition => ({
  fact: name,
  operator,
  value,
});

const TABLE_3 = ["AR", "AU", "AT", "BE", "BG", "CA", "CZ", "DK", "FI", "FR", "DE", "GR", "HU"].concat([
  "IE",
  "IT",
  "LU",
  "NL",
  "NZ",
  "NO",
  "PL",
  "PT",
  "ES",
  "SE",
  "CH",
  "GB",
  "US",
]);

const CONDITIONS: Record<string, TopLevelCondition> = {
  // Group A = Appended Table 3; KR left it on 2019-08-28 and returned on 2023-07-21.
  groupA: {
    any: [
      dest("in", TABLE_3),
      {
        all: [
          dest("equal", "KR"),
          { any: [date("lessThan", 20190828), date("greaterThanInclusive", 20230721)] },
        ],
      },
    ],
  },
  // Appended Table 3-2 (UN arms embargoes): ER until 2018-12-18, SS from 2018-12-19.
  table3of2: {
    any: [
      dest("in", ["AF", "CF", "CD", "IQ", "LB", "LY", "KP", "SO", "SD"]),
      { all: [dest("equal", "ER"), date("lessThan", 20181219)] },
      { all: [dest("equal", "SS"), date("greaterThanInclusive", 20181219)] },
    ],
  },
  table4: { any: [dest("in", ["IR", "IQ", "KP"])] },
  // Row 16's HS scope: chapters 25–40, 54–59, 63, 68–93, 95.
  catchAllScope: {
    any: [
      [25, 40],
      [54, 59],
      [63, 63],
      [68, 93],
      [95, 95],
    ].map(([lo, hi]) => ({
      all: [fact("hsChapter", "greaterThanInclusive", lo), fact("hsChapter", "lessThanInclusive", hi)],
    })),
  },
  wmdObjective: {
    any: [fact("wmd", "in", ["suspected", "known"]), fact("endUserListed", "equal", true)],
  },
  militaryObjective: { any: [fact("military", "in", ["suspected", "known"])] },
  // Any of the catch-all triggers イ, ロ, ニ (outside Group A) or ハ (Table 3-2): bars the small-value exemption.
  catchAllTriggerPresent: {
    any: [
      {
        all: [
          { not: { condition: "groupA" } },
          {
            any: [
              { condition: "wmdObjective" },
              fact("informed", "contains", "wmd"),
              fact("informed", "contains", "conventional"),
            ],
          },
        ],
      },
      { all: [{ condition: "table3of2" }, { condition: "militaryObjective" }] },
    ],
  },
};

// ---- Rules -----------------------------------------------------------------------------------------------

function rule(
  name: string,
  rank: number,
  all: NestedCondition[],
  outcome: Outcome,
  basis: Basis,
  licenceOptions: string[],
): RuleProperties {
  return {
    name,
    priority: rank,
    conditions: { all },
    event: { type: "decision", params: { rank, outcome, basis, licenceOptions } },
  };
}

const listed = fact("listed", "equal", true);
const unlisted = fact("listed", "equal", false);
const smallValueRows = ["5", "6", "7", "8", "9", "10", "11", "12", "13"];

export const RULES: RuleProperties[] = [
  rule(
    "kp-total-export-ban",
    100,
    [dest("equal", "KP"), date("greaterThanInclusive", 20090618)],
    "prohibited",
    "embargo",
    [],
  ),
  rule(
    "kr-2019-three-items",
    90,
    [
      listed,
      fact("row", "in", ["3(1)", "5(17)", "7(19)"]),
      dest("equal", "KR"),
      date("greaterThanInclusive", 20190704),
      date("lessThan", 20230323),
    ],
    "licence-required",
    "special-measure",
    ["individual"],
  ),
  rule(
    "small-value-rows-5-13",
    80,
    [
      listed,
      fact("rowHead", "in", smallValueRows),
      fact("value", "lessThanInclusive", 1_000_000),
      { not: { condition: "table4" } },
      { not: { condition: "catchAllTriggerPresent" } },
    ],
    "no-licence-required",
    "listed",
    [],
  ),
  rule(
    "small-value-row-15",
    80,
    [
      listed,
      fact("rowHead", "equal", "15"),
      fact("value", "lessThanInclusive", 50_000),
      { not: { condition: "table4" } },
      { not: { condition: "catchAllTriggerPresent" } },
    ],
    "no-licence-required",
    "listed",
    [],
  ),
  rule("list-control", 70, [listed], "licence-required", "listed", ["individual"]),
  rule(
    "catch-all-i-wmd-objective",
    60,
    [
      unlisted,
      { condition: "catchAllScope" },
      { not: { condition: "groupA" } },
      { condition: "wmdObjective" },
    ],
    "licence-required",
    "catch-all",
    ["individual"],
  ),
  rule(
    "catch-all-ro-wmd-inform",
    60,
    [
      unlisted,
      { condition: "catchAllScope" },
      { not: { condition: "groupA" } },
      fact("informed", "contains", "wmd"),
    ],
    "licence-required",
    "catch-all",
    ["individual"],
  ),
  rule(
    "catch-all-ha-conventional-objective",
    60,
    [
      unlisted,
      { condition: "catchAllScope" },
      { condition: "table3of2" },
      { condition: "militaryObjective" },
    ],
    "licence-required",
    "catch-all",
    ["individual"],
  ),
  rule(
    "catch-all-ni-conventional-inform",
    60,
    [
      unlisted,
      { condition: "catchAllScope" },
      { not: { condition: "groupA" } },
      fact("informed", "contains", "conventional"),
    ],
    "licence-required",
    "catch-all",
    ["individual"],
  ),
  rule(
    "catch-all-group-a-inform-2025",
    60,
    [
      unlisted,
      { condition: "catchAllScope" },
      { condition: "groupA" },
      date("greaterThanInclusive", 20251009),
      { any: [fact("informed", "contains", "wmd"), fact("informed", "contains", "conventional")] },
    ],
    "licence-required",
    "catch-all",
    ["individual"],
  ),
];

/** How the baseline is wired; the runner uses the fastest variant (see README). */
export interface BaselineOptions {
  /** Compute row / listed / hsChapter before the run (plain facts) instead of as dynamic facts. */
  precomputeFacts?: boolean;
  /** Stop the engine after the first (highest-ranked) decision event. */
  stopAtFirstDecision?: boolean;
}

/** An engine holding the rules, and `decideLine` mapping one shipment line to facts, running, resolving. */
export function createBaseline(opts: BaselineOptions = {}): {
  engine: Engine;
  decideLine: (s: Shipment, line: ItemLine) => Promise<BaselineDecision>;
} {
  const rules = opts.stopAtFirstDecision
    ? RULES.map((r) => ({ ...r, onSuccess: () => void engine.stop() }))
    : RULES;
  const engine = new Engine(rules, { allowUndefinedFacts: true });
  for (const [name, c] of Object.entries(CONDITIONS)) engine.setCondition(name, c);
  if (!opts.precomputeFacts) {
    engine.addFact("row", async (_p, almanac) =>
      rowOf(await almanac.factValue<string | null>("controlNumber")),
    );
    engine.addFact("rowHead", async (_p, almanac) => headOf(await almanac.factValue<string | null>("row")));
    engine.addFact("listed", async (_p, almanac) => (await almanac.factValue<string | null>("row")) !== null);
    engine.addFact("hsChapter", async (_p, almanac) =>
      chapterOf(await almanac.factValue<string | null>("hsCode")),
    );
  }

  const decideLine = async (s: Shipment, line: ItemLine): Promise<BaselineDecision> => {
    const facts: Record<string, unknown> = {
      destination: s.destination,
      date: Number(s.date.replaceAll("-", "")),
      controlNumber: line.controlNumber ?? null,
      hsCode: line.hsCode ?? null,
      value: line.value ?? null,
      wmd: s.endUse.wmd,
      military: s.endUse.military,
      informed: s.endUse.informed,
      endUserListed: s.endUse.endUserListed,
    };
    if (opts.precomputeFacts) {
      const row = rowOf(line.controlNumber);
      facts.row = row;
      facts.rowHead = headOf(row);
      facts.listed = row !== null;
      facts.hsChapter = chapterOf(line.hsCode);
    }
    const { events } = await engine.run(facts);
    let best: BaselineDecision & { rank: number } = {
      rank: 0,
      outcome: "no-licence-required",
      basis: null,
      licenceOptions: [],
    };
    for (const e of events) {
      const p = e.params as BaselineDecision & { rank: number };
      if (p.rank > best.rank) best = p;
    }
    return { outcome: best.outcome, basis: best.basis, licenceOptions: best.licenceOptions };
  };
  return { engine, decideLine };
}
