/** `tradectl check --server URL`: the CLI sends the shipment to a running server with an API key. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, type Io } from "../../src/cli/main.ts";
import { startServer, type RunningServer } from "../../src/server/index.ts";

let server: RunningServer;
let key = "";

beforeAll(async () => {
  const lines: string[] = [];
  server = await startServer({
    home: mkdtempSync(join(tmpdir(), "tradectl-cli-")),
    port: 0,
    logger: false,
    out: (l) => lines.push(l),
  });
  key = /API key \(shown once\): (\S+)/.exec(lines.join("\n"))![1]!;
}, 60_000);
afterAll(async () => server?.close());

async function cli(args: string[], stdin: string) {
  let out = "";
  let err = "";
  const io: Io = { stdout: (s) => (out += `${s}\n`), stderr: (s) => (err += `${s}\n`), stdin: () => stdin };
  return { code: await run(args, io), out, err };
}

const hf = {
  regime: "JP",
  date: "2019-08-01",
  destination: "KR",
  items: [{ id: "1", controlNumber: "1C350" }],
};

describe("tradectl check --server", () => {
  it("gets the server's recorded decision", async () => {
    const r = await cli(
      ["check", "-", "--json", "--server", server.url, "--api-key", key],
      JSON.stringify(hf),
    );
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out);
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.decisions[0]).toMatchObject({ outcome: "licence-required", basis: "special-measure" });
  });
  it("turns the server's problem document into exit 2 with the fields named", async () => {
    const r = await cli(
      ["check", "-", "--server", server.url, "--api-key", key],
      JSON.stringify({ ...hf, date: "2019-02-30" }),
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain("$.date");
  });
  it("needs an API key and a reachable server", async () => {
    delete process.env.TRADECTL_API_KEY;
    expect((await cli(["check", "-", "--server", server.url], JSON.stringify(hf))).code).toBe(2);
    const bad = await cli(
      ["check", "-", "--server", "http://127.0.0.1:9", "--api-key", key],
      JSON.stringify(hf),
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("cannot reach");
  });
});
