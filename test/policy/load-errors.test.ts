// Loader errors: every kind of problem in a pack is reported as a PolicyLoadError problem that names the file,
// the line and what is wrong. Each case starts from a small valid pack (written to a temp dir) and breaks one thing.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { NoPolicyDataError, PolicyLoadError, type PolicyProblem } from "../../src/policy/errors.ts";
import { loadPolicy } from "../../src/policy/load.ts";
import type { Policy } from "../../src/policy/policy.ts";

const REGIME = `# Regime header of a test pack.
regime:
  id: XT
  name: Test regime
  timeZone: Asia/Tokyo
  dataFrom: 2017-01-01
  currency: JPY
  reviewedThrough: 2026-12-01
  primarySources: [law.example.gov]
  cite:
    - provision: Test Act, Art. 1
`;

const LISTS = `# One country list and the groups built on it.
lists:
  - id: white
    name: White list
    cite:
      - provision: Order, Table 3
    members:
      - countries: [AU, KR]
        from: 2017-01-01
        to: 2019-08-28
        evidence: verified
        cite:
          - provision: Order, Table 3 (2017 text)
            url: https://law.example.gov/order/2017
      - countries: [AU]
        from: 2019-08-28
        evidence: verified
        cite:
          - provision: Order, Table 3 (2019 text)
            url: https://law.example.gov/order/2019
groups:
  - id: A
    name: Group A
    lists: [white]
    from: 2017-01-01
    evidence: verified
    cite:
      - provision: Circular, region 1
        url: https://law.example.gov/circular
  - id: C
    name: Group C
    default: true
    from: 2017-01-01
    evidence: unverified
    cite:
      - url: https://example.org/group-c
`;

/** A licence with a base rule and its labelled exception, for the precedence cases. */
const LICENCES = `licences:
  - id: bulk
    name: Bulk licence
    rank: 10
    for: [listed]
    cite:
      - provision: Circular
    eligibility:
      - id: bulk-a
        result: eligible
        destinations: { groups: [A] }
        from: 2017-01-01
        evidence: verified
        cite: [{ provision: Circular 1, url: "https://law.example.gov/c1" }]
      - id: bulk-not-a
        overrides: bulk-a
        result: not-eligible
        destinations: { notGroups: [A] }
        from: 2017-01-01
        evidence: verified
        cite: [{ provision: Circular 2, url: "https://law.example.gov/c2" }]
  - id: individual
    name: Individual licence
    rank: 100
    for: [listed, catch-all]
    cite:
      - provision: Act, Art. 48
`;

/** A catch-all scope and a limb that refers to it, for the reference case. */
const CATCH_ALL = `catchAll:
  scopes:
    - id: row-16
      allGoods: true
      from: 2017-01-01
      evidence: verified
      cite: [{ provision: "Order, Table 1 row 16", url: "https://law.example.gov/t1" }]
  limbs:
    - id: wmd-objective
      label: WMD catch-all, objective requirement
      limb: wmd
      trigger: objective
      scope: row-16
      destinations: { notGroups: [A] }
      when: [{ wmd: [known] }]
      permit: individual
      from: 2017-01-01
      evidence: verified
      cite: [{ provision: "Order, Art. 4", url: "https://law.example.gov/a4" }]
`;

type Pack = Record<string, string>;
const BASE: Pack = { "regime.yaml": REGIME, "lists.yaml": LISTS };
const FULL: Pack = { ...BASE, "licences.yaml": LICENCES, "catch-all.yaml": CATCH_ALL };

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function writePack(pack: Pack): string {
  const dir = mkdtempSync(join(tmpdir(), "tradectl-pack-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(pack)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Load `pack` from a fresh temp dir; file names in problems are relative to that dir. */
function load(pack: Pack): Policy {
  const dir = writePack(pack);
  return loadPolicy(dir, dir);
}

/** The problems `pack` fails with; fails the test when it loads or throws anything but a PolicyLoadError. */
function problemsOf(pack: Pack): PolicyProblem[] {
  let thrown: unknown;
  try {
    load(pack);
  } catch (e) {
    thrown = e;
  }
  expect(thrown, "the pack should not load").toBeInstanceOf(PolicyLoadError);
  const problems = (thrown as PolicyLoadError).problems;
  expect(problems.length).toBeGreaterThan(0);
  return problems;
}

/** The single problem of `pack` (a broken pack should fail for the one reason it was broken). */
function onlyProblem(pack: Pack): PolicyProblem {
  const problems = problemsOf(pack);
  expect(problems, JSON.stringify(problems, null, 2)).toHaveLength(1);
  return problems[0]!;
}

/** `text` with `from` replaced by `to`; `from` must occur exactly once, so a mutation can never silently miss. */
function mutate(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`"${from}" must occur exactly once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** The 1-based number of the one line of `text` that contains `needle`. */
function lineWith(text: string, needle: string, occurrence = 1): number {
  const hits = text
    .split("\n")
    .map((l, i) => (l.includes(needle) ? i + 1 : 0))
    .filter((n) => n > 0);
  if (occurrence === 1 && hits.length !== 1)
    throw new Error(`"${needle}" is on ${hits.length} lines, not one`);
  const n = hits[occurrence - 1];
  if (n === undefined) throw new Error(`"${needle}" has no occurrence ${occurrence}`);
  return n;
}

describe("the base packs", () => {
  it("the minimal pack (regime header, one list, groups) loads", () => {
    const p = load(BASE);
    expect(p.regime.id).toBe("XT");
    expect(p.data.lists.map((l) => l.id)).toEqual(["white"]);
    expect(p.asOf("2019-08-27").groupsOf("KR").groups).toEqual(["A"]);
    expect(p.asOf("2019-08-28").groupsOf("KR").groups).toEqual(["C"]);
    expect(p.asOf("2019-08-28").groupsOf("AU").groups).toEqual(["A"]);
  });

  it("the pack with licences and a catch-all loads", () => {
    const p = load(FULL);
    expect(p.data.licences.map((l) => l.id)).toEqual(["bulk", "individual"]);
    expect(p.data.limbs.map((l) => l.scope)).toEqual(["row-16"]);
  });

  it("the helpers work on the text they are given (line numbers are 1-based)", () => {
    expect(lineWith(REGIME, "regime:")).toBe(2);
    expect(lineWith(LISTS, "countries: [AU, KR]")).toBe(8);
    expect(() => lineWith(LISTS, "evidence: verified")).toThrow();
    expect(() => mutate(LISTS, "no such text", "x")).toThrow();
  });
});

describe("unknown keys", () => {
  it("at top level: names the file, the key's line and the key", () => {
    const lists = mutate(LISTS, "groups:\n", "extra: 1\ngroups:\n");
    const p = onlyProblem({ ...BASE, "lists.yaml": lists });
    expect(p.file).toBe("lists.yaml");
    expect(p.line).toBe(lineWith(lists, "extra: 1"));
    expect(p.message).toMatch(/unknown key/);
    expect(p.message).toContain('"extra"');
  });

  it("nested in a group: names the group's path and the key's line", () => {
    const lists = mutate(
      LISTS,
      "    lists: [white]\n",
      "    lists: [white]\n    comment: first match wins\n",
    );
    const p = onlyProblem({ ...BASE, "lists.yaml": lists });
    expect(p.file).toBe("lists.yaml");
    expect(p.line).toBe(lineWith(lists, "comment: first match wins"));
    expect(p.path).toBe("groups[0]");
    expect(p.message).toMatch(/unknown key "comment"/);
  });

  it("nested two levels down in a list membership", () => {
    const lists = mutate(
      LISTS,
      "      - countries: [AU]\n",
      "      - countries: [AU]\n        until: 2030-01-01\n",
    );
    const p = onlyProblem({ ...BASE, "lists.yaml": lists });
    expect(p.line).toBe(lineWith(lists, "until: 2030-01-01"));
    expect(p.path).toBe("lists[0].members[1]");
    expect(p.message).toMatch(/unknown key "until"/);
  });

  it("in the regime header of the other file", () => {
    const regime = mutate(REGIME, "  currency: JPY\n", "  currency: JPY\n  language: ja\n");
    const p = onlyProblem({ ...BASE, "regime.yaml": regime });
    expect(p.file).toBe("regime.yaml");
    expect(p.line).toBe(lineWith(regime, "language: ja"));
    expect(p.path).toBe("regime");
    expect(p.message).toMatch(/unknown key "language"/);
  });
});

describe("overlapping periods", () => {
  it("two memberships of the same country on the same list: the later one is reported, pointing at the earlier", () => {
    // AU's second membership now starts a day before the first one ends.
    const lists = mutate(LISTS, "from: 2019-08-28", "from: 2019-08-27");
    const p = onlyProblem({ ...BASE, "lists.yaml": lists });
    expect(p.file).toBe("lists.yaml");
    expect(p.line).toBe(lineWith(lists, "from: 2019-08-27"));
    expect(p.message).toMatch(/overlapping periods/);
    expect(p.message).toContain("white/AU");
    expect(p.message).toContain("[2019-08-27, open)");
    expect(p.message).toContain("[2017-01-01, 2019-08-28)");
    // ... and says where the other membership is.
    expect(p.message).toContain(`lists.yaml:${lineWith(lists, "countries: [AU, KR]")}`);
  });

  it("periods that only meet (to = next from) do not overlap: the base pack has one", () => {
    const p = load(BASE);
    expect(p.membership("white", "AU", "2019-08-27")?.to).toBe("2019-08-28");
    expect(p.membership("white", "AU", "2019-08-28")?.from).toBe("2019-08-28");
  });

  it("the same country on two different lists is not an overlap", () => {
    const lists = mutate(
      LISTS,
      "groups:\n",
      `  - id: other
    name: Other list
    cite: [{ provision: "Order, Table 4", url: "https://law.example.gov/t4" }]
    members:
      - countries: [AU]
        from: 2017-01-01
        evidence: verified
        cite: [{ provision: "Order, Table 4", url: "https://law.example.gov/t4" }]
groups:
`,
    );
    expect(() => load({ ...BASE, "lists.yaml": lists })).not.toThrow();
  });
});

describe("bad dates", () => {
  it.each([
    ["2019-02-30", /not a calendar date/],
    ['"2019-13-01"', /no month 13/],
    ["yesterday", /not a date in the form YYYY-MM-DD/],
  ])("from: %s is reported on its line, with the value", (bad, why) => {
    const lists = mutate(LISTS, "from: 2019-08-28", `from: ${bad}`);
    const p = onlyProblem({ ...BASE, "lists.yaml": lists });
    expect(p.file).toBe("lists.yaml");
    expect(p.line).toBe(lineWith(lists, `from: ${bad}`));
    expect(p.path).toBe("lists[0].members[1].from");
    expect(p.message).toMatch(/bad date/);
    expect(p.message).toMatch(why);
    expect(p.message).toContain(bad.replaceAll('"', ""));
  });

  it("a bad `to` and a bad regime.dataFrom are reported too", () => {
    const lists = mutate(LISTS, "to: 2019-08-28", "to: 2019-04-31");
    const regime = mutate(REGIME, "dataFrom: 2017-01-01", "dataFrom: 2017-1-1");
    const problems = problemsOf({ "regime.yaml": regime, "lists.yaml": lists });
    expect(problems.map((p) => [p.file, p.line, p.path])).toEqual(
      expect.arrayContaining([
        ["lists.yaml", lineWith(lists, "to: 2019-04-31"), "lists[0].members[0].to"],
        ["regime.yaml", lineWith(regime, "dataFrom: 2017-1-1"), "regime.dataFrom"],
      ]),
    );
    expect(problems).toHaveLength(2);
  });
});

describe("unknown country codes", () => {
  it('"XX" in a flow list is reported on that line, naming the code', () => {
    const lists = mutate(LISTS, "countries: [AU, KR]", "countries: [AU, XX]");
    const p = onlyProblem({ ...BASE, "lists.yaml": lists });
    expect(p.file).toBe("lists.yaml");
    expect(p.line).toBe(lineWith(lists, "countries: [AU, XX]"));
    expect(p.path).toBe("lists[0].members[0].countries[1]");
    expect(p.message).toBe('unknown country code "XX"');
  });

  it('"XX" in a block list is reported on its own line', () => {
    const lists = mutate(
      LISTS,
      "      - countries: [AU]\n",
      "      - countries:\n          - AU\n          - XX\n",
    );
    const p = onlyProblem({ ...BASE, "lists.yaml": lists });
    expect(p.line).toBe(lineWith(lists, "- XX"));
    expect(p.path).toBe("lists[0].members[1].countries[1]");
    expect(p.message).toContain('"XX"');
  });

  it("a lower-case code is rejected by the schema", () => {
    const lists = mutate(LISTS, "countries: [AU, KR]", "countries: [AU, kr]");
    const p = onlyProblem({ ...BASE, "lists.yaml": lists });
    expect(p.line).toBe(lineWith(lists, "countries: [AU, kr]"));
    expect(p.path).toBe("lists[0].members[0].countries[1]");
    expect(p.message).toMatch(/ISO 3166/);
  });
});

describe("unknown country codes in a destination selector", () => {
  const EMBARGO = `embargoes:
  - id: ban
    title: Total export ban
    destinations:
      countries:
        - KP
        - XX
    from: 2017-01-01
    evidence: verified
    cite: [{ provision: Cabinet decision, url: "https://law.example.gov/cd" }]
`;

  it("is reported, with the selector's path", () => {
    const p = onlyProblem({ ...BASE, "embargoes.yaml": EMBARGO });
    expect(p.file).toBe("embargoes.yaml");
    expect(p.path).toBe("embargoes[0].destinations.countries[1]");
    expect(p.message).toBe('unknown country code "XX"');
  });

  it("is reported on the line of the bad code", () => {
    const p = onlyProblem({ ...BASE, "embargoes.yaml": EMBARGO });
    expect(p.line).toBe(lineWith(EMBARGO, "- XX"));
  });
});

describe("a period's `to` on or before its `from`", () => {
  it.each(["2016-12-31", "2017-01-01"])("to: %s (from 2017-01-01) is reported on the `to` line", (to) => {
    const lists = mutate(LISTS, "to: 2019-08-28", `to: ${to}`);
    const p = onlyProblem({ ...BASE, "lists.yaml": lists });
    expect(p.file).toBe("lists.yaml");
    expect(p.line).toBe(lineWith(lists, `to: ${to}`));
    expect(p.path).toBe("lists[0].members[0].to");
    expect(p.message).toContain(`period ends (${to}) on or before it starts (2017-01-01)`);
  });

  it("on a group as well", () => {
    const lists = mutate(LISTS, "    default: true\n", "    default: true\n    to: 2016-06-01\n");
    const p = onlyProblem({ ...BASE, "lists.yaml": lists });
    expect(p.line).toBe(lineWith(lists, "to: 2016-06-01"));
    expect(p.path).toBe("groups[1].to");
  });
});

describe("missing citations", () => {
  it("cite: [] on a membership is reported on the cite line", () => {
    const lists = mutate(
      LISTS,
      "        cite:\n          - provision: Order, Table 3 (2019 text)\n            url: https://law.example.gov/order/2019\n",
      "        cite: []\n",
    );
    const p = onlyProblem({ ...BASE, "lists.yaml": lists });
    expect(p.file).toBe("lists.yaml");
    expect(p.line).toBe(lineWith(lists, "cite: []"));
    expect(p.path).toBe("lists[0].members[1].cite");
    expect(p.message).toMatch(/at least one citation is required/);
  });

  it("a citation with neither provision nor url is reported", () => {
    const lists = mutate(LISTS, "      - url: https://example.org/group-c\n", "      - note: trust me\n");
    const p = onlyProblem({ ...BASE, "lists.yaml": lists });
    expect(p.line).toBe(lineWith(lists, "note: trust me"));
    expect(p.path).toBe("groups[1].cite[0]");
    expect(p.message).toMatch(/needs a provision or a url/);
  });
});

describe("missing required keys", () => {
  it("a group without name: names the key and the group's first line", () => {
    const lists = mutate(LISTS, "    name: Group C\n", "");
    const p = onlyProblem({ ...BASE, "lists.yaml": lists });
    expect(p.file).toBe("lists.yaml");
    expect(p.line).toBe(lineWith(lists, "- id: C"));
    expect(p.path).toBe("groups[1].name");
    expect(p.message).toBe('missing required key "name"');
  });

  it("a group without evidence (an enum key) is reported on the group's first line", () => {
    const lists = mutate(LISTS, "    evidence: unverified\n", "");
    const p = onlyProblem({ ...BASE, "lists.yaml": lists });
    expect(p.file).toBe("lists.yaml");
    expect(p.line).toBe(lineWith(lists, "- id: C"));
    expect(p.path).toBe("groups[1].evidence");
  });

  it("a group without evidence (an enum key) is called a missing key", () => {
    const lists = mutate(LISTS, "    evidence: unverified\n", "");
    expect(onlyProblem({ ...BASE, "lists.yaml": lists }).message).toBe('missing required key "evidence"');
  });

  it("a membership without from", () => {
    const lists = mutate(LISTS, "        from: 2019-08-28\n", "");
    const p = onlyProblem({ ...BASE, "lists.yaml": lists });
    expect(p.line).toBe(lineWith(lists, "countries: [AU]"));
    expect(p.path).toBe("lists[0].members[1].from");
    expect(p.message).toBe('missing required key "from"');
  });

  it("the regime header without currency: reported within the header", () => {
    const regime = mutate(REGIME, "  currency: JPY\n", "");
    const p = onlyProblem({ ...BASE, "regime.yaml": regime });
    expect(p.file).toBe("regime.yaml");
    // The `regime:` key line or the header's first line.
    expect([lineWith(regime, "regime:"), lineWith(regime, "id: XT")]).toContain(p.line);
    expect(p.path).toBe("regime.currency");
    expect(p.message).toBe('missing required key "currency"');
  });

  it("no regime header in any file", () => {
    const problems = problemsOf({ "lists.yaml": LISTS });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/no file declares the regime header/);
  });
});

describe("unknown references", () => {
  it("a group referring to an unknown list", () => {
    const lists = mutate(LISTS, "lists: [white]", "lists: [whit]");
    const p = onlyProblem({ ...BASE, "lists.yaml": lists });
    expect(p.file).toBe("lists.yaml");
    expect(p.line).toBe(lineWith(lists, "lists: [whit]"));
    expect(p.path).toBe("groups[0].lists[0]");
    expect(p.message).toBe('unknown country list "whit"');
  });

  it("a catch-all limb referring to an unknown scope", () => {
    const catchAll = mutate(CATCH_ALL, "scope: row-16", "scope: row-61");
    const p = onlyProblem({ ...FULL, "catch-all.yaml": catchAll });
    expect(p.file).toBe("catch-all.yaml");
    expect(p.line).toBe(lineWith(catchAll, "scope: row-61"));
    expect(p.path).toBe("catchAll.limbs[0].scope");
    expect(p.message).toBe('unknown catch-all scope "row-61"');
  });

  it("a limb referring to an unknown group in its destinations", () => {
    const catchAll = mutate(CATCH_ALL, "notGroups: [A]", "notGroups: [Z]");
    const p = onlyProblem({ ...FULL, "catch-all.yaml": catchAll });
    expect(p.line).toBe(lineWith(catchAll, "notGroups: [Z]"));
    expect(p.path).toBe("catchAll.limbs[0].destinations.notGroups[0]");
    expect(p.message).toBe('unknown group "Z"');
  });
});

describe("YAML syntax errors", () => {
  it("a nested mapping in a compact mapping is reported on its line", () => {
    const lists = mutate(LISTS, "    name: Group A\n", "    name: Group: A\n");
    const p = onlyProblem({ ...BASE, "lists.yaml": lists });
    expect(p.file).toBe("lists.yaml");
    expect(p.line).toBe(lineWith(lists, "name: Group: A"));
    expect(p.message).toMatch(/^YAML: /);
  });

  it("a key given twice in one mapping is reported on the second", () => {
    const lists = mutate(LISTS, "    name: Group C\n", "    name: Group C\n    name: Group C again\n");
    const p = onlyProblem({ ...BASE, "lists.yaml": lists });
    expect(p.line).toBe(lineWith(lists, "name: Group C again"));
    expect(p.message).toMatch(/^YAML: .*unique/);
  });

  it("problems in several files are all reported, not just the first", () => {
    const lists = mutate(LISTS, "    name: Group A\n", "    name: Group: A\n");
    const regime = mutate(REGIME, "  currency: JPY\n", "  currency: JPY\n  language: ja\n");
    const problems = problemsOf({ "regime.yaml": regime, "lists.yaml": lists });
    expect(problems.map((p) => [p.file, p.line])).toEqual(
      expect.arrayContaining([
        ["lists.yaml", lineWith(lists, "name: Group: A")],
        ["regime.yaml", lineWith(regime, "language: ja")],
      ]),
    );
  });
});

describe("precedence: labelled exceptions (overrides)", () => {
  it("an exception decides where it applies; the base rule elsewhere", () => {
    const p = load(FULL);
    const rules = p.data.licences[0]!.eligibility!;
    expect(rules.find((r) => r.id === "bulk-not-a")!.priority).toBeGreaterThan(
      rules.find((r) => r.id === "bulk-a")!.priority,
    );
  });

  it("two rules that may both apply with different results and no exception between them are refused", () => {
    let licences = mutate(LICENCES, "        overrides: bulk-a\n", "");
    licences = mutate(licences, "destinations: { notGroups: [A] }", "destinations: { countries: [KR] }");
    const p = onlyProblem({ ...FULL, "licences.yaml": licences });
    expect(p.file).toBe("licences.yaml");
    expect(p.line).toBe(lineWith(licences, "id: bulk-not-a"));
    expect(p.message).toMatch(
      /bulk-a and bulk-not-a may both apply from 2017-01-01 with different effects; name the exception with overrides/,
    );
  });

  it("rules that cannot apply to the same line (disjoint groups) need no exception", () => {
    const licences = mutate(LICENCES, "        overrides: bulk-a\n", "");
    expect(() => load({ ...FULL, "licences.yaml": licences })).not.toThrow();
  });

  it("an exception to an unknown rule is reported on its overrides line", () => {
    const licences = mutate(LICENCES, "overrides: bulk-a", "overrides: bulk-b");
    const p = onlyProblem({ ...FULL, "licences.yaml": licences });
    expect(p.line).toBe(lineWith(licences, "overrides: bulk-b"));
    expect(p.message).toMatch(/overrides unknown .* "bulk-b"/);
  });

  it("a cycle of exceptions is refused", () => {
    const licences = mutate(
      LICENCES,
      "      - id: bulk-a\n",
      "      - id: bulk-a\n        overrides: bulk-not-a\n",
    );
    const problems = problemsOf({ ...FULL, "licences.yaml": licences });
    expect(problems.some((p) => /a cycle/.test(p.message))).toBe(true);
  });
});

describe("one rule, dated values (periods)", () => {
  const PERIODS = CATCH_ALL.replace(
    `      from: 2017-01-01
      evidence: verified
      cite: [{ provision: "Order, Art. 4", url: "https://law.example.gov/a4" }]`,
    `      periods:
        - from: 2017-01-01
          to: 2020-01-01
          evidence: verified
          cite: [{ provision: "Order, Art. 4(1)(iii)", url: "https://law.example.gov/a4-2017" }]
        - label: WMD catch-all (renumbered)
          from: 2020-01-01
          evidence: verified
          cite: [{ provision: "Order, Art. 4(1)(iv)", url: "https://law.example.gov/a4-2020" }]`,
  );

  it("each period has its own citation (the article in force) and may restate a field", () => {
    const p = load({ ...FULL, "catch-all.yaml": PERIODS });
    expect(p.asOf("2019-12-31").limbs[0]!.cite[0]!.provision).toBe("Order, Art. 4(1)(iii)");
    expect(p.asOf("2019-12-31").limbs[0]!.label).toBe("WMD catch-all, objective requirement");
    expect(p.asOf("2020-01-01").limbs[0]!.cite[0]!.provision).toBe("Order, Art. 4(1)(iv)");
    expect(p.asOf("2020-01-01").limbs[0]!.label).toBe("WMD catch-all (renumbered)");
  });

  it("overlapping periods of one rule are reported on the later period", () => {
    const bad = mutate(
      PERIODS,
      "        - label: WMD catch-all (renumbered)\n          from: 2020-01-01",
      "        - label: WMD catch-all (renumbered)\n          from: 2019-06-01",
    );
    const p = onlyProblem({ ...FULL, "catch-all.yaml": bad });
    expect(p.line).toBe(lineWith(bad, "from: 2019-06-01"));
    expect(p.message).toMatch(/overlapping periods/);
  });

  it("dates at the top and in periods at once are refused", () => {
    const bad = mutate(PERIODS, "      periods:\n", "      from: 2017-01-01\n      periods:\n");
    const p = onlyProblem({ ...FULL, "catch-all.yaml": bad });
    expect(p.message).toMatch(/"from" belongs in each period/);
  });

  it("an unknown key in a period is reported on its line", () => {
    const bad = mutate(
      PERIODS,
      "        - label: WMD catch-all (renumbered)\n",
      "        - label: WMD catch-all (renumbered)\n          colour: red\n",
    );
    const p = onlyProblem({ ...FULL, "catch-all.yaml": bad });
    expect(p.line).toBe(lineWith(bad, "colour: red"));
    expect(p.message).toMatch(/unknown key "colour"/);
  });
});

describe("evidence: a verified fact cites a primary source", () => {
  it("a verified fact whose cites are not under regime.primarySources is refused, on its evidence line", () => {
    const lists = mutate(
      LISTS,
      "            url: https://law.example.gov/order/2019",
      "            url: https://someones.blog.example/post",
    );
    const p = onlyProblem({ ...BASE, "lists.yaml": lists });
    expect(p.file).toBe("lists.yaml");
    expect(p.line).toBe(lineWith(lists, "url: https://someones.blog.example/post") - 3);
    expect(p.path).toBe("lists[0].members[1].evidence");
    expect(p.message).toMatch(
      /a verified fact needs a primary source among its cites \(a url under law.example.gov\)/,
    );
  });

  it("a verified fact with a provision but no url is refused", () => {
    const lists = mutate(LISTS, "            url: https://law.example.gov/order/2019\n", "");
    const p = onlyProblem({ ...BASE, "lists.yaml": lists });
    expect(p.path).toBe("lists[0].members[1].evidence");
  });

  it("the same fact as reported loads; a host that only ends like a primary one does not count", () => {
    const reported = mutate(
      mutate(
        LISTS,
        "            url: https://law.example.gov/order/2019",
        "            url: https://someones.blog.example/post",
      ),
      "        from: 2019-08-28\n        evidence: verified",
      "        from: 2019-08-28\n        evidence: reported",
    );
    expect(() => load({ ...BASE, "lists.yaml": reported })).not.toThrow();
    const lookalike = mutate(
      LISTS,
      "https://law.example.gov/order/2019",
      "https://notlaw.example.gov.evil.example/order",
    );
    expect(problemsOf({ ...BASE, "lists.yaml": lookalike })[0]!.message).toMatch(/primary source/);
  });

  it("the regime header must name its primary sources and the date its law was reviewed to", () => {
    const regime = mutate(REGIME, "  primarySources: [law.example.gov]\n", "");
    const p = onlyProblem({ ...BASE, "regime.yaml": regime });
    expect(p.message).toBe('missing required key "primarySources"');
    const noReview = mutate(REGIME, "  reviewedThrough: 2026-12-01\n", "");
    expect(onlyProblem({ ...BASE, "regime.yaml": noReview }).message).toBe(
      'missing required key "reviewedThrough"',
    );
  });
});

describe("no policy data before regime.dataFrom", () => {
  it("asOf a date before dataFrom throws NoPolicyDataError naming dataFrom; dataFrom itself is fine", () => {
    const p = load(BASE);
    expect(() => p.asOf("2016-12-31")).toThrow(NoPolicyDataError);
    expect(() => p.asOf("2016-12-31")).toThrow(/no policy data before 2017-01-01/);
    expect(() => p.asOf("2017-01-01")).not.toThrow();
    try {
      p.asOf("2010-05-05");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NoPolicyDataError);
      const err = e as NoPolicyDataError;
      expect([err.regime, err.dataFrom, err.date]).toEqual(["XT", "2017-01-01", "2010-05-05"]);
    }
  });

  it("asOf a non-date is a RangeError, not a silent empty snapshot", () => {
    const p = load(BASE);
    expect(() => p.asOf("2019-02-30")).toThrow(RangeError);
    expect(() => p.asOf("yesterday")).toThrow(RangeError);
  });
});

describe("policy version", () => {
  it("is sha256:<64 hex>, stable across loads and pack locations", () => {
    const a = load(BASE).version;
    const b = load(BASE).version;
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(b).toBe(a);
  });

  it("does not change with comments or formatting", () => {
    const lists = mutate(LISTS, "countries: [AU, KR]", "countries:   [ AU,  KR ]   # Table 3");
    expect(load({ ...BASE, "lists.yaml": lists }).version).toBe(load(BASE).version);
  });

  it.each([
    ["a membership date", "to: 2019-08-28", "to: 2019-08-29", "from: 2019-08-28", "from: 2019-08-29"],
    ["an evidence tag", "evidence: unverified", "evidence: reported", "", ""],
    ["a citation", "Order, Table 3 (2019 text)", "Order, Table 3 (2019 text, corrected)", "", ""],
    ["a member", "countries: [AU, KR]", "countries: [AU, KR, NZ]", "", ""],
  ])("changes when %s changes", (_what, from1, to1, from2, to2) => {
    let lists = mutate(LISTS, from1, to1);
    if (from2) lists = mutate(lists, from2, to2);
    const changed = load({ ...BASE, "lists.yaml": lists }).version;
    expect(changed).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(changed).not.toBe(load(BASE).version);
  });
});

describe("item lists and approval rules", () => {
  const ITEMS = `itemLists:
  - id: ru-list
    name: Russia list
    versions:
      - { count: 3, from: 2022-01-01, evidence: reported, cite: [{ provision: Notice }] }
    entries:
      - { hs: "847950", title: robots, from: 2022-01-01, evidence: reported, cite: [{ provision: Notice }] }
      - { hs: "8479.50", title: robots again, from: 2022-01-01, evidence: reported, cite: [{ provision: Notice }] }
`;
  it("a malformed HS code in an item list is reported on its line", () => {
    const p = onlyProblem({ ...FULL, "items.yaml": ITEMS });
    expect(p.file).toBe("items.yaml");
    expect(p.line).toBe(lineWith(ITEMS, '"8479.50"'));
    expect(p.path).toBe("itemLists[0].entries[1].hs");
  });

  it("an approval rule must name the licence it requires", () => {
    const rule = `embargoes:
  - id: approval-kp
    title: approval under another law
    destinations: { countries: [KP] }
    effect: approval
    from: 2017-01-01
    evidence: reported
    cite: [{ provision: Act }]
`;
    const p = onlyProblem({ ...FULL, "kp.yaml": rule });
    expect(p.line).toBe(lineWith(rule, "effect: approval"));
    expect(p.message).toMatch(/names the licence type it requires/);
    const ok = rule.replace("    effect: approval\n", "    effect: approval\n    permit: individual\n");
    expect(() => load({ ...FULL, "kp.yaml": ok })).not.toThrow();
  });
});

describe("the pack's translations (texts)", () => {
  const TEXTS = `texts:
  - { en: "Bulk licence", ko: "포괄허가", ja: "包括許可" }
  - { en: "Group A", ko: "A그룹", ja: "グループA" }
`;
  it("give a shown text its Korean and Japanese, and leave the version as it was", () => {
    const p = load({ ...FULL, "texts.yaml": TEXTS });
    expect(p.text("Bulk licence")).toEqual({ en: "Bulk licence", ko: "포괄허가", ja: "包括許可" });
    expect(p.text("Individual licence")).toEqual({ en: "Individual licence" });
    expect(p.version).toBe(load(FULL).version);
  });

  it("a text the pack does not show is reported on its line", () => {
    const bad = mutate(TEXTS, '"Group A"', '"Group Z"');
    const p = onlyProblem({ ...FULL, "texts.yaml": bad });
    expect(p.file).toBe("texts.yaml");
    expect(p.line).toBe(lineWith(bad, "Group Z"));
    expect(p.message).toMatch(/does not hold.*"Group Z"/);
  });

  it("a second translation of a text is reported, and a missing language is a schema error", () => {
    const twice = `${TEXTS}  - { en: "Group A", ko: "가", ja: "A" }\n`;
    const p = onlyProblem({ ...FULL, "texts.yaml": twice });
    expect(p.line).toBe(lineWith(twice, '"가"'));
    expect(p.message).toMatch(/second translation/);
    const noJa = mutate(TEXTS, ', ja: "グループA"', "");
    expect(onlyProblem({ ...FULL, "texts.yaml": noJa }).line).toBe(lineWith(noJa, "Group A"));
  });
});
