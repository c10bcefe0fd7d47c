/** `tradectl users reset-password`: the operator's recovery of a lost admin password, on the embedded database. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run, type Io } from "../../src/cli/main.ts";
import { startServer } from "../../src/server/index.ts";

const home = join(mkdtempSync(join(tmpdir(), "tradectl-users-cli-")), "home");
// The embedded database of a fresh TRADECTL_HOME, even where DATABASE_URL points the suite at PostgreSQL.
const saved = { home: process.env.TRADECTL_HOME, url: process.env.DATABASE_URL };
process.env.TRADECTL_HOME = home;
delete process.env.DATABASE_URL;
afterAll(() => {
  if (saved.home === undefined) delete process.env.TRADECTL_HOME;
  else process.env.TRADECTL_HOME = saved.home;
  if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
});

async function cli(stdin: string, ...args: string[]) {
  let out = "";
  let err = "";
  const io: Io = { stdout: (s) => (out += `${s}\n`), stderr: (s) => (err += `${s}\n`), stdin: () => stdin };
  return { code: await run(args, io), out, err };
}

async function serve() {
  const lines: string[] = [];
  const server = await startServer({ home, port: 0, logger: false, out: (l) => lines.push(l) });
  const login = async (password: string) =>
    (
      await fetch(`${server.url}/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "admin@demo.tradectl.local", password }),
      })
    ).status;
  return { server, lines, login };
}

describe("tradectl users reset-password", () => {
  it("is told on the first start, sets a new password printed once, and the old one stops working", async () => {
    const first = await serve();
    const printed = first.lines.join("\n");
    const old = /with password (\S+)/.exec(printed)![1]!;
    expect(printed).toContain(
      "lost the password? stop the server, then run: tradectl users reset-password admin@demo.tradectl.local",
    );
    expect(await first.login(old)).toBe(200);
    await first.server.close();

    const r = await cli("", "users", "reset-password", "admin@demo.tradectl.local");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const fresh = /new password \(shown once\): (\S+)/.exec(r.out)![1]!;
    expect(fresh).not.toBe(old);
    const chosen = await cli(
      "my own long passphrase\n",
      "users",
      "reset-password",
      "ADMIN@demo.tradectl.local",
      "--password-stdin",
    );
    expect(chosen.code).toBe(0);
    expect(chosen.out).not.toContain("my own long passphrase");
    const tooShort = await cli(
      "short\n",
      "users",
      "reset-password",
      "admin@demo.tradectl.local",
      "--password-stdin",
    );
    expect(tooShort.code).toBe(2);
    expect(tooShort.err).toContain("at least 12 and at most 1024 characters");
    const nobody = await cli("", "users", "reset-password", "nobody@example.com");
    expect(nobody.code).toBe(2);
    expect(nobody.err).toContain("no user nobody@example.com");

    const second = await serve();
    try {
      expect(second.lines.join("\n")).not.toContain("first start");
      expect(await second.login(old)).toBe(401);
      expect(await second.login(fresh)).toBe(401);
      expect(await second.login("my own long passphrase")).toBe(200);
      // the reset is in the organisation's audit log, without the password
      const key = await (
        await fetch(`${second.server.url}/v1/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: "admin@demo.tradectl.local", password: "my own long passphrase" }),
        })
      ).headers.get("set-cookie");
      const audit = await (
        await fetch(`${second.server.url}/v1/audit`, { headers: { cookie: key ?? "" } })
      ).text();
      expect(audit).toContain("user.password.reset");
      expect(audit).not.toContain("my own long passphrase");
    } finally {
      await second.server.close();
    }
  }, 120_000);
});
