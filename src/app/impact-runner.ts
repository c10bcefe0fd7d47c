/**
 * The impact service: what-if runs shared by `tradectl impact` and the server's impact jobs. Reads the files
 * (policy packs, overlays, shipments streamed in chunks, licences), runs the pure core (src/impact) in this
 * thread or in worker threads, and builds the report. This module is also the worker's entry: a worker
 * started by `runImpact` imports it and serves chunks.
 */
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus } from "node:os";
import { extname, join, relative } from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { parse as parseYaml } from "yaml";
import {
  addCsvChunk,
  addJsonElements,
  buildReport,
  CsvChunker,
  emptyTally,
  headerProblems,
  ImpactRun,
  JsonArraySplitter,
  mergeTallies,
  parseHeader,
  type CandidateLicence,
  type CsvChunk,
  type ImpactReport,
  type ImpactTally,
  type JsonElement,
  type RowContext,
} from "../impact/index.ts";
import type { Share } from "../impact/input.ts";
import { coveringLicences, type HeldLicence } from "../permits/ledger.ts";
import { licenceInput } from "../permits/model.ts";
import { loadPolicyWithOverlay } from "../policy/load.ts";
import {
  dateProblem,
  defaultPolicyRoot,
  formatProblem,
  loadPolicy,
  Policy,
  PolicyLoadError,
  type PolicyData,
  type PolicySet,
} from "../policy/index.ts";

/** Bad input (exit 2): every problem, one per line. */
import { BadInputError } from "./errors.ts";

const policyRoot = () => process.env.TRADECTL_POLICY_DIR ?? defaultPolicyRoot;

/** The pack directory of `regime` under the policy root (`policy/<regime in lower case>`, else by its header). */
export function packDir(regime: string, root: string = policyRoot()): string {
  const direct = join(root, regime.toLowerCase());
  if (existsSync(direct) && statSync(direct).isDirectory()) return direct;
  for (const name of readdirSync(root)) {
    const dir = join(root, name);
    if (!statSync(dir).isDirectory()) continue;
    try {
      if (loadPolicy(dir).regime.id === regime) return dir;
    } catch {
      // a broken pack is not this regime's
    }
  }
  throw new BadInputError([`no policy pack for regime ${regime} under ${root}`]);
}

/** The pack of a regime named on the command line or in a request (any letter case). */
export function policyOf(policies: PolicySet, regime: string): Policy {
  const p = policies.get(regime.toUpperCase());
  if (!p) throw new BadInputError([`unknown regime "${regime}" (known: ${[...policies.keys()].join(", ")})`]);
  return p;
}

/** A date option, checked. */
export function dateArg(name: string, v: string): string {
  const p = dateProblem(v);
  if (p) throw new BadInputError([`${name}: ${p}`]);
  return v;
}

/** A file name as shown to the user: relative to the working directory. */
export const display = (file: string) => relative(process.cwd(), file) || file;

/** The regime an overlay's header names (`overlay: regime:`), if its text reads as YAML and names one. */
export function overlayRegime(text: string): string | undefined {
  try {
    const r = (parseYaml(text) as { overlay?: { regime?: unknown } } | null)?.overlay?.regime;
    return typeof r === "string" ? r : undefined;
  } catch {
    return undefined;
  }
}

/** Load a pack with an overlay; a bad overlay (or pack) is bad input, each problem with file and line. */
export function loadOverlay(file: string, policies: PolicySet) {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new BadInputError([`cannot read ${file}: ${(e as Error).message}`]);
  }
  // unreadable YAML: the loader names the error with its line
  const regime = overlayRegime(text);
  const lineOf = (re: RegExp) => Math.max(1, text.split("\n").findIndex((l) => re.test(l)) + 1);
  if (typeof regime !== "string")
    throw new BadInputError([
      `${display(file)}:${lineOf(/^overlay:/)}: overlay.regime: name the regime the overlay changes (e.g. regime: JP)`,
    ]);
  if (!policies.has(regime))
    throw new BadInputError([
      `${display(file)}:${lineOf(/^\s+regime:/)}: overlay.regime: unknown regime "${regime}" (known: ${[...policies.keys()].join(", ")})`,
    ]);
  const dir = packDir(regime);
  try {
    // the pack loaded at start serves as the baseline when it was read from this very directory
    return { dir, ...loadPolicyWithOverlay(dir, file, process.cwd(), policies.get(regime)) };
  } catch (e) {
    if (e instanceof PolicyLoadError) throw new BadInputError(e.problems.map(formatProblem));
    throw e;
  }
}

/** Licences in the API's shape (`GET /v1/licences` items, or `POST /v1/licences` bodies), as held licences. */
export function readLicences(file: string, policy: Policy): HeldLicence[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new BadInputError([`--licences ${file}: ${(e as Error).message}`]);
  }
  const list = Array.isArray(raw) ? raw : (raw as { items?: unknown } | null)?.items;
  if (!Array.isArray(list))
    throw new BadInputError([`--licences ${file}: expected an array of licences or { "items": [...] }`]);
  const problems: string[] = [];
  const types = new Set(policy.data.licences.map((l) => l.id));
  const held: HeldLicence[] = [];
  const fields = [
    "regime",
    "type",
    "number",
    "holder",
    "destinations",
    "permittedParties",
    "lines",
    "validFrom",
    "validUntil",
    "conditions",
  ];
  list.forEach((item: unknown, i) => {
    const o = (item ?? {}) as Record<string, unknown>;
    const picked = Object.fromEntries(
      fields.filter((f) => o[f] !== undefined && o[f] !== null).map((f) => [f, o[f]]),
    );
    const parsed = licenceInput.safeParse(picked);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`--licences $[${i}].${issue.path.join(".")}: ${issue.message}`);
      return;
    }
    const l = parsed.data;
    if (l.regime !== policy.regime.id) return;
    if (!types.has(l.type))
      problems.push(`--licences $[${i}].type: unknown licence type "${l.type}" for ${l.regime}`);
    const balances = Array.isArray(o.balances)
      ? (o.balances as { remainingQuantity?: number | null; remainingValue?: number | null }[])
      : undefined;
    held.push({
      ...l,
      id: typeof o.id === "string" ? o.id : l.number,
      status: typeof o.status === "string" ? o.status : "active",
      remaining: l.lines.map((line, j) => ({
        quantity: balances?.[j]?.remainingQuantity ?? line.quantityLimit,
        value: balances?.[j]?.remainingValue ?? line.valueLimit,
      })),
    });
  });
  if (problems.length > 0) throw new BadInputError(problems);
  return held;
}

/** What an impact run compares, as plain data (sent to worker threads as it is). */
export interface ImpactPlan {
  regime: string;
  before: { label: string; data: PolicyData; version: string; date?: string | undefined };
  after: { label: string; data: PolicyData; version: string; date?: string | undefined };
  redFlags: string[];
  licences?: HeldLicence[] | undefined;
}

/** What reading a row needs of the plan: the regime, its red flags and its recipient categories. */
function rowContext(plan: ImpactPlan): RowContext {
  return {
    regime: plan.regime,
    redFlags: new Set(plan.redFlags),
    recipients: new Set((plan.after.data.recipients ?? []).map((r) => r.id)),
  };
}

function makeRun(plan: ImpactPlan, policies?: { before: Policy; after: Policy }): ImpactRun {
  // The versions were computed from this very data (in the thread that loaded it).
  const before = policies?.before ?? new Policy(plan.before.data, plan.before.version);
  const after =
    policies?.after ??
    (plan.after.data === plan.before.data ? before : new Policy(plan.after.data, plan.after.version));
  let candidates:
    | ((line: { date: string; destination: string; controlNumber: string | null }) => CandidateLicence[])
    | undefined;
  if (plan.licences && plan.licences.length > 0) {
    const held = plan.licences;
    const rankOf = (type: string) => after.data.licences.find((l) => l.id === type)?.rank ?? 1e9;
    candidates = (line) =>
      coveringLicences(held, rankOf, {
        regime: plan.regime,
        date: line.date,
        destination: line.destination,
        controlNumber: line.controlNumber,
      }).map((c) => ({ licenceId: c.licenceId, number: c.number, type: c.type }));
  }
  return new ImpactRun({
    regime: plan.regime,
    before: { label: plan.before.label, policy: before, date: plan.before.date },
    after: { label: plan.after.label, policy: after, date: plan.after.date },
    candidates,
  });
}

type Work = { kind: "csv"; chunk: CsvChunk; columns: string[] } | { kind: "json"; elements: JsonElement[] };

function doWork(run: ImpactRun, w: Work, ctx: RowContext, share?: Share): void {
  if (w.kind === "csv") addCsvChunk(run, w.chunk, w.columns, ctx, share);
  else addJsonElements(run, w.elements, ctx);
}

export interface RunOptions {
  /** Worker threads (0 = decide in this thread). Default: 0 for inputs under 8 MB, else the number of CPUs. */
  workers?: number | undefined;
  /** Characters per chunk of input (default 1 MiB). */
  chunkSize?: number | undefined;
  /** Called as the input is read: bytes read so far and the file's size. */
  onProgress?: ((read: number, total: number) => void) | undefined;
}

export interface RunResult {
  tally: ImpactTally;
  workers: number;
  bytes: number;
}

/** Shipments streamed from elsewhere than a file (an upload read from the database). */
export interface StreamInput {
  /** How the input is named in messages and the report. */
  name: string;
  format: "csv" | "json";
  size: number;
  chunks: AsyncIterable<Uint8Array | string>;
}

interface TextSource {
  texts: AsyncIterable<string>;
  bytesRead: () => number;
  close: () => Promise<void>;
}

function fileText(file: string): TextSource {
  const stream = createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 });
  return {
    texts: stream as AsyncIterable<string>,
    bytesRead: () => stream.bytesRead,
    close: async () => void stream.destroy(),
  };
}

/** UTF-8 text of a byte stream, a character cut between two chunks kept whole. */
function streamText(chunks: AsyncIterable<Uint8Array | string>): TextSource {
  let read = 0;
  const it = chunks[Symbol.asyncIterator]();
  async function* texts() {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    for (;;) {
      const next = await it.next();
      if (next.done) break;
      const c = next.value;
      if (typeof c === "string") {
        read += Buffer.byteLength(c);
        yield c;
      } else {
        read += c.byteLength;
        try {
          yield decoder.decode(c, { stream: true });
        } catch {
          throw new BadInputError([`the input is not UTF-8 text (near byte ${read})`]);
        }
      }
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  }
  return {
    texts: texts(),
    bytesRead: () => read,
    close: async () => void (await it.return?.()),
  };
}

/**
 * Stream `file` (CSV or JSON array) through an impact run. The main thread reads and cuts the input into
 * chunks; the chunks are decided here or by worker threads (each with its own copy of the policies), whose
 * tallies are merged at the end. Every worker reads every CSV chunk and decides its share of the rows (by
 * destination, control number and HS code), so that each compiles and keeps only its share of the line plans. At
 * most `MAX_IN_FLIGHT` chunks per worker are in flight, so memory stays bounded.
 */
export async function runImpact(
  plan: ImpactPlan,
  input: string | StreamInput,
  opts: RunOptions = {},
): Promise<RunResult> {
  const file = typeof input === "string" ? input : input.name;
  const size = typeof input === "string" ? statSync(input).size : input.size;
  const workers = opts.workers ?? (size < 8 * 2 ** 20 ? 0 : cpus().length);
  const format =
    typeof input === "string" ? (extname(input).toLowerCase() === ".json" ? "json" : "csv") : input.format;
  const ctx = rowContext(plan);
  const tally = emptyTally();
  const pool = workers > 0 ? await startPool(plan, workers) : undefined;
  const local = pool ? undefined : makeRun(plan);
  const source = typeof input === "string" ? fileText(input) : streamText(input.chunks);
  const chunker = new CsvChunker(opts.chunkSize ?? 1 << 20);
  const splitter = new JsonArraySplitter();
  let columns: string[] | undefined;
  let elements: JsonElement[] = [];
  let pendingChars = 0;

  const submit = async (w: Work) => {
    if (pool) await pool.submit(w);
    else {
      doWork(local!, w, ctx);
      await new Promise((r) => setImmediate(r));
    }
  };
  const csvChunks = async (chunks: CsvChunk[]) => {
    if (columns === undefined && chunker.header) {
      columns = parseHeader(chunker.header);
      const problems = headerProblems(columns);
      if (problems.length > 0) throw new BadInputError(problems.map((p) => `${display(file)}:1: ${p}`));
    }
    for (const chunk of chunks) await submit({ kind: "csv", chunk, columns: columns! });
  };
  try {
    for await (const text of source.texts) {
      if (format === "csv") await csvChunks(chunker.push(text));
      else {
        const got = splitter.push(text);
        for (const e of got) pendingChars += e.text.length;
        elements.push(...got);
        if (splitter.problem) break;
        if (pendingChars >= (opts.chunkSize ?? 1 << 20)) {
          await submit({ kind: "json", elements });
          elements = [];
          pendingChars = 0;
        }
      }
      opts.onProgress?.(source.bytesRead(), size);
    }
    if (format === "csv") {
      await csvChunks(chunker.end());
      if (columns === undefined)
        throw new BadInputError([`${display(file)}: the CSV file is empty (no header)`]);
    } else {
      if (elements.length > 0) await submit({ kind: "json", elements });
      const p = splitter.end();
      if (p) throw new BadInputError([`${display(file)}:${p.line}: ${p.message}`]);
    }
    opts.onProgress?.(size, size);
    if (pool) for (const t of await pool.finish()) mergeTallies(tally, t);
    else mergeTallies(tally, local!.finish());
  } finally {
    await source.close();
    await pool?.close();
  }
  return { tally, workers, bytes: size };
}

/**
 * Chunks a worker may have waiting: enough to keep every worker busy while one of them decides a batch of
 * held lines (`ImpactRun.queue`), few enough to bound memory (32 chunks of 1 MiB of text per worker).
 */
const MAX_IN_FLIGHT = 32;

/** A pool of worker threads deciding chunks, each keeping its own tally until `finish`. */
async function startPool(plan: ImpactPlan, n: number) {
  const self = import.meta.url;
  // The worker imports this module, which serves chunks: compiled JavaScript in production; from the
  // TypeScript sources (tests, benchmarks) it registers tsx, the development loader, first.
  let boot = `import(${JSON.stringify(self)})`;
  if (self.endsWith(".ts")) {
    let api: string;
    try {
      api = import.meta.resolve("tsx/esm/api");
    } catch {
      api = `file://${createRequire(self)
        .resolve("tsx/esm/api")
        .replace(/\.cjs$/, ".mjs")}`;
    }
    boot = `import(${JSON.stringify(api)}).then((m) => { (m.register ?? m.default.register)(); return import(${JSON.stringify(self)}); })`;
  }
  let wake: (() => void) | undefined;
  const workers = Array.from({ length: n }, (_, part) => {
    const share: Share = { part, parts: n };
    const w = new Worker(boot, { eval: true, workerData: { tradectlImpact: true, plan, share } });
    const state = { w, inFlight: 0, error: undefined as Error | undefined };
    w.on("error", (e) => {
      state.error = e;
      wake?.();
    });
    w.on("exit", (code) => {
      state.error ??= new Error(`impact worker exited (${code})`);
      wake?.();
    });
    return state;
  });
  const finished = new Map<Worker, ImpactTally>();
  for (const s of workers)
    s.w.on("message", (m: { done?: true; tally?: ImpactTally; ready?: true }) => {
      if (m.done) s.inFlight--;
      if (m.tally) finished.set(s.w, m.tally);
      wake?.();
    });
  await Promise.all(
    workers.map(
      (s) =>
        new Promise<void>((resolve, reject) => {
          s.w.once("message", () => resolve());
          s.w.once("error", reject);
          s.w.once("exit", (code) => reject(new Error(`impact worker exited (${code}) before it was ready`)));
        }),
    ),
  );
  const waitFor = async (ok: () => boolean) => {
    while (!ok()) {
      const failed = workers.find((s) => s.error);
      if (failed) throw failed.error;
      await new Promise<void>((r) => (wake = r));
    }
  };
  return {
    /** A CSV chunk goes to every worker (each decides its share of the rows); a JSON batch to one. */
    async submit(w: Work) {
      if (w.kind === "csv") {
        await waitFor(() => workers.every((s) => s.inFlight < MAX_IN_FLIGHT));
        for (const s of workers) {
          s.inFlight++;
          s.w.postMessage(w);
        }
        return;
      }
      await waitFor(() => workers.some((s) => s.inFlight < MAX_IN_FLIGHT));
      const s = workers.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
      s.inFlight++;
      s.w.postMessage(w);
    },
    async finish(): Promise<ImpactTally[]> {
      await waitFor(() => workers.every((s) => s.inFlight === 0));
      for (const s of workers) s.w.postMessage({ kind: "finish" });
      await waitFor(() => finished.size === workers.length);
      return workers.map((s) => finished.get(s.w)!);
    },
    async close() {
      for (const s of workers) s.error = new Error("closed");
      await Promise.all(workers.map((s) => s.w.terminate()));
    },
  };
}

/** The worker's side: build the run once, decide each chunk (its share), hand the tally over at the end. */
function serveAsWorker(plan: ImpactPlan, share: Share): void {
  const run = makeRun(plan);
  const ctx = rowContext(plan);
  parentPort!.on("message", (m: Work | { kind: "finish" }) => {
    if (m.kind === "finish") parentPort!.postMessage({ tally: run.finish() });
    else {
      doWork(run, m, ctx, share);
      parentPort!.postMessage({ done: true });
    }
  });
  parentPort!.postMessage({ ready: true });
}

const data = workerData as { tradectlImpact?: boolean; plan?: ImpactPlan; share?: Share } | null;
if (!isMainThread && data?.tradectlImpact && data.plan && data.share) serveAsWorker(data.plan, data.share);

/** The plan of `tradectl impact` from its options: the two sides, the regime, the licences held. */
export function impactPlan(
  policies: PolicySet,
  o: { overlay?: string; from?: string; to?: string; regime?: string; licences?: string },
): { plan: ImpactPlan; overlay?: ReturnType<typeof loadOverlay> | undefined; policy: Policy } {
  if (o.overlay !== undefined && (o.from !== undefined || o.to !== undefined))
    throw new BadInputError(["give either --overlay or --from and --to, not both"]);
  let plan: ImpactPlan;
  let overlay: ReturnType<typeof loadOverlay> | undefined;
  let policy: Policy;
  if (o.overlay !== undefined) {
    overlay = loadOverlay(o.overlay, policies);
    if (o.regime !== undefined && o.regime.toUpperCase() !== overlay.overlay.regime)
      throw new BadInputError([`--regime ${o.regime}: the overlay is for ${overlay.overlay.regime}`]);
    policy = overlay.policy;
    plan = {
      regime: overlay.overlay.regime,
      before: {
        label: overlay.overlay.statusQuo
          ? `${display(overlay.dir)} held at ${overlay.overlay.statusQuo}`
          : `${display(overlay.dir)}`,
        data: overlay.baseline.data,
        version: overlay.baseline.version,
      },
      after: {
        label: `with the overlay ${display(o.overlay)}`,
        data: overlay.policy.data,
        version: overlay.policy.version,
      },
      redFlags: overlay.policy.data.redFlags.map((r) => r.id),
    };
  } else {
    if (o.from === undefined || o.to === undefined)
      throw new BadInputError(["give --overlay FILE, or --from DATE and --to DATE (with --regime)"]);
    if (o.regime === undefined)
      throw new BadInputError(["--from/--to: name the regime with --regime (e.g. JP)"]);
    policy = policyOf(policies, o.regime);
    const from = dateArg("--from", o.from);
    const to = dateArg("--to", o.to);
    for (const [name, d] of [
      ["--from", from],
      ["--to", to],
    ] as const)
      if (d < policy.regime.dataFrom)
        throw new BadInputError([
          `${name}: no policy data before ${policy.regime.dataFrom} for ${policy.regime.id}`,
        ]);
    plan = {
      regime: policy.regime.id,
      before: { label: `the law of ${from}`, data: policy.data, version: policy.version, date: from },
      after: { label: `the law of ${to}`, data: policy.data, version: policy.version, date: to },
      redFlags: policy.data.redFlags.map((r) => r.id),
    };
  }
  if (o.licences !== undefined) plan.licences = readLicences(o.licences, policy);
  return { plan, overlay, policy };
}

/** Run `tradectl impact` end to end and return the report (the bench calls this too). */
export async function impactReport(
  policies: PolicySet,
  o: {
    shipments: string | StreamInput;
    overlay?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    regime?: string | undefined;
    licences?: string | undefined;
    /** How the report names the licences file (default: its path). */
    licencesLabel?: string | undefined;
  },
  run: RunOptions = {},
): Promise<{ report: ImpactReport; result: RunResult }> {
  if (typeof o.shipments === "string") {
    if (!existsSync(o.shipments)) throw new BadInputError([`--shipments: no file ${o.shipments}`]);
    const ext = extname(o.shipments).toLowerCase();
    if (ext !== ".csv" && ext !== ".json")
      throw new BadInputError([`--shipments: ${o.shipments} is neither .csv nor .json`]);
  }
  const { plan, overlay, policy } = impactPlan(policies, o);
  const result = await runImpact(plan, o.shipments, run);
  const report = buildReport(result.tally, {
    regime: plan.regime,
    currency: policy.regime.currency,
    mode: overlay ? "overlay" : "dates",
    before: { label: plan.before.label, policyVersion: plan.before.version, date: plan.before.date },
    after: { label: plan.after.label, policyVersion: plan.after.version, date: plan.after.date },
    overlay: overlay ? { ...overlay.overlay, file: display(o.overlay!) } : undefined,
    input: typeof o.shipments === "string" ? display(o.shipments) : o.shipments.name,
    licences: o.licences
      ? { file: o.licencesLabel ?? display(o.licences), count: plan.licences?.length ?? 0 }
      : undefined,
  });
  return { report, result };
}
