/**
 * Script detection for name tokens: which writing system a code point belongs to, by Unicode block. The
 * transliterator picks its method per script, so a name mixing scripts ("ABC株式会社") is split where the
 * script changes.
 */

export type Script =
  | "latin"
  | "digit"
  | "greek"
  | "cyrillic"
  | "armenian"
  | "hebrew"
  | "arabic"
  | "indic"
  | "thai"
  | "georgian"
  | "ethiopic"
  | "khmer"
  | "hangul"
  | "hiragana"
  | "katakana"
  | "han"
  | "other";

/** The scripts written without short vowels, whose Latin forms are compared by consonant skeleton. */
export const ABJADS: ReadonlySet<Script> = new Set(["arabic", "hebrew"]);

const letterOrNumber = /[\p{L}\p{N}]/u;
const mark = /\p{M}/u;

/** The script of one code point; `undefined` for separators (spaces, punctuation, symbols). */
export function scriptOf(cp: number): Script | "mark" | undefined {
  if (cp < 0x80) {
    if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a)) return "latin";
    if (cp >= 0x30 && cp <= 0x39) return "digit";
    return undefined;
  }
  if (cp >= 0x300 && cp <= 0x36f) return "mark";
  if (cp <= 0x24f) return cp === 0xd7 || cp === 0xf7 || cp < 0xc0 ? nonLatin(cp) : "latin";
  if (cp <= 0x2af || (cp >= 0x1e00 && cp <= 0x1eff)) return "latin";
  if ((cp >= 0x370 && cp <= 0x3ff) || (cp >= 0x1f00 && cp <= 0x1fff)) return "greek";
  if ((cp >= 0x400 && cp <= 0x52f) || (cp >= 0x2de0 && cp <= 0x2dff) || (cp >= 0xa640 && cp <= 0xa69f))
    return "cyrillic";
  if (cp >= 0x530 && cp <= 0x58f) return "armenian";
  if (cp >= 0x590 && cp <= 0x5ff) return mark.test(String.fromCodePoint(cp)) ? "mark" : "hebrew";
  if (
    (cp >= 0x600 && cp <= 0x6ff) ||
    (cp >= 0x750 && cp <= 0x77f) ||
    (cp >= 0x8a0 && cp <= 0x8ff) ||
    (cp >= 0xfb50 && cp <= 0xfdff) ||
    (cp >= 0xfe70 && cp <= 0xfeff)
  ) {
    const s = String.fromCodePoint(cp);
    if (mark.test(s)) return "mark";
    return letterOrNumber.test(s) ? "arabic" : undefined;
  }
  if (cp >= 0x900 && cp <= 0xdff) return mark.test(String.fromCodePoint(cp)) ? "mark" : "indic";
  if (cp >= 0xe00 && cp <= 0xe7f) return "thai";
  if (cp >= 0x10a0 && cp <= 0x10ff) return "georgian";
  if (cp >= 0x1200 && cp <= 0x139f) return "ethiopic";
  if (cp >= 0x1780 && cp <= 0x17ff) return "khmer";
  if ((cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x3130 && cp <= 0x318f))
    return "hangul";
  if (cp >= 0x3040 && cp <= 0x309f) return "hiragana";
  if ((cp >= 0x30a0 && cp <= 0x30ff && cp !== 0x30fb) || (cp >= 0x31f0 && cp <= 0x31ff)) return "katakana";
  if (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x3134f) ||
    cp === 0x3005
  )
    return "han";
  return nonLatin(cp);
}

function nonLatin(cp: number): Script | "mark" | undefined {
  const s = String.fromCodePoint(cp);
  if (mark.test(s)) return "mark";
  if (!letterOrNumber.test(s)) return undefined;
  if (/\p{N}/u.test(s)) return "digit";
  return "other";
}

/** True for scripts whose words are written without spaces and are segmented by the transliterator. */
export function isCjk(s: Script): boolean {
  return s === "han" || s === "hiragana" || s === "katakana";
}
