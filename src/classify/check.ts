/**
 * The parametric check: given a control-list entry and an item's parameters, does the item meet the entry's
 * thresholds, under which sub-item, or what is missing to decide? Unknown is an answer, never a guess.
 *
 * Model (how the packs encode thresholds): sub-items are alternatives (the entry is met when any sub-item is
 * met); the parameters of a sub-item, of its ancestors and the entry's own (without `subItem`) must all hold.
 * Several parameters with the same key on the same sub-item are alternative readings or versions of one
 * threshold (e.g. < 245 nm and, unverified, < 193 nm): when they disagree the answer is unknown.
 * Choosing a sub-item (`subItem`) asserts its qualitative conditions (kind `equals`, e.g. "positive resist");
 * numeric thresholds are always checked.
 */
import { msg, render, type Msg } from "../messages/index.ts";
import type { Entry, Parameter } from "../policy/index.ts";
import { evidenceOf, isUnder, parametersOf, periodOf, subItemsOf } from "./catalog.ts";
import { formatNumber, parseQuantity, toBase, unitOf, type Quantity } from "./units.ts";

export type CheckOutcome = "meets" | "does-not-meet" | "unknown";

export interface ItemParameter {
  /** A parameter's key, name or alias (`wavelength`, `HF content`), or `cas`. */
  name: string;
  /** "193 nm", "40 wt%", "positive", true, or a bare number (read in the threshold's own unit). */
  value: string | number | boolean;
}

export interface CheckOptions {
  /** Only thresholds in force on this date (YYYY-MM-DD); without it, every period's thresholds count. */
  date?: string;
  /** The sub-item the item is taken to be (`3C002.a.1`) or to fall under (`3C002.a`). */
  subItem?: string;
}

export interface CheckResult {
  result: CheckOutcome;
  /** The sub-item met (or the entry's own number when it has no sub-items), when the result is `meets`. */
  subItem?: string;
  /** What the item's description must add to decide (parameter names, with the unit expected). */
  missing: string[];
  /** In English (`reasonsMsg` rendered). */
  reasons: string[];
  /** The reasons as messages, for rendering in the reader's language (src/app/localise.ts). */
  reasonsMsg: Msg[];
  /** Facts the answer rests on that are not verified (evidence `unverified`), in English (`caveatsMsg` rendered). */
  caveats: string[];
  caveatsMsg: Msg[];
  /** Sub-items checked, and sub-items with thresholds that were not checked (none of their parameters given). */
  assessed: string[];
  notAssessed: string[];
}

type Status = "meets" | "fails" | "unknown";

const norm = (s: string) =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_\-./()]+/g, "");

function namesOf(p: Parameter): string[] {
  return [p.key, p.name, ...(p.aliases ?? [])].filter((x): x is string => !!x).map(norm);
}

function groupKey(p: Parameter): string {
  return `${p.subItem ?? ""}|${norm(p.key ?? p.name)}`;
}

function describeThreshold(p: Parameter): Msg {
  const u = p.unit === "-" ? "" : ` ${p.unit}`;
  const kind =
    p.kind ??
    (p.min !== undefined && p.max !== undefined
      ? "range"
      : p.min !== undefined
        ? "min"
        : p.max !== undefined
          ? "max"
          : "equals");
  if (kind === "equals") return msg("param.equals", { name: p.name, value: String(p.equals) });
  const lo = p.min !== undefined ? `${p.minExclusive ? ">" : "≥"} ${formatNumber(p.min)}${u}` : "";
  const hi = p.max !== undefined ? `${p.maxExclusive ? "<" : "≤"} ${formatNumber(p.max)}${u}` : "";
  return msg("param.bounds", { name: p.name, bounds: [lo, hi].filter(Boolean) });
}

function periodText(p: Parameter, entry: Entry): Msg {
  const per = periodOf(p, entry);
  return msg("param.period", { from: per.from, to: per.to });
}

const TRUE = new Set(["true", "yes", "y", "1", "o", "○", "예", "はい", "있음", "該当"]);
const FALSE = new Set(["false", "no", "n", "0", "x", "×", "아니오", "いいえ", "없음", "非該当"]);

interface Given {
  name: string;
  raw: string | number | boolean;
  quantity?: Quantity;
}

function evaluate(p: Parameter, g: Given): { status: Status; reason: Msg } {
  const name = p.name;
  const value = String(g.raw);
  const kind = p.kind ?? (p.min !== undefined || p.max !== undefined ? "range" : "equals");
  if (kind === "equals" || kind === "cas") {
    const want = p.equals;
    const raw = typeof g.raw === "string" ? g.raw.normalize("NFKC").toLowerCase().trim() : g.raw;
    if (typeof want === "boolean") {
      const got =
        typeof raw === "boolean" ? raw : TRUE.has(String(raw)) ? true : FALSE.has(String(raw)) ? false : null;
      if (got === null) return { status: "unknown", reason: msg("param.notYesNo", { name, value }) };
      const yes = (b: boolean) => (b ? "yes" : "no");
      return got === want
        ? { status: "meets", reason: msg("param.yesNoMet", { name, got: yes(got) }) }
        : { status: "fails", reason: msg("param.yesNoMissed", { name, got: yes(got), want: yes(want) }) };
    }
    const w = String(want ?? "")
      .normalize("NFKC")
      .toLowerCase();
    const r = String(raw);
    // The value names the required kind as a word ("fluorinated polyimide" is a polyimide); a negated value
    // ("non-positive", "not a polyimide") is not read as the kind.
    const words = r.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const negated = words.some((x) => x === "not" || x === "non" || x === "no");
    const ok = !negated && (r === w || words.includes(w) || (/[^\p{ASCII}]/u.test(w) && r.includes(w)));
    return ok
      ? { status: "meets", reason: msg("param.is", { name, value, want: String(want) }) }
      : { status: "fails", reason: msg("param.isNot", { name, value, want: String(want) }) };
  }
  // Numeric thresholds.
  const unit = unitOf(p.unit);
  let base: number | null = null;
  let shown: string | Msg = value;
  const q =
    g.quantity ??
    (typeof g.raw === "number"
      ? { value: g.raw, unit: "", dimension: "number", base: g.raw, text: String(g.raw) }
      : null);
  if (!q) return { status: "unknown", reason: msg("param.notQuantity", { name, value }) };
  if (q.dimension === "number") {
    const b = toBase(q.value, p.unit);
    if (!b) return { status: "unknown", reason: msg("param.unknownUnit", { name, unit: p.unit }) };
    base = b.base;
    shown = msg("param.readIn", { value: formatNumber(q.value), unit: p.unit });
  } else if (unit && q.dimension === unit.dimension) {
    base = q.base;
  } else {
    // A bare % against a threshold in wt%: the reason says to give it as wt%.
    const bare = q.dimension === "percent" && unit?.dimension === "mass-fraction";
    return {
      status: "unknown",
      reason: msg("param.incomparable", {
        name,
        value: q.text,
        unit: p.unit,
        dimension: unit ? unit.dimension : p.unit,
        bare: bare ? 1 : undefined,
      }),
    };
  }
  const lo = p.min !== undefined ? toBase(p.min, p.unit)?.base : undefined;
  const hi = p.max !== undefined ? toBase(p.max, p.unit)?.base : undefined;
  const eps = 1e-12 * Math.max(1, Math.abs(base));
  let ok = true;
  if (lo !== undefined) ok &&= p.minExclusive ? base > lo + eps : base >= lo - eps;
  if (hi !== undefined) ok &&= p.maxExclusive ? base < hi - eps : base <= hi + eps;
  return {
    status: ok ? "meets" : "fails",
    reason: msg(ok ? "param.meets" : "param.misses", { name, value: shown, threshold: describeThreshold(p) }),
  };
}

function toGiven(params: ItemParameter[] | Record<string, string | number | boolean>): Given[] {
  const list = Array.isArray(params)
    ? params
    : Object.entries(params).map(([name, value]) => ({ name, value }));
  return list.map(({ name, value }) => {
    const g: Given = { name: norm(name), raw: value };
    if (typeof value === "string") {
      const q = parseQuantity(value);
      if (q) g.quantity = q;
    }
    return g;
  });
}

/** The result with its sentences: the messages and their English. */
function answer(
  result: Omit<CheckResult, "reasons" | "reasonsMsg" | "caveats" | "caveatsMsg">,
  reasons: Msg[],
  caveats: Map<string, Msg>,
): CheckResult {
  const { result: outcome, subItem, missing, assessed, notAssessed } = result;
  return {
    result: outcome,
    ...(subItem !== undefined ? { subItem } : {}),
    missing,
    reasons: reasons.map((m) => render(m, "en")),
    reasonsMsg: reasons,
    caveats: [...caveats.keys()],
    caveatsMsg: [...caveats.values()],
    assessed,
    notAssessed,
  };
}

/** Checks an item against an entry's encoded thresholds. */
export function checkParameters(
  entry: Entry,
  params: ItemParameter[] | Record<string, string | number | boolean>,
  options: CheckOptions = {},
): CheckResult {
  const { date } = options;
  const given = toGiven(params);
  const all = parametersOf(entry, date);
  const subs = subItemsOf(entry, date);
  const reasons: Msg[] = [];
  // Each caveat once, by its English.
  const caveats = new Map<string, Msg>();
  const caveat = (m: Msg) => caveats.set(render(m, "en"), m);
  const entryNo = entry.number ?? entry.part;
  // Rows (Japan) are named with their WA number in messages: "3(1) (1C350)".
  const shownNo = /^\d/.test(entry.part) && entry.number ? `${entry.part} (${entry.number})` : entryNo;
  if (entry.evidence === "unverified")
    caveat(msg("param.entryUnverified", { entry: shownNo, id: entry.id, note: entry.note }));
  const none = { missing: [], assessed: [], notAssessed: [] };

  const givenFor = (p: Parameter): Given | undefined => {
    const names = namesOf(p);
    return given.find((g) => names.includes(g.name));
  };

  // Targets: "" for the entry's own thresholds, else a sub-item number.
  const subNumbers = new Set<string>([
    ...subs.map((s) => s.number),
    ...all.flatMap((p) => (p.subItem ? [p.subItem] : [])),
  ]);
  const withParams = new Set(all.flatMap((p) => (p.subItem ? [p.subItem] : [])));
  const titleOf = (n: string) => subs.find((s) => s.number === n)?.title;
  const subItem = (n: string) => msg("param.sub", { number: n, title: titleOf(n) });

  let candidates: string[] = [];
  const casGiven = given.find((g) => g.name === "cas" || g.name === "casno" || g.name === "casnumber");
  const chosen = options.subItem;
  if (chosen !== undefined) {
    if (chosen !== entryNo && !isUnder(chosen, entryNo) && !subNumbers.has(chosen))
      return answer(
        { result: "unknown", ...none },
        [msg("param.notSubItem", { sub: chosen, entry: entryNo })],
        caveats,
      );
    const below = [...withParams].filter((n) => isUnder(n, chosen) && n !== chosen);
    candidates = below.length > 0 ? below : [chosen];
    reasons.push(msg("param.takenAs", { sub: subItem(chosen) }));
  } else if (casGiven && (entry.cas || subs.some((s) => s.cas))) {
    const cas = String(casGiven.raw).trim();
    const hits = subs.filter((s) => s.cas?.includes(cas)).map((s) => s.number);
    if (hits.length > 0) {
      candidates = hits;
      reasons.push(msg("param.casListed", { cas, where: hits }));
    } else if (entry.cas?.includes(cas)) {
      candidates = [""];
      reasons.push(msg("param.casListed", { cas, where: entryNo }));
    } else {
      return answer(
        { result: "does-not-meet", ...none },
        [msg("param.casNotListed", { cas, entry: entryNo })],
        caveats,
      );
    }
  } else {
    const matched = all.filter((p) => givenFor(p) !== undefined);
    if (matched.length === 0) {
      const names = [...new Set(all.map((p) => p.name))];
      if (names.length === 0)
        return answer(
          { result: "unknown", ...none },
          [msg("param.noThresholds", { entry: shownNo })],
          caveats,
        );
      // Each threshold once (two parameters may read the same).
      const thresholds = new Map(all.map((p) => describeThreshold(p)).map((m) => [render(m, "en"), m]));
      return answer(
        { result: "unknown", missing: names, assessed: [], notAssessed: [...withParams] },
        [msg("param.noneGiven", { entry: shownNo, thresholds: [...thresholds.values()] })],
        caveats,
      );
    }
    candidates = [...new Set(matched.map((p) => p.subItem ?? ""))];
    // A sub-item target makes its ancestors' (and the entry's own) thresholds part of it, not separate targets.
    if (candidates.some((c) => c !== ""))
      candidates = candidates.filter(
        (c) => c !== "" && !candidates.some((d) => d !== c && d !== "" && isUnder(d, c)),
      );
  }

  const outcomes: { target: string; status: Status; missing: string[] }[] = [];
  for (const target of candidates) {
    const applicable = all.filter(
      (p) => p.subItem === undefined || (target !== "" && isUnder(target, p.subItem)),
    );
    const groups = new Map<string, Parameter[]>();
    for (const p of applicable) groups.set(groupKey(p), [...(groups.get(groupKey(p)) ?? []), p]);
    const missing: string[] = [];
    let status: Status = "meets";
    const label = target || shownNo;
    for (const variants of groups.values()) {
      const first = variants[0]!;
      const asserted =
        chosen !== undefined &&
        (first.kind === "equals" || (first.kind === undefined && first.equals !== undefined)) &&
        (first.subItem === undefined || isUnder(chosen, first.subItem));
      if (asserted) {
        reasons.push(msg("param.asserted", { label, threshold: describeThreshold(first), sub: chosen }));
        continue;
      }
      const g = givenFor(first);
      if (!g) {
        missing.push(first.name);
        reasons.push(
          msg("param.notGiven", {
            label,
            name: first.name,
            threshold: describeThreshold(first),
            readings: variants.length > 1 ? variants.length : undefined,
          }),
        );
        if (status === "meets") status = "unknown";
        continue;
      }
      const results = variants.map((p) => ({ p, ...evaluate(p, g) }));
      const statuses = new Set(results.map((r) => r.status));
      for (const r of results) {
        const ev = evidenceOf(r.p, entry);
        // Several readings each show their dates and evidence; one shows its evidence when not verified.
        reasons.push(
          msg("param.reading", {
            label,
            reason: r.reason,
            period: variants.length > 1 ? periodText(r.p, entry) : undefined,
            evidence: variants.length > 1 || ev !== "verified" ? ev : undefined,
          }),
        );
        if (ev === "unverified")
          caveat(
            msg("param.thresholdUnverified", { label, threshold: describeThreshold(r.p), note: r.p.note }),
          );
      }
      let s: Status;
      if (statuses.size === 1) s = [...statuses][0]!;
      else {
        s = "unknown";
        reasons.push(msg("param.disagree", { label, name: first.name }));
      }
      // An unverified threshold never clears an item: a miss on it is unknown, not "does not meet".
      if (s === "fails" && results.every((r) => evidenceOf(r.p, entry) === "unverified")) {
        s = "unknown";
        reasons.push(msg("param.unverifiedMiss", { label }));
      }
      if (s === "fails") status = "fails";
      else if (s === "unknown" && status === "meets") status = "unknown";
      if (s === "unknown" && !statuses.has("meets") && !statuses.has("fails")) missing.push(first.name);
    }
    outcomes.push({ target, status, missing });
  }

  const assessed = candidates.map((c) => c || entryNo);
  const notAssessed = [...withParams].filter(
    (n) => !candidates.some((c) => c !== "" && (isUnder(c, n) || isUnder(n, c))),
  );
  if (notAssessed.length > 0 && chosen === undefined)
    reasons.push(msg("param.notAssessed", { subs: notAssessed.map(subItem) }));

  const met = outcomes.find((o) => o.status === "meets");
  if (met)
    return answer(
      { result: "meets", subItem: met.target || entryNo, missing: [], assessed, notAssessed },
      reasons,
      caveats,
    );
  if (outcomes.every((o) => o.status === "fails"))
    return answer({ result: "does-not-meet", missing: [], assessed, notAssessed }, reasons, caveats);
  const missing = [...new Set(outcomes.filter((o) => o.status === "unknown").flatMap((o) => o.missing))];
  return answer({ result: "unknown", missing, assessed, notAssessed }, reasons, caveats);
}
