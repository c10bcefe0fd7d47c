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

interface Mora {
  /** Hepburn spelling of the mora */
  r: string;
  /** ん */
  n?: boolean;
  /** a plain vowel kana (あ い う え お) */
  vowel?: boolean;
}

function morae(text: string): Mora[][] {
  const words: Mora[][] = [[]];
  const chars = [...text].map(toHiragana);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const cur = words[words.length - 1]!;
    if (ch === "・" || ch === " " || ch === "=" || ch === "＝") {
      if (cur.length > 0) words.push([]);
      continue;
    }
    if (ch === "ー") continue;
    if (ch === "っ") {
      cur.push({ r: "" });
      continue;
    }
    const sv = SMALL_VOWEL[ch] ?? SMALL_Y[ch];
    const last = cur[cur.length - 1];
    if (sv !== undefined && last) {
      // ウェ → we, ウィ → wi
      const stem = last.r === "u" ? "w" : last.r.replace(/[aiueo]$/, "");
      last.r = SMALL_Y[ch] !== undefined ? yoon(stem, sv) : stem + sv;
      last.vowel = false;
      continue;
    }
    const b = BASE[ch];
    if (b === undefined) continue;
    // geminate: double the next consonant
    if (last && last.r === "") last.r = b[0] === "c" ? "t" : b[0]!;
    cur.push({ r: b, n: ch === "ん", vowel: "あいうえお".includes(ch) });
  }
  return words.filter((w) => w.length > 0);
}

const EPENTHETIC_U = /^(k|g|s|z|f|p|b|m|r|ts)u$/;
const EPENTHETIC_O = /^(t|d)o$/;

/**
 * The spellings a katakana rendering of a foreign name stands for: the vowels Japanese adds after a consonant
 * dropped (キム → kim, エクスポルト → eksport), ン as n and as ng (ジョンウン → jongun, ピン → ping), r also as l,
 * and "ks" as x. Each word gets up to six spellings besides its Hepburn reading.
 */
export function foreignReadings(text: string): string[][] {
  return morae(text).map((word) => {
    // ng: 0 = ン is n; 1 = ng before a vowel (ジョンウン → jongun); 2 = ng at the end too (ピン → ping)
    const spell = (ng: 0 | 1 | 2) => {
      let out = "";
      word.forEach((m, i) => {
        const next = word[i + 1];
        const first = i === 0;
        if (m.n) {
          const beforeVowel = next !== undefined && (next.vowel === true || next.r.startsWith("w"));
          out += (ng >= 1 && beforeVowel) || (ng === 2 && next === undefined) ? "ng" : "n";
          return;
        }
        const beforeConsonant = next === undefined || (!next.vowel && !next.n) || EPENTHETIC_U.test(m.r);
        if (!first && EPENTHETIC_U.test(m.r) && !m.vowel) out += m.r.slice(0, -1);
        else if (!first && EPENTHETIC_O.test(m.r) && beforeConsonant && (next === undefined || !next.vowel))
          out += m.r.slice(0, -1);
        else out += m.r;
      });
      // a doubled consonant left before another or at the end is one (ロステック → rostek)
      return out.replace(/([bcdfgklmprstz])\1(?![aeiouy])/g, "$1");
    };
    const forms: string[] = [];
    for (const f of [spell(0), spell(1), spell(2)]) {
      for (const g of [f, f.replace(/ks/g, "x"), f.replace(/r/g, "l")])
        if (g.length >= 2 && !forms.includes(g)) forms.push(g);
    }
    // Russian and other European names: ウ before a consonant at the start is v (ウラジーミル → vladimir), ジ and
    // チ stand for di and ti (プーチン → putin), ブ and フ for v (ラブロフ → lavrov)
    const first = word[0];
    const european = spell(0)
      .replace(/^u(?=[^aeiou])/, first?.r === "u" && word.length > 2 ? "v" : "u")
      .replace(/ji/g, "di")
      .replace(/chi/g, "ti")
      .replace(/b(?![aeiou])/g, "v")
      .replace(/f$/, "v");
    for (const g of [european, european.replace(/r/g, "l")])
      if (g.length >= 2 && !forms.includes(g)) forms.splice(Math.min(forms.length, 3), 0, g);
    return forms.slice(0, 8);
  });
}
