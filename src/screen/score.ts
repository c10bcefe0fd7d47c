/**
 * The name scorer: token similarity (Jaro–Winkler and optimal-string-alignment distance on the best pair of
 * spellings, Double Metaphone agreement, consonant skeleton for abjad transliterations, initials, legal-form
 * classes), a greedy best alignment of query tokens to list tokens (joined tokens allowed on either side:
 * "VladimirPutin" ↔ "Vladimir Putin", "Abd Allah" ↔ "Abdullah"), and named features combined into one score.
 * Only identical normalised names in the same script score 1.0; anything else is at most 0.99.
 */
import { jaroWinkler, osaDistance } from "./distance.ts";
import { legalSimilarity } from "./legal-forms.ts";
import { phoneticKeys, type NameVariant, type Tok } from "./name.ts";
import { ABJADS } from "./script.ts";

export interface ScoreParams {
  /**
   * Penalty per unit of "conflict": the smaller of the two uncovered shares. Both names having parts the
   * other lacks (Boris / Roman Abramovich) is evidence of two different people.
   */
  conflict: number;
  /**
   * Penalty per unit of "extra": the larger uncovered share. One name adding parts to the other (a patronymic,
   * a grandfather's name) is weak evidence against.
   */
  extra: number;
  /**
   * Highest score when one name is a single distinctive token that the other name has among others
   * ("Sara" in "Sara Ray", "Hassan" in "Hassan Rouhani"): one shared word does not make a match.
   */
  singleTokenCap: number;
  /** Weight of Jaro–Winkler against 1 − edit distance / length in the string similarity of two spellings. */
  jwWeight: number;
  /** Score penalty per unit of order disagreement (a rotation, "SALEK, ABDULHAI", counts only a little). */
  orderPenalty: number;
  /** Score penalty when the aligned tokens are only rotated. */
  rotationPenalty: number;
  /** Least token similarity that aligns two tokens. */
  minEdge: number;
  /** Least similarity for a pair that may carry a match (a "distinctive" pair). */
  minDistinctive: number;
  /**
   * Below this share of the query's weight met, the score is capped at `coverageCapBase` + the share / 2: a
   * short list name found inside a long query ("Sun" in "Sun Pharmaceutical Industries") is not a match.
   */
  minCoverage: number;
  coverageCapBase: number;
  /**
   * Highest score when both names are one short word (at most 5 letters) read from a syllabic script that met
   * only approximately (ソニー "soni" ↔ "SONIA I"): a brand, or one given name, is too little to match on a
   * near spelling of a guessed reading.
   */
  shortFuzzyCap: number;
}

export const DEFAULT_PARAMS: ScoreParams = {
  conflict: 1.5,
  extra: 0.25,
  singleTokenCap: 0.7,
  jwWeight: 0.3,
  orderPenalty: 0.1,
  rotationPenalty: 0.02,
  minEdge: 0.6,
  minDistinctive: 0.8,
  minCoverage: 0.5,
  coverageCapBase: 0.5,
  shortFuzzyCap: 0.72,
};

/** Named features of one query-name / list-name comparison, each in [0, 1]. */
export interface NameFeatures {
  /** Weighted token-set similarity (both sides, rarity weights). */
  tokenSet: number;
  /** Share of the query's weight met by list tokens (similarity-weighted). */
  queryCoverage: number;
  /** Share of the list name's weight met by query tokens. */
  listCoverage: number;
  /** Mean string similarity (Jaro–Winkler / edit distance) of the aligned pairs, weighted. */
  stringSimilarity: number;
  /** Share of aligned pairs whose phonetic keys agree. */
  phonetic: number;
  /** 1 when aligned tokens keep their order (or are rotated, "SALEK, ABDULHAI"); else the share in order. */
  order: number;
  /** The smaller uncovered share of the two names (both have parts the other lacks). */
  conflict: number;
  /** The larger uncovered share (one name has parts the other lacks). */
  extra: number;
  /** Share of the query weight met by distinctive pairs (names, not legal forms or generic words). */
  distinctive: number;
}

export interface NameComparison {
  score: number;
  identical: boolean;
  features: NameFeatures;
  /** Which query token(s) met which list token(s), with the pair's similarity. */
  alignment: { query: string; list: string; sim: number }[];
}

interface Edge {
  q: number[];
  l: number[];
  sim: number;
  phonetic: boolean;
  str: number;
  initial?: boolean;
  /** spellings that met, when a token has several */
  qf?: string;
  lf?: string;
}

let jwWeight = DEFAULT_PARAMS.jwWeight;
/** Joined tokens align only when close: similarity (with phonetic agreement) and plain string similarity. */
const MIN_JOINED = 0.82;
const MIN_JOINED_STR = 0.75;

/** Similarity of two Latin spellings: Jaro–Winkler blended with 1 − OSA distance / longer length. */
export function formSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const max = Math.max(a.length, b.length);
  if (max === 0) return 0;
  const jw = jaroWinkler(a, b);
  const lev = 1 - osaDistance(a, b) / max;
  return jwWeight * jw + (1 - jwWeight) * lev;
}

/**
 * {@link formSimilarity} where only a similarity of at least `min` matters: the exact value when it is
 * reached, else some value below `min` (the edit distance is skipped when the Jaro–Winkler part and the length
 * difference already keep the pair below it).
 */
export function formSimilarityAtLeast(a: string, b: string, min: number): number {
  if (a === b) return 1;
  const max = Math.max(a.length, b.length);
  if (max === 0) return 0;
  const jw = jaroWinkler(a, b);
  const bound = jwWeight * jw + (1 - jwWeight) * (1 - Math.abs(a.length - b.length) / max);
  if (bound < min) return bound;
  return jwWeight * jw + (1 - jwWeight) * (1 - osaDistance(a, b) / max);
}

function isSyllabic(t: Tok): boolean {
  return t.syllable === true;
}

// Tokens written in the same syllabic / logographic script (Hangul, Han, kana) are compared by their main
// reading only, and a different syllable counts for much: 김정은 / 김종은 are two names, though both can be
// spelt "Jong".
function sameSyllabicScript(a: Tok, b: Tok): boolean {
  return a.syllable === true && b.syllable === true && a.script === b.script;
}

function metaAgree(a: string[], b: string[]): boolean {
  for (const x of a) if (x.length >= 2) for (const y of b) if (x === y) return true;
  return false;
}

function skeletonBoost(skel: string): number {
  return skel.length >= 3 ? 0.92 : skel.length === 2 ? 0.88 : 0.82;
}

export interface TokenSim {
  sim: number;
  phonetic: boolean;
  /** The string similarity before phonetic agreement was counted. */
  str: number;
  /** The spellings that met (a token may have several: 정 → jeong / jong / chong). */
  a?: string;
  b?: string;
  /** An initial met a name ("V." ↔ Vladimir): the pair counts only with the initial's weight. */
  initial?: boolean;
}

/** Similarity of two tokens in [0, 1], whether their phonetic keys agree, and the spellings that met. */
export function tokenSimilarity(a: Tok, b: Tok): TokenSim {
  if (a.role === "legal" || b.role === "legal") {
    const s = a.role === "legal" && b.role === "legal" ? legalSimilarity(a.text, b.text) : 0;
    return { sim: s, phonetic: false, str: s };
  }
  if (a.role === "number" || b.role === "number") {
    const s = a.text === b.text ? 1 : 0;
    return { sim: s, phonetic: false, str: s };
  }
  if (a.role === "initial" || b.role === "initial") {
    if (a.text === b.text) return { sim: 1, phonetic: false, str: 1 };
    const [ini, other] = a.role === "initial" ? [a, b] : [b, a];
    const s = other.forms.some((f) => f[0] === ini.text) ? 0.9 : 0;
    return { sim: s, phonetic: false, str: s, initial: true };
  }
  if (sameSyllabicScript(a, b)) {
    const s = a.text === b.text ? 1 : 0.6 * formSimilarity(a.text, b.text);
    return { sim: s, phonetic: false, str: s };
  }
  if (a.script === b.script && a.script !== "latin" && ABJADS.has(a.script)) {
    // two names written in the same abjad are compared letter for letter: احمد and احمدی are two names
    const s = a.text === b.text ? 1 : 0.75 * formSimilarity(a.text, b.text);
    return { sim: s, phonetic: false, str: s };
  }
  if (isSyllabic(a) !== isSyllabic(b)) {
    // a syllable read from Hangul / Han / kana brings its list spellings with it: one of them must be met;
    // a near miss (san / sin, yang / yong) between short syllables is another name
    for (const y of b.forms)
      for (const x of a.forms) if (x === y) return { sim: 1, phonetic: true, str: 1, a: x, b: y };
    const s = 0.6 * formSimilarity(a.text, b.text);
    return { sim: s, phonetic: false, str: s };
  }
  let best = 0;
  let fa = a.text;
  let fb = b.text;
  // the list token's main spelling first, so that an alignment shows the list's own word where it can
  for (const y of b.forms) {
    for (const x of a.forms) {
      // only the best pair counts: a pair below it need not be measured exactly
      const s = formSimilarityAtLeast(x, y, best);
      if (s > best) {
        best = s;
        fa = x;
        fb = y;
      }
      if (best === 1) return { sim: 1, phonetic: true, str: 1, a: x, b: y };
    }
  }
  const str = best;
  let phonetic = false;
  if (metaAgree(a.meta, b.meta)) {
    phonetic = true;
    best = Math.max(best, 0.6 + 0.4 * best);
  }
  if ((ABJADS.has(a.script) || ABJADS.has(b.script)) && a.skel.length > 0 && a.skel === b.skel) {
    phonetic = true;
    best = Math.max(best, skeletonBoost(a.skel));
  }
  return { sim: Math.min(best, 0.99), phonetic, str, a: fa, b: fb };
}

function joinable(t: Tok): boolean {
  return t.role !== "number" && t.role !== "generic";
}

/** Spellings of tokens i..j joined ("abd" + "allah" → "abdallah"), at most 9 combinations. */
function joinedForms(toks: Tok[], from: number, to: number): string[] {
  let acc = [""];
  for (let k = from; k <= to; k++) {
    const next: string[] = [];
    for (const a of acc) for (const f of toks[k]!.forms.slice(0, 3)) next.push(a + f);
    acc = next.slice(0, 9);
  }
  return acc;
}

interface Joined {
  forms: string[];
  meta: string[];
  skel: string;
}

function minLen(t: Tok): number {
  let m = t.text.length;
  for (let k = 1; k < t.forms.length && k < 3; k++) m = Math.min(m, t.forms[k]!.length);
  return m;
}

function maxLen(t: Tok): number {
  let m = t.text.length;
  for (let k = 1; k < t.forms.length && k < 3; k++) m = Math.max(m, t.forms[k]!.length);
  return m;
}

/** Joined spellings of list tokens: not memoised (the list side would keep them for ever). */
function joinedUncached(toks: Tok[]): Joined {
  const forms = joinedForms(toks, 0, toks.length - 1);
  const k = phoneticKeys(forms[0]!);
  return { forms, meta: k.meta, skel: k.skel };
}

function joined(v: NameVariant, from: number, to: number): Joined {
  const key = `${from}:${to}`;
  const memo = (v.joins ??= new Map<string, unknown>());
  const hit = memo.get(key) as Joined | undefined;
  if (hit) return hit;
  const forms = joinedForms(v.tokens, from, to);
  const k = phoneticKeys(forms[0]!);
  const j = { forms, meta: k.meta, skel: k.skel };
  memo.set(key, j);
  return j;
}

function compoundSim(j: Joined, other: Tok, abjad: boolean): { sim: number; phonetic: boolean; str: number } {
  const forms = j.forms;
  let best = 0;
  for (const x of forms) {
    for (const y of other.forms) {
      if (Math.abs(x.length - y.length) > 3) continue;
      const s = formSimilarityAtLeast(x, y, Math.max(best, MIN_JOINED_STR));
      if (s > best) best = s;
    }
  }
  // below the least string similarity a joined edge needs: no edge, whatever the phonetic keys say
  if (best < MIN_JOINED_STR) return { sim: 0, phonetic: false, str: best };
  const str = best;
  let phonetic = false;
  const main = forms[0]!;
  if (Math.abs(main.length - other.text.length) <= 4) {
    if (metaAgree(j.meta, other.meta)) {
      phonetic = true;
      best = Math.max(best, 0.6 + 0.4 * best);
    }
    if (abjad || ABJADS.has(other.script)) {
      const sk = j.skel;
      if (sk.length > 1 && sk === other.skel) {
        phonetic = true;
        best = Math.max(best, skeletonBoost(sk));
      }
    }
  }
  return { sim: Math.min(best, 0.99), phonetic, str };
}

function countNames(toks: Tok[]): number {
  let n = 0;
  for (const t of toks) if (t.role === "name") n++;
  return n;
}

function sumW(toks: Tok[], idx: number[]): number {
  let s = 0;
  for (const i of idx) s += toks[i]!.w;
  return s;
}

/**
 * Token similarities already measured for one query variant, by query token and by the content of the list
 * token (the many candidates of one query share their words): see {@link compareVariants}.
 */
export type TokenMemo = Map<Tok, Map<string, TokenSim>>;

const tokenKeys = new WeakMap<Tok, string>();

/** Everything {@link tokenSimilarity} reads of a token, as one string. */
function tokenKey(t: Tok): string {
  let k = tokenKeys.get(t);
  if (k === undefined) {
    k = `${t.role}\u0001${t.text}\u0001${t.script}\u0001${t.syllable === true ? 1 : 0}\u0001${t.forms.join("\u0002")}\u0001${t.meta.join("\u0002")}\u0001${t.skel}`;
    tokenKeys.set(t, k);
  }
  return k;
}

function memoSimilarity(a: Tok, b: Tok, memo: TokenMemo | undefined): TokenSim {
  if (!memo) return tokenSimilarity(a, b);
  let byList = memo.get(a);
  if (!byList) memo.set(a, (byList = new Map()));
  const k = tokenKey(b);
  let r = byList.get(k);
  if (r === undefined) byList.set(k, (r = tokenSimilarity(a, b)));
  return r;
}

/**
 * Compare one query variant with one list variant. `memo` (optional) keeps token similarities across the
 * list variants compared with the same query variant.
 */
export function compareVariants(
  q: NameVariant,
  l: NameVariant,
  p: ScoreParams = DEFAULT_PARAMS,
  memo?: TokenMemo,
): NameComparison {
  jwWeight = p.jwWeight;
  const Q = q.tokens;
  const L = l.tokens;
  // identical: the same normalised name written in the same scripts (a transliteration is never certain)
  const identical =
    q.key === l.key &&
    q.key.length > 0 &&
    !q.read &&
    !l.read &&
    Q.every((t, i) => t.script === L[i]?.script || t.role === "legal");
  const edges: Edge[] = [];
  for (let i = 0; i < Q.length; i++) {
    for (let j = 0; j < L.length; j++) {
      const r = memoSimilarity(Q[i]!, L[j]!, memo);
      if (r.sim >= p.minEdge)
        edges.push({
          q: [i],
          l: [j],
          sim: r.sim,
          phonetic: r.phonetic,
          str: r.str,
          qf: r.a,
          lf: r.b,
          initial: r.initial,
        });
    }
  }
  // joined tokens: 2 or 3 query tokens ↔ one list token, 2 list tokens ↔ one query token; only where the
  // lengths allow a match (checked before anything is joined)
  for (let i = 0; i + 1 < Q.length; i++) {
    let lo = minLen(Q[i]!);
    let hi = maxLen(Q[i]!);
    for (let span = 1; span <= 2 && i + span < Q.length; span++) {
      let ok = true;
      for (let k = i; k <= i + span; k++) ok &&= joinable(Q[k]!);
      if (!ok) break;
      lo += minLen(Q[i + span]!);
      hi += maxLen(Q[i + span]!);
      let forms: Joined | undefined;
      for (let j = 0; j < L.length; j++) {
        const t = L[j]!;
        if (t.role !== "name" || maxLen(t) < lo - 3 || minLen(t) > hi + 3) continue;
        forms ??= joined(q, i, i + span);
        if (Q[i]!.syllable) {
          // joined syllables (jong + un) must spell the listed word (jongun) exactly
          if (t.forms.some((f) => forms!.forms.includes(f)))
            edges.push({
              q: Array.from({ length: span + 1 }, (_, k) => i + k),
              l: [j],
              sim: 0.99,
              phonetic: true,
              str: 0.99,
            });
          continue;
        }
        const r = compoundSim(forms, t, ABJADS.has(Q[i]!.script));
        if (r.sim >= MIN_JOINED && r.str >= MIN_JOINED_STR) {
          const idx = Array.from({ length: span + 1 }, (_, k) => i + k);
          edges.push({ q: idx, l: [j], sim: r.sim, phonetic: r.phonetic, str: r.str });
        }
      }
    }
  }
  for (let j = 0; j + 1 < L.length; j++) {
    const a = L[j]!;
    const b = L[j + 1]!;
    if (!joinable(a) || !joinable(b)) continue;
    const lo = minLen(a) + minLen(b);
    const hi = maxLen(a) + maxLen(b);
    // both orders: "PUTIN, Vladimir" is also written "VladimirPutin"
    let forms: Joined | undefined;
    let swapped: Joined | undefined;
    for (let i = 0; i < Q.length; i++) {
      const t = Q[i]!;
      if (t.role !== "name" || maxLen(t) < lo - 3 || minLen(t) > hi + 3) continue;
      forms ??= joinedUncached([a, b]);
      swapped ??= joinedUncached([b, a]);
      const r1 = compoundSim(forms, t, ABJADS.has(a.script));
      const r2 = compoundSim(swapped, t, ABJADS.has(a.script));
      const r = r2.sim > r1.sim ? r2 : r1;
      if (r.sim >= MIN_JOINED && r.str >= MIN_JOINED_STR)
        edges.push({ q: [i], l: [j, j + 1], sim: r.sim, phonetic: r.phonetic, str: r.str });
    }
  }
  edges.sort((a, b) => b.sim - a.sim || sumW(Q, b.q) + sumW(L, b.l) - sumW(Q, a.q) - sumW(L, a.l));
  const usedQ = new Uint8Array(Q.length);
  const usedL = new Uint8Array(L.length);
  const chosen: Edge[] = [];
  for (const e of edges) {
    if (e.q.some((i) => usedQ[i]) || e.l.some((j) => usedL[j])) continue;
    for (const i of e.q) usedQ[i] = 1;
    for (const j of e.l) usedL[j] = 1;
    chosen.push(e);
  }
  let totalQ = 0;
  let totalL = 0;
  for (const t of Q) totalQ += t.w;
  for (const t of L) totalL += t.w;
  let matchedQ = 0;
  let matchedL = 0;
  let strSum = 0;
  let strW = 0;
  let phon = 0;
  let distinctive = 0;
  for (const e of chosen) {
    let wq = sumW(Q, e.q);
    let wl = sumW(L, e.l);
    if (e.initial) wq = wl = Math.min(wq, wl);
    matchedQ += e.sim * wq;
    matchedL += e.sim * wl;
    strSum += e.str * (wq + wl);
    strW += wq + wl;
    if (e.phonetic) phon++;
    // a company word read from a native script (連邦 → federal) may carry a match against a listed name word
    const strong =
      e.sim >= p.minDistinctive &&
      e.q.some((i) => Q[i]!.role === "name" || Q[i]!.word === true) &&
      e.l.some((j) => L[j]!.role === "name" || L[j]!.word === true);
    if (strong) distinctive += wq;
  }
  const queryCoverage = totalQ > 0 ? matchedQ / totalQ : 0;
  const listCoverage = totalL > 0 ? matchedL / totalL : 0;
  const { order, rotated } = orderOf(chosen);
  const uQ = 1 - queryCoverage;
  const uL = 1 - listCoverage;
  const conflict = Math.min(uQ, uL);
  const extra = Math.max(uQ, uL);
  const features: NameFeatures = {
    tokenSet: totalQ + totalL > 0 ? (matchedQ + matchedL) / (totalQ + totalL) : 0,
    queryCoverage,
    listCoverage,
    stringSimilarity: strW > 0 ? strSum / strW : 0,
    phonetic: chosen.length > 0 ? phon / chosen.length : 0,
    order,
    conflict,
    extra,
    distinctive: totalQ > 0 ? distinctive / totalQ : 0,
  };
  let score: number;
  if (identical) score = 1;
  else {
    score = 1 - p.conflict * conflict - p.extra * extra;
    score -= rotated ? p.rotationPenalty : p.orderPenalty * (1 - order);
    if (patronymicReversed(Q, L, chosen)) score -= PATRONYMIC_REVERSAL;
    if (distinctive === 0) score = Math.min(score, 0.5);
    const [shortSide, longSide, longIdx] = uQ <= uL ? [Q, L, "l" as const] : [L, Q, "q" as const];
    // one name on the short side: one token, or syllables that met as one word (李娜 "li na" ↔ "Lina")
    const shortIdx = longIdx === "l" ? "q" : "l";
    const oneWord =
      countNames(shortSide) === 1 ||
      (shortSide.every((t) => t.role !== "name" || t.syllable === true) &&
        chosen.filter((e) => e[shortIdx].some((k) => shortSide[k]!.role === "name")).length === 1 &&
        chosen.some((e) => e[shortIdx].length === countNames(shortSide)));
    if (extra > 0.2 && oneWord && countNames(longSide) >= 2) {
      // unless the one token met several of the other's (VladimirPutin ↔ Vladimir Putin)
      let met = 0;
      for (const e of chosen) for (const k of e[longIdx]) if (longSide[k]!.role === "name") met++;
      if (met <= 1) score = Math.min(score, p.singleTokenCap);
    }
    if (queryCoverage < p.minCoverage) score = Math.min(score, p.coverageCapBase + queryCoverage / 2);
    if (countNames(Q) === 1 && countNames(L) <= 1 && shortFuzzy(Q, L, chosen))
      score = Math.min(score, p.shortFuzzyCap);
    score = Math.max(0, Math.min(score, 0.99));
  }
  const alignment = chosen
    .sort((a, b) => a.q[0]! - b.q[0]!)
    .map((e) => ({
      query: e.qf ?? e.q.map((i) => Q[i]!.text).join(" "),
      list: e.lf ?? e.l.map((j) => L[j]!.text).join(" "),
      sim: round(e.sim),
    }));
  return { score, identical, features, alignment };
}

/** The one name pair met only approximately, and both of its words have at most 5 letters. */
function shortFuzzy(Q: Tok[], L: Tok[], chosen: Edge[]): boolean {
  const e = chosen.find((x) => x.q.some((i) => Q[i]!.role === "name"));
  if (!e || e.str >= 1 || e.q.length > 1 || e.l.length > 1) return false;
  const q = Q[e.q[0]!]!;
  const l = L[e.l[0]!]!;
  // only a reading from another script: its vowels are a guess (a Latin typo of a brand is still a match)
  if (q.script === "latin" || ABJADS.has(q.script)) return false;
  return (e.qf ?? q.text).length <= 5 && (e.lf ?? l.text).length <= 5;
}

const PATRONYMIC = new Set(["bin", "ibn", "ben", "bint", "binti", "ould"]);
/** Penalty when "X bin Y" meets "Y bin X": father and son are two people. */
const PATRONYMIC_REVERSAL = 0.35;

/** True when the names on either side of a "bin" (son of) are swapped between the two names. */
function patronymicReversed(Q: Tok[], L: Tok[], chosen: Edge[]): boolean {
  const toL = new Map<number, number>();
  for (const e of chosen) if (e.q.length === 1 && e.l.length === 1) toL.set(e.q[0]!, e.l[0]!);
  for (let k = 1; k + 1 < Q.length; k++) {
    if (!PATRONYMIC.has(Q[k]!.text)) continue;
    const left = toL.get(k - 1);
    const right = toL.get(k + 1);
    if (left === undefined || right === undefined) continue;
    // the list has "right bin left"
    if (right + 2 === left && PATRONYMIC.has(L[right + 1]!.text)) return true;
  }
  return false;
}

/** Share of aligned pairs in the query's order on the list side; a rotation counts as in order. */
function orderOf(chosen: Edge[]): { order: number; rotated: boolean } {
  if (chosen.length < 2) return { order: 1, rotated: false };
  const seq = [...chosen].sort((a, b) => a.q[0]! - b.q[0]!).map((e) => e.l[0]!);
  let pairs = 0;
  let inOrder = 0;
  for (let a = 0; a < seq.length; a++)
    for (let b = a + 1; b < seq.length; b++) {
      pairs++;
      if (seq[a]! < seq[b]!) inOrder++;
    }
  if (inOrder === pairs) return { order: 1, rotated: false };
  // a rotation: increasing except for one descent, and the last is below the first
  let descents = 0;
  for (let k = 1; k < seq.length; k++) if (seq[k]! < seq[k - 1]!) descents++;
  if (descents === 1 && seq[seq.length - 1]! < seq[0]!) return { order: 1, rotated: true };
  return { order: inOrder / pairs, rotated: false };
}

export function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
