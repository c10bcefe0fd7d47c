/**
 * Arabic-script → Latin for name matching (Arabic, Persian, Urdu letters). Short vowels are not written in
 * Arabic, so the output is a consonant frame with the long vowels guessed from alif / waw / ya
 * (محمد → mhmd, علي → ali, محمود → mhmud); the scorer compares such tokens by consonant skeleton
 * (see ../phonetic.ts), where Mohamed, Muhammad and mhmd meet. The article ال becomes its own token "al",
 * as lists write it (al-Assad).
 */

const LETTERS: Readonly<Record<string, string>> = {
  ا: "a", أ: "a", إ: "i", آ: "a", ٱ: "a", ء: "", ؤ: "", ئ: "", ب: "b", ت: "t", ة: "a", ث: "th", ج: "j",
  ح: "h", خ: "kh", د: "d", ذ: "dh", ر: "r", ز: "z", س: "s", ش: "sh", ص: "s", ض: "d", ط: "t", ظ: "z",
  ع: "", غ: "gh", ف: "f", ق: "q", ك: "k", ل: "l", م: "m", ن: "n", ه: "h", و: "w", ي: "y", ى: "a",
  پ: "p", چ: "ch", ژ: "zh", گ: "g", ک: "k", ی: "y", ۀ: "a", ہ: "h", ھ: "h", ے: "e", ٹ: "t", ڈ: "d",
  ڑ: "r", ں: "n", ۃ: "a",
}; // prettier-ignore

// harakat written in vocalised text
const VOWEL_MARKS: Readonly<Record<string, string>> = {
  "\u064e": "a", "\u0650": "i", "\u064f": "u", "\u064b": "an", "\u064d": "in", "\u064c": "un",
}; // prettier-ignore
const SHADDA = "\u0651";

/** Latin words for one Arabic-script word (usually one; two when it starts with the article). */
export function arabicToLatin(word: string): string[] {
  if (word === "الله" || word === "ﷲ") return ["allah"];
  let w = word;
  const words: string[] = [];
  if (w.length > 3 && w.startsWith("ال")) {
    words.push("al");
    w = w.slice(2);
  }
  const chars = [...w];
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === SHADDA) {
      const last = out.at(-1);
      if (last !== undefined && !"aiu".includes(last)) out += last;
      continue;
    }
    const v = VOWEL_MARKS[ch];
    if (v !== undefined) {
      out += v;
      continue;
    }
    const l = LETTERS[ch];
    if (l === undefined) continue;
    const first = i === 0;
    const last = i === chars.length - 1;
    if (ch === "ع" || ch === "ء" || ch === "أ" || ch === "إ") {
      // ain / hamza at the start carry the vowel lists write (علي → ali, عمر → umar is written omar / umar)
      if (first && ch === "ع") out += "a";
      else out += l;
      continue;
    }
    if ((l === "w" || l === "y") && !first) {
      const prevVowel = /[aiu]$/.test(out);
      if (!prevVowel || last) {
        out += l === "w" ? "u" : "i";
        continue;
      }
    }
    out += l;
  }
  if (out.length > 0) words.push(out);
  return words;
}
