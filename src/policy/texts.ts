/**
 * The pack's descriptions and their renderings: which of a pack's strings are shown to users (titles, labels,
 * licence names, conditions, validity, messages, notes, a limb's policy, what a rule says is missing — not the control list's legal entries nor the
 * citations), and the pack's `texts` section that gives each in Korean and Japanese. The loader refuses a
 * `texts` entry whose English is not one of these strings; a test requires every one of them translated.
 */
import type { PackText } from "../messages/types.ts";
import type { PolicyData } from "./model.ts";

const FIELDS = new Set([
  "title",
  "label",
  "message",
  "conditions",
  "validity",
  "name",
  "note",
  "english",
  "undetermined",
  "policy",
  "missing",
]);
const SKIP = new Set(["cite", "sources", "ref", "controlList", "countryNames", "texts", "entries"]);

/** The strings of `d` shown to users (see above), each once. */
export function translatableTexts(d: Omit<PolicyData, "texts">): Set<string> {
  const out = new Set<string>();
  const walk = (o: unknown): void => {
    if (Array.isArray(o)) for (const x of o) walk(x);
    else if (o && typeof o === "object")
      for (const [k, v] of Object.entries(o)) {
        if (SKIP.has(k)) continue;
        if (typeof v === "string") {
          if (FIELDS.has(k)) out.add(v);
        } else walk(v);
      }
  };
  walk(d);
  return out;
}

const LOOKUPS = new WeakMap<object, (en: string) => PackText>();

/**
 * The renderings of the pack's texts: `en` with its Korean and Japanese, or `{ en }` alone when the pack has
 * none for it (an overlay's new measure). The same object for the same text, so traces share it.
 */
export function textLookup(d: PolicyData): (en: string) => PackText {
  let f = LOOKUPS.get(d);
  if (f) return f;
  const known = new Map<string, PackText>();
  for (const t of d.texts ?? []) known.set(t.en, Object.freeze({ en: t.en, ko: t.ko, ja: t.ja }));
  f = (en: string) => {
    let v = known.get(en);
    if (!v) known.set(en, (v = Object.freeze({ en })));
    return v;
  };
  LOOKUPS.set(d, f);
  return f;
}
