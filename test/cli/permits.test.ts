/**
 * The permit commands against a running server: licences, usage, applications, audit verify (and tampering), and
 * the printable documents (`licences pdf`, `applications pdf`).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, type Io } from "../../src/cli/main.ts";
import { startServer, type RunningServer } from "../../src/server/index.ts";
import { application, licence } from "../server/document-fixtures.ts";
import { pdfText } from "../server/pdf-text.ts";

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

/** `usage record` on line 1 to KR. */
const record = (licence: string, quantity: string, value: string, ref: string, date: string) =>
  cli(
    "usage",
    "record",
    licence,
    "--line",
    "1",
    "--quantity",
    quantity,
    "--value",
    value,
    "--ref",
    ref,
    "--date",
    date,
    "--destination",
    "KR",
  );

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
    const use = await record(id, "20", "300000", "INV-1", "2024-02-01");
    expect(use.code).toBe(0);
    const over = await record(id, "31", "1", "INV-2", "2024-02-02");
    expect(over.code).toBe(2);
    expect(over.err).toContain("exceeds the balance 30");
    const bad = await record(id, "ten", "1", "INV-3", "2024-02-02");
    expect(bad.code).toBe(2);
    const list = await cli("licences", "list", "--json");
    expect(JSON.parse(list.out).items.find((l: { id: string }) => l.id === id).balances[0]).toMatchObject({
      remainingQuantity: 30,
    });
    expect((await cli("licences", "show", id)).out).toContain("drawdown qty 20");
    // the same shipment reference drawn on a second licence is recorded, with a warning naming the first
    const second = join(dir, "licence-2.json");
    writeFileSync(second, readFileSync(file, "utf8").replace("SGB-CLI-1", "SGB-CLI-2"));
    const id2 = JSON.parse((await cli("licences", "register", second, "--json")).out).id;
    const again = await record(id2, "0.5", "1000", "INV-1", "2024-02-01");
    expect(again.code).toBe(0);
    expect(again.out).toContain(
      "warning: shipment INV-1 is drawn also on licence SGB-CLI-1 line 1 (2024-02-01)",
    );
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
    const listed = (await cli("applications", "list")).out;
    expect(listed).toContain(id);
    expect(listed).toMatch(/1–\d+ of \d+/);
    expect((await cli("applications", "list", "--search", "Tokyo Fab", "--destination", "JP")).out).toContain(
      id,
    );
    expect((await cli("applications", "list", "--search", "nothing-like-this")).out).toContain("none");
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

const registered = async (kind: "licences" | "applications", body: unknown) => {
  const file = join(dir, `${kind}.json`);
  writeFileSync(file, JSON.stringify(body));
  const r = await cli(kind, kind === "licences" ? "register" : "create", file, "--json");
  expect(r.code).toBe(0);
  return JSON.parse(r.out).id as string;
};

describe("document commands", () => {
  it("writes a licence in Korean and an application in Japanese, telling the verification hash", async () => {
    const id = await registered("licences", licence("SGB-CLI-PDF-1"));
    const file = join(dir, "licence.ko.pdf");
    const r = await cli("licences", "pdf", id, "--lang", "ko", "-o", file);
    expect(r.code).toBe(0);
    const hash = /verification hash ([0-9a-f]{64})/.exec(r.out)?.[1];
    expect(hash).toBeDefined();
    const [text] = await pdfText(readFileSync(file));
    expect(text).toContain("수출허가서");
    expect(text).toContain(hash);

    const app = await registered("applications", application);
    const out = join(dir, "application.ja.pdf");
    const a = await cli("applications", "pdf", app, "--lang", "ja", "-o", out, "--json");
    expect(a.code).toBe(0);
    expect(JSON.parse(a.out)).toMatchObject({ file: out, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await pdfText(readFileSync(out))).join(" ")).toContain("輸出許可申請書");
  });

  it("says what the server refused: an unknown language, an unknown licence", async () => {
    const id = await registered("licences", licence("SGB-CLI-PDF-2"));
    const bad = await cli("licences", "pdf", id, "--lang", "fr", "-o", join(dir, "x.pdf"));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("server answered 400");
    const none = await cli(
      "licences",
      "pdf",
      "00000000-0000-4000-8000-000000000000",
      "-o",
      join(dir, "y.pdf"),
    );
    expect(none.code).toBe(2);
    expect(none.err).toContain("server answered 404");
  });
});
