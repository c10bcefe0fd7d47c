/**
 * Law diffs: every dated fact of a pack, named by kind and key (a country's membership of a list, a group, a
 * measure, a licence's eligibility rule …), compared between two dates of one policy (`diffDates`: what
 * differs between the two snapshots, what came and went in between, and how countries moved between groups)
 * or between two policies (`diffPolicies`: a pack without and with an overlay). Pure: reads loaded data only.
 */
import { countryName } from "./countries.ts";
import { inPeriod, type IsoDate } from "./dates.ts";
import { NoPolicyDataError } from "./errors.ts";
import { factRef, type FactRef, type PolicyData } from "./model.ts";
import type { Policy } from "./policy.ts";
import type { Dated, DestinationSelector, ItemSelector } from "./schema.ts";

export const factKinds = [
  "membership",
  "group",
  "measure",
  "embargo",
  "licence-eligibility",
  "licence-terms",
  "catch-all",
  "item-list",
  "exemption",
  "control-list",
  "red-flag",
] as const;
export type FactKind = (typeof factKinds)[number];

/** One dated fact of a pack with what names it across periods (`kind` + `key`) and a readable label. */
export interface KeyedFact {
  kind: FactKind;
  key: string;
  label: string;
  fact: Dated;
  /** The fact's own fields other than its period, evidence, citations and note (e.g. a measure's effect). */
  detail: Record<string, unknown>;
}

/** A fact as a diff shows it: its period, evidence, citations, note and what it says. */
export interface FactView extends FactRef {
  detail: Record<string, unknown>;
}

export type ChangeKind = "added" | "removed" | "changed" | "in-between";

export interface FactChange {
  kind: FactKind;
  key: string;
  label: string;
  change: ChangeKind;
  /**
   * The day the change takes effect: when an added fact starts, a removed one ends, a changed one's new
   * version starts (or its end moves). Absent for a fact an overlay removes whole.
   */
  on?: IsoDate | undefined;
  before?: FactView | undefined;
  after?: FactView | undefined;
}

export interface CountryMove {
  country: string;
  name: string;
  before: string[];
  after: string[];
  /** Each change of group between the two dates, with the facts that place the country. */
  moves: { on: IsoDate; groups: string[]; facts: FactRef[] }[];
}

export interface LawDiff {
  regime: string;
  from: IsoDate;
  to: IsoDate;
  policyVersion: string;
  countries: CountryMove[];
  changes: FactChange[];
}

const sel = (s: DestinationSelector | ItemSelector | undefined): string =>
  s === undefined
    ? "all"
    : Object.entries(s)
        .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(",") : String(v)}`)
        .join("; ");

function detailOf(f: object, drop: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f))
    if (!["from", "to", "evidence", "cite", "note", ...drop].includes(k)) out[k] = v;
  return out;
}

/** Every dated fact of the pack, keyed so that the periods of one fact share a key. */
export function keyedFacts(d: PolicyData): KeyedFact[] {
  const out: KeyedFact[] = [];
  const push = (kind: FactKind, key: string, label: string, fact: Dated, detail = detailOf(fact)) =>
    out.push({ kind, key, label, fact, detail });
  for (const l of d.lists)
    for (const m of l.members)
      for (const c of m.countries)
        push("membership", `${l.id}/${c}`, `${c} (${countryName(c)}) on ${l.id} — ${l.name}`, m, {
          list: l.id,
          country: c,
        });
  for (const g of d.groups)
    push(
      "group",
      g.id,
      `group ${g.id} — ${g.name}${g.default ? " (every other country)" : g.lists ? ` = lists ${g.lists.join(", ")}` : ""}`,
      g,
    );
  for (const m of d.measures)
    push(
      "measure",
      m.id,
      `${m.id}: ${m.title} (destinations ${sel(m.destinations)}; items ${sel(m.items)}${m.effect.only ? `; only ${m.effect.only.join(", ")}` : ""}${m.effect.allow ? `; allows ${m.effect.allow.join(", ")}` : ""})`,
      m,
    );
  for (const e of d.embargoes)
    push("embargo", e.id, `${e.id}: ${e.title} (destinations ${sel(e.destinations)})`, e);
  for (const lic of d.licences) {
    for (const e of lic.eligibility ?? [])
      push(
        "licence-eligibility",
        `${lic.id}/${e.id}`,
        `${lic.id}: ${e.id} → ${e.result} (priority ${e.priority}; destinations ${sel(e.destinations)}; items ${sel(e.items)})`,
        e,
        { licence: lic.id, ...detailOf(e) },
      );
    for (const t of lic.terms ?? [])
      push(
        "licence-terms",
        `${lic.id}/terms/${sel(t.destinations)}`,
        `${lic.id}: terms for destinations ${sel(t.destinations)}`,
        t,
        { licence: lic.id, ...detailOf(t) },
      );
  }
  for (const s of d.scopes)
    push(
      "catch-all",
      `scope/${s.id}`,
      `scope ${s.id}: ${s.allGoods ? "all goods" : `HS chapters ${(s.hsChapters ?? []).join(", ")}`}`,
      s,
    );
  for (const l of d.limbs)
    push(
      "catch-all",
      `limb/${l.id}`,
      `limb ${l.id}: ${l.label} (destinations ${sel(l.destinations)} → ${l.permit})`,
      l,
    );
  for (const il of d.itemLists) {
    for (const v of il.versions)
      push("item-list", `${il.id}/version`, `${il.id} — ${il.name}: version of ${v.count} items`, v, {
        itemList: il.id,
        count: v.count,
      });
    for (const e of il.entries)
      push("item-list", `${il.id}/${e.hs}`, `${il.id}: HS ${e.hs} ${e.title}`, e, {
        itemList: il.id,
        ...detailOf(e),
      });
  }
  for (const x of d.exemptions) {
    push("exemption", x.id, `${x.id}: ${x.title}`, x, detailOf(x, ["lowerLimits"]));
    for (const ll of x.lowerLimits ?? [])
      push(
        "exemption",
        `${x.id}/lower/${sel(ll.items)}`,
        `${x.id}: lower limit ${ll.limit} for items ${sel(ll.items)}`,
        ll,
        { exemption: x.id, ...detailOf(ll) },
      );
  }
  for (const p of d.controlList.parts ?? [])
    push("control-list", `part/${p.id}`, `part ${p.id}: ${p.title}`, p);
  for (const e of d.controlList.entries ?? [])
    push(
      "control-list",
      `entry/${e.id}`,
      `entry ${e.id}${e.number ? ` (${e.number})` : ""} at ${e.part}: ${e.title}`,
      e,
      { number: e.number, part: e.part, title: e.title },
    );
  for (const n of d.controlList.numberMap ?? [])
    push("control-list", `number-map/${n.pattern}`, `number map ${n.pattern} → part ${n.part}`, n);
  for (const r of d.redFlags) push("red-flag", r.id, `red flag ${r.number} ${r.id}: ${r.english}`, r);
  return out;
}

function view(k: KeyedFact): FactView {
  return { ...factRef(k.key, k.fact), detail: k.detail };
}

const order = (a: { kind: FactKind; key: string }, b: { kind: FactKind; key: string }) =>
  factKinds.indexOf(a.kind) - factKinds.indexOf(b.kind) || a.key.localeCompare(b.key);

function byKey(facts: KeyedFact[]): Map<string, KeyedFact[]> {
  const m = new Map<string, KeyedFact[]>();
  for (const f of facts) {
    const k = `${f.kind}\u0000${f.key}`;
    m.set(k, [...(m.get(k) ?? []), f]);
  }
  return m;
}

/**
 * What differs between the law in force on `from` and on `to` (`from` <= `to`): facts in force on one date and
 * not the other (added, removed, or replaced by another period: changed), facts that came and went in
 * between, and every country whose group changed on the way — each fact with its period, evidence and sources.
 */
export function diffDates(policy: Policy, from: IsoDate, to: IsoDate): LawDiff {
  const d = policy.data;
  if (from < d.regime.dataFrom) throw new NoPolicyDataError(d.regime.id, d.regime.dataFrom, from);
  if (to < from) throw new RangeError(`the second date (${to}) is before the first (${from})`);
  const changes: FactChange[] = [];
  for (const facts of byKey(keyedFacts(d)).values()) {
    const first = facts[0]!;
    const a = facts.find((f) => inPeriod(from, f.fact.from, f.fact.to));
    const b = facts.find((f) => inPeriod(to, f.fact.from, f.fact.to));
    const base = { kind: first.kind, key: first.key };
    if (a !== b) {
      if (a && b)
        changes.push({
          ...base,
          label: b.label,
          change: "changed",
          on: b.fact.from,
          before: view(a),
          after: view(b),
        });
      else if (b) changes.push({ ...base, label: b.label, change: "added", on: b.fact.from, after: view(b) });
      else if (a)
        changes.push({ ...base, label: a.label, change: "removed", on: a.fact.to, before: view(a) });
    }
    for (const f of facts)
      if (f !== a && f !== b && f.fact.from > from && f.fact.from <= to)
        changes.push({ ...base, label: f.label, change: "in-between", on: f.fact.from, after: view(f) });
  }
  changes.sort((x, y) => order(x, y) || (x.on ?? "").localeCompare(y.on ?? ""));

  const countries = new Set<string>();
  for (const l of d.lists) for (const m of l.members) for (const c of m.countries) countries.add(c);
  const moves: CountryMove[] = [];
  for (const c of [...countries].sort()) {
    const before = policy.asOf(from).groupsOf(c).groups;
    const after = policy.asOf(to).groupsOf(c).groups;
    const steps = policy
      .timeline(c)
      .filter((p) => p.from > from && p.from <= to)
      .map((p) => ({ on: p.from, groups: p.groups, facts: p.facts }));
    if (steps.length > 0 || before.join("|") !== after.join("|"))
      moves.push({ country: c, name: countryName(c), before, after, moves: steps });
  }
  return { regime: d.regime.id, from, to, policyVersion: policy.version, countries: moves, changes };
}

const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([p], [q]) => p.localeCompare(q)),
        )
      : x,
  );

export interface PolicyDiff {
  regime: string;
  baseVersion: string;
  changedVersion: string;
  changes: FactChange[];
}

/**
 * The facts that differ between two policies of one regime (a pack without and with an overlay), over all
 * time: a fact of `base` that `changed` lacks is removed, one it adds is added; where a key loses one
 * version and gains another (a membership given an end), the pair is shown as changed.
 */
export function diffPolicies(base: Policy, changed: Policy): PolicyDiff {
  const sig = (k: KeyedFact) =>
    canonical({ ...k.detail, from: k.fact.from, to: k.fact.to, ev: k.fact.evidence, cite: k.fact.cite });
  const a = byKey(keyedFacts(base.data));
  const b = byKey(keyedFacts(changed.data));
  const changes: FactChange[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const was = a.get(key) ?? [];
    const now = b.get(key) ?? [];
    const wasSig = new Set(was.map(sig));
    const nowSig = new Set(now.map(sig));
    const gone = was.filter((f) => !nowSig.has(sig(f)));
    const came = now.filter((f) => !wasSig.has(sig(f)));
    while (gone.length > 0 && came.length > 0) {
      const g = gone.shift()!;
      const c = came.shift()!;
      changes.push({
        kind: c.kind,
        key: c.key,
        label: c.label,
        change: "changed",
        on: c.fact.to !== g.fact.to ? (c.fact.to ?? g.fact.to) : c.fact.from,
        before: view(g),
        after: view(c),
      });
    }
    for (const g of gone)
      changes.push({ kind: g.kind, key: g.key, label: g.label, change: "removed", before: view(g) });
    for (const c of came)
      changes.push({
        kind: c.kind,
        key: c.key,
        label: c.label,
        change: "added",
        on: c.fact.from,
        after: view(c),
      });
  }
  changes.sort(order);
  return {
    regime: changed.regime.id,
    baseVersion: base.version,
    changedVersion: changed.version,
    changes,
  };
}

/**
 * The periods in which two policies of one regime hold the same facts in force — the same content, whatever
 * their periods, sources and notes — so that any decision (outcome, basis, licence options, groups, rules
 * applied) is the same under both. Sorted, half-open `[from, to)`; empty when the packs differ in what no
 * date limits (licence types, list names, the regime header).
 */
export function samePeriods(a: Policy, b: Policy): { from: IsoDate; to?: IsoDate | undefined }[] {
  const fixed = (p: Policy) =>
    canonical({
      regime: p.data.regime,
      licences: p.data.licences.map((l) => ({ id: l.id, name: l.name, rank: l.rank, for: l.for })),
      lists: p.data.lists.map((l) => l.id),
      itemLists: p.data.itemLists.map((l) => ({ id: l.id, name: l.name })),
    });
  if (fixed(a) !== fixed(b)) return [];
  const sig = (k: KeyedFact) => {
    const content = Object.fromEntries(
      Object.entries(k.fact).filter(([key]) => !["from", "to", "cite", "note"].includes(key)),
    );
    return `${k.kind}\u0000${k.key}\u0000${canonical({ content, detail: k.detail })}`;
  };
  const fa = keyedFacts(a.data).map((k) => ({ k, s: sig(k) }));
  const fb = keyedFacts(b.data).map((k) => ({ k, s: sig(k) }));
  const start =
    a.data.regime.dataFrom < b.data.regime.dataFrom ? b.data.regime.dataFrom : a.data.regime.dataFrom;
  const cuts = [...new Set([start, ...a.boundaries(), ...b.boundaries()])].filter((d) => d >= start).sort();
  const inForce = (facts: { k: KeyedFact; s: string }[], date: IsoDate) =>
    facts
      .filter((f) => inPeriod(date, f.k.fact.from, f.k.fact.to))
      .map((f) => f.s)
      .sort()
      .join("\u0001");
  const out: { from: IsoDate; to?: IsoDate | undefined }[] = [];
  cuts.forEach((from, i) => {
    if (inForce(fa, from) !== inForce(fb, from)) return;
    const to = cuts[i + 1];
    const last = out[out.length - 1];
    if (last && last.to === from) last.to = to;
    else out.push({ from, to });
  });
  return out;
}
