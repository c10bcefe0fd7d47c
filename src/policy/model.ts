/** The shapes shared by the policy layer: the merged pack data, fact references for traces, membership index. */
import type { PackText } from "../messages/types.ts";
import { inPeriod, type IsoDate } from "./dates.ts";
import type {
  Citation,
  CountryList,
  CountryName,
  Dated,
  Caution,
  Embargo,
  Entry,
  Evidence,
  Exemption,
  Group,
  ItemList,
  Licence,
  Limb,
  Measure,
  NumberMap,
  Part,
  RedFlag,
  Recipient,
  TransactionRule,
  TransferMethod,
  RegimeInfo,
  PackTextEntry,
  Scope,
} from "./schema.ts";

export interface PolicyData {
  regime: RegimeInfo;
  lists: CountryList[];
  groups: Group[];
  controlList: { name: string; parts?: Part[]; entries?: Entry[]; numberMap?: NumberMap[] };
  licences: Licence[];
  embargoes: Embargo[];
  cautions: Caution[];
  measures: Measure[];
  scopes: Scope[];
  limbs: Limb[];
  itemLists: ItemList[];
  exemptions: Exemption[];
  redFlags: RedFlag[];
  /** Technology, brokering and transit (absent in a pack without them, or a cache written before them). */
  recipients?: Recipient[] | undefined;
  methods?: TransferMethod[] | undefined;
  transactions?: TransactionRule[] | undefined;
  countryNames: CountryName[];
  /** The pack's descriptions in Korean and Japanese (texts.ts); absent in a cache written before them. */
  texts?: PackTextEntry[] | undefined;
}

/** A dated fact as a trace shows it: what it is, its period, its evidence and its citations. */
export interface FactRef {
  id: string;
  from: IsoDate;
  to?: IsoDate | undefined;
  evidence: Evidence;
  cite: Citation[];
  note?: string | undefined;
  /** The note with the pack's Korean and Japanese renderings of it. */
  noteText?: PackText | undefined;
}

/** The fact `f` as a trace cites it; `text` gives its note's renderings (the pack's texts). */
export function factRef(id: string, f: Dated, text?: (en: string) => PackText): FactRef {
  const ref: FactRef = { id, from: f.from, evidence: f.evidence, cite: f.cite };
  if (f.to !== undefined) ref.to = f.to;
  if (f.note !== undefined) {
    ref.note = f.note;
    if (text) ref.noteText = text(f.note);
  }
  return ref;
}

/** list id -> country -> membership facts (all periods). */
export type MembershipIndex = Map<string, Map<string, FactRef[]>>;

export function membershipIn(
  index: MembershipIndex,
  listId: string,
  country: string,
  date: IsoDate,
): FactRef | undefined {
  const facts = index.get(listId)?.get(country);
  if (!facts) return undefined;
  for (const f of facts) if (inPeriod(date, f.from, f.to)) return f;
  return undefined;
}

/** Every dated fact of a pack (memberships, groups, list parts, rules, terms, limits …), for checks over all of them. */
export function datedFactsOf(d: Omit<PolicyData, "regime" | "countryNames">): Dated[] {
  return [
    ...d.lists.flatMap((l) => l.members),
    ...d.groups,
    ...(d.controlList.parts ?? []),
    ...(d.controlList.entries ?? []),
    ...(d.controlList.numberMap ?? []),
    ...d.licences.flatMap((l) => [...(l.eligibility ?? []), ...(l.terms ?? [])]),
    ...d.embargoes,
    ...d.cautions,
    ...d.measures,
    ...d.scopes,
    ...d.limbs,
    ...d.itemLists.flatMap((l) => [...l.versions, ...l.entries]),
    ...d.exemptions,
    ...d.exemptions.flatMap((x) => x.lowerLimits ?? []),
    ...d.redFlags,
    ...(d.transactions ?? []),
    ...(d.methods ?? []),
  ];
}
