/**
 * Text normalisation for the control-list search: NFKC and lower case, Latin words (with a light English
 * stemmer), numbers, and character bigrams for scripts written without spaces (Japanese, Chinese, Korean).
 */

/** NFKC, lower case, unified dashes and quotes, collapsed white space. */
export function normalise(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[\u2018\u2019\u201c\u201d"']/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Scripts indexed by bigrams: Han, Hiragana, Katakana (incl. the prolonged sound mark), Hangul. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー々]/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー々]+/gu;

export function isCjk(ch: string): boolean {
  return CJK.test(ch);
}

/** Words that carry no meaning in list headings. */
const STOP = new Set(
  (
    "a an and as at by for from in into of on or other than the their therefor thereof to with without any all " +
    "following follows having specified specially designed such which that this these those be is are not used " +
    "e g etc"
  )
    .split(" ")
    .filter(Boolean),
);

/** A deliberately small English stemmer: plural endings only (resists → resist, polyimides → polyimide). */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ches|shes|sses|xes|zes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is"))
    return word.slice(0, -1);
  return word;
}

export interface Tokens {
  /** Latin words (stemmed) and numbers. */
  words: string[];
  /** Character bigrams (and single characters of one-character runs) of CJK runs. */
  grams: string[];
  /** Whole CJK runs, for exact matches. */
  runs: string[];
}

/** Splits normalised text into words, numbers and CJK bigrams. */
export function tokenise(text: string): Tokens {
  const t = normalise(text);
  const runs = t.match(CJK_RUN) ?? [];
  const grams: string[] = [];
  for (const run of runs) {
    const chars = [...run];
    if (chars.length === 1) grams.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i]! + chars[i + 1]!);
  }
  const latin = t.replace(CJK_RUN, " ");
  const words: string[] = [];
  for (const raw of latin.split(/[^\p{L}\p{N}.]+/u)) {
    const w = raw.replace(/^\.+|\.+$/g, "");
    if (!w || STOP.has(w)) continue;
    if (/^\d+([.,]\d+)?$/.test(w)) {
      words.push(w.replace(",", "."));
      continue;
    }
    for (const part of w.split(".")) if (part && !STOP.has(part)) words.push(stem(part));
  }
  return { words, grams, runs };
}

/** Length of the common prefix of two words. */
export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/**
 * How closely two different words are related, 0 to 1: one contains the other (photoresist / resist), or they
 * share a long prefix (fluorine / fluorinated). Short words never match partially.
 */
export function partialMatch(query: string, indexed: string): number {
  if (query === indexed) return 1;
  if (query.length < 4 || indexed.length < 4 || /\d/.test(query) || /\d/.test(indexed)) return 0;
  const shorter = Math.min(query.length, indexed.length);
  if (indexed.includes(query) || query.includes(indexed)) return shorter >= 5 ? 0.6 : 0.4;
  const p = commonPrefix(query, indexed);
  if (p >= 6 && p >= 0.7 * shorter) return 0.5;
  return 0;
}
