/**
 * Name preparation: Unicode NFKC, case folding, punctuation, dotted abbreviations (S.A.R.L. → sarl), script
 * detection per token, transliteration to Latin readings, legal forms recognised and coded, number words
 * folded (forty-four → 44), and a role per token (name, legal, generic, particle, number, initial) that says
 * how much it may count. A prepared name has one or more variants (one per reading of its non-Latin parts).
 */
import { legalFormAt, nativeLegalForms } from "./legal-forms.ts";
import { isWord, segmentNative, type Segment } from "./native-words.ts";
import { koreanWordSpellings } from "./translit/hangul.ts";
import { GENERIC, knownWord, numberWord, PARTICLES, stripOrdinal, surnameVariants } from "./lexicon.ts";
import { metaphone, skeleton } from "./phonetic.ts";
import { ABJADS, isCjk, scriptOf, type Script } from "./script.ts";
import type { TokenReading, Transliterator } from "./transliterate.ts";

export type Role = "name" | "legal" | "generic" | "particle" | "number" | "initial";

/** One token of a prepared name. */
export interface Tok {
  /** Main Latin form (for a legal form: its code, e.g. "llc"). */
  text: string;
  /** All spellings; forms[0] === text. */
  forms: string[];
  role: Role;
  /** The script the token was written in. */
  script: Script;
  /** Weight in the token-set similarity; set from the role, and from rarity when an index knows the token. */
  w: number;
  /** Double Metaphone codes of the main form (non-empty ones). */
  meta: string[];
  /** Consonant skeleton of the main form. */
  skel: string;
  /** The words as written when a misspelt legal form was recognised (kept in the key: not identical). */
  raw?: string;
  /** One syllable of a Korean or Chinese name read from Hangul / Han. */
  syllable?: boolean;
  /** The English reading of a native company word (电子 → electronics). */
  word?: boolean;
}

export interface NameVariant {
  /** The normalised name: main forms joined by spaces. Equal keys = identical normalised names. */
  key: string;
  /** Tokens in order, repeated tokens removed ("Sergey Sergey Shoigu" counts Sergey once). */
  tokens: Tok[];
  /** Some of its words were read from native-script words (华为 → Huawei): never identical to a list name. */
  read?: true;
  /** Memo of the scorer (joined neighbouring tokens), filled on first use. */
  joins?: Map<string, unknown>;
}

export interface PreparedName {
  raw: string;
  variants: NameVariant[];
  /**
   * "entity" when the name has a legal form or a company word of a native script (a company-shaped name);
   * "person" when it is a Korean name in Hangul (a surname and one or two syllables, no company word).
   */
  shape?: "entity" | "person";
  /** The alias-table entries the name was read through (native form, its listed reading, the source). */
  via?: { native: string; listed: string; source: string }[];
}

const MAX_VARIANTS = 4;

/** Default weight of a token by role, before rarity is known. */
export function roleWeight(role: Role, text: string): number {
  switch (role) {
    case "name":
      return text.length >= 3 ? 1 : text.length === 2 ? 0.7 : 0.5;
    case "legal":
      return 0.1;
    case "generic":
      return 0.25;
    case "particle":
      return 0.15;
    case "number":
      return 0.3;
    case "initial":
      return 0.3;
  }
}

/** Honorifics as the Arabic-script transliteration spells them (سید Sayyid; the Latin spellings are particles). */
const ARABIC_TITLES: ReadonlySet<string> = new Set(["sid", "syd"]);

/** Weight of a generic word in a name made mostly of generic words. */
const GENERIC_IN_GENERIC_NAME = 0.6;

const APOSTROPHES = /['’ʼ`´‘ʻ]/g;
const DOTTED = /(?<![\p{L}\p{N}])((?:\p{L}\.){1,}\p{L}\.?)(?![\p{L}\p{N}])/gu;

/** NFKC, lower case, apostrophes removed, dotted abbreviations joined, "&" → "and", (주) → 주식회사, ZWNJ joined. */
export function preclean(raw: string): string {
  // eslint-disable-next-line no-control-regex
  let s = (/^[\x00-\x7f]*$/.test(raw) ? raw : raw.normalize("NFKC")).toLowerCase();
  if (s.includes("(주)")) s = s.replace(/\(주\)/g, " 주식회사 ");
  // the zero-width non-joiner of Persian compounds (خامنه‌ای) joins the word: it is one name
  if (s.includes("\u200c")) s = s.replace(/\u200c/g, "");
  s = s.replace(APOSTROPHES, "");
  if (s.includes(".")) s = s.replace(DOTTED, (m) => m.replace(/\./g, ""));
  if (s.includes("&")) s = s.replace(/&/g, " and ");
  return s;
}

interface Run {
  text: string;
  script: Script;
}

/** Split a precleaned name into runs of one script; CJK runs keep han and kana together. */
export function splitRuns(s: string): Run[] {
  const runs: Run[] = [];
  let text = "";
  let script: Script | undefined;
  const flush = () => {
    if (text.length > 0 && script !== undefined) runs.push({ text, script });
    text = "";
    script = undefined;
  };
  for (const ch of s) {
    const sc = scriptOf(ch.codePointAt(0)!);
    if (sc === undefined) {
      flush();
      continue;
    }
    if (sc === "mark") {
      if (script !== undefined) text += ch;
      continue;
    }
    if (script === undefined) {
      script = sc;
      text = ch;
      continue;
    }
    if (sc === script) {
      text += ch;
    } else if ((sc === "digit" && script === "latin") || (sc === "latin" && script === "digit")) {
      text += ch;
      script = "latin";
    } else if (isCjk(sc) && isCjk(script)) {
      text += ch;
      if (sc === "han") script = "han";
    } else {
      flush();
      script = sc;
      text = ch;
    }
  }
  flush();
  return runs;
}

interface Piece {
  reading: TokenReading;
  /** legal-form code when the run's native spelling was a legal form */
  legal?: string;
  /** an English word read from a native-script word (the name is then never "identical") */
  read?: true;
  /** it was a company word (not a place or a name of the alias table) */
  word?: true;
}

const NO_META: string[] = [];
const keyCache = new Map<string, { meta: string[]; skel: string }>();

/** Metaphone codes and skeleton of a spelling, cached (names repeat their parts across lists). */
export function phoneticKeys(text: string): { meta: string[]; skel: string } {
  let k = keyCache.get(text);
  if (!k) {
    const [m1, m2] = metaphone(text);
    k = { meta: m1 ? (m2 && m2 !== m1 ? [m1, m2] : [m1]) : NO_META, skel: skeleton(text) };
    if (keyCache.size > 200_000) keyCache.clear();
    keyCache.set(text, k);
  }
  return k;
}

function makeTok(text: string, forms: string[], role: Role, script: Script): Tok {
  const k = phoneticKeys(text);
  const meta = role === "name" || role === "particle" ? k.meta : NO_META;
  const skel = ABJADS.has(script) && text.includes("ph") ? skeleton(text, true) : k.skel;
  return { text, forms, role, script, w: roleWeight(role, text), meta, skel };
}

function rolesOf(pieces: Piece[]): Tok[] {
  const words = pieces.map((p) =>
    p.reading.script === "latin" ? knownWord(p.reading.forms[0]!) : p.reading.forms[0]!,
  );
  const out: Tok[] = [];
  let i = 0;
  while (i < pieces.length) {
    const p = pieces[i]!;
    const w = words[i]!;
    const script = p.reading.script;
    if (p.legal) {
      out.push(makeTok(p.legal, [p.legal], "legal", script));
      i++;
      continue;
    }
    const latinLike =
      script !== "hangul" && script !== "han" && script !== "hiragana" && script !== "katakana";
    const lf = latinLike ? legalFormAt(words, i) : undefined;
    if (lf) {
      const tok = makeTok(lf[0].code, [lf[0].code], "legal", script);
      const written = pieces.slice(i, i + lf[1]).map((x) => x.reading.forms[0]!);
      if (written.some((x, k) => x !== words[i + k])) tok.raw = written.join(" ");
      out.push(tok);
      i += lf[1];
      continue;
    }
    const nw = numberWord(w);
    if (nw) {
      let value = nw.value;
      let k = 1;
      const next = words[i + 1] !== undefined ? numberWord(words[i + 1]!) : undefined;
      if (nw.tens && next && !next.tens && next.value < 10) {
        value += next.value;
        k = 2;
      }
      out.push(makeTok(String(value), [String(value)], "number", script));
      i += k;
      continue;
    }
    const written = p.reading.forms[0]!;
    const text = stripOrdinal(written);
    let role: Role = "name";
    if (/^\d+$/.test(text)) role = "number";
    else if (text.length === 1 && script === "latin") role = "initial";
    else if (PARTICLES.has(text) || (script === "arabic" && ARABIC_TITLES.has(text))) role = "particle";
    else if (GENERIC.has(text) || GENERIC.has(w)) role = "generic";
    let forms = text === written ? p.reading.forms : [text, ...p.reading.forms];
    const variants = role === "name" && script === "latin" ? surnameVariants(text) : undefined;
    if (variants) forms = [text, ...variants.filter((v) => v !== text)];
    // a misspelt generic word also carries its right spelling ("tradng" meets "trading")
    const tok = makeTok(text, w !== written && GENERIC.has(w) ? [...forms, w] : forms, role, script);
    if (p.reading.syllable) tok.syllable = true;
    if (p.word) tok.word = true;
    out.push(tok);
    i++;
  }
  return out;
}

function variantOf(pieces: Piece[]): NameVariant {
  const all = rolesOf(pieces);
  const key = all.map((t) => t.raw ?? t.text).join(" ");
  const seen = new Set<string>();
  const tokens: Tok[] = [];
  for (const t of all) {
    const k = `${t.role}:${t.text}`;
    if (seen.has(k)) continue;
    seen.add(k);
    tokens.push(t);
  }
  // the English words of native company words (自動車 → motor) describe the company: generic, unless the name
  // has nothing else to match on (국가보위성 → "ministry of state security")
  if (tokens.some((t) => t.role === "name" && !t.word))
    for (const t of tokens)
      if (t.word && t.role === "name") {
        t.role = "generic";
        t.w = roleWeight("generic", t.text);
        t.meta = NO_META;
      }
  // a name made of company words around at most one name ("China Electronics Technology Group"): its words
  // are what tells it from "China Electronics Corporation", so they count for more
  let names = 0;
  let generic = 0;
  for (const t of tokens)
    if (t.role === "name") names++;
    else if (t.role === "generic") generic++;
  if (names <= 1 && generic >= 2)
    for (const t of tokens) if (t.role === "generic") t.w = GENERIC_IN_GENERIC_NAME;
  return pieces.some((p) => p.read) ? { key, tokens, read: true } : { key, tokens };
}

/** Prepare a name for matching. A name with no letters or digits has no variants. */
export function prepareName(raw: string, tr: Transliterator): PreparedName {
  const runs = splitRuns(preclean(raw));
  const runAlternatives: Piece[][][] = [];
  const partial: Piece[][] = [];
  let entityShaped = false;
  const via: NonNullable<PreparedName["via"]> = [];
  for (const run of runs) {
    const alternatives: Piece[][] = [];
    if (run.script === "hangul" || isCjk(run.script)) {
      const { before, rest: name, after } = nativeLegalForms(run.text);
      if (before || after) entityShaped = true;
      // Company words in the native script are read as the English words the lists use for them.
      const segs = segmentNative(name, tr.dictionary, runs.length === 1);
      if (segs.some((s) => isWord(s) && s.kind !== "place")) entityShaped = true;
      for (const seg of segs)
        if (isWord(seg) && seg.source !== undefined)
          via.push({ native: seg.native, listed: seg.word.split("|")[0]!, source: seg.source });
      const legal = (f: typeof before): Piece[] =>
        f ? [{ reading: { forms: [f.code], script: run.script }, legal: f.code }] : [];
      const bodies = nativeReadings(segs, run.script, tr);
      for (const body of bodies.length > 0 ? bodies : [[]])
        alternatives.push([...legal(before), ...body, ...legal(after)]);
    } else {
      for (const r of tr.readings(run.text, run.script)) alternatives.push(r.map((reading) => ({ reading })));
      // a Persian or Arabic company word is also read in English (شرکت → company), beside its transliteration
      const w = run.script === "arabic" ? tr.dictionary.entries.get(run.text) : undefined;
      if (w) {
        for (const en of w.en.split("|").slice(0, 2)) alternatives.push(english(en, w.kind === "word"));
        if (w.kind !== "place") entityShaped = true;
      }
    }
    if (alternatives.length > 0) runAlternatives.push(alternatives);
  }
  // variant k takes the k-th reading of every run (its last when it has fewer)
  const nVariants = Math.min(MAX_VARIANTS, Math.max(1, ...runAlternatives.map((a) => a.length)));
  for (let k = 0; k < nVariants; k++)
    partial.push(runAlternatives.flatMap((a) => a[Math.min(k, a.length - 1)]!));
  const variants: NameVariant[] = [];
  const keys = new Set<string>();
  for (const pieces of partial) {
    if (pieces.length === 0) continue;
    const v = variantOf(pieces);
    if (keys.has(v.key)) continue;
    keys.add(v.key);
    variants.push(v);
    if (v.tokens.some((t) => t.role === "legal")) entityShaped = true;
  }
  const out: PreparedName = via.length > 0 ? { raw, variants, via } : { raw, variants };
  if (entityShaped) out.shape = "entity";
  else if (runs.length === 1 && runs[0]!.script === "hangul" && koreanPersonName(runs[0]!.text))
    out.shape = "person";
  return out;
}

const KOREAN_SURNAMES = new Set(
  "김이리박최정강조윤장임림한오서신권황안송류유홍전고문양량손배백허남심노하곽성차주우구민진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉",
);

/** Two to four Hangul syllables beginning with a common surname (or a two-syllable one: 남궁, 황보, 제갈 …). */
function koreanPersonName(run: string): boolean {
  const chars = [...run];
  if (chars.length < 2 || chars.length > 4) return false;
  if (["남궁", "황보", "제갈", "선우", "독고", "사공"].includes(chars.slice(0, 2).join("")))
    return chars.length >= 3;
  return KOREAN_SURNAMES.has(chars[0]!) && chars.length <= 3;
}

/** The script of a piece of a mixed kanji / kana run: katakana or hiragana when it is only that. */
function segmentScript(text: string, run: Script): Script {
  if (run !== "han") return run;
  let kind: Script | undefined;
  for (const ch of text) {
    const sc = scriptOf(ch.codePointAt(0)!);
    if (sc !== "katakana" && sc !== "hiragana") return run;
    if (kind !== undefined && kind !== sc) return run;
    kind = sc;
  }
  return kind ?? run;
}

const english = (words: string, word = false): Piece[] =>
  words.split(" ").map((w) => ({
    reading: { forms: [w], script: "latin" as Script },
    read: true as const,
    ...(word ? { word: true as const } : {}),
  }));

/**
 * The readings of a native run cut into segments: words in English; the name text phonetically. A Korean name
 * with company words is read word by word (McCune–Reischauer and Revised Romanization spellings), and also
 * wholly romanised, as the lists write DPRK entities ("Chongch'al Ch'ongguk" for 정찰총국).
 */
function nativeReadings(segs: Segment[], script: Script, tr: Transliterator): Piece[][] {
  const hangulWords = script === "hangul" && (segs.some(isWord) || segs.length === 0);
  const romanised = (text: string): Piece => ({ reading: { forms: koreanWordSpellings(text), script } });
  // variant k takes the k-th reading of every segment (its last when it has fewer): 北京航空航天大学 is read
  // "beijing aviation aerospace university" and "beijing aeronautics astronautics university"
  const alts: Piece[][][] = [];
  for (const seg of segs) {
    let a: Piece[][];
    if (isWord(seg)) a = seg.word.split("|").map((w) => english(w, seg.kind === "word"));
    else if (hangulWords || (script === "hangul" && [...seg.text].length > 4)) a = [[romanised(seg.text)]];
    else
      a = tr
        .readings(seg.text, segmentScript(seg.text, script))
        .map((r) => r.map((reading) => ({ reading })));
    if (a.length > 0) alts.push(a);
  }
  const n = Math.min(MAX_VARIANTS, Math.max(1, ...alts.map((a) => a.length)));
  const out: Piece[][] = [];
  for (let k = 0; k < n; k++) out.push(alts.flatMap((a) => a[Math.min(k, a.length - 1)]!));
  if (hangulWords && segs.length >= 2 && segs.some(isWord) && out.length < MAX_VARIANTS)
    out.push(segs.map((s) => romanised(isWord(s) ? s.native : s.text)));
  return out.filter((p) => p.length > 0);
}

/** The normalised form of a name (its first variant's key), "" when nothing is left. */
export function normalizeName(raw: string, tr: Transliterator): string {
  return prepareName(raw, tr).variants[0]?.key ?? "";
}

/** True when a prepared name has tokens, and every one of them is a legal form (e.g. "Co., Ltd."). */
export function onlyLegalForms(p: PreparedName): boolean {
  return p.variants.length > 0 && p.variants.every((v) => v.tokens.every((t) => t.role === "legal"));
}

/** True when no token of the name can carry a match (only legal forms, generic words, particles, numbers). */
export function nothingDistinctive(p: PreparedName): boolean {
  return p.variants.every((v) => v.tokens.every((t) => t.role !== "name"));
}
