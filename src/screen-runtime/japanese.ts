/**
 * The Japanese reader for the screening core (an adapter: it reads kuromoji's dictionary from node_modules).
 * kuroshiro + kuromoji are initialised once, asynchronously; the reader they give back is synchronous
 * (kuromoji's tokenizer is), so the pure core can call it per name: kanji and kana → readings in katakana →
 * romaji as Japanese passports write it (山田太郎 → yamada taro).
 */
import KuroshiroModule from "kuroshiro";
import AnalyzerModule from "kuroshiro-analyzer-kuromoji";
import type { JapaneseReader } from "../screen/transliterate.ts";

const Kuroshiro = "default" in KuroshiroModule ? KuroshiroModule.default : KuroshiroModule;
const KuromojiAnalyzer = "default" in AnalyzerModule ? AnalyzerModule.default : AnalyzerModule;

const KANJI = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]/;

let pending: Promise<JapaneseReader> | undefined;

/** Create (once per process) the Japanese reader; takes about half a second to load the dictionary. */
export function createJapaneseReader(): Promise<JapaneseReader> {
  pending ??= (async () => {
    const analyzer = new KuromojiAnalyzer();
    const kuroshiro = new Kuroshiro();
    await kuroshiro.init(analyzer);
    const tokenizer = analyzer._analyzer;
    if (!tokenizer) throw new Error("kuromoji did not initialise");
    return (text: string): string | undefined => {
      const words: string[] = [];
      for (const t of tokenizer.tokenize(text)) {
        const reading = t.reading && t.reading !== "*" ? t.reading : undefined;
        // a word kuromoji cannot read (e.g. a Chinese-only character) makes the whole reading unreliable
        if (!reading && KANJI.test(t.surface_form)) return undefined;
        words.push(Kuroshiro.Util.kanaToRomaji(reading ?? t.surface_form, "passport"));
      }
      return words.join(" ");
    };
  })();
  return pending;
}
