/**
 * The compact record of a check: each decision's trace is stored once per organisation (`check_traces`, keyed
 * by a content hash) and the check's row refers to it (`traceRef`), so that the thousands of checks that walk
 * the same rules over the same dated facts do not each carry the same 10 KB of trace. The answer sent back is
 * built from the same serialised parts, so a result is serialised once for both; a trace the engine shares is
 * also kept as UTF-8 bytes for the answer.
 *
 * Trace steps and whole traces the engine shares between checks (its compiled line plans are frozen) are
 * serialised and hashed once per process; steps made for one line are serialised each time.
 */
import { createHash } from "node:crypto";
import type { CheckResult, Decision, TraceStep } from "../determine/types.ts";

/** A trace as stored: its content hash and its JSON (an array of steps). */
export interface StoredTrace {
  hash: string;
  json: string;
}

/** One result, serialised: the full answer, the compact record and the traces the record refers to. */
export interface EncodedResult {
  /**
   * The result as the API answers it (every decision with its trace, a JSON object), as pieces to join: JSON
   * text, and the UTF-8 bytes of the traces the engine shares (encoded once per process, so that the answer's
   * largest part is neither measured nor encoded again per request; `answerBytes`).
   */
  responseParts: (string | Buffer)[];
  /** The result as recorded: every decision's `trace` replaced by `traceRef`, a JSON object. */
  recordJson: string;
  /** The distinct traces the record refers to. */
  traces: StoredTrace[];
}

interface StepCode {
  json: string;
  hash: string;
}

const shared = new WeakMap<TraceStep, StepCode>();

function digest(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}

function stepCode(step: TraceStep): StepCode {
  const known = shared.get(step);
  if (known) return known;
  const json = JSON.stringify(step);
  const code = { json, hash: digest(json) };
  // Only a frozen step cannot change after it was serialised.
  if (Object.isFrozen(step)) shared.set(step, code);
  return code;
}

const sharedTraces = new WeakMap<readonly TraceStep[], StoredTrace>();

/** A trace's hash and JSON; the hash is over its steps' hashes, in order. */
export function encodeTrace(trace: readonly TraceStep[]): StoredTrace {
  const known = sharedTraces.get(trace);
  if (known) return known;
  const codes = trace.map(stepCode);
  const out = {
    hash: digest(codes.map((c) => c.hash).join(".")),
    json: `[${codes.map((c) => c.json).join(",")}]`,
  };
  // A whole trace the engine shares (a line plan's answer for every clean line) is frozen with its steps.
  if (Object.isFrozen(trace) && codes.length === trace.length && trace.every((t) => shared.has(t))) {
    sharedTraces.set(trace, out);
    sharedBytes.set(out, Buffer.from(out.json));
  }
  return out;
}

/** The UTF-8 bytes of the traces kept per process (above). */
const sharedBytes = new WeakMap<StoredTrace, Buffer>();

/** `{...}` of an object's JSON with `,"key":value` added before its closing brace. */
function withMember(objectJson: string, key: string, valueJson: string): string {
  const body = objectJson.slice(1, -1);
  return `{${body}${body.length > 0 ? "," : ""}${JSON.stringify(key)}:${valueJson}}`;
}

export function encodeResult(result: CheckResult): EncodedResult {
  const { decisions, ...rest } = result;
  const traces = new Map<string, StoredTrace>();
  const recorded: string[] = [];
  const head = JSON.stringify(rest);
  const parts: (string | Buffer)[] = [];
  let text = `${head.slice(0, -1)}${head.length > 2 ? "," : ""}"decisions":[`;
  for (const d of decisions) {
    const { trace, ...plain } = d;
    const t = encodeTrace(trace);
    traces.set(t.hash, t);
    const json = JSON.stringify(plain);
    recorded.push(withMember(json, "traceRef", JSON.stringify(t.hash)));
    text += `${recorded.length > 1 ? "," : ""}${withMember(json, "trace", "").slice(0, -1)}`;
    const bytes = sharedBytes.get(t);
    if (bytes) {
      parts.push(text, bytes);
      text = "}";
    } else text += `${t.json}}`;
  }
  parts.push(`${text}]}`);
  return {
    responseParts: parts,
    recordJson: withMember(head, "decisions", `[${recorded.join(",")}]`),
    traces: [...traces.values()],
  };
}

/**
 * The answer to a request as bytes: each result's parts (`responseParts`) with the id it was recorded under
 * first; an array when the request was a batch. Only the texts are encoded here.
 */
export function answerBytes(
  results: { parts: readonly (string | Buffer)[]; id: string }[],
  batch: boolean,
): Buffer {
  const out: Buffer[] = [];
  let text = batch ? "[" : "";
  results.forEach((r, i) => {
    const first = r.parts[0] as string;
    text += `${i > 0 ? "," : ""}{"id":${JSON.stringify(r.id)},${first.slice(1)}`;
    for (let k = 1; k < r.parts.length; k++) {
      const p = r.parts[k]!;
      if (typeof p === "string") text += p;
      else {
        out.push(Buffer.from(text), p);
        text = "";
      }
    }
  });
  out.push(Buffer.from(batch ? `${text}]` : text));
  return Buffer.concat(out);
}

/** The trace hashes a recorded result refers to (none for one recorded before traces were kept apart). */
export function traceRefsOf(record: unknown): string[] {
  const decisions = (record as { decisions?: unknown } | null)?.decisions;
  if (!Array.isArray(decisions)) return [];
  const refs = new Set<string>();
  for (const d of decisions) {
    const ref = (d as { traceRef?: unknown } | null)?.traceRef;
    if (typeof ref === "string") refs.add(ref);
  }
  return [...refs];
}

/** A decision as recorded: its trace named by hash. */
type RecordedDecision = Omit<Decision, "trace"> & { traceRef: string };

/** A trace a record refers to is not stored: the record cannot be shown whole. */
export class MissingTraceError extends Error {
  constructor(readonly ref: string) {
    super(`the recorded check refers to trace ${ref}, which is not stored`);
    this.name = "MissingTraceError";
  }
}

/**
 * The full result of a record: each `traceRef` replaced by the trace it names. A record from before traces
 * were kept apart (its decisions carry `trace`) is returned as it is.
 */
export function decodeResult(record: unknown, traces: ReadonlyMap<string, unknown>): CheckResult {
  const r = record as CheckResult;
  if (!Array.isArray(r.decisions) || traceRefsOf(r).length === 0) return r;
  const decisions = r.decisions as (Decision | RecordedDecision)[];
  return {
    ...r,
    decisions: decisions.map((d) => {
      if (!("traceRef" in d)) return d;
      const { traceRef, ...plain } = d;
      const trace = traces.get(traceRef);
      if (trace === undefined) throw new MissingTraceError(traceRef);
      return { ...plain, trace: trace as TraceStep[] };
    }),
  };
}
