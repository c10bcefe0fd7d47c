/**
 * Legal forms of organisations (Co., Ltd., Inc., LLC, GmbH, OOO, 株式会社, 有限会社, 주식회사, (주), 有限公司 …):
 * recognised, rewritten to one code per form, and classed, so "OAO Gazprom" and "Open Joint Stock Company
 * Gazprom" read the same and a legal form is weighted low instead of being dropped. Written for tradectl;
 * which forms exist was checked against rigour's org_types list (MIT), the table itself is ours.
 */

/** How alike two legal forms are: same code, same class (e.g. two kinds of joint-stock company), or not. */
export type LegalClass = "limited" | "stock" | "company" | "partnership" | "public-body";

export interface LegalForm {
  code: string;
  cls: LegalClass;
  /** Spellings after normalisation (lower case, accents and punctuation removed, dotted letters joined). */
  latin: string[];
  /** Spellings in CJK / Hangul / Cyrillic, matched at either end of a word run before transliteration. */
  native?: string[];
  /** Short, ambiguous spellings that count as a legal form only as the first or last word of a name. */
  edgeOnly?: string[];
}

/** Every spelling made of one choice per word (transliterations of Russian forms vary word by word). */
function spellings(...words: string[][]): string[] {
  let out = [""];
  for (const choices of words) out = out.flatMap((o) => choices.map((c) => (o ? `${o} ${c}` : c)));
  return out;
}

export const LEGAL_FORMS: readonly LegalForm[] = [
  { code: "llc", cls: "limited", latin: ["llc", "l l c", "limited liability company", "limited liability co",
      "limited liability corporation", "ooo", ...spellings(["obshchestvo", "obschestvo", "obshestvo"], ["s"],
      ["ogranichennoy", "ogranichennoi", "ogranichennoj", "ogranichenoy"],
      ["otvetstvennostyu", "otvetstvennostiu", "otvetstvennostju", "otvetstvenostyu"]),
      "tovarystvo z obmezhenoyu vidpovidalnistyu", "yuhan chaegim hoesa"],
    native: ["有限责任公司", "有限責任公司", "유한책임회사"], edgeOnly: ["tov", "too"] },
  { code: "ltd", cls: "limited", latin: ["ltd", "limited", "ltda", "limitada", "lmtd", "youxian gongsi",
      "yuhan hoesa"], native: ["有限公司", "유한회사"] },
  { code: "co", cls: "company", latin: ["co", "company", "compagnie", "cie", "compania", "companhia",
      "gongsi", "sharika", "sharikat"], native: ["公司"] },
  { code: "corp", cls: "stock", latin: ["corp", "corporation", "corpn"] },
  { code: "inc", cls: "stock", latin: ["inc", "incorporated"] },
  { code: "plc", cls: "stock", latin: ["plc", "public limited company", "public ltd co"] },
  { code: "jsc", cls: "stock", latin: ["jsc", "joint stock company", "joint stock co", "jointstock company",
      ...spellings(["aktsionernoe", "aktsionernoye", "akcionernoe", "aktsionernoie"], ["obshchestvo", "obschestvo"]),
      "gufen youxian gongsi",
      "jusik hoesa", "jusikhoesa", "chusik hoesa"],
    native: ["股份有限公司", "주식회사"], edgeOnly: ["ao"] },
  { code: "ojsc", cls: "stock", latin: ["ojsc", "oao", "open joint stock company", "open jsc",
      ...spellings(["otkrytoe", "otkrytoye"], ["aktsionernoe", "aktsionernoye"], ["obshchestvo", "obschestvo"])] },
  { code: "cjsc", cls: "stock", latin: ["cjsc", "zao", "closed joint stock company", "closed jsc",
      ...spellings(["zakrytoe", "zakrytoye"], ["aktsionernoe", "aktsionernoye"], ["obshchestvo", "obschestvo"])],
    edgeOnly: ["prat"] },
  { code: "pjsc", cls: "stock", latin: ["pjsc", "pao", "public joint stock company", "public jsc",
      ...spellings(["publichnoe", "publichnoye"], ["aktsionernoe", "aktsionernoye"], ["obshchestvo", "obschestvo"])],
    edgeOnly: ["pat"] },
  { code: "gmbh", cls: "limited", latin: ["gmbh", "gesellschaft mit beschrankter haftung", "ges m b h",
      "gesmbh"] },
  { code: "ag", cls: "stock", latin: ["aktiengesellschaft"], edgeOnly: ["ag"] },
  { code: "kg", cls: "partnership", latin: ["kommanditgesellschaft", "kgaa"], edgeOnly: ["kg"] },
  { code: "sa", cls: "stock", latin: ["sociedad anonima", "societe anonyme", "sociedade anonima",
      "societe anonime", "anonim sirketi", "anonim sirket"], edgeOnly: ["sa", "as", "saic"] },
  { code: "spa", cls: "stock", latin: ["spa", "societa per azioni"] },
  { code: "srl", cls: "limited", latin: ["srl", "societa a responsabilita limitata",
      "sociedad de responsabilidad limitada", "societate cu raspundere limitata"] },
  { code: "sarl", cls: "limited", latin: ["sarl", "societe a responsabilite limitee"], edgeOnly: ["sal"] },
  { code: "sas", cls: "stock", latin: ["sas", "societe par actions simplifiee"] },
  { code: "sadecv", cls: "stock", latin: ["sa de cv", "sociedad anonima de capital variable"] },
  { code: "bv", cls: "limited", latin: ["besloten vennootschap"], edgeOnly: ["bv"] },
  { code: "nv", cls: "stock", latin: ["naamloze vennootschap"], edgeOnly: ["nv"] },
  { code: "ab", cls: "stock", latin: ["aktiebolag", "aktiebolaget"], edgeOnly: ["ab"] },
  { code: "asa", cls: "stock", latin: ["asa", "aksjeselskap", "allmennaksjeselskap"] },
  { code: "oy", cls: "stock", latin: ["oyj", "osakeyhtio"], edgeOnly: ["oy"] },
  { code: "spzoo", cls: "limited", latin: ["sp z oo", "spzoo", "spolka z ograniczona odpowiedzialnoscia"] },
  { code: "sro", cls: "limited", latin: ["sro", "spol s r o", "spol sro", "spolecnost s rucenim omezenym"] },
  { code: "doo", cls: "limited", latin: ["doo", "d o o", "drustvo s ogranicenom odgovornoscu"] },
  { code: "kft", cls: "limited", latin: ["kft"] },
  { code: "zrt", cls: "stock", latin: ["zrt", "nyrt"] },
  { code: "lp", cls: "partnership", latin: ["limited partnership"], edgeOnly: ["lp"] },
  { code: "llp", cls: "partnership", latin: ["llp", "limited liability partnership"] },
  { code: "pte", cls: "limited", latin: ["pte"] },
  { code: "pty", cls: "limited", latin: ["pty", "proprietary"] },
  { code: "sdn", cls: "limited", latin: ["sdn", "sendirian"] },
  { code: "bhd", cls: "limited", latin: ["bhd", "berhad"] },
  { code: "pt", cls: "limited", latin: ["perseroan terbatas", "tbk"], edgeOnly: ["pt"] },
  { code: "sti", cls: "limited", latin: ["sti", "sirketi"] },
  { code: "kk", cls: "stock", latin: ["kabushiki kaisha", "kabushiki gaisha", "kabushikigaisha",
      "kabushikikaisha"], native: ["株式会社"], edgeOnly: ["kk"] },
  { code: "yk", cls: "limited", latin: ["yugen kaisha", "yugen gaisha", "yugengaisha"], native: ["有限会社"] },
  { code: "gk", cls: "limited", latin: ["godo kaisha", "godo gaisha"], native: ["合同会社"] },
  { code: "fgup", cls: "public-body", latin: ["fgup", "fgbu", "fgku"], edgeOnly: ["gup", "mup"] },
  { code: "goskorp", cls: "public-body", latin: ["goskorporatsiya", "goskorporatsiia", "state corporation",
      "gosudarstvennaya korporatsiya", "gosudarstvennaia korporatsiia"] },
]; // prettier-ignore

interface Trie {
  next: Map<string, Trie>;
  form?: LegalForm;
}

const LATIN: Trie = { next: new Map() };
const EDGE = new Map<string, LegalForm>();
const NATIVE: { text: string; form: LegalForm }[] = [];
const BY_CODE = new Map<string, LegalForm>();

for (const f of LEGAL_FORMS) {
  BY_CODE.set(f.code, f);
  for (const s of f.latin) {
    let node = LATIN;
    for (const w of s.split(" ")) {
      let n = node.next.get(w);
      if (!n) node.next.set(w, (n = { next: new Map() }));
      node = n;
    }
    node.form = f;
  }
  for (const s of f.edgeOnly ?? []) EDGE.set(s, f);
  for (const s of f.native ?? []) NATIVE.push({ text: s.toLowerCase(), form: f });
}
NATIVE.sort((a, b) => b.text.length - a.text.length);

/**
 * The legal form starting at `words[i]` (longest spelling wins), as [form, number of words], or undefined.
 * `edge` says whether position i is the first or last word of the name (short ambiguous forms count only there).
 */
export function legalFormAt(words: readonly string[], i: number): [LegalForm, number] | undefined {
  let node: Trie | undefined = LATIN;
  let best: [LegalForm, number] | undefined;
  for (let k = i; k < words.length && node; k++) {
    node = node.next.get(words[k]!);
    if (node?.form) best = [node.form, k - i + 1];
  }
  if (best) return best;
  const w = words[i];
  if (w !== undefined && (i === 0 || i === words.length - 1) && words.length > 1) {
    const e = EDGE.get(w);
    if (e) return [e, 1];
  }
  return undefined;
}

/** Split a native-script run into [legal form at start?, rest, legal form at end?]. */
export function nativeLegalForms(run: string): { before?: LegalForm; rest: string; after?: LegalForm } {
  let rest = run;
  let before: LegalForm | undefined;
  let after: LegalForm | undefined;
  for (const n of NATIVE) {
    if (rest.length > n.text.length && rest.endsWith(n.text) && !after) {
      after = n.form;
      rest = rest.slice(0, rest.length - n.text.length);
    }
  }
  for (const n of NATIVE) {
    if (rest.length > n.text.length && rest.startsWith(n.text) && !before) {
      before = n.form;
      rest = rest.slice(n.text.length);
    }
  }
  if (rest.length === run.length) {
    const whole = NATIVE.find((n) => n.text === run);
    if (whole) return { rest: "", after: whole.form };
  }
  return { before, rest, after };
}

export function legalFormByCode(code: string): LegalForm | undefined {
  return BY_CODE.get(code);
}

/** How alike two legal forms are, in [0, 1]. */
export function legalSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const fa = BY_CODE.get(a);
  const fb = BY_CODE.get(b);
  if (fa && fb && fa.cls === fb.cls) return 0.7;
  return 0.3;
}
