/**
 * `tradectl users reset-password <email>`: the operator's recovery of a lost password (the admin's first of all),
 * run on the machine that holds the database — the embedded one in TRADECTL_HOME (stop the server first: it holds
 * the data directory) or PostgreSQL at DATABASE_URL. A new password is generated and printed once, or read from
 * standard input with `--password-stdin`; the user's sessions end and the reset is audited.
 */
import type { Command } from "commander";
import { randomBytes } from "node:crypto";
import type { Io } from "./io.ts";

export function registerUsersCommands(program: Command, io: Io): void {
  const users = program.command("users").description("users, on the machine that holds the database");
  users
    .command("reset-password")
    .argument("<email>", "the user's e-mail address")
    .option("--password-stdin", "read the new password from standard input instead of generating one")
    .description(
      "set a new password for a user (e.g. the admin's, when lost): the embedded database in TRADECTL_HOME (stop the server first) or DATABASE_URL",
    )
    .action(async (email: string, o: { passwordStdin?: boolean }) => {
      const given = o.passwordStdin ? io.stdin().replace(/\r?\n$/, "") : undefined;
      const password = given ?? randomBytes(12).toString("base64url");
      const { openDatabase, defaultHome } = await import("../store/db.ts");
      const { resetPassword } = await import("../app/identity.ts");
      const d = await openDatabase({ databaseUrl: process.env.DATABASE_URL, home: defaultHome() });
      try {
        const r = await resetPassword(d.db, email, password);
        io.stdout(
          [
            `password of ${email} reset in ${d.kind === "pglite" ? d.location : "the database at DATABASE_URL"}; its sessions ended`,
            ...(given === undefined ? [`new password (shown once): ${password}`] : []),
            ...(r.disabled
              ? ["note: this user is disabled; an admin must enable the account for it to log in"]
              : []),
          ].join("\n"),
        );
      } finally {
        await d.close();
      }
    });
}
