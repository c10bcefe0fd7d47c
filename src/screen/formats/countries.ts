/**
 * Country names as the lists write them ("Korea, North", "Iran (Islamic Republic of)", "Russian Federation",
 * "UK") to ISO 3166-1 alpha-2 codes. Uses i18n-iso-countries, then a small table of the spellings the official
 * lists use that it does not know. A name that is not recognised gives undefined — never a guess; regions that
 * are not countries (Crimea, Gaza, "former Soviet Union") are deliberately not mapped.
 */
// the locale-free entry: the package's main one registers all of its ~80 locales at start-up
import countries from "i18n-iso-countries/index.js";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import { isCountryCode } from "../../policy/countries.ts";

countries.registerLocale(en);

/** True for an assigned ISO 3166-1 alpha-2 code (upper case). */
export function isCountry(code: string): boolean {
  return isCountryCode(code);
}

/** Spellings used by OFAC, the UN, the EU, the UK and BIS that i18n-iso-countries does not resolve (keys normalised). */
const ALIASES: Record<string, string> = {
  "korea north": "KP",
  "north korea": "KP",
  "democratic peoples republic of korea": "KP",
  "korea democratic peoples republic of": "KP",
  "korea dprk": "KP",
  dprk: "KP",
  "korea south": "KR",
  "south korea": "KR",
  "korea republic of": "KR",
  "iran islamic republic of": "IR",
  "islamic republic of iran": "IR",
  burma: "MM",
  "burma myanmar": "MM",
  syria: "SY",
  "viet nam": "VN",
  "united kingdom of great britain and northern ireland": "GB",
  uk: "GB",
  "great britain": "GB",
  "china hong kong special administrative region": "HK",
  "hong kong sar": "HK",
  "hong kong sar china": "HK",
  "china macao special administrative region": "MO",
  macau: "MO",
  macao: "MO",
  "congo democratic republic of the": "CD",
  "democratic republic of congo": "CD",
  "congo republic of the": "CG",
  "republic of the congo": "CG",
  "bahamas the": "BS",
  "gambia the": "GM",
  "cote d ivoire": "CI",
  "cote divoire": "CI",
  laos: "LA",
  brunei: "BN",
  moldova: "MD",
  "republic of moldova": "MD",
  tanzania: "TZ",
  "bolivia plurinational state of": "BO",
  "venezuela bolivarian republic of": "VE",
  "british virgin islands": "VG",
  macedonia: "MK",
  "the former yugoslav republic of macedonia": "MK",
  swaziland: "SZ",
  micronesia: "FM",
  "micronesia federated states of": "FM",
  "bosnia herzegovina": "BA",
  "bosnia and herzegovina": "BA",
  curacao: "CW",
  "state of palestine": "PS",
  "palestinian territory": "PS",
  "occupied palestinian territory": "PS",
  "west bank": "PS",
  "gaza strip": "PS",
  "saint kitts and nevis": "KN",
  "st kitts and nevis": "KN",
  "st kitts nevis": "KN",
  "st vincent and the grenadines": "VC",
  "st lucia": "LC",
  "sao tome and principe": "ST",
  "turks and caicos": "TC",
  "timor leste": "TL",
  "east timor": "TL",
  "vatican city": "VA",
  "holy see": "VA",
  uae: "AE",
  prc: "CN",
  "peoples republic of china": "CN",
  "china peoples republic of": "CN",
  usa: "US",
  "united states": "US",
  "russian federation": "RU",
  russia: "RU",
  turkiye: "TR",
  "kyrgyz republic": "KG",
  "slovak republic": "SK",
  "cabo verde": "CV",
  eswatini: "SZ",
  "netherlands the": "NL",
  "the netherlands": "NL",
  "taiwan province of china": "TW",
  "taiwan china": "TW",
  "lao peoples democratic republic": "LA",
  kosovo: "XK",
};

/** Lower case, accents and punctuation removed, spaces collapsed: the key of `ALIASES`. */
function key(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[’'`.]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** The ISO alpha-2 code of a country name or code as a list writes it, or undefined when not recognised. */
export function toCountry(text: string | undefined | null): string | undefined {
  if (!text) return undefined;
  const name = text.replace(/\s+/g, " ").trim().replace(/\.$/, "");
  if (!name || name === "-0-" || /^(unknown|n\/?a|00)$/i.test(name)) return undefined;
  if (/^[A-Za-z]{2}$/.test(name)) {
    const code = name.toUpperCase();
    if (isCountry(code)) return code;
  }
  const k = key(name);
  const alias = ALIASES[k];
  if (alias) return isCountry(alias) ? alias : undefined;
  for (const candidate of [name, name.normalize("NFD").replace(/[\u0300-\u036f]/g, "")]) {
    const code = countries.getAlpha2Code(candidate, "en");
    if (code && isCountry(code)) return code;
  }
  // "Bahamas, The", "Congo, Republic of the": put the part after the comma first.
  const comma = /^([^,]+),\s*(.+)$/.exec(name);
  if (comma) {
    const swapped = `${comma[2]} ${comma[1]}`;
    const code = ALIASES[key(swapped)] ?? countries.getAlpha2Code(swapped, "en");
    if (code && isCountry(code)) return code;
  }
  return undefined;
}
