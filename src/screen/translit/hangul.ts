/**
 * Hangul → Latin for name matching: the Revised Romanization of each syllable (es-hangul) plus the spellings
 * that real lists use for the same syllable — McCune–Reischauer without diacritics and the North Korean
 * official spellings (정 → Jeong/Jong/Chong/Chung, 철 → Cheol/Chol/Chul, 리/이 → Ri/Yi/Lee/Rhee/I, 박 → Park/Pak).
 * Names are romanised syllable by syllable, as lists write Korean names ("KIM JONG UN").
 */
import { romanize } from "es-hangul";

const BASE = 0xac00;

// Initial consonants (choseong) in Unicode order: ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ
const INITIALS: readonly (readonly string[])[] = [
  ["g", "k"],
  ["kk", "gg", "k"],
  ["n"],
  ["d", "t"],
  ["tt", "dd", "t"],
  ["r", "l", ""],
  ["m"],
  ["b", "p"],
  ["pp", "bb", "p"],
  ["s", "sh"],
  ["ss", "s"],
  [""],
  ["j", "ch"],
  ["jj", "tch", "j"],
  ["ch"],
  ["k", "kh"],
  ["t", "th"],
  ["p", "ph"],
  ["h"],
];

// Vowels (jungseong): ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ
const VOWELS: readonly (readonly string[])[] = [
  ["a"],
  ["ae"],
  ["ya"],
  ["yae"],
  ["eo", "o", "u"],
  ["e"],
  ["yeo", "yo", "yu"],
  ["ye"],
  ["o"],
  ["wa"],
  ["wae"],
  ["oe", "oi"],
  ["yo"],
  ["u", "oo"],
  ["wo"],
  ["we"],
  ["wi"],
  ["yu"],
  ["eu", "u"],
  ["ui", "i"],
  ["i"],
];

// Final consonants (jongseong), index 0 = none: ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ
const FINALS: readonly (readonly string[])[] = [
  [""],
  ["k"],
  ["k"],
  ["k"],
  ["n"],
  ["n"],
  ["n"],
  ["t"],
  ["l"],
  ["k"],
  ["m"],
  ["l"],
  ["l"],
  ["l"],
  ["p"],
  ["l"],
  ["m"],
  ["p"],
  ["p"],
  ["t"],
  ["t"],
  ["ng"],
  ["t"],
  ["t"],
  ["k"],
  ["t"],
  ["p"],
  ["t"],
];

/** Spellings used for common syllables that the letter tables do not produce (mostly surnames). */
const EXTRA: Readonly<Record<string, readonly string[]>> = {
  이: ["lee", "yi", "ri", "rhee", "li"],
  리: ["lee", "yi", "ri", "rhee", "li", "i"],
  박: ["park", "pak", "bak"],
  김: ["kim", "gim"],
  최: ["choi", "choe", "chey"],
  안: ["ahn"],
  오: ["oh"],
  노: ["noh", "roh"],
  로: ["roh", "noh"],
  유: ["yoo", "ryu", "you"],
  류: ["ryu", "yoo", "yu", "lyu", "ryoo"],
  임: ["lim", "rim"],
  림: ["lim", "im"],
  나: ["ra", "la"],
  라: ["na"],
  신: ["shin"],
  손: ["sohn"],
  허: ["hur", "heo"],
  문: ["moon"],
  윤: ["yoon"],
  구: ["koo"],
  주: ["joo", "chu"],
  추: ["choo"],
  우: ["woo"],
  희: ["hee", "hui"],
  양: ["yang", "ryang"],
  량: ["ryang", "yang"],
  여: ["yeo", "yo", "yuh", "ryo"],
  려: ["ryo", "yeo", "yo"],
  용: ["yong", "ryong"],
  룡: ["ryong", "yong"],
  영: ["young"],
  명: ["myung"],
  성: ["sung"],
  정: ["chung"],
  경: ["kyung"],
  형: ["hyung"],
  현: ["hyun"],
  준: ["joon"],
  석: ["suk"],
  숙: ["sook"],
  순: ["soon"],
  국: ["kook"],
  배: ["bae", "pae"],
  백: ["baek", "paek", "paik"],
};

export function isHangulSyllable(cp: number): boolean {
  return cp >= BASE && cp <= 0xd7a3;
}

/** Every spelling of one Hangul syllable, the Revised Romanization first; at most `cap` of them. */
export function syllableSpellings(syllable: string, cap = 12): string[] {
  const cp = syllable.codePointAt(0) ?? 0;
  if (!isHangulSyllable(cp)) return [romanize(syllable)];
  const off = cp - BASE;
  const ini = INITIALS[Math.floor(off / 588)]!;
  const vow = VOWELS[Math.floor((off % 588) / 28)]!;
  const fin = FINALS[off % 28]!;
  const out: string[] = [romanize(syllable)];
  const seen = new Set(out);
  const add = (s: string) => {
    if (!seen.has(s) && s.length > 0) {
      seen.add(s);
      out.push(s);
    }
  };
  for (const e of EXTRA[syllable] ?? []) add(e);
  for (const i of ini) for (const v of vow) for (const f of fin) add(i + v + f);
  // "sh" only before i / y (시 → shi), as McCune–Reischauer writes it
  return out
    .filter((s, idx) => idx === 0 || !s.startsWith("sh") || /^sh[iy]/.test(s) || EXTRA[syllable]?.includes(s))
    .slice(0, cap);
}

/** Revised Romanization of a whole Hangul word (sound changes across syllables applied by es-hangul). */
export function romanizeWord(word: string): string {
  return romanize(word);
}

// McCune–Reischauer without its diacritics and apostrophes, as the lists write DPRK names (정찰총국 →
// chongchal chongguk, 조선광업 → choson kwangop): plain stops voiced between voiced sounds, ㅓ / ㅡ as o / u.
const MR_INITIAL = ["k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch", "k", "t", "p", "h"]; // prettier-ignore
const MR_VOICED: Readonly<Record<number, string>> = { 0: "g", 3: "d", 7: "b", 12: "j" };
const MR_VOWEL = ["a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i"]; // prettier-ignore
const MR_FINAL = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t",
  "t", "ng", "t", "t", "k", "t", "p", "t"]; // prettier-ignore

/** The letters (initial, vowel, final indices) of each Hangul syllable of a word; other characters skipped. */
function* jamo(word: string): Generator<{ ini: number; vow: number; fin: number }> {
  for (const ch of word) {
    const cp = ch.codePointAt(0) ?? 0;
    if (!isHangulSyllable(cp)) continue;
    const off = cp - BASE;
    yield { ini: Math.floor(off / 588), vow: Math.floor((off % 588) / 28), fin: off % 28 };
  }
}

/** McCune–Reischauer (plain letters) of a Hangul word; other characters are dropped. */
export function mccuneReischauer(word: string): string {
  let out = "";
  let prevFinal = -1;
  for (const { ini, vow, fin } of jamo(word)) {
    // after a vowel, n, m, ng or l a plain stop is voiced (k → g, t → d, p → b, ch → j)
    const voiced = prevFinal === 0 || [4, 8, 16, 21].includes(prevFinal);
    let i = prevFinal >= 0 && voiced && MR_VOICED[ini] !== undefined ? MR_VOICED[ini] : MR_INITIAL[ini]!;
    if (ini === 9 && (vow === 20 || vow === 2 || vow === 6 || vow === 12 || vow === 17)) i = "sh";
    out += i + MR_VOWEL[vow]! + MR_FINAL[fin]!;
    prevFinal = fin;
  }
  return out;
}

/** The spellings of a Korean word as lists write it: McCune–Reischauer first, then the Revised Romanization. */
export function koreanWordSpellings(word: string): string[] {
  const mr = mccuneReischauer(word);
  const rr = romanize(word)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
  const out = mr === rr || rr === "" ? [mr] : mr === "" ? [rr] : [mr, rr];
  // a rendering of a foreign word: its foreign spellings first (블라디미르 → bladimir, vladimir …)
  if (looksForeign(word)) return [...new Set([...foreignSpellings(word), ...out])];
  return out;
}

// Hangul renderings of foreign names (블라디미르 → vladimir, 라자루스 → lazarus, 테크놀로지스 → teknolojis): the
// vowel ㅡ that Korean adds after a consonant is dropped, and ㄹ / ㅈ / ㅂ / ㅍ also stand for l / z / v / f.
const LOAN_INITIAL = ["g", "k", "n", "d", "t", "r", "m", "b", "p", "s", "s", "", "j", "j", "ch", "k", "t", "p", "h"]; // prettier-ignore
/** The vowels of a loanword: as McCune–Reischauer writes them, except ㅡ, which Korean adds (스 → s). */
const LOAN_VOWEL = MR_VOWEL.map((v, i) => (i === 18 ? "" : v));

/** True when a Hangul word looks like a rendering of a foreign word (a syllable of ㅡ without a final). */
export function looksForeign(word: string): boolean {
  for (const { ini, vow, fin } of jamo(word)) if (vow === 18 && fin === 0 && ini !== 11) return true;
  return false;
}

/** The spellings of a Hangul rendering of a foreign word, as the lists write the word. */
export function foreignSpellings(word: string): string[] {
  let out = "";
  for (const { ini, vow, fin } of jamo(word))
    out += LOAN_INITIAL[ini]! + (vow === 18 && ini === 11 ? "eu" : LOAN_VOWEL[vow]!) + MR_FINAL[fin]!;
  // a final ㄹ before an initial ㄹ is one l (블라 → bla)
  out = out.replace(/lr/g, "l");
  const one = (s: string) => s.replace(/([a-z])\1+/g, "$1");
  const v = (s: string) => s.replace(/j/g, "z").replace(/b/g, "v");
  const l = (s: string) => s.replace(/r/g, "l");
  const forms = [out, v(out), l(out), l(v(out))].map(one);
  return [...new Set(forms.filter((f) => f.length >= 2))];
}
