/** `tradectl lists import` / `lists status`: import into a data directory, status, and bad input (exit 2). */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { CliInputError, registerListsCommands } from "../../src/cli/lists.ts";
import { fixture } from "../screen/formats/helpers.ts";

/** Run `lists ...` as the CLI would, returning the exit code (2 for bad input) and the output. */
async function cli(home: string, args: string[]) {
  let out = "";
  let err = "";
  const program = new Command().name("tradectl").exitOverride();
  program.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  registerListsCommands(
    program,
    { stdout: (s) => (out += `${s}\n`), stderr: (s) => (err += `${s}\n`) },
    { env: { TRADECTL_HOME: home } },
  );
  try {
    await program.parseAsync(args, { from: "user" });
    return { code: 0, out, err };
  } catch (e) {
    if (e instanceof CliInputError)
      return { code: e.exitCode, out, err: err + e.lines().join("\n"), problems: e.lines() };
    if (e instanceof CommanderError) return { code: 2, out, err };
    throw e;
  }
}

const newHome = () => mkdtempSync(join(tmpdir(), "tradectl-lists-"));

describe("tradectl lists import", () => {
  it("imports every format's fixture and shows them in status", async () => {
    const h = newHome();
    const imports: [string, string, string[]?][] = [
      ["csl", "csl/consolidated.csv"],
      ["sdn", "sdn/sdn.csv"],
      ["ofac-cons", "ofac-cons"],
      ["un", "un/consolidated.xml"],
      ["dpl", "dpl/dpl.txt"],
      ["eu", "eu/xmlFullSanctionsList_1_1.xml"],
      ["uk", "uk/ConList.csv"],
      ["csv", "csv/end-user-list.csv", ["--list-id", "meti-eul"]],
    ];
    for (const [format, path, extra] of imports) {
      const r = await cli(h, ["lists", "import", format, fixture(path), ...(extra ?? []), "--json"]);
      expect(r.code, r.err).toBe(0);
      const report = JSON.parse(r.out);
      expect(report.format).toBe(format);
      expect(report.count).toBeGreaterThan(0);
      expect(existsSync(report.path)).toBe(true);
    }
    const s = await cli(h, ["lists", "status", "--json"]);
    const lists = JSON.parse(s.out) as {
      list: string;
      count: number;
      skippedCount: number;
      version: string;
    }[];
    expect(lists.map((l) => [l.list, l.count, l.skippedCount])).toEqual([
      ["csl", 7, 1],
      ["dpl", 3, 2],
      ["eu", 2, 1],
      ["meti-eul", 3, 4],
      ["ofac-cons", 2, 0],
      ["sdn", 4, 3],
      ["uk", 3, 1],
      ["un", 3, 1],
    ]);
    const human = await cli(h, ["lists", "status"]);
    expect(human.out).toContain("meti-eul");
    expect(human.out).toContain("2026-01-15");
    const one = await cli(h, ["lists", "status", "un", "--json"]);
    expect(JSON.parse(one.out)).toMatchObject({
      list: "un",
      published: "2026-01-15",
      fileName: "consolidated.xml",
    });
  });

  it("reads the companions beside an OFAC primary file and records every file's hash", async () => {
    const h = newHome();
    const r = await cli(h, ["lists", "import", "sdn", fixture("sdn"), "--json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.files.map((f: { name: string }) => f.name)).toEqual([
      "sdn.csv",
      "add.csv",
      "alt.csv",
      "sdn_comments.csv",
    ]);
    for (const f of report.files) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.skipped).toHaveLength(3);
  });

  it("prints a summary with the skipped records", async () => {
    const r = await cli(newHome(), ["lists", "import", "dpl", fixture("dpl/dpl.txt")]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("imported dpl (dpl) from dpl.txt: 3 entries, 2 record(s) skipped");
    expect(r.out).toContain("line 5: no name");
  });

  it("warns when a companion file is missing", async () => {
    const r = await cli(newHome(), ["lists", "import", "ofac-cons", fixture("sdn/sdn.csv"), "--json"]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("no cons_add.csv beside sdn.csv");
  });
});

describe("tradectl lists: bad input exits 2 and names the problem", () => {
  it("rejects a file in the wrong format, saying what it looks like, and stores nothing", async () => {
    const h = newHome();
    const r = await cli(h, ["lists", "import", "un", fixture("csl/consolidated.csv")]);
    expect(r.code).toBe(2);
    expect(r.problems![0]).toMatch(/un: .*line 1: not the UN Security Council consolidated list XML/);
    expect(r.problems![1]).toMatch(/looks like "csl"/);
    expect(existsSync(join(h, "lists", "un.json"))).toBe(false);
  });

  it("rejects a CSV without the name column", async () => {
    const r = await cli(newHome(), ["lists", "import", "csv", fixture("csv/no-name-column.csv")]);
    expect(r.code).toBe(2);
    expect(r.problems![0]).toMatch(/the header has no "name" column/);
  });

  it("keeps the previous import when a new file is rejected", async () => {
    const h = newHome();
    expect((await cli(h, ["lists", "import", "un", fixture("un/consolidated.xml")])).code).toBe(0);
    const before = readFileSync(join(h, "lists", "un.json"), "utf8");
    expect((await cli(h, ["lists", "import", "un", fixture("eu/xmlFullSanctionsList_1_1.xml")])).code).toBe(
      2,
    );
    expect(readFileSync(join(h, "lists", "un.json"), "utf8")).toBe(before);
  });

  it.each([
    [["lists", "import", "ofac", "x.csv"], /unknown format "ofac"/],
    [["lists", "import", "un", "/nonexistent/un.xml"], /cannot read \/nonexistent\/un\.xml/],
    [["lists", "import", "csv", "FIXTURE", "--list-id", "sdn"], /"sdn" is the id of an official list/],
    [["lists", "import", "csv", "FIXTURE", "--list-id", "Bad Id"], /not a list id/],
    [["lists", "import", "un", "FIXTURE", "--list-id", "x"], /--list-id applies to the csv format only/],
    [["lists", "import", "csv", "FIXTURE", "--encoding", "ebcdic"], /unknown encoding "ebcdic"/],
    [["lists", "status", "nosuch"], /unknown list "nosuch"/],
  ])("%j", async (args, message) => {
    const r = await cli(
      newHome(),
      args.map((a) => (a === "FIXTURE" ? fixture("csv/end-user-list.csv") : a)),
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it("rejects a file in which no record could be imported", async () => {
    const h = newHome();
    const r = await cli(h, ["lists", "import", "csv", fixture("csv/only-bad-rows.csv")]);
    expect(r.code).toBe(2);
    expect(r.problems![0]).toMatch(
      /no entries could be imported \(2 record\(s\) skipped\); nothing was stored/,
    );
    expect(existsSync(join(h, "lists"))).toBe(false);
  });
});
