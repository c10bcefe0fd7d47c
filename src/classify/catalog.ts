/**
 * The control-list content of one or more loaded policies, read for the search and the parametric check:
 * entries and sub-items in force on a date (or in any period), the numbering structure, the HS map, and how
 * a WA/EU number is numbered in each regime (a Japanese row, or the number itself where a regime uses it).
 */
import type {
  Citation,
  ControlList,
  Entry,
  Evidence,
  HsMapEntry,
  NumberingCode,
  Parameter,
  Policy,
  SubItem,
} from "../policy/index.ts";

/** True when [from, to) contains `date`; any period matches when no date is given. */
export function inForce(from: string | undefined, to: string | undefined, date?: string): boolean {
  if (date === undefined) return true;
  if (from !== undefined && date < from) return false;
  if (to !== undefined && date >= to) return false;
  return true;
}

/** The top-level number of a WA/EU number (`3C002.a.1` → `3C002`), or the number itself. */
export function topNumber(number: string): string {
  const m = /^([0-9][A-E][0-9]{3})/.exec(number);
  return m ? m[1]! : number.split(".")[0]!;
}

/** True when `number` is `ancestor` or lies below it (`3C002.a.1` under `3C002.a`). */
export function isUnder(number: string, ancestor: string): boolean {
  return number === ancestor || number.startsWith(`${ancestor}.`);
}

/** The control list of a policy with the optional sections the search reads. */
export function controlListOf(policy: Policy): ControlList {
  return policy.data.controlList as ControlList;
}

/** The effective period and evidence of a sub-item or parameter: its own, else its entry's. */
export function periodOf(
  x: { from?: string | undefined; to?: string | undefined },
  entry: Entry,
): { from: string; to?: string } {
  const from = x.from ?? entry.from;
  const to = x.to ?? entry.to;
  return to === undefined ? { from } : { from, to };
}

export function evidenceOf(x: { evidence?: Evidence | undefined }, entry: Entry): Evidence {
  return x.evidence ?? entry.evidence;
}

export function citesOf(x: { cite?: Citation[] | undefined }, entry: Entry): Citation[] {
  return x.cite ?? entry.cite;
}

/** Sub-items of an entry in force on `date` (all of them without a date). */
export function subItemsOf(entry: Entry, date?: string): SubItem[] {
  return (entry.subItems ?? []).filter((s) => {
    const p = periodOf(s, entry);
    return inForce(p.from, p.to, date);
  });
}

/** Parameters of an entry in force on `date` (every period's without a date). */
export function parametersOf(entry: Entry, date?: string): Parameter[] {
  return (entry.parameters ?? []).filter((p) => {
    const per = periodOf(p, entry);
    return inForce(per.from, per.to, date);
  });
}

/** Regimes whose parts are numbered rows (Japan's 別表第一 rows) cite the row; the others cite the number. */
function usesRows(policy: Policy): boolean {
  return (policy.data.controlList.parts ?? []).some((p) => /^\d/.test(p.id));
}

export interface Numbering {
  /** How the regime cites the item: a row (`3(1)`, `7`) or the WA/EU number itself. */
  value: string;
  /** `entry`: an encoded entry places it; `number-map`: placed by its numbering only (derived). */
  basis: "entry" | "number-map";
  entryId?: string;
  part: string;
  partTitle?: string;
}

/**
 * How `number` (WA/EU numbering) is numbered in `policy`'s regime: the longest encoded entry whose number is it
 * or a parent of it, else the first number-map pattern that matches (both in force on `date`, any without).
 */
export function numberingIn(policy: Policy, number: string, date?: string): Numbering | null {
  const cl = policy.data.controlList;
  const parts = new Map((cl.parts ?? []).filter((p) => inForce(p.from, p.to, date)).map((p) => [p.id, p]));
  let best: Entry | undefined;
  for (const e of cl.entries ?? []) {
    if (!e.number || !inForce(e.from, e.to, date)) continue;
    if (isUnder(number, e.number) && (!best || e.number.length > (best.number?.length ?? 0))) best = e;
  }
  const rows = usesRows(policy);
  if (best) {
    const head = best.part.replace(/\(.*$/, "");
    const title = parts.get(head)?.title;
    return {
      value: rows ? best.part : number,
      basis: "entry",
      entryId: best.id,
      part: best.part,
      ...(title !== undefined ? { partTitle: title } : {}),
    };
  }
  for (const n of cl.numberMap ?? []) {
    if (!inForce(n.from, n.to, date)) continue;
    let re: RegExp;
    try {
      re = new RegExp(n.pattern);
    } catch {
      continue;
    }
    if (!re.test(number)) continue;
    const title = parts.get(n.part)?.title;
    return {
      value: rows ? n.part : number,
      basis: "number-map",
      part: n.part,
      ...(title !== undefined ? { partTitle: title } : {}),
    };
  }
  return null;
}

/** The numbering structure (categories, groups, regime digits) from the first policy that has it. */
export function numberingCodes(policies: Policy[]): {
  categories: NumberingCode[];
  groups: NumberingCode[];
  regimeDigits: NumberingCode[];
} {
  for (const p of policies) {
    const n = controlListOf(p).numbering;
    if (n)
      return { categories: n.categories ?? [], groups: n.groups ?? [], regimeDigits: n.regimeDigits ?? [] };
  }
  return { categories: [], groups: [], regimeDigits: [] };
}

/** Every HS map row of the policies, with the regime that holds it. */
export function hsMapOf(policies: Policy[]): (HsMapEntry & { regime: string })[] {
  return policies.flatMap((p) => (controlListOf(p).hsMap ?? []).map((h) => ({ ...h, regime: p.regime.id })));
}

/** Explains a WA/EU number by its structure: "3 Electronics · C Materials · regime digit 0 (WA)". */
export function explainNumber(number: string, codes: ReturnType<typeof numberingCodes>): string | null {
  const m = /^([0-9])([A-E])([0-9])[0-9]{2}/.exec(number);
  if (!m) return null;
  const cat = codes.categories.find((c) => c.code === m[1]);
  const grp = codes.groups.find((c) => c.code === m[2]);
  const reg = codes.regimeDigits.find((c) => c.code === m[3]);
  const parts = [
    cat ? `category ${m[1]} ${cat.title}` : null,
    grp ? `group ${m[2]} ${grp.title}` : null,
    // In category 0 (nuclear), regime digit 0 marks the NSG trigger list rather than the WA list.
    m[1] === "0" && m[3] === "0"
      ? "regime digit 0 (category 0: NSG trigger list)"
      : reg
        ? `regime digit ${m[3]} ${reg.title}`
        : null,
  ].filter((x): x is string => x !== null);
  return parts.length ? `${number}: ${parts.join(" · ")}` : null;
}
