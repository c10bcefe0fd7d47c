/** ISO 3166-1 alpha-2 country codes and their display names, from the i18n-iso-countries package. */
// the locale-free entry: the package's main one registers all of its ~80 locales at start-up
import countries from "i18n-iso-countries/index.js";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import ja from "i18n-iso-countries/langs/ja.json" with { type: "json" };
import ko from "i18n-iso-countries/langs/ko.json" with { type: "json" };

countries.registerLocale(en);
countries.registerLocale(ja);
countries.registerLocale(ko);

/** True for an assigned ISO 3166-1 alpha-2 code (upper case), e.g. `KR`, `KP`, `SS`. */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

/** The country's short name in `lang` (`en`, `ja`, `ko`), or the code when unknown. */
export function countryName(code: string, lang: "en" | "ja" | "ko" = "en"): string {
  return countries.getName(code, lang) ?? code;
}
