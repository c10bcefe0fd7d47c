/**
 * ISO 3166-1 alpha-2 codes (as the server accepts them) with names in the user's language from the browser's
 * own `Intl.DisplayNames`; a search matches the code or the name in English, Korean or Japanese.
 */
export const COUNTRY_CODES = (
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY " +
  "BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM " +
  "FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT " +
  "JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN " +
  "MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT " +
  "PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL " +
  "TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW"
).split(" ");

const known = new Set(COUNTRY_CODES);
export const isCountryCode = (c: string): boolean => known.has(c);

const displayNames = new Map<string, Intl.DisplayNames | null>();
function namesFor(lang: string): Intl.DisplayNames | null {
  if (!displayNames.has(lang)) {
    try {
      displayNames.set(lang, new Intl.DisplayNames([lang], { type: "region" }));
    } catch {
      displayNames.set(lang, null);
    }
  }
  return displayNames.get(lang) ?? null;
}

/** The country's name in `lang` ("KR" → "대한민국" in Korean), or the code when the browser has no name. */
export function countryName(code: string, lang: string): string {
  try {
    return namesFor(lang)?.of(code) ?? code;
  } catch {
    return code;
  }
}

export interface CountryOption {
  code: string;
  name: string;
}

/** Countries whose code or name (in the user's language, English, Korean or Japanese) matches `text`. */
export function searchCountries(text: string, lang: string, limit = 12): CountryOption[] {
  const q = text.trim().toLowerCase();
  const all = COUNTRY_CODES.map((code) => ({ code, name: countryName(code, lang) }));
  if (!q) return all.slice(0, limit);
  const scored: { o: CountryOption; s: number }[] = [];
  for (const o of all) {
    const names = [
      o.name,
      countryName(o.code, "en"),
      countryName(o.code, "ko"),
      countryName(o.code, "ja"),
    ].map((n) => n.toLowerCase());
    let s = 0;
    if (o.code.toLowerCase() === q) s = 100;
    else if (names.some((n) => n === q)) s = 90;
    else if (names.some((n) => n.startsWith(q))) s = 70;
    else if (names.some((n) => n.split(/[\s,()]+/).some((w) => w.startsWith(q)))) s = 50;
    else if (names.some((n) => n.includes(q))) s = 30;
    if (s > 0) scored.push({ o, s });
  }
  return scored
    .sort((a, b) => b.s - a.s || a.o.name.localeCompare(b.o.name))
    .slice(0, limit)
    .map((x) => x.o);
}
