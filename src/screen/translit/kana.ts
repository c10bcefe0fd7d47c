/**
 * Kana → Hepburn romanisation (hiragana and katakana), pure and synchronous, for names written in kana
 * (バラク・オバマ → baraku obama). Kanji need a dictionary reading first: that is the injected Japanese reader's
 * job (see ../transliterate.ts); its kana output comes back through here. Long vowels are written plainly, as
 * passports and lists do (タロウ → taro).
 */

const BASE: Readonly<Record<string, string>> = {
  あ: "a", い: "i", う: "u", え: "e", お: "o",
  か: "ka", き: "ki", く: "ku", け: "ke", こ: "ko",
  が: "ga", ぎ: "gi", ぐ: "gu", げ: "ge", ご: "go",
  さ: "sa", し: "shi", す: "su", せ: "se", そ: "so",
  ざ: "za", じ: "ji", ず: "zu", ぜ: "ze", ぞ: "zo",
  た: "ta", ち: "chi", つ: "tsu", て: "te", と: "to",
  だ: "da", ぢ: "ji", づ: "zu", で: "de", ど: "do",
  な: "na", に: "ni", ぬ: "nu", ね: "ne", の: "no",
  は: "ha", ひ: "hi", ふ: "fu", へ: "he", ほ: "ho",
  ば: "ba", び: "bi", ぶ: "bu", べ: "be", ぼ: "bo",
  ぱ: "pa", ぴ: "pi", ぷ: "pu", ぺ: "pe", ぽ: "po",
  ま: "ma", み: "mi", む: "mu", め: "me", も: "mo",
  や: "ya", ゆ: "yu", よ: "yo",
  ら: "ra", り: "ri", る: "ru", れ: "re", ろ: "ro",
  わ: "wa", ゐ: "i", ゑ: "e", を: "o", ん: "n", ゔ: "vu",
}; // prettier-ignore

const SMALL_VOWEL: Readonly<Record<string, string>> = { ぁ: "a", ぃ: "i", ぅ: "u", ぇ: "e", ぉ: "o" };
const SMALL_Y: Readonly<Record<string, string>> = { ゃ: "a", ゅ: "u", ょ: "o" };

function toHiragana(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x30a1 && cp <= 0x30f6) return String.fromCodePoint(cp - 0x60);
  return ch;
}

/** Hepburn romanisation of a kana string; other characters pass through. Spaces separate words. */
export function kanaToRomaji(text: string): string {
  const chars = [...text].map(toHiragana);
  let out = "";
  let geminate = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === "っ") {
      geminate = true;
      continue;
    }
    if (ch === "ー") continue;
    let syl = BASE[ch];
    if (syl === undefined) {
      const sv = SMALL_VOWEL[ch] ?? SMALL_Y[ch];
      if (sv !== undefined && out.length > 0) {
        // ふぁ → fa, てぃ → ti, しぇ → she: replace the previous vowel
        out = out.replace(/[aiueo]$/, "") + (SMALL_Y[ch] !== undefined ? "" : sv);
        if (SMALL_Y[ch] !== undefined) out = yoon(out, sv);
        continue;
      }
      out += ch === "・" ? " " : ch;
      geminate = false;
      continue;
    }
    if (ch === "う" && i + 1 < chars.length && SMALL_VOWEL[chars[i + 1]!] !== undefined) syl = "w";
    if (geminate) {
      out += syl.startsWith("ch") ? "t" : syl[0] === "n" ? "" : syl[0];
      geminate = false;
    }
    out += syl;
  }
  return out;
}

// きゃ: previous syllable lost its "i"; add "y" + vowel except after sh / ch / j
function yoon(prefix: string, vowel: string): string {
  if (/(sh|ch|j)$/.test(prefix)) return prefix + vowel;
  return `${prefix}y${vowel}`;
}

/** The plain spelling lists use for long vowels: ou → o, uu → u, oo → o (Tarou → Taro, Oono → Ono). */
export function plainLongVowels(romaji: string): string {
  return romaji.replace(/ou/g, "o").replace(/uu/g, "u").replace(/oo/g, "o");
}
