/**
 * `tradectl screenings run|decide --server`: screening on a server with the organisation's decisions; one party
 * on two lists is one match, and a decision from the CLI covers both sources.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, type Io } from "../../src/cli/main.ts";
import { saveList } from "../../src/lists/store.ts";
import { startServer, type RunningServer } from "../../src/server/index.ts";
import { entity } from "../screen/helpers.ts";

let server: RunningServer;
let key = "";

beforeAll(async () => {
  const home = mkdtempSync(join(tmpdir(), "tradectl-cli-screenings-"));
  for (const [list, id] of [
    ["un", "KPe.010"],
    ["sdn", "10"],
  ] as const)
    saveList(
      home,
      {
        list,
        format: list,
        entities: [
          {
            ...entity(id, ["Korea Daesong Bank"], { type: "entity", countries: ["KP"] }),
            list,
            id: `${list}:${id}`,
          },
        ],
        skipped: [],
      },
      {
        files: [{ name: `${list}.csv`, modified: "2026-01-01T00:00:00Z", sha256: "0".repeat(64), bytes: 1 }],
      },
    );
  const lines: string[] = [];
  server = await startServer({ home, port: 0, logger: false, out: (l) => lines.push(l) });
  key = /API key \(shown once\): (\S+)/.exec(lines.join("\n"))![1]!;
}, 60_000);
afterAll(async () => server?.close());

async function cli(args: string[]) {
  let out = "";
  let err = "";
  const io: Io = { stdout: (s) => (out += `${s}\n`), stderr: (s) => (err += `${s}\n`), stdin: () => "" };
  return { code: await run([...args, "--server", server.url, "--api-key", key], io), out, err };
}

describe("tradectl screenings", () => {
  it("shows one match with both sources, then records a decision on both", async () => {
    const first = await cli(["screenings", "run", "조선대성은행"]);
    expect(first.code).toBe(0);
    expect(first.out).toContain("[un:KPe.010]");
    expect(first.out).toContain("[sdn:10]");
    const decide = (match: string, note: string) =>
      cli([
        "screenings",
        "decide",
        "조선대성은행",
        "--match",
        match,
        "--decision",
        "confirmed",
        "--note",
        note,
      ]);
    const noNote = await decide("sdn:10", " ");
    expect(noNote.code).toBe(2);
    expect(noNote.err).toContain("--note");
    const unknown = await decide("sdn:99", "x");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("sdn:99");
    const d = await decide("sdn:10", "our bank");
    expect(d.code).toBe(0);
    expect(d.out).toMatch(
      /recorded confirmed .*un:KPe\.010.*sdn:10|recorded confirmed .*sdn:10.*un:KPe\.010/,
    );
    const after = JSON.parse((await cli(["screenings", "run", "조선대성은행", "--json"])).out);
    expect(after.matches).toEqual([]);
    expect(after.decided[0].decision).toMatchObject({ decision: "confirmed", note: "our bank" });
    expect(after.decided[0].sources).toHaveLength(2);
  });
});
