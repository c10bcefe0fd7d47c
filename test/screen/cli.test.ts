/**
 * `tradectl screen`: the --json contract, the human output, batches from a CSV (--out .csv / .json), and bad
 * input as `CliInputError` (exit 2): empty names, names of only legal-form or generic words, unknown lists,
 * countries and types, a CSV without its name column, no lists imported.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { beforeAll, describe, expect, it } from "vitest";
import { CliInputError, registerScreenCommand, type ScreenJson } from "../../src/cli/screen.ts";
import type { Io } from "../../src/cli/main.ts";
import { saveList } from "../../src/lists/store.ts";
import type { ListEntity } from "../../src/screen/entity.ts";
import { entity } from "./helpers.ts";

let home: string;
let dir: string;

function save(list: string, entities: ListEntity[]) {
  saveList(
    home,
    {
      list,
      format: list,
      entities: entities.map((e) => ({ ...e, list, id: `${list}:${e.sourceId}` })),
      skipped: [],
    },
    { files: [{ name: `${list}.xml`, modified: "2026-01-01T00:00:00Z", sha256: "0".repeat(64), bytes: 1 }] },
  );
}

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), "tradectl-screen-home-"));
  dir = mkdtempSync(join(tmpdir(), "tradectl-screen-"));
  save("un", [
    entity("1", ["KIM Jong Un"], { type: "person", countries: ["KP"], birthDates: ["1984-01-08"] }),
    entity("2", ["Korea Kwangson Banking Corp"], { type: "entity", countries: ["KP"] }),
  ]);
  save("sdn", [
    entity("10", ["PUTIN, Vladimir Vladimirovich"], { type: "person", countries: ["RU"] }),
    entity("11", ["ABC TRADING CO., LTD."], { type: "entity" }),
    // the UN's Kim Jong Un again, with a link to its entry: one party, two sources
    entity("12", ["KIM, Jong Un"], {
      type: "person",
      countries: ["KP"],
      birthDates: ["1984-01-08"],
      url: "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=12",
    }),
  ]);
});

async function screen(args: string[], env: NodeJS.ProcessEnv = { TRADECTL_HOME: home }) {
  let out = "";
  let err = "";
  const io: Io = { stdout: (s) => (out += `${s}\n`), stderr: (s) => (err += `${s}\n`), stdin: () => "" };
  const program = new Command().exitOverride();
  registerScreenCommand(program, io, { env, japanese: false, progress: false });
  try {
    await program.parseAsync(["screen", ...args], { from: "user" });
    return { code: 0, out, err, problems: [] as string[] };
  } catch (e) {
    if (e instanceof CliInputError) return { code: 2, out, err, problems: e.lines() };
    throw e;
  }
}

describe("tradectl screen <name>", () => {
  it("--json: query, list versions, matches with features and alignment, sorted, above the threshold", async () => {
    const r = await screen(["김정은", "--json", "--country", "kp", "--type", "person"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as ScreenJson;
    expect(j.query).toEqual({ name: "김정은", country: "KP", type: "person", threshold: 0.75 });
    expect(Object.keys(j.listVersions).sort()).toEqual(["sdn", "un"]);
    expect(j.listVersions.un).toMatch(/^sha256:/);
    expect(j.matches).toHaveLength(1);
    const [m] = j.matches;
    // one party on the UN list and the SDN list: one match, both sources
    expect(m!.sources.map((x) => x.entityId).sort()).toEqual(["sdn:12", "un:1"]);
    const own = m!.entityId === "un:1" ? "KIM Jong Un" : "KIM, Jong Un";
    expect(m).toMatchObject({ name: own, matchedName: own, list: m!.entityId.split(":")[0] });
    expect(m!.score).toBeGreaterThan(0.9);
    expect(m!.score).toBeLessThan(1);
    expect(m!.features).toMatchObject({ country: 0.02 });
    expect(typeof m!.features.tokenSet).toBe("number");
    expect(m!.alignment).toEqual([
      ["kim", "kim"],
      ["jong", "jong"],
      ["un", "un"],
    ]);
    expect(
      Object.keys(m!)
        .filter((k) => k !== "url")
        .sort(),
    ).toEqual(["alignment", "entityId", "features", "list", "matchedName", "name", "score", "sources"]);
  });

  it("one party on two lists is one match with both sources and the official entry's link", async () => {
    const r = await screen(["Kim Jong Un", "--json"]);
    const j = JSON.parse(r.out) as ScreenJson;
    expect(j.matches).toHaveLength(1);
    expect(j.matches[0]!.sources.map((s) => s.entityId).sort()).toEqual(["sdn:12", "un:1"]);
    const text = (await screen(["Kim Jong Un"])).out;
    expect(text).toContain("[sdn:12]  https://sanctionssearch.ofac.treas.gov/Details.aspx?id=12");
    expect(text).toContain("[un:1]");
  });

  it("--lists and --threshold", async () => {
    const r = await screen(["Vladimir Putin", "--json", "--lists", "un", "--threshold", "0.5"]);
    const j = JSON.parse(r.out) as ScreenJson;
    expect(j.matches).toEqual([]);
    expect(Object.keys(j.listVersions)).toEqual(["un"]);
    const all = JSON.parse(
      (await screen(["Vladimir Putin", "--json", "--threshold", "0.5"])).out,
    ) as ScreenJson;
    expect(all.matches[0]!.entityId).toBe("sdn:10");
    expect(all.matches.every((m) => m.score >= 0.5)).toBe(true);
  });

  it("prints a readable table", async () => {
    const r = await screen(["Vladimir Putin"]);
    expect(r.out).toContain("PUTIN, Vladimir Vladimirovich");
    expect(r.out).toContain("[sdn:10]");
    expect((await screen(["Angela Merkel"])).out).toContain("no matches");
  });
});

describe("bad input: exit 2 with the problems named", () => {
  it.each([
    [[""], "the name is empty"],
    [["   "], "the name is empty"],
    [["Co., Ltd."], "only legal-form words"],
    [["株式会社"], "only legal-form words"],
    [["TRADING CO LTD"], "nothing to match on"],
    [["CORP"], "only legal-form words"],
    [["Global Trading Group"], "nothing to match on"],
    [["!!!"], "no letters or digits"],
    [["Putin", "--lists", "un,foo"], 'unknown list "foo"'],
    [["Putin", "--country", "XX"], 'unknown country code "XX"'],
    [["Putin", "--type", "robot"], "not person or entity"],
    [["Putin", "--threshold", "1.5"], "--threshold"],
    [["Putin", "--birth-date", "1952-13"], "birth date"],
    [[], "give a name"],
    [["Putin", "--out", "x.csv"], "--out applies to --file"],
  ])("%j → %s", async (args, message) => {
    const r = await screen(args);
    expect(r.code).toBe(2);
    expect(r.problems.join("\n")).toContain(message);
  });

  it("no lists imported", async () => {
    const r = await screen(["Putin"], { TRADECTL_HOME: mkdtempSync(join(tmpdir(), "tradectl-empty-")) });
    expect(r.code).toBe(2);
    expect(r.problems.join("\n")).toContain("no lists imported");
  });

  it("a CSV without a name column", async () => {
    const f = join(dir, "no-name.csv");
    writeFileSync(f, "party,country\nACME,US\n");
    const r = await screen(["--file", f]);
    expect(r.code).toBe(2);
    expect(r.problems.join("\n")).toContain('no "name" column');
  });

  it("bad rows of a batch are all named, with their line", async () => {
    const f = join(dir, "bad-rows.csv");
    writeFileSync(f, "name,country\nPutin,RU\n,KP\nCo Ltd,ZZ\n");
    const r = await screen(["--file", f]);
    expect(r.code).toBe(2);
    expect(r.problems).toEqual([
      expect.stringContaining("row 3: the name is empty"),
      expect.stringContaining('row 4: "Co Ltd" is only legal-form words'),
      expect.stringContaining('row 4: country: unknown country code "ZZ"'),
    ]);
  });
});

describe("tradectl screen --file", () => {
  const csv =
    "id,name,country,type\nP1,Kim Jong-un,KP,person\nP2,ACME Widgets,US,entity\nP3,Vladimir Poutine,,person\n";

  it("writes JSON results, one entry per party", async () => {
    const f = join(dir, "parties.csv");
    writeFileSync(f, csv);
    const out = join(dir, "results.json");
    const r = await screen(["--file", f, "--out", out]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("screened 3 parties: 2 with matches");
    const res = JSON.parse(readFileSync(out, "utf8")) as (ScreenJson & { id: string })[];
    expect(
      res.map((x) => [
        x.id,
        x.matches[0]?.sources.some((s) => s.entityId === "un:1") ? "un:1" : x.matches[0]?.entityId,
      ]),
    ).toEqual([
      ["P1", "un:1"],
      ["P2", undefined],
      ["P3", "sdn:10"],
    ]);
  });

  it("writes CSV results, one line per match or per party without one", async () => {
    const f = join(dir, "parties2.csv");
    writeFileSync(f, csv);
    const out = join(dir, "results.csv");
    await screen(["--file", f, "--out", out]);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines[0]).toBe(
      "id,name,country,type,birth_date,rank,score,list,entity_id,listed_name,matched_name,alignment,sources",
    );
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["P1", "P2", "P3"]);
    expect(lines[1]).toContain("un:1");
    expect(lines[2]).toBe("P2,ACME Widgets,US,entity,,,,,,,,,");
  });

  it("without --out, prints CSV (or JSON with --json)", async () => {
    const f = join(dir, "parties3.csv");
    writeFileSync(f, csv);
    expect((await screen(["--file", f])).out.split("\n")[0]).toContain("id,name,country");
    expect(JSON.parse((await screen(["--file", f, "--json"])).out)).toHaveLength(3);
  });
});
