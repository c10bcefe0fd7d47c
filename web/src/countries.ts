import { COUNTRY_ALIASES } from "./country-aliases.ts";

/**
 * ISO 3166-1 alpha-2 codes (as the server accepts them) with names in the user's language from the browser's
 * own `Intl.DisplayNames` and the common names of `country-aliases.ts`; a search matches the code or any of them.
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

/**
 * Text as compared: NFKC (full-width letters, half-width kana), lower case, hiragana as katakana, spaces
 * collapsed; `compact` also drops spaces, dots, hyphens and apostrophes ("U.S.A." = "usa", "S. Korea" = "skorea").
 */
function norm(s: string): string {
  return s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
    .replace(/\s+/g, " ")
    .trim();
}
const compact = (s: string) => s.replace(/[\s.\-'’·・]/g, "");

interface Entry {
  code: string;
  name: string;
  /** Every name of the country, normalised: the browser's in four languages, then the common names. */
  terms: string[];
  compacts: string[];
}

const entries = new Map<string, Entry[]>();
function entriesFor(lang: string): Entry[] {
  let list = entries.get(lang);
  if (!list) {
    list = COUNTRY_CODES.map((code) => {
      const name = countryName(code, lang);
      const terms = [
        ...new Set(
          [
            name,
            countryName(code, "en"),
            countryName(code, "ko"),
            countryName(code, "ja"),
            ...(COUNTRY_ALIASES[code] ?? []),
          ].map(norm),
        ),
      ];
      return { code, name, terms, compacts: terms.map(compact) };
    });
    entries.set(lang, list);
  }
  return list;
}

function score(e: Entry, q: string, qc: string): number {
  if (e.code.toLowerCase() === q) return 100;
  if (e.compacts.includes(qc)) return 90;
  if (e.terms.some((n) => n.startsWith(q)) || e.compacts.some((n) => n.startsWith(qc))) return 70;
  if (e.terms.some((n) => n.split(/[\s,()]+/).some((w) => w.startsWith(q)))) return 50;
  if (e.terms.some((n) => n.includes(q))) return 30;
  return 0;
}

/**
 * Countries whose code or name matches `text`: the browser's names in the user's language, English, Korean and
 * Japanese, and the common names of `COUNTRY_ALIASES` ("한국", "韓国", "ROK", "Korea" → KR before KP). An exact
 * code or name first, then names that start with the text, then words that do, then names that contain it.
 */
export function searchCountries(text: string, lang: string, limit = 12): CountryOption[] {
  const q = norm(text);
  const list = entriesFor(lang);
  if (!q) return list.slice(0, limit).map(({ code, name }) => ({ code, name }));
  const qc = compact(q) || q;
  const scored: { o: CountryOption; s: number }[] = [];
  for (const e of list) {
    const s = score(e, q, qc);
    if (s > 0) scored.push({ o: { code: e.code, name: e.name }, s });
  }
  return scored
    .sort((a, b) => b.s - a.s || a.o.name.localeCompare(b.o.name, lang))
    .slice(0, limit)
    .map((x) => x.o);
}

/**
 * The country `text` names without doubt: a code, or a name or common name that one country has exactly
 * ("한국" → KR, "U.K." → GB); undefined otherwise (nothing, or a part of a name).
 */
export function resolveCountry(text: string, lang: string): string | undefined {
  const q = norm(text);
  if (!q) return undefined;
  const upper = q.toUpperCase();
  if (known.has(upper)) return upper;
  const qc = compact(q) || q;
  const exact = entriesFor(lang).filter((e) => e.compacts.includes(qc));
  return exact.length === 1 ? exact[0]!.code : undefined;
}
