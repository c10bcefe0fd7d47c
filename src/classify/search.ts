/**
 * Control-list search over loaded policies (pure): an index built once per set of policies from entry titles,
 * texts, aliases, sub-items, CAS numbers, parameters and the HS map; queries in English, Korean or Japanese, by
 * CAS number, HS code, control number or parameter. Results are grouped by WA/EU entry across regimes, each
 * saying why it matched and how each regime numbers it (a Japanese row, the number itself in Korea).
 */
import { msg, render, type Msg } from "../messages/index.ts";
import type { Citation, Entry, Evidence, Parameter, Policy, SubItem } from "../policy/index.ts";
import {
  citesOf,
  evidenceOf,
  explainNumber,
  hsMapOf,
  inForce,
  isUnder,
  numberingCodes,
  numberingIn,
  periodOf,
  topNumber,
} from "./catalog.ts";
import type { ItemParameter } from "./check.ts";
import { normaliseHs, parseText } from "./query.ts";
import { normalise, partialMatch, tokenise } from "./text.ts";
import { formatNumber, parseQuantity, toBase, type Quantity } from "./units.ts";

/** Field weights: what a word matched in. */
const W = { alias: 4, title: 3, subTitle: 3, parentTitle: 0.8, text: 1, param: 1 } as const;

interface Doc {
  regime: string;
  policy: Policy;
  entry: Entry;
  sub?: SubItem;
  /** WA/EU number of the entry or sub-item (the Japanese row for a row-only entry). */
  number: string;
  group: string;
  from: string;
  to?: string;
  evidence: Evidence;
  title: string;
  /** Normalised aliases and title, for phrase matches. */
  phrases: string[];
  params: Parameter[];
}

interface Posting {
  doc: number;
  weight: number;
}

export interface ClassifyIndex {
  readonly policies: Policy[];
  readonly docs: Doc[];
  readonly words: Map<string, Posting[]>;
  readonly grams: Map<string, Posting[]>;
  readonly cas: Map<string, number[]>;
  readonly codes: ReturnType<typeof numberingCodes>;
  readonly hs: ReturnType<typeof hsMapOf>;
}

function add(map: Map<string, Posting[]>, token: string, doc: number, weight: number): void {
  const list = map.get(token);
  if (!list) map.set(token, [{ doc, weight }]);
  else {
    const last = list[list.length - 1]!;
    if (last.doc === doc) last.weight = Math.max(last.weight, weight);
    else list.push({ doc, weight });
  }
}

/** Builds the search index over the policies' control lists (all periods; queries filter by date). */
export function buildClassifyIndex(policies: Iterable<Policy>): ClassifyIndex {
  const list = [...policies];
  const docs: Doc[] = [];
  const words = new Map<string, Posting[]>();
  const grams = new Map<string, Posting[]>();
  const cas = new Map<string, number[]>();
  const index = (doc: number, text: string | undefined, weight: number) => {
    if (!text) return;
    const t = tokenise(text);
    for (const w of t.words) add(words, w, doc, weight);
    for (const g of t.grams) add(grams, g, doc, weight);
  };
  for (const policy of list) {
    const regime = policy.regime.id;
    for (const entry of policy.data.controlList.entries ?? []) {
      const number = entry.number ?? entry.part;
      const group = entry.number ? topNumber(entry.number) : `${regime}:${entry.id}`;
      const own = (entry.parameters ?? []).filter((p) => p.subItem === undefined);
      const d = docs.length;
      docs.push({
        regime,
        policy,
        entry,
        number,
        group,
        from: entry.from,
        ...(entry.to !== undefined ? { to: entry.to } : {}),
        evidence: entry.evidence,
        title: entry.title,
        phrases: [entry.title, ...(entry.aliases ?? [])].map(normalise),
        params: own,
      });
      index(d, entry.title, W.title);
      for (const a of entry.aliases ?? []) index(d, a, W.alias);
      index(d, entry.text, W.text);
      for (const p of own) index(d, [p.name, ...(p.aliases ?? [])].join(" "), W.param);
      for (const c of entry.cas ?? []) cas.set(c, [...(cas.get(c) ?? []), d]);
      for (const sub of entry.subItems ?? []) {
        const s = docs.length;
        const per = periodOf(sub, entry);
        docs.push({
          regime,
          policy,
          entry,
          sub,
          number: sub.number,
          group,
          from: per.from,
          ...(per.to !== undefined ? { to: per.to } : {}),
          evidence: evidenceOf(sub, entry),
          title: sub.title,
          phrases: [sub.title, ...(sub.aliases ?? [])].map(normalise),
          params: (entry.parameters ?? []).filter(
            (p) => p.subItem !== undefined && isUnder(sub.number, p.subItem),
          ),
        });
        index(s, sub.title, W.subTitle);
        for (const a of sub.aliases ?? []) index(s, a, W.alias);
        index(s, sub.text, W.text);
        index(s, entry.title, W.parentTitle);
        for (const a of entry.aliases ?? []) index(s, a, W.parentTitle);
        for (const c of sub.cas ?? []) cas.set(c, [...(cas.get(c) ?? []), s]);
      }
    }
  }
  return { policies: list, docs, words, grams, cas, codes: numberingCodes(list), hs: hsMapOf(list) };
}

export interface SearchQuery {
  /** Free text: words in any language, quantities ("193 nm"), CAS numbers, control numbers, an HS code. */
  text?: string;
  cas?: string[];
  hs?: string[];
  /** Parameters the item has ("wavelength" = "193nm"). */
  params?: ItemParameter[];
}

export interface SearchOptions {
  /** Only results that have a number in this regime (JP, KR), ranked for it. */
  regime?: string;
  /** Only facts in force on this date (YYYY-MM-DD); without it, facts of every period are searched. */
  date?: string;
  /** At most this many results (default 10). */
  limit?: number;
}

export interface RegimeNumbering {
  wa?: string;
  jp?: string;
  kr?: string;
  [regime: string]: string | undefined;
}

export interface HitSource {
  regime: string;
  id: string;
  number?: string;
  part: string;
  title: string;
  evidence: Evidence;
  from: string;
  to?: string;
}

export interface HitEntry {
  /** The most specific WA/EU number matched (`3C002.a.1`), or a regime's own row for a row-only entry. */
  number: string;
  /** The top-level entry (`3C002`). */
  entryNumber: string;
  title: string;
  subItem?: { number: string; title: string };
  /** The regime of origin (WA, NSG, AG, MTCR, CWC). */
  regime?: string;
  evidence: Evidence;
  cite: Citation[];
  from: string;
  to?: string;
  /** The encoded entries of each regime behind this result (use `entryOf` to read one in full). */
  sources: HitSource[];
}

export interface SearchHit {
  entry: HitEntry;
  regimeNumbering: RegimeNumbering;
  score: number;
  /** Why it matched, in English (`whyMsg` rendered). */
  why: string[];
  /** The same sentences as messages, for rendering in the reader's language (src/app/localise.ts). */
  whyMsg: Msg[];
}

interface Acc {
  score: number;
  why: Msg[];
}

const en = (m: Msg) => render(m, "en");

/** Each sentence once, by its English. */
function unique(list: Msg[]): Msg[] {
  return [...new Map(list.map((m) => [en(m), m])).values()];
}

function bump(acc: Map<number, Acc>, doc: number, score: number, why?: Msg): void {
  const a = acc.get(doc) ?? { score: 0, why: [] };
  a.score += score;
  if (why && !a.why.some((m) => en(m) === en(why))) a.why.push(why);
  acc.set(doc, a);
}

function paramMatches(p: Parameter, q: Quantity): boolean | null {
  if (p.min === undefined && p.max === undefined) return null;
  const lo = p.min !== undefined ? toBase(p.min, p.unit) : null;
  const hi = p.max !== undefined ? toBase(p.max, p.unit) : null;
  const dim = (lo ?? hi)?.dimension;
  if (!dim || dim !== q.dimension) return null;
  const v = q.base;
  const eps = 1e-12 * Math.max(1, Math.abs(v));
  if (lo && !(p.minExclusive ? v > lo.base + eps : v >= lo.base - eps)) return false;
  if (hi && !(p.maxExclusive ? v < hi.base - eps : v <= hi.base + eps)) return false;
  return true;
}

function threshold(p: Parameter): string {
  const u = p.unit === "-" ? "" : ` ${p.unit}`;
  if (p.min !== undefined && p.max !== undefined)
    return `${p.minExclusive ? "(" : "["}${formatNumber(p.min)}, ${formatNumber(p.max)}${p.maxExclusive ? ")" : "]"}${u}`;
  if (p.min !== undefined) return `${p.minExclusive ? ">" : "≥"} ${formatNumber(p.min)}${u}`;
  if (p.max !== undefined) return `${p.maxExclusive ? "<" : "≤"} ${formatNumber(p.max)}${u}`;
  return String(p.equals);
}

const clip = (s: string, n = 90) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

const pnorm = (s: string) =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_\-./()]+/g, "");

/** Searches the control lists; results are ranked, grouped by WA/EU entry, and explained. */
export function searchControlList(
  index: ClassifyIndex,
  query: SearchQuery | string,
  options: SearchOptions = {},
): SearchHit[] {
  const q: SearchQuery = typeof query === "string" ? { text: query } : query;
  const { date, regime } = options;
  const limit = options.limit ?? 10;
  const live = (d: Doc) => inForce(d.from, d.to, date);
  const acc = new Map<number, Acc>();
  const notes: Msg[] = [];

  const parsed = parseText(q.text ?? "");
  const casList = [...new Set([...(q.cas ?? []).map((c) => c.trim()), ...parsed.cas])];
  const hsList = [
    ...new Set([
      ...(q.hs ?? []).map((h) => normaliseHs(h)).filter((h): h is string => h !== null),
      ...parsed.hs,
    ]),
  ];
  for (const c of parsed.invalidCas) notes.push(msg("search.invalidCas", { cas: c }));

  // CAS numbers.
  for (const c of casList) {
    const hits = (index.cas.get(c) ?? []).filter((d) => live(index.docs[d]!));
    for (const d of hits) {
      const doc = index.docs[d]!;
      bump(acc, d, 100, msg("search.casListed", { cas: c, number: doc.number, title: doc.title }));
    }
  }

  // HS codes: the longest mapped code that is a prefix of the query (6-digit subheading, else 4-digit heading).
  for (const h of hsList) {
    const rows = index.hs.filter((r) => h.startsWith(r.hs) && inForce(r.from, r.to, date));
    const longest = Math.max(0, ...rows.map((r) => r.hs.length));
    for (const r of rows.filter((x) => x.hs.length === longest)) {
      for (const target of r.entries) {
        const docsFor = index.docs
          .map((d, i) => ({ d, i }))
          .filter(
            ({ d }) => live(d) && (d.number === target || (d.sub === undefined && isUnder(target, d.number))),
          );
        const exact = docsFor.filter(({ d }) => d.number === target);
        const chosen = exact.length > 0 ? exact : docsFor;
        for (const { i } of chosen)
          bump(
            acc,
            i,
            80,
            msg("search.hsMap", {
              hs: r.hs,
              title: clip(r.title, 70),
              target,
              evidence: r.evidence,
              regime: r.regime,
              note: r.note ? clip(r.note, 120) : undefined,
            }),
          );
      }
    }
    if (rows.length === 0) notes.push(msg("search.hsNotMapped", { hs: h }));
  }

  // Control numbers and rows typed in the text.
  for (const n of parsed.numbers) {
    index.docs.forEach((d, i) => {
      if (!live(d)) return;
      if (d.number === n) bump(acc, i, 100, msg("search.isNumber", { number: n }));
      else if (d.sub === undefined && isUnder(n, d.number))
        bump(acc, i, 60, msg("search.fallsUnder", { number: n, entry: d.number }));
    });
  }
  for (const row of parsed.rows) {
    index.docs.forEach((d, i) => {
      if (live(d) && d.sub === undefined && d.entry.part === row)
        bump(acc, i, 100, msg("search.row", { row, regime: d.regime }));
    });
  }

  // Words: English words, and bigrams of Japanese/Korean text.
  const text = parsed.words;
  if (text) {
    const t = tokenise(text);
    const n = index.docs.length;
    const terms = new Map<number, Set<string>>();
    const hit = (doc: number, term: string) => terms.set(doc, (terms.get(doc) ?? new Set()).add(term));
    const idf = (postings: number) => Math.log(1 + n / (1 + postings));
    const vocabulary = [...index.words.keys()];
    for (const w of t.words) {
      const exact = index.words.get(w);
      if (exact)
        for (const p of exact) {
          bump(acc, p.doc, p.weight * idf(exact.length));
          hit(p.doc, w);
        }
      else {
        for (const v of vocabulary) {
          const m = partialMatch(w, v);
          if (m === 0) continue;
          const postings = index.words.get(v)!;
          for (const p of postings) {
            bump(acc, p.doc, m * p.weight * idf(postings.length));
            hit(p.doc, `${w}≈${v}`);
          }
        }
      }
    }
    const grams = [...new Set(t.grams)];
    for (const g of grams) {
      const postings = index.grams.get(g);
      if (postings)
        for (const p of postings) {
          bump(acc, p.doc, (p.weight * idf(postings.length)) / Math.max(1, grams.length / 2));
          hit(p.doc, g);
        }
    }
    // Phrases: the whole query equals, or is contained in, a title or an alias.
    const phrase = normalise(text);
    index.docs.forEach((d, i) => {
      if (!live(d)) return;
      const exact = d.phrases.some((p) => p === phrase);
      const contained = !exact && phrase.length >= 2 && d.phrases.some((p) => p.includes(phrase));
      if (exact)
        bump(acc, i, 12, msg("search.nameOf", { text, number: d.number, sub: d.sub ? 1 : undefined }));
      else if (contained) bump(acc, i, 5, msg("search.inNames", { text, number: d.number }));
    });
    // Explain word matches: which words (or, for Japanese and Korean, character pairs) matched where.
    for (const [i, set] of terms) {
      const d = index.docs[i]!;
      const a = acc.get(i);
      if (!a) continue;
      const terms = [...set].slice(0, 6).map((x) => `"${x}"`);
      a.why.push(
        msg("search.words", {
          terms,
          count: set.size,
          number: d.number,
          regime: d.regime,
          sub: d.sub ? 1 : undefined,
          title: clip(d.title),
        }),
      );
    }
  }

  // Quantities in the text and explicit parameters: thresholds the value falls within. A sub-item whose
  // threshold the value meets also takes its entry's word score, so that it ranks above the entry itself.
  const specific = new Set<number>();
  const quantities = parsed.quantities.map((qq) => ({ name: undefined as string | undefined, q: qq }));
  for (const p of q.params ?? []) {
    const qq = typeof p.value === "string" ? parseQuantity(p.value) : null;
    if (qq) quantities.push({ name: p.name, q: qq });
  }
  for (const { name, q: qty } of quantities) {
    index.docs.forEach((d, i) => {
      if (!live(d)) return;
      for (const p of d.params) {
        const per = periodOf(p, d.entry);
        if (!inForce(per.from, per.to, date)) continue;
        if (name !== undefined) {
          const names = [p.key, p.name, ...(p.aliases ?? [])].filter((x): x is string => !!x).map(pnorm);
          if (!names.includes(pnorm(name))) continue;
        }
        const ok = paramMatches(p, qty);
        if (ok) {
          if (d.sub) specific.add(i);
          const ev = evidenceOf(p, d.entry);
          bump(
            acc,
            i,
            name !== undefined ? 8 : 5,
            msg("search.within", {
              value: qty.text.trim(),
              name: p.name,
              threshold: threshold(p),
              target: p.subItem ?? d.number,
              regime: d.regime,
              period: msg("param.period", { from: per.from, to: per.to }),
              evidence: ev,
            }),
          );
        }
      }
    });
  }
  // Parameters named without a quantity (tone=positive): a weak hint for entries that have such a threshold.
  for (const p of q.params ?? []) {
    if (typeof p.value === "string" && parseQuantity(p.value)) continue;
    index.docs.forEach((d, i) => {
      if (!live(d)) return;
      if (
        d.params.some((x) =>
          [x.key, x.name, ...(x.aliases ?? [])].some((nm) => nm && pnorm(nm) === pnorm(p.name)),
        )
      )
        bump(acc, i, 1, msg("search.hasThreshold", { number: d.number, name: p.name }));
    });
  }

  for (const i of specific) {
    const d = index.docs[i]!;
    const parent = index.docs.findIndex((x) => x.entry === d.entry && x.sub === undefined);
    const inherited = acc.get(parent)?.score ?? 0;
    if (inherited > 0) bump(acc, i, inherited);
  }

  // Group by entry, best document first.
  const byGroup = new Map<string, { doc: number; a: Acc }[]>();
  for (const [i, a] of acc) {
    const d = index.docs[i]!;
    if (a.score <= 0 || !live(d)) continue;
    if (regime !== undefined && d.regime === regime) a.score *= 1.2;
    byGroup.set(d.group, [...(byGroup.get(d.group) ?? []), { doc: i, a }]);
  }
  const hits: SearchHit[] = [];
  for (const [group, list] of byGroup) {
    list.sort(
      (x, y) => y.a.score - x.a.score || Number(!!index.docs[y.doc]!.sub) - Number(!!index.docs[x.doc]!.sub),
    );
    const best = index.docs[list[0]!.doc]!;
    const score = list[0]!.a.score + 0.1 * list.slice(1).reduce((s, x) => s + x.a.score, 0);
    const hit = makeHit(
      index,
      group,
      best,
      list.map((x) => index.docs[x.doc]!),
      date,
    );
    if (regime !== undefined && hit.regimeNumbering[regime.toLowerCase()] === undefined) continue;
    const strong = list.filter((x) => x.a.score >= 0.3 * list[0]!.a.score).slice(0, 3);
    const why = unique(strong.flatMap((x) => x.a.why)).slice(0, 8);
    const whyMsg = [...why, ...hit.whyMsg, ...notes];
    hits.push({ ...hit, score: Math.round(score * 100) / 100, why: whyMsg.map(en), whyMsg });
  }
  hits.sort((a, b) => b.score - a.score || a.entry.number.localeCompare(b.entry.number));
  return hits.slice(0, limit);
}

function makeHit(index: ClassifyIndex, group: string, best: Doc, matched: Doc[], date?: string): SearchHit {
  const why: Msg[] = [];
  // The sources: each regime's encoded entries in this group (in force on the date).
  const inGroup = index.docs.filter(
    (d) => d.group === group && d.sub === undefined && inForce(d.from, d.to, date),
  );
  const heading =
    inGroup.find((d) => d.entry.number === group && d.entry.wording === "quoted") ??
    inGroup.find((d) => d.entry.number === group) ??
    best;
  const number = best.number;
  const isWa = /^[0-9][A-E][0-9]{3}/.test(number);
  const regimeNumbering: RegimeNumbering = {};
  if (isWa) regimeNumbering.wa = number;
  for (const policy of index.policies) {
    const key = policy.regime.id.toLowerCase();
    if (isWa) {
      const n = numberingIn(policy, number, date);
      if (!n) continue;
      regimeNumbering[key] = n.value;
      if (n.basis === "number-map")
        why.push(
          msg("search.numberMap", {
            regime: policy.regime.id,
            value: n.value,
            part: n.partTitle ?? n.part,
            number,
          }),
        );
      else if (n.value !== number)
        why.push(
          msg("search.numberIs", {
            regime: policy.regime.id,
            number,
            value: n.value,
            partTitle: n.partTitle,
          }),
        );
    } else if (best.regime === policy.regime.id) regimeNumbering[key] = best.entry.part;
  }
  const structure = isWa ? explainNumber(number, index.codes) : null;
  // The number's structure (category, group, regime digit) is built in English from the numbering codes.
  if (structure) why.push(msg("search.structure", { text: structure }));
  const sub = best.sub ?? matched.find((d) => d.sub && d.number === number)?.sub;
  const entry: HitEntry = {
    number,
    entryNumber: heading.entry.number ?? heading.number,
    title: heading.entry.title,
    ...(sub ? { subItem: { number: sub.number, title: sub.title } } : {}),
    ...(heading.entry.regime !== undefined ? { regime: heading.entry.regime } : {}),
    evidence: best.sub ? evidenceOf(best.sub, best.entry) : best.entry.evidence,
    cite: best.sub ? citesOf(best.sub, best.entry) : best.entry.cite,
    from: best.from,
    ...(best.to !== undefined ? { to: best.to } : {}),
    sources: inGroup.map((d) => ({
      regime: d.regime,
      id: d.entry.id,
      ...(d.entry.number !== undefined ? { number: d.entry.number } : {}),
      part: d.entry.part,
      title: d.entry.title,
      evidence: d.entry.evidence,
      from: d.entry.from,
      ...(d.entry.to !== undefined ? { to: d.entry.to } : {}),
    })),
  };
  return { entry, regimeNumbering, score: 0, why: why.map(en), whyMsg: why };
}

/** The full encoded entry behind a hit's source (for the parametric check). */
export function entryOf(index: ClassifyIndex, regime: string, id: string): Entry | undefined {
  return index.docs.find((d) => d.regime === regime && d.entry.id === id && d.sub === undefined)?.entry;
}

/** The encoded entry of `regime` that best covers a hit (its own entry, else the first source). */
export function entryForHit(index: ClassifyIndex, hit: SearchHit, regime?: string): Entry | undefined {
  const sources = hit.entry.sources.filter((s) => regime === undefined || s.regime === regime);
  const covering = sources
    .filter((s) => s.number !== undefined && isUnder(hit.entry.number, s.number))
    .sort((a, b) => (b.number?.length ?? 0) - (a.number?.length ?? 0));
  const s = covering[0] ?? sources[0];
  return s ? entryOf(index, s.regime, s.id) : undefined;
}
