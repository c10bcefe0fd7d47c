/**
 * The transliterator the adapters give the screening core: the Japanese reader (kuromoji's dictionary) and the
 * sourced alias table, each loaded once per process.
 */
import { Transliterator } from "../screen/index.ts";
import { loadAliases } from "./aliases.ts";
import { createJapaneseReader } from "./japanese.ts";

/** A transliterator with the alias table, and the Japanese reader unless `japanese: false`. */
export async function createTransliterator(opts: { japanese?: boolean } = {}): Promise<Transliterator> {
  const aliases = loadAliases();
  if (opts.japanese === false) return new Transliterator({ aliases });
  return new Transliterator({ japanese: await createJapaneseReader(), aliases });
}
