#!/usr/bin/env node
/**
 * The `tradectl` command line: `check`, `groups`, `timeline`. Parses arguments, calls the pure core, prints.
 * Exit codes: 0 success, 2 bad input (with every problem named by its JSON path), 1 an internal failure.
 */
import { TRANSACTION_FIELDS } from "../policy/transactions.ts";
import { Command, CommanderError } from "commander";
import { readFileSync } from "node:fs";
import type { Checked } from "../app/check.ts";
import type { CheckResult } from "../determine/index.ts";
import { BadInputError } from "../app/errors.ts";
import { localiseResult } from "../app/localise.ts";
import { isLang, type Lang } from "../messages/index.ts";
import { defaultHome } from "../lists/store.ts";
import { screeningFromHome } from "../lists/screening.ts";
import { countryName, isCountryCode } from "../policy/countries.ts";
import { dateProblem, todayIn } from "../policy/dates.ts";
import { NoPolicyDataError, PolicyLoadError } from "../policy/errors.ts";
import { policyOpener } from "../policy/open.ts";
import type { PolicySet } from "../policy/registry.ts";
import { DataDirLockedError } from "../store/lock.ts";
import { RowsLeftOut, VerificationFailed } from "./errors.ts";
import { formatCheck, formatTimeline } from "./format.ts";
import type { Io } from "./io.ts";
import type { LinesOptions } from "./check-lines.ts";

export type { Io } from "./io.ts";

/** Bad input of a command (exit 2): the application layer's one error type. */
const InputError = BadInputError;

/** A reader that stops early (`| head`) is not an error: exit quietly on EPIPE. */
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });

const defaultIo: Io = {
  stdout: (s) => process.stdout.write(s.endsWith("\n") ? s : `${s}\n`),
  stderr: (s) => process.stderr.write(s.endsWith("\n") ? s : `${s}\n`),
  stdin: () => readFileSync(0, "utf8"),
};

function policyOf(policies: PolicySet, regime: string) {
  const p = policies.get(regime.toUpperCase());
  if (!p) throw new InputError([`unknown regime "${regime}" (known: ${[...policies.keys()].join(", ")})`]);
  return p;
}

function countryArg(code: string): string {
  const c = code.toUpperCase();
  if (!isCountryCode(c))
    throw new InputError([`unknown country code "${code}" (expected ISO 3166 alpha-2, e.g. KR)`]);
  return c;
}

type Load = () => PolicySet;

/** The options of `check` (those after --lines describe the shipment: src/cli/check-lines.ts). */
type CheckOpts = { json?: boolean; server?: string; apiKey?: string; lang?: string } & LinesOptions;

/** The options that describe a shipment with --lines (a JSON shipment carries them itself). */
const LINES_ONLY = [
  "regime",
  "date",
  "destination",
  "endUser",
  "endUserCountry",
  "consignee",
  "consigneeCountry",
  "wmd",
  "military",
  "informed",
  "redFlags",
  "endUserListed",
  ...TRANSACTION_FIELDS,
] as const;
const kebab = (k: string) => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * The commands defined in other modules, by the top-level names they add: a command line loads only the module
 * of the command it runs (all of them for help or an unknown command), so that `tradectl check` does not
 * load the database layer or the screening engine it does not use.
 */
const COMMAND_MODULES: {
  names: string[];
  register: () => Promise<(p: Command, io: Io, load: Load) => void>;
}[] = [
  {
    names: ["lists"],
    register: async () => {
      const m = await import("./lists.ts");
      return (p, io) => m.registerListsCommands(p, io);
    },
  },
  {
    names: ["licences", "usage", "applications", "audit"],
    register: async () => (await import("./permits.ts")).registerPermitCommands,
  },
  { names: ["classify"], register: async () => (await import("./classify.ts")).registerClassifyCommand },
  {
    names: ["diff", "policy", "impact"],
    register: async () => (await import("./impact.ts")).registerImpactCommands,
  },
  {
    names: ["screen"],
    register: async () => {
      const m = await import("./screen.ts");
      return (p, io) => m.registerScreenCommand(p, io);
    },
  },
  {
    names: ["users"],
    register: async () => {
      const m = await import("./users.ts");
      return (p, io) => m.registerUsersCommands(p, io);
    },
  },
  {
    names: ["screenings"],
    register: async () => (await import("./screenings.ts")).registerScreeningCommands,
  },
];

const OWN_COMMANDS = new Set(["check", "groups", "timeline", "serve", "worker"]);

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function run(argv: string[], io: Io = defaultIo, policyRoot?: string): Promise<number> {
  let policies: PolicySet | undefined;
  // prepared before the command runs: from a fresh build cache the packs need no YAML parser or schema
  const open = await policyOpener(policyRoot ?? process.env.TRADECTL_POLICY_DIR ?? undefined);
  const load = () => (policies ??= open());
  const program = new Command()
    .name("tradectl")
    .description(
      "Strategic trade control: may this item go to this party in that country on that date, and why?",
    )
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });

  program
    .command("check")
    .description(
      "decide a shipment (JSON, see README) from FILE or standard input (-); or, with --lines, the item lines of one shipment from a CSV (the columns of the web form's CSV import) and the rest from the options",
    )
    .argument("[file]", "shipment JSON file, or - for standard input", "-")
    .option("--json", "print machine-readable JSON")
    .option("--lang <lang>", "the language of the trace, caveats and reasons: en, ko or ja", "en")
    .option("--server <url>", "send to a running tradectl server instead of deciding locally")
    .option("--api-key <key>", "API key for --server (default: TRADECTL_API_KEY)")
    .option(
      "--lines <csv>",
      "item lines from a CSV: description, controlNumber, hsCode, quantity, unit, value, currency",
    )
    .option("--regime <id>", "with --lines: the exporting regime (JP, KR)")
    .option(
      "--date <YYYY-MM-DD>",
      "with --lines: the shipment date (default: today in the regime's time zone)",
    )
    .option("--destination <country>", "with --lines: the destination country (ISO code)")
    .option("--end-user <name>", "with --lines: the end user's name")
    .option("--end-user-country <country>", "with --lines: the end user's country (default: the destination)")
    .option("--consignee <name>", "with --lines: the consignee's name")
    .option(
      "--consignee-country <country>",
      "with --lines: the consignee's country (default: the destination)",
    )
    .option("--wmd <knowledge>", "with --lines: WMD end use: none, suspected, known")
    .option("--military <knowledge>", "with --lines: military end use: none, suspected, known")
    .option(
      "--informed <kinds>",
      "with --lines: the authority informed the exporter: wmd, conventional (comma-separated)",
    )
    .option("--red-flags <ids>", "with --lines: red flags present (Korea; comma-separated ids)")
    .option("--end-user-listed", "with --lines: the end user is on an end-user list")
    .option("--kind <kind>", "with --lines: goods (default), technology, brokering or transit")
    .option("--recipient <category>", "with --lines, technology: the recipient's category (GET /v1/regimes)")
    .option("--place <place>", "with --lines, technology: domestic or abroad")
    .option(
      "--means <means>",
      "with --lines, technology: email, download, training, documents, oral, media, other",
    )
    .option("--exemption <exemption>", "with --lines, technology: the exemption the exporter states")
    .option("--origin <country>", "with --lines, brokering or transit: the country the goods come from")
    .option("--export-licence", "with --lines, brokering: the exporting country licensed the export")
    .action(async (file: string, opts: CheckOpts) => {
      if (!isLang(opts.lang)) throw new InputError([`--lang: "${opts.lang}" is not one of en, ko, ja`]);
      let input: unknown;
      let rename: ((e: BadInputError) => BadInputError) | undefined;
      if (opts.lines !== undefined) {
        if (file !== "-")
          throw new InputError([`give either a shipment file (${file}) or --lines, not both`]);
        const { itemsFromCsv, renameItemProblems, shipmentFromOptions } = await import("./check-lines.ts");
        let text: string;
        try {
          text = readFileSync(opts.lines, "utf8");
        } catch (e) {
          throw new InputError([`cannot read ${opts.lines}: ${(e as Error).message}`]);
        }
        const { items, lineOf } = itemsFromCsv(text, opts.lines);
        input = shipmentFromOptions(opts, items, (r) => policyOf(load(), r).regime.timeZone);
        rename = (e) => renameItemProblems(e, opts.lines!, lineOf);
      } else {
        const stray = LINES_ONLY.filter((k) => opts[k] !== undefined);
        if (stray.length > 0)
          throw new InputError([
            `--${stray.map(kebab).join(", --")} ${stray.length === 1 ? "goes" : "go"} with --lines (a JSON shipment carries ${stray.length === 1 ? "it" : "them"})`,
          ]);
        let text: string;
        try {
          text = file === "-" ? io.stdin() : readFileSync(file, "utf8");
        } catch (e) {
          throw new InputError([`cannot read ${file}: ${(e as Error).message}`]);
        }
        try {
          input = JSON.parse(text);
        } catch (e) {
          throw new InputError([`$: malformed JSON: ${(e as Error).message}`]);
        }
      }
      try {
        await decideAndPrint(input, opts);
      } catch (e) {
        throw rename && e instanceof BadInputError ? rename(e) : e;
      }
    });

  async function decideAndPrint(input: unknown, opts: CheckOpts): Promise<void> {
    const lang: Lang = isLang(opts.lang) ? opts.lang : "en";
    const say = <T>(r: T): T => localiseResult(r, lang);
    {
      if (opts.server) {
        // The one client of a running server (src/cli/remote.ts): a problem document is bad input (exit 2).
        const { callServer, remoteFrom } = await import("./remote.ts");
        const remote = remoteFrom({ server: opts.server, apiKey: opts.apiKey });
        const answer = await callServer<CheckResult | CheckResult[]>(remote, "POST", "/v1/checks", input);
        const results = Array.isArray(answer) ? answer.map(say) : say(answer);
        const list = Array.isArray(results) ? results : [results];
        if (opts.json) io.stdout(JSON.stringify(results, null, 2));
        else io.stdout(list.map(formatCheck).join("\n\n"));
        return;
      }
      const inputs = Array.isArray(input) ? input : [input];
      // Decided here; the parties screened against the lists imported into TRADECTL_HOME (if any).
      const { checkShipments } = await import("../app/check.ts");
      const checked: Checked[] = await checkShipments(
        { policies: load(), screening: screeningFromHome(defaultHome()) },
        inputs,
        Array.isArray(input),
      );
      const results = checked.map((c) => say(c.result));
      if (opts.json) io.stdout(JSON.stringify(Array.isArray(input) ? results : results[0], null, 2));
      else io.stdout(results.map(formatCheck).join("\n\n"));
    }
  }

  program
    .command("groups")
    .description("the groups (legal names) a regime puts a country in on a date")
    .argument("<regime>", "JP or KR")
    .argument("<country>", "ISO 3166 alpha-2 code")
    .option("--date <YYYY-MM-DD>", "calendar date in the regime's time zone (default: today there)")
    .option("--json", "print machine-readable JSON")
    .action((regime: string, country: string, opts: { date?: string; json?: boolean }) => {
      const policy = policyOf(load(), regime);
      const c = countryArg(country);
      const date = opts.date ?? todayIn(policy.regime.timeZone);
      const problem = dateProblem(date);
      if (problem) throw new InputError([`--date: ${problem}`]);
      const snap = policy.asOf(date);
      const { groups, facts } = snap.groupsOf(c);
      if (opts.json)
        io.stdout(
          JSON.stringify(
            { regime: policy.regime.id, country: c, date, groups, facts, policyVersion: policy.version },
            null,
            2,
          ),
        );
      else {
        io.stdout(`${policy.regime.id} ${c} (${countryName(c)}) on ${date}: ${groups.join(", ")}`);
        for (const f of facts)
          io.stdout(`  [${f.evidence}] ${f.id} from ${f.from}${f.to ? ` to ${f.to} (excl.)` : ""}`);
      }
    });

  program
    .command("timeline")
    .description("a country's classification by a regime over time, with sources")
    .argument("<regime>", "JP or KR")
    .argument("<country>", "ISO 3166 alpha-2 code")
    .option("--json", "print machine-readable JSON")
    .action((regime: string, country: string, opts: { json?: boolean }) => {
      const policy = policyOf(load(), regime);
      const c = countryArg(country);
      const periods = policy.timeline(c);
      if (opts.json)
        io.stdout(
          JSON.stringify(
            { regime: policy.regime.id, country: c, policyVersion: policy.version, periods },
            null,
            2,
          ),
        );
      else io.stdout(formatTimeline(policy.regime.id, c, periods));
    });

  program
    .command("serve")
    .description(
      "start the HTTP API (same as npm start): embedded database in TRADECTL_HOME, or DATABASE_URL",
    )
    .option("--port <port>", "port (default: PORT or 3000)")
    .option("--host <host>", "address to listen on (default: HOST or 127.0.0.1)")
    .option("--no-worker", "run no job worker in this process (jobs wait for `tradectl worker`)")
    .action(async (opts: { port?: string; host?: string; worker: boolean }) => {
      const port = opts.port === undefined ? undefined : Number(opts.port);
      if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536))
        throw new InputError([`--port: "${opts.port}" is not a port number`]);
      const { serveForever } = await import("../server/index.ts");
      await serveForever({
        port,
        host: opts.host,
        databaseUrl: process.env.DATABASE_URL,
        policies: load(),
        worker: opts.worker,
      });
    });

  program
    .command("worker")
    .description("run background jobs (impact runs, rechecks) from the queue on DATABASE_URL, until stopped")
    .option("--concurrency <n>", "jobs of each kind at once (default 1)")
    .action(async (opts: { concurrency?: string }) => {
      const concurrency = opts.concurrency === undefined ? 1 : Number(opts.concurrency);
      if (!(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 64))
        throw new InputError([`--concurrency: "${opts.concurrency}" is not a whole number from 1 to 64`]);
      const { workForever } = await import("../worker/main.ts");
      await workForever({ databaseUrl: process.env.DATABASE_URL, policies: load(), concurrency });
    });

  const first = argv.find((a) => !a.startsWith("-"));
  if (first === undefined || !OWN_COMMANDS.has(first)) {
    const wanted = COMMAND_MODULES.filter((m) => first !== undefined && m.names.includes(first));
    for (const m of wanted.length > 0 ? wanted : COMMAND_MODULES) (await m.register())(program, io, load);
  }
  for (const register of extraCommands) register(program, io);

  if (argv.length === 0) {
    io.stdout(program.helpInformation());
    return 0;
  }
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof BadInputError) {
      io.stderr(
        `tradectl: bad input\n${e
          .lines()
          .map((p) => `  ${p}`)
          .join("\n")}`,
      );
      return 2;
    }
    if (e instanceof NoPolicyDataError) {
      io.stderr(`tradectl: ${e.message}`);
      return 2;
    }
    if (e instanceof VerificationFailed) {
      io.stderr(`tradectl: ${e.message}`);
      return 3;
    }
    if (e instanceof RowsLeftOut) {
      io.stderr(`tradectl: ${e.message}`);
      return 4;
    }
    if (e instanceof DataDirLockedError) {
      io.stderr(`tradectl: ${e.message}`);
      return 1;
    }
    if (e instanceof PolicyLoadError) {
      io.stderr(`tradectl: ${e.message}`);
      return 1;
    }
    io.stderr(`tradectl: internal error: ${(e as Error).message}`);
    return 1;
  }
}

/** Commands contributed by other modules (screening, lists): each adds itself to the program. */
export type RegisterCommand = (program: Command, io: Io) => void;
const extraCommands: RegisterCommand[] = [];
export function addCommand(register: RegisterCommand): void {
  extraCommands.push(register);
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) process.exitCode = await run(process.argv.slice(2));
