/**
 * Restricted-party screening, the pure core: names in any script normalised and transliterated, an index over
 * the imported lists, and explained scores. List files are parsed by ./formats; the Japanese reader (which
 * loads a dictionary) is injected by the runtime adapter in src/screen-runtime.
 */
export type { EntityType, EntityName, EntityIdentifier, ListEntity, ImportResult } from "./entity.ts";
export {
  Transliterator,
  foldLatin,
  type JapaneseReader,
  type TransliteratorOptions,
} from "./transliterate.ts";
export {
  prepareName,
  normalizeName,
  onlyLegalForms,
  nothingDistinctive,
  type PreparedName,
  type NameVariant,
  type Tok,
  type Role,
} from "./name.ts";
export { compareNames, comparePrepared } from "./compare.ts";
export {
  compareVariants,
  tokenSimilarity,
  formSimilarity,
  DEFAULT_PARAMS,
  type ScoreParams,
  type NameComparison,
  type NameFeatures,
} from "./score.ts";
export {
  ScreeningIndex,
  DEFAULT_THRESHOLD,
  entityFeatures,
  type ScreenQuery,
  type ScreenOptions,
  type ScreenMatch,
  type ScreenResult,
  type MatchGroup,
  type GroupSource,
  type EntityFeatures,
  type IndexOptions,
} from "./screen-index.ts";
export { LEGAL_FORMS, type LegalForm } from "./legal-forms.ts";
export { metaphone, skeleton } from "./phonetic.ts";
export { jaro, jaroWinkler, levenshtein, osaDistance, damerauLevenshtein } from "./distance.ts";
export { scriptOf, type Script } from "./script.ts";
