/**
 * Word classes that decide how much a name token may count: particles and titles (al, bin, von, Mr, Dr),
 * generic business words (trading, group, international …) and number words. Such tokens are kept and
 * aligned but weighted low, and none of them can carry a match on its own. A misspelt legal-form or business
 * word ("Compnay", "Corporaton", "Tradng") is recognised as the word it stands for.
 */
import { osaDistance } from "./distance.ts";
import { LEGAL_FORMS } from "./legal-forms.ts";

/** Name particles, honorifics and connecting words. */
export const PARTICLES: ReadonlySet<string> = new Set([
  // Arabic and related
  "al", "el", "al", "bin", "ben", "ibn", "bint", "binti", "bte", "abu", "abou", "ould", "ul", "ud",
  // the honorific of a descendant of the Prophet, written before the name (سید علی خامنه‌ای)
  "sayyid", "seyyed", "seyed", "sayed", "sayyed",
  // European
  "van", "von", "der", "den", "de", "da", "di", "du", "del", "della", "dos", "das", "do", "la", "le", "y",
  "zu", "ten", "ter", "mac",
  // connecting words
  "the", "of", "and", "et", "und", "for", "fur", "a", "an",
  // titles
  "mr", "mrs", "ms", "miss", "mister", "madam", "dr", "doctor", "prof", "professor", "sir", "lord", "lady",
  "herr", "frau", "monsieur", "madame", "mme", "senor", "senora", "sheikh", "shaikh", "sheik", "haji",
  "hajji", "hadji", "alhaj", "mullah", "mulla", "maulana", "maulvi", "mawlawi", "qari", "imam", "sayed",
  "sayyid", "president", "prasident", "general", "gen", "colonel", "col", "major", "captain", "capt",
  "admiral", "lieutenant", "lt", "brigadier", "minister", "his", "excellency", "hon",
]); // prettier-ignore

/**
 * Business words that describe a line of trade or a structure rather than name someone. They are aligned
 * (so "ABC Trading" and "ABC Trade" agree) but weighted low and cannot carry a match.
 */
export const GENERIC: ReadonlySet<string> = new Set([
  "trading", "trade", "traders", "group", "groups", "holding", "holdings", "international", "intl",
  "industries", "industrial", "industry", "enterprise", "enterprises", "technology", "technologies", "tech",
  "service", "services", "import", "export", "imports", "exports", "impex", "general", "development",
  "investment", "investments", "global", "manufacturing", "engineering", "construction", "logistics",
  "shipping", "commercial", "commerce", "products", "product", "solutions", "systems", "associates",
  "partners", "ventures", "resources", "supply", "supplies", "equipment", "materials", "machinery",
  "foreign", "electronics", "electronic", "electric", "electrical", "trust", "agency", "center", "centre",
  "office", "branch", "factory", "plant", "works", "store", "shop", "firm", "fze", "fzco", "fzc", "dmcc",
  "organization", "organisation", "institute", "bureau", "department", "ministry", "establishment", "est",
  "sons", "brothers", "bros", "import-export", "unlimited", "worldwide", "world", "consulting",
  // pinyin generic words (Chinese company names)
  "youxian", "gongsi", "jituan", "maoyi", "keji", "guoji", "zerengongsi", "gufen", "youxiangongsi",
]); // prettier-ignore

const UNITS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
}; // prettier-ignore
const TENS: Readonly<Record<string, number>> = {
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
}; // prettier-ignore

const NUMBER_WORDS = new Map<string, { value: number; tens: boolean }>([
  ...Object.entries(UNITS).map(([k, value]) => [k, { value, tens: false }] as const),
  ...Object.entries(TENS).map(([k, value]) => [k, { value, tens: true }] as const),
]);

/** The value of a number word (one, forty, first), or undefined. */
export function numberWord(w: string): { value: number; tens: boolean } | undefined {
  return NUMBER_WORDS.get(w);
}

/** "1st", "2nd", "44th" → "1", "2", "44"; other tokens unchanged. */
export function stripOrdinal(w: string): string {
  const m = /^(\d+)(st|nd|rd|th)$/.exec(w);
  return m ? m[1]! : w;
}

/** Words of legal forms and generic business words, by first letter, for recognising them misspelt. */
const KNOWN_WORDS: ReadonlyMap<string, readonly string[]> = (() => {
  const words = new Set<string>();
  for (const f of LEGAL_FORMS)
    for (const s of f.latin) for (const w of s.split(" ")) if (w.length >= 5) words.add(w);
  for (const w of GENERIC) if (w.length >= 5) words.add(w);
  const m = new Map<string, string[]>();
  for (const w of words) {
    const a = m.get(w[0]!) ?? [];
    a.push(w);
    m.set(w[0]!, a);
  }
  return m;
})();

const ALL_KNOWN: ReadonlySet<string> = new Set([...KNOWN_WORDS.values()].flat());

/**
 * The legal-form or generic word that `w` is a misspelling of (one edit, two for words of 9+ letters, same first
 * letter), or `w` itself. Words of fewer than 6 letters are left as they are.
 */
export function knownWord(w: string): string {
  if (w.length < 6 || ALL_KNOWN.has(w)) return w;
  let r = knownCache.get(w);
  if (r === undefined) {
    r = w;
    const cands = KNOWN_WORDS.get(w[0]!) ?? [];
    const max = w.length >= 9 ? 2 : 1;
    for (const c of cands) {
      if (Math.abs(c.length - w.length) > max) continue;
      if (osaDistance(w, c) <= max) {
        r = c;
        break;
      }
    }
    if (knownCache.size > 100_000) knownCache.clear();
    knownCache.set(w, r);
  }
  return r;
}

const knownCache = new Map<string, string>();

/**
 * Latin spellings of the same Korean surname, as different lists write them (RI / LEE / YI, PAK / PARK):
 * a listed "RI Chol" is the "Lee Chol" of a passport. Only surnames, and only as whole tokens.
 */
const KOREAN_SURNAMES: readonly (readonly string[])[] = [
  ["lee", "ri", "yi", "rhee", "rhie"],
  ["park", "pak", "bak", "pack"],
  ["choi", "choe", "chey"],
  ["jeong", "jong", "chong", "chung"],
  ["ryu", "yoo", "ryoo", "lyu"],
  ["lim", "rim", "im"],
  ["noh", "roh"],
  ["kang", "gang"],
  ["cho", "jo"],
  ["jang", "chang"],
  ["shin", "sin"],
  ["kwon", "gwon"],
  ["ahn", "an"],
  ["yoon", "yun"],
];
const SURNAME_VARIANTS = new Map<string, readonly string[]>();
for (const group of KOREAN_SURNAMES) for (const s of group) SURNAME_VARIANTS.set(s, group);

/** Other spellings of a Korean surname written in Latin letters, or undefined. */
export function surnameVariants(w: string): readonly string[] | undefined {
  return SURNAME_VARIANTS.get(w);
}
