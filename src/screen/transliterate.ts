/**
 * Transliteration of one run of a name (a word, or a run of CJK characters) into Latin token readings, by
 * script: Latin accents folded; Cyrillic, Greek, Hebrew, Thai, Indic and others through any-ascii; Arabic
 * script by ./translit/arabic.ts; Hangul per syllable with its list spellings; kana → Hepburn; Han → pinyin,
 * plus the Sino-Korean reading when every character is a Korean name character, plus the Japanese reading
 * when a Japanese reader is injected. A run can have several readings (山田太郎: Shan Tian Tai Lang / Yamada
 * Taro); the scorer takes the best.
 *
 * Pure: the Japanese reader (kuroshiro + kuromoji, whose dictionary is read from disk) is created by an adapter
 * outside the core (src/screen-runtime/japanese.ts) and passed in as a synchronous function.
 */
import anyAscii from "any-ascii";
import { pinyin } from "pinyin-pro";
import { arabicToLatin } from "./translit/arabic.ts";
import { hanjaToHangul } from "./translit/hanja.ts";
import { foreignSpellings, looksForeign, romanizeWord, syllableSpellings } from "./translit/hangul.ts";
import { foreignReadings, kanaToRomaji, plainLongVowels } from "./translit/kana.ts";
import type { Script } from "./script.ts";
import { makeDictionary, type Dictionary, type NativeAlias } from "./native-words.ts";

/** A Japanese reading of text containing kanji: Hepburn romaji words separated by spaces, or undefined. */
export type JapaneseReader = (text: string) => string | undefined;

export interface TransliteratorOptions {
  /** Reads kanji (with kuroshiro + kuromoji in the runtime adapter); without it kanji are read as pinyin only. */
  japanese?: JapaneseReader;
  /** The sourced alias table (native name → listed name), loaded by an adapter; words of names are built in. */
  aliases?: readonly NativeAlias[];
}

/** One Latin token of a reading, with its alternative spellings (the first is the main one). */
export interface TokenReading {
  forms: string[];
  script: Script;
  /** One syllable of a Korean or Chinese name (its spellings are enumerated: a near miss is another name). */
  syllable?: boolean;
}

/** One way to read a run: a sequence of Latin tokens. */
export type Reading = TokenReading[];

const NON_ALNUM = /[^a-z0-9]+/g;

/** ASCII lower-case letters and digits of a Latin-script word (accents folded: Erdoğan → erdogan, ß → ss). */
export function foldLatin(word: string): string {
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\x00-\x7f]*$/.test(word) ? word : anyAscii(word);
  return ascii.toLowerCase().replace(NON_ALNUM, "");
}

function asciiWords(text: string): string[] {
  // any-ascii writes the Cyrillic soft and hard signs as apostrophes (ответственностью → otvetstvennost'yu):
  // they are part of the word
  return anyAscii(text)
    .replace(/['"’]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

export class Transliterator {
  private japanese: JapaneseReader | undefined;
  private readonly cache = new Map<string, Reading[]>();

  /** Company words, places and the alias table's names of native scripts (see ./native-words.ts). */
  readonly dictionary: Dictionary;

  constructor(opts: TransliteratorOptions = {}) {
    this.japanese = opts.japanese;
    this.dictionary = makeDictionary(opts.aliases);
  }

  /**
   * Add the Japanese reader later (its dictionary takes a while to load: a caller loads it only for input
   * with kanji). Readings already computed without it are forgotten.
   */
  useJapanese(reader: JapaneseReader): void {
    this.japanese = reader;
    this.cache.clear();
  }

  /** Whether kanji get a Japanese reading (the reader was injected). */
  get readsJapanese(): boolean {
    return this.japanese !== undefined;
  }

  /** The readings of one run of a single script (CJK runs may mix han, hiragana and katakana). */
  readings(text: string, script: Script): Reading[] {
    if (script === "latin" || script === "digit") {
      const f = foldLatin(text);
      return f ? [[{ forms: [f], script }]] : [];
    }
    const key = `${script}\u0000${text}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const r = this.compute(text, script);
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(key, r);
    return r;
  }

  private compute(text: string, script: Script): Reading[] {
    switch (script) {
      case "arabic":
        return [arabicToLatin(text).map((w) => ({ forms: [w], script }))];
      case "hangul":
        // a foreign name in Hangul is also read as one word (라자루스 → lazarus)
        return looksForeign(text) && [...text].length <= 4
          ? [hangulReading(text), [{ forms: foreignSpellings(text), script }]]
          : [hangulReading(text)];
      case "hiragana":
      case "katakana":
        return [kanaReading(text, script)];
      case "han":
        return this.hanReadings(text);
      case "greek":
      case "cyrillic": {
        const words = asciiWords(text);
        return words.length > 0 ? [words.map((w) => ({ forms: alphabetVariants(w, script), script }))] : [];
      }
      default: {
        const words = asciiWords(text);
        return words.length > 0 ? [words.map((w) => ({ forms: [w], script }))] : [];
      }
    }
  }

  private hanReadings(text: string): Reading[] {
    const out: Reading[] = [];
    const seen = new Set<string>();
    const push = (r: Reading) => {
      const k = r.map((t) => t.forms[0]).join(" ");
      if (r.length > 0 && !seen.has(k)) {
        seen.add(k);
        out.push(r);
      }
    };
    // Mandarin: one token per syllable (lists write 习近平 as "Xi Jinping": the scorer joins syllables)
    const syl = pinyin(text, { toneType: "none", type: "array", nonZh: "consecutive", v: false });
    push(
      syl
        .flatMap((s) => asciiWords(s))
        .map((s): TokenReading => ({ forms: [s], script: "han" as Script, syllable: true })),
    );
    // Sino-Korean reading of a Korean name in hanja (金正恩 → 김정은)
    const chars = [...text];
    if (chars.length >= 2 && chars.length <= 4) {
      const hangul = hanjaToHangul(text);
      if (hangul) push(hangulReading(hangul));
    }
    // Japanese reading (kanji, maybe with kana)
    if (this.japanese) {
      const romaji = this.japanese(text);
      if (romaji) push(romajiReading(romaji, "han"));
    }
    return out;
  }
}

/**
 * Other Latin spellings lists use for a Cyrillic or Greek word: j for dzh (Dzhamil → Jamil), h for kh, x for ks
 * (Aleksandr → Alexandr), y for the adjective endings iy / yy (Dmitriy → Dmitry), c for a final kh and for ts
 * (Rostekh → Rostec, Kontsern → Koncern), and for Greek the nominative ending dropped (Alexandros → Alexandr,
 * which meets Alexander).
 */
function alphabetVariants(w: string, script: Script): string[] {
  const out = [w];
  const add = (s: string) => {
    if (s.length >= 2 && !out.includes(s)) out.push(s);
  };
  // all the usual English-language spellings at once, then each on its own
  const english = w
    .replace(/dzh/g, "j")
    .replace(/kh/g, "h")
    .replace(/ks/g, "x")
    .replace(/(iy|yy|yi)$/, "y");
  add(english);
  if (w.includes("ks")) add(w.replace(/ks/g, "x"));
  if (/(iy|yy|yi)$/.test(w)) add(w.replace(/(iy|yy|yi)$/, "y"));
  if (w.includes("dzh")) add(w.replace(/dzh/g, "j"));
  // Ростех → Rostec, Концерн → Concern: kh / ts as the lists' English spellings often write them
  if (script === "cyrillic") {
    if (/kh$/.test(w)) add(w.replace(/kh$/, "c"));
    if (w.includes("ts")) add(w.replace(/ts/g, "c"));
  }
  if (script === "greek" && w.length >= 6 && /(os|is|as|es|us)$/.test(w)) add(w.slice(0, -2));
  return out;
}

function hangulReading(text: string): Reading {
  const syllables = [...text];
  if (syllables.length <= 4) {
    // a name: one token per syllable, with every list spelling of it
    return syllables.map((s) => ({
      forms: syllableSpellings(s),
      script: "hangul" as Script,
      syllable: true,
    }));
  }
  const words = asciiWords(romanizeWord(text));
  if (words.length === 1 && looksForeign(text))
    return [{ forms: [...foreignSpellings(text), words[0]!], script: "hangul" as Script }];
  return words.map((w) => ({ forms: [w], script: "hangul" as Script }));
}

function kanaReading(text: string, script: Script): Reading {
  const hepburn = romajiReading(kanaToRomaji(text), script);
  if (script !== "katakana") return hepburn;
  // katakana mostly writes foreign names: the foreign spellings first, the Hepburn reading after them
  const foreign = foreignReadings(text);
  if (foreign.length !== hepburn.length) return hepburn;
  return hepburn.map((t, i) => {
    const forms = [...foreign[i]!];
    for (const f of t.forms) if (!forms.includes(f)) forms.push(f);
    return { ...t, forms };
  });
}

function romajiReading(romaji: string, script: Script): Reading {
  return asciiWords(romaji).map((w) => {
    const plain = plainLongVowels(w);
    return { forms: plain === w ? [w] : [plain, w], script };
  });
}
