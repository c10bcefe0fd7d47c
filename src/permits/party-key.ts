/**
 * A party's name as the ledger compares it: "SK Hynix Inc" and "SK hynix Inc." are one party, "(주)삼성전자" and
 * "삼성전자 주식회사" too. Case, width (NFKC), accents, punctuation and spacing do not count, and a legal form is
 * read as its code (Incorporated = Inc., 株式会社 = KK, (주) = 주식회사) at the place it stands in a Latin name or
 * at either end of a native one. Nothing else is equated: "Foo Inc" and "Foo Corp" stay two parties. Pure.
 */
import { legalFormAt, nativeLegalForms } from "../screen/legal-forms.ts";
import { preclean } from "../screen/name.ts";

const LATIN_WORD = /^[\p{Script=Latin}\p{N}]+$/u;

/** The comparison key of a party name. */
export function partyKey(name: string): string {
  const s = preclean(name)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .normalize("NFC");
  const words = s.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < words.length;) {
    const w = words[i]!;
    if (LATIN_WORD.test(w)) {
      const form = legalFormAt(words, i);
      if (form) {
        out.push(`<${form[0].code}>`);
        i += form[1];
        continue;
      }
      out.push(w);
    } else {
      const { before, rest, after } = nativeLegalForms(w);
      // a native form at the start and one at the end read the same: the key puts the form last
      if (rest) out.push(rest);
      for (const f of [before, after]) if (f) out.push(`<${f.code}>`);
    }
    i++;
  }
  // a legal form written first ((주)삼성전자, OOO "Romashka") or last (삼성전자 주식회사, Romashka LLC) is the same
  // party: the forms at the start go to the end; one inside the name stays where it is
  const isForm = (t: string) => t.startsWith("<");
  let lead = 0;
  while (lead < out.length - 1 && isForm(out[lead]!)) lead++;
  return [...out.slice(lead), ...out.slice(0, lead)].join(" ");
}

/** Whether two names are the same party by their keys. */
export const sameParty = (a: string, b: string): boolean => partyKey(a) === partyKey(b);

/** Whether a name is one of the permitted parties. */
export function isPermittedParty(name: string, permitted: readonly string[]): boolean {
  const k = partyKey(name);
  return permitted.some((p) => partyKey(p) === k);
}
