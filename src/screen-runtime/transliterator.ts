/**
 * The transliterator the adapters give the screening core: the Japanese reader (kuromoji's dictionary) and the
 * sourced alias table, each loaded once per process. The reader's module (kuroshiro, kuromoji) and the
 * table's loader (the YAML parser) are imported only when they are needed.
 */
import { Transliterator } from "../screen/index.ts";
import type { NativeAlias } from "../screen/native-words.ts";

/** Text the Japanese reader has something to say about: kanji (Han characters, as in 株式会社東芝). */
const KANJI = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]/;

/** The alias table as the dictionary takes it (read and validated once per process). */
export async function aliasWords(): Promise<NativeAlias[]> {
  return (await import("./aliases.ts")).loadAliases();
}

/**
 * A transliterator with the alias table (read from its file unless given, e.g. kept in a stored index), and
 * the Japanese reader unless `japanese: false`.
 */
export async function createTransliterator(
  opts: { japanese?: boolean; aliases?: NativeAlias[] } = {},
): Promise<Transliterator> {
  const aliases = opts.aliases ?? (await aliasWords());
  if (opts.japanese === false) return new Transliterator({ aliases });
  const { createJapaneseReader } = await import("./japanese.ts");
  return new Transliterator({ japanese: await createJapaneseReader(), aliases });
}

/** Give `tr` the Japanese reader when one of `texts` has kanji and it has none yet; true when it did. */
export async function readJapaneseFor(tr: Transliterator, texts: Iterable<string>): Promise<boolean> {
  if (tr.readsJapanese) return false;
  for (const t of texts)
    if (KANJI.test(t)) {
      const { createJapaneseReader } = await import("./japanese.ts");
      tr.useJapanese(await createJapaneseReader());
      return true;
    }
  return false;
}
