/**
 * Phonetic keys for Latin name tokens: Double Metaphone (so Mohammed, Muhammad and Muhammed share MHMT) and a
 * consonant skeleton used for tokens transliterated from scripts that do not write short vowels (Arabic,
 * Hebrew: محمد → mhmd meets Mohamed → mhmd).
 */
import { doubleMetaphone } from "double-metaphone";

/** Primary and alternate Double Metaphone codes ("" when the token has no letters). */
export function metaphone(token: string): [string, string] {
  if (!/[a-z]/.test(token)) return ["", ""];
  const [a, b] = doubleMetaphone(token);
  return [a, b];
}

const VOWELS = new Set(["a", "e", "i", "o", "u", "y", "w"]);
/** Letters after which "h" only marks a digraph (sh, ch, kh, th, dh, gh, ph, zh). */
const DIGRAPH = new Set(["s", "c", "k", "t", "d", "g", "p", "z"]);

/**
 * Consonant skeleton: digraph h dropped (kh, sh, th, dh, gh, ph, zh → k, s, t, d, g, f, z), c/q → k,
 * x → ks, vowels and semivowels (w, y) removed, doubled letters collapsed. "Mohammed" → "mhmd", "Abdullah" →
 * "bdlh", and the Arabic transliteration "mhmd" stays "mhmd".
 */
export function skeleton(token: string, abjad = false): string {
  let out = "";
  let prev = "";
  for (let i = 0; i < token.length; i++) {
    let c = token[i]!;
    // p + h is f in a Latin spelling; in a transliterated abjad they are two letters (سپه → sph, Sepah)
    if (c === "h" && DIGRAPH.has(prev) && !(abjad && prev === "p")) {
      if (prev === "p") out = `${out.slice(0, -1)}f`;
      prev = c;
      continue;
    }
    prev = c;
    if (VOWELS.has(c)) continue;
    if (c === "c" || c === "q") c = "k";
    if (c === "x") c = "ks";
    if (out.endsWith(c)) continue;
    out += c;
  }
  return out;
}
