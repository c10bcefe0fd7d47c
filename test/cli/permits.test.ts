/** The permit commands against a running server: licences, usage, applications, audit verify (and tampering). */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, type Io } from "../../src/cli/main.ts";
import { startServer, type RunningServer } from "../../src/server/index.ts";

let server: RunningServer;
let key = "";
const dir = mkdtempSync(join(tmpdir(), "tradectl-permits-cli-"));

beforeAll(async () => {
  const lines: string[] = [];
  server = await startServer({ home: join(dir, "home"), port: 0, logger: false, out: (l) => lines.push(l) });
  key = /API key \(shown once\): (\S+)/.exec(lines.join("\n"))![1]!;
}, 60_000);
afterAll(async () => server?.close());

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const io: Io = { stdout: (s) => (out += `${s}\n`), stderr: (s) => (err += `${s}\n`), stdin: () => "" };
  return { code: await run([...args, "--server", server.url, "--api-key", key], io), out, err };
}

describe("permit commands", () => {
  it("registers a licence, records usage, shows balances and the ledger", async () => {
    const file = join(dir, "licence.json");
    writeFileSync(
      file,
      JSON.stringify({
        regime: "JP",
        type: "special-general-bulk",
        number: "SGB-CLI-1",
        holder: "Demo Exporter Co.",
        destinations: ["KR"],
        lines: [
          {
            controlNumber: "3C002.a.1",
            description: "ArF resist",
            quantityLimit: 50,
            valueLimit: null,
            unit: "kg",
            currency: "JPY",
          },
        ],
        validFrom: "2023-07-21",
        validUntil: "2027-07-20",
      }),
    );
    const reg = await cli("licences", "register", file, "--json");
    expect(reg.code).toBe(0);
    const id = JSON.parse(reg.out).id;
    const use = await cli(
      "usage",
      "record",
      id,
      "--line",
      "1",
      "--quantity",
      "20",
      "--value",
      "300000",
      "--ref",
      "INV-1",
      "--date",
      "2024-02-01",
      "--destination",
      "KR",
    );
    expect(use.code).toBe(0);
    const over = await cli(
      "usage",
      "record",
      id,
      "--line",
      "1",
      "--quantity",
      "31",
      "--value",
      "1",
      "--ref",
      "INV-2",
      "--date",
      "2024-02-02",
      "--destination",
      "KR",
    );
    expect(over.code).toBe(2);
    expect(over.err).toContain("exceeds the balance 30");
    const bad = await cli(
      "usage",
      "record",
      id,
      "--line",
      "1",
      "--quantity",
      "ten",
      "--value",
      "1",
      "--ref",
      "INV-3",
      "--date",
      "2024-02-02",
      "--destination",
      "KR",
    );
    expect(bad.code).toBe(2);
    const list = await cli("licences", "list", "--json");
    expect(JSON.parse(list.out).items.find((l: { id: string }) => l.id === id).balances[0]).toMatchObject({
      remainingQuantity: 30,
    });
    expect((await cli("licences", "show", id)).out).toContain("drawdown qty 20");
  });

  it("drafts and submits an application and lists it", async () => {
    const file = join(dir, "application.json");
    writeFileSync(
      file,
      JSON.stringify({
        regime: "KR",
        licenceType: "individual",
        destination: "JP",
        shipmentDate: "2023-05-01",
        consignee: { name: "Tokyo Fab K.K.", country: "JP" },
        endUser: { name: "Tokyo Fab K.K.", country: "JP" },
        endUseStatement: "wafer production",
        lines: [
          {
            controlNumber: "3A001.a.1",
            description: "ICs",
            quantity: 10,
            unit: "pcs",
            value: 50000,
            currency: "USD",
          },
        ],
      }),
    );
    const created = await cli("applications", "create", file, "--json");
    expect(created.code).toBe(0);
    const id = JSON.parse(created.out).id;
    expect((await cli("applications", "submit", id)).out).toContain("submitted");
    expect((await cli("applications", "list")).out).toContain(id);
    expect((await cli("applications", "show", id)).out).toContain("submit");
  });

  it("verifies the audit chain, and exits 3 naming the entry after a row is edited in the database", async () => {
    const ok = await cli("audit", "verify");
    expect(ok.code).toBe(0);
    expect(ok.out).toContain("audit chain verified");
    const upd = await server.database.raw(
      "update audit_log set action = 'forged' where seq = 2 returning id",
      [],
    );
    expect(upd.length).toBeGreaterThan(0);
    const broken = await cli("audit", "verify");
    expect(broken.code).toBe(3);
    expect(broken.err).toMatch(/BROKEN at entry 2 /);
  });
});
