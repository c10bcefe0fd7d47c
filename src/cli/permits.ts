/**
 * `tradectl licences list|show|register|pdf`, `tradectl usage record`, `tradectl applications
 * list|show|create|submit|withdraw|pdf` and `tradectl audit verify`: thin commands over a running server's API.
 */
import Table from "cli-table3";
import type { Command } from "commander";
import { readFileSync, writeFileSync } from "node:fs";
import { verifyExport } from "../app/audit.ts";
import type { Io } from "./io.ts";
import { callServer, downloadFromServer, RemoteError, remoteFrom } from "./remote.ts";

interface RemoteOpts {
  server?: string;
  apiKey?: string;
  json?: boolean;
}

const withRemote = (c: Command) =>
  c
    .option("--server <url>", "tradectl server (default: TRADECTL_SERVER or http://localhost:3000)")
    .option("--api-key <key>", "API key (default: TRADECTL_API_KEY)")
    .option("--json", "print JSON");

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new RemoteError([`${file}: ${(e as Error).message}`]);
  }
}

function num(name: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || !Number.isFinite(n))
    throw new RemoteError([`--${name}: "${v ?? ""}" is not a number`]);
  return n;
}

import { VerificationFailed } from "./errors.ts";

export { VerificationFailed };

export function registerPermitCommands(program: Command, io: Io): void {
  const out = (opts: RemoteOpts, data: unknown, human: () => string) =>
    io.stdout(opts.json ? JSON.stringify(data, null, 2) : human());

  const lic = program.command("licences").description("licences and their balances (on a server)");
  withRemote(lic.command("list").description("your licences with balances")).action(async (o: RemoteOpts) => {
    const r = await callServer<{
      items: {
        id: string;
        regime: string;
        type: string;
        number: string;
        status: string;
        validUntil: string;
        balances: { line: number; remainingQuantity: number | null; remainingValue: number | null }[];
      }[];
    }>(remoteFrom(o), "GET", "/v1/licences");
    out(o, r, () => {
      const t = new Table({
        head: ["number", "regime", "type", "status", "valid until", "remaining (qty / value) per line", "id"],
        style: { head: [], border: [] },
      });
      for (const l of r.items)
        t.push([
          l.number,
          l.regime,
          l.type,
          l.status,
          l.validUntil,
          l.balances
            .map((b) => `${b.line}: ${b.remainingQuantity ?? "∞"} / ${b.remainingValue ?? "∞"}`)
            .join("\n"),
          l.id,
        ]);
      return t.toString();
    });
  });
  withRemote(lic.command("show").argument("<id>").description("a licence with its ledger")).action(
    async (id: string, o: RemoteOpts) => {
      const r = await callServer<{
        number: string;
        status: string;
        ledger: {
          seq: number;
          kind: string;
          quantity: number;
          value: number;
          shipmentRef: string;
          shipmentDate: string;
        }[];
      }>(remoteFrom(o), "GET", `/v1/licences/${encodeURIComponent(id)}`);
      out(o, r, () =>
        [
          `licence ${r.number} (${r.status})`,
          ...r.ledger.map(
            (e) =>
              `  #${e.seq} ${e.kind} qty ${e.quantity} value ${e.value} ${e.shipmentRef} ${e.shipmentDate}`,
          ),
        ].join("\n"),
      );
    },
  );
  withRemote(
    lic
      .command("register")
      .argument("<file>", "licence JSON (see the API docs)")
      .description("register a licence issued elsewhere"),
  ).action(async (file: string, o: RemoteOpts) => {
    const r = await callServer<{ id: string }>(remoteFrom(o), "POST", "/v1/licences", readJson(file));
    out(o, r, () => `registered licence ${r.id}`);
  });

  printCommand(lic, "licences", "licence", out);

  const usage = program.command("usage").description("the usage ledger");
  withRemote(
    usage
      .command("record")
      .argument("<licence>", "licence id")
      .requiredOption("--line <n>")
      .requiredOption("--quantity <q>")
      .requiredOption("--value <v>")
      .requiredOption("--ref <shipment-ref>")
      .requiredOption("--date <YYYY-MM-DD>")
      .requiredOption("--destination <country>")
      .option("--party <name>")
      .description("record a shipment against a licence"),
  ).action(
    async (
      licence: string,
      o: RemoteOpts & {
        line: string;
        quantity: string;
        value: string;
        ref: string;
        date: string;
        destination: string;
        party?: string;
      },
    ) => {
      const body = {
        line: num("line", o.line),
        quantity: num("quantity", o.quantity),
        value: num("value", o.value),
        shipmentRef: o.ref,
        shipmentDate: o.date,
        destination: o.destination,
        ...(o.party ? { party: o.party } : {}),
      };
      const r = await callServer<{
        id: string;
        seq: number;
        replayed?: boolean;
        warnings?: { code: string; uses: { licenceNumber: string; line: number; shipmentDate: string }[] }[];
      }>(remoteFrom(o), "POST", `/v1/licences/${encodeURIComponent(licence)}/usage`, body);
      out(o, r, () =>
        [
          r.replayed
            ? `drawdown ${r.id} was recorded already (the same figures)`
            : `recorded drawdown ${r.id}`,
          ...(r.warnings ?? []).flatMap((w) =>
            w.uses.map(
              (u) =>
                `warning: shipment ${o.ref} is drawn also on licence ${u.licenceNumber} line ${u.line} (${u.shipmentDate})`,
            ),
          ),
        ].join("\n"),
      );
    },
  );

  const apps = program.command("applications").description("licence applications (on a server)");
  withRemote(
    apps
      .command("list")
      .option("--status <status>")
      .option("--destination <country>", "only applications to this destination")
      .option("--search <words>", "words in the applicant's name, the parties or the items")
      .option("--limit <n>", "at most this many (1–200)", "50")
      .option("--offset <n>", "skip this many", "0")
      .description("your applications, or the review queue for officers (earliest due date first)"),
  ).action(
    async (
      o: RemoteOpts & {
        status?: string;
        destination?: string;
        search?: string;
        limit: string;
        offset: string;
      },
    ) => {
      const qs = new URLSearchParams();
      for (const [k, v] of [
        ["status", o.status],
        ["destination", o.destination],
        ["q", o.search],
        ["limit", o.limit],
        ["offset", o.offset],
      ] as const)
        if (v) qs.set(k, v);
      const r = await callServer<{
        total: number;
        items: {
          id: string;
          regime: string;
          licenceType: string;
          status: string;
          destination: string;
          dueDate: string | null;
          overdue?: boolean;
          applicant?: string;
          items?: { count: number; first: string | null };
          value?: { currency: string; amount: number }[];
        }[];
      }>(remoteFrom(o), "GET", `/v1/applications?${qs}`);
      out(o, r, () => {
        const t = new Table({
          head: ["id", "applicant", "items", "value", "destination", "licence", "status", "due"],
          style: { head: [], border: [] },
        });
        for (const a of r.items)
          t.push([
            a.id,
            a.applicant ?? "-",
            a.items ? `${a.items.count}: ${a.items.first ?? "-"}` : "-",
            (a.value ?? []).map((v) => `${v.amount} ${v.currency}`).join("\n") || "-",
            a.destination,
            `${a.regime} ${a.licenceType}`,
            a.status,
            `${a.dueDate ?? "-"}${a.overdue ? " (overdue)" : ""}`,
          ]);
        const shown = r.items.length;
        const from = Number(o.offset) + 1;
        return `${t.toString()}\n${shown === 0 ? "none" : `${from}–${from + shown - 1} of ${r.total}`}`;
      });
    },
  );
  withRemote(apps.command("show").argument("<id>")).action(async (id: string, o: RemoteOpts) => {
    const r = await callServer<{
      status: string;
      events: { action: string; createdAt: string; note: string | null }[];
    }>(remoteFrom(o), "GET", `/v1/applications/${encodeURIComponent(id)}`);
    out(o, r, () =>
      [
        `application ${id}: ${r.status}`,
        ...r.events.map((e) => `  ${e.createdAt} ${e.action}${e.note ? ` — ${e.note}` : ""}`),
      ].join("\n"),
    );
  });
  withRemote(apps.command("create").argument("<file>", "application JSON")).action(
    async (file: string, o: RemoteOpts) => {
      const r = await callServer<{ id: string }>(remoteFrom(o), "POST", "/v1/applications", readJson(file));
      out(o, r, () => `drafted application ${r.id}`);
    },
  );
  printCommand(apps, "applications", "application", out);
  for (const action of ["submit", "withdraw"] as const)
    withRemote(apps.command(action).argument("<id>")).action(async (id: string, o: RemoteOpts) => {
      const r = await callServer<{ status: string }>(
        remoteFrom(o),
        "POST",
        `/v1/applications/${encodeURIComponent(id)}/${action}`,
        {},
      );
      out(o, r, () => `application ${id}: ${r.status}`);
    });

  const audit = program.command("audit").description("the audit log");
  withRemote(
    audit.command("verify").description("recompute the audit chain and name the first broken link"),
  ).action(async (o: RemoteOpts) => {
    const r = await callServer<{
      entries: number;
      valid: boolean;
      firstBroken: { seq: number; id: string; reason: string } | null;
    }>(remoteFrom(o), "GET", "/v1/audit/verify");
    if (!r.valid) {
      if (o.json) io.stdout(JSON.stringify(r, null, 2));
      throw new VerificationFailed(
        `audit chain BROKEN at entry ${r.firstBroken!.seq} (${r.firstBroken!.id}): ${r.firstBroken!.reason}`,
      );
    }
    out(o, r, () => `audit chain verified: ${r.entries} entries`);
  });

  withRemote(
    audit
      .command("checkpoint")
      .description(
        "have the server sign the chain as it stands; keep the answer (a JSON line) outside the database",
      ),
  ).action(async (o: RemoteOpts) => {
    const c = await callServer<Record<string, unknown>>(remoteFrom(o), "POST", "/v1/audit/checkpoints");
    io.stdout(JSON.stringify(c));
  });

  withRemote(
    audit
      .command("export")
      .description("the audit records, checkpoints and public keys as JSON, to verify offline"),
  ).action(async (o: RemoteOpts) => {
    io.stdout(JSON.stringify(await callServer(remoteFrom(o), "GET", "/v1/audit/export")));
  });

  audit
    .command("verify-export")
    .description(
      "verify an export offline: the chain, its head, the ledger rows, and every checkpoint's signature with the public key you hold",
    )
    .argument("<export>", "the file `tradectl audit export` wrote")
    .requiredOption(
      "--public-key <pem>",
      "the server's public key (PEM) you keep; the export's own keys are not trusted",
    )
    .option(
      "--kept <file>",
      "checkpoints you kept (JSON lines or an array), checked against the export's chain",
    )
    .option("--json", "print machine-readable JSON")
    .action((file: string, o: { publicKey: string; kept?: string; json?: boolean }) => {
      const read = (f: string, what: string) => {
        try {
          return readFileSync(f, "utf8");
        } catch (e) {
          throw new RemoteError([`cannot read ${what} ${f}: ${(e as Error).message}`]);
        }
      };
      const r = verifyExport(
        read(file, "the export"),
        read(o.publicKey, "the public key"),
        o.kept === undefined ? undefined : read(o.kept, "the kept checkpoints"),
        { export: file, publicKey: "--public-key", kept: "--kept" },
      );
      if (o.json) io.stdout(JSON.stringify(r, null, 2));
      if (!r.valid)
        throw new VerificationFailed(
          `audit export does NOT verify:\n${r.findings.map((f) => `  ${f.what}${f.seq === undefined ? "" : ` ${f.seq}`}: ${f.reason}`).join("\n")}`,
        );
      if (!o.json)
        io.stdout(`audit export verified offline: ${r.entries} entries, ${r.checkpoints} signed checkpoints`);
    });
}

/** `<group> pdf <id> -o file.pdf [--lang ko]`: the printable document from the server, written to a file. */
function printCommand(
  group: Command,
  path: "licences" | "applications",
  what: string,
  out: (o: RemoteOpts, data: unknown, human: () => string) => void,
): void {
  withRemote(
    group
      .command("pdf")
      .argument("<id>")
      .description(`the ${what} as a printable PDF (A4, with the hash that verifies it)`)
      .requiredOption("-o, --output <file>", "where to write the PDF")
      .option("--lang <lang>", "en, ko or ja", "en"),
  ).action(async (id: string, o: RemoteOpts & { output: string; lang: string }) => {
    const r = await downloadFromServer(
      remoteFrom(o),
      `/v1/${path}/${encodeURIComponent(id)}/document.pdf?lang=${encodeURIComponent(o.lang)}`,
    );
    writeFileSync(o.output, r.bytes);
    const done = { file: o.output, bytes: r.bytes.length, hash: r.headers.get("x-document-hash") };
    out(o, done, () => `wrote ${done.file} (${done.bytes} bytes); verification hash ${done.hash}`);
  });
}
