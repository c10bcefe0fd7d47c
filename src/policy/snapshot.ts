/**
 * A snapshot: everything a regime's policy holds in force during one legal period (from `date`, the period's
 * first day, until `until`, exclusive), indexed for the engine. Built once per period by `Policy.asOf`; it
 * holds no mutable state but the per-country group cache.
 */
import type { PackText } from "../messages/types.ts";
import { textLookup } from "./texts.ts";
import { inPeriod, type IsoDate } from "./dates.ts";
import { factRef, membershipIn, type FactRef, type MembershipIndex, type PolicyData } from "./model.ts";
import type {
  Eligibility,
  Entry,
  Exemption,
  Group,
  Licence,
  Limb,
  Measure,
  NumberMap,
  Part,
  RedFlag,
  Scope,
  Terms,
  Embargo,
  Caution,
  Recipient,
  TransactionRule,
  TransferMethod,
} from "./schema.ts";

export interface GroupResolution {
  groups: string[];
  facts: FactRef[];
}

export interface LicenceInForce {
  licence: Licence;
  eligibility: (Eligibility & { ref: FactRef })[];
  terms: (Terms & { ref: FactRef })[];
}

export interface ItemListInForce {
  id: string;
  name: string;
  version: FactRef & { count: number };
  entries: Map<string, { title: string; ref: FactRef }>;
}

const live = <T extends { from: string; to?: string | undefined }>(
  items: T[] | undefined,
  date: IsoDate,
): T[] => (items ?? []).filter((x) => inPeriod(date, x.from, x.to));

/**
 * What the snapshots of one policy share: a memo for pure consumers that key it by the law in force (the
 * engine's line plans, by the rules that reach a destination), and the small numbers that name the pack's facts
 * in such keys (`Snapshot.sourceId`).
 */
export class SnapshotShared {
  readonly memo = new Map<unknown, unknown>();
  private readonly ids = new WeakMap<object, number>();
  private next = 0;

  /** A small number naming this fact object of the pack (the same object, the same number). */
  idOf(o: object): number {
    let id = this.ids.get(o);
    if (id === undefined) this.ids.set(o, (id = this.next++));
    return id;
  }
}

export class Snapshot {
  /** The first day of the period this snapshot covers. */
  readonly date: IsoDate;
  /** The first day of the next period (exclusive end), or undefined when open-ended. */
  readonly until: IsoDate | undefined;
  readonly regimeId: string;
  readonly regimeCurrency: string;
  /** The date to which the pack's law was checked against its sources. */
  readonly reviewedThrough: IsoDate | undefined;
  private readonly memberships: MembershipIndex;
  readonly groups: (Group & { ref: FactRef })[];
  readonly parts: Map<string, Part & { ref: FactRef }>;
  readonly entries: (Entry & { ref: FactRef })[];
  readonly numberMap: (NumberMap & { ref: FactRef; re: RegExp })[];
  readonly licences: LicenceInForce[];
  readonly embargoes: (Embargo & { ref: FactRef })[];
  readonly cautions: (Caution & { ref: FactRef })[];
  readonly measures: (Measure & { ref: FactRef })[];
  readonly scopes: Map<string, Scope & { ref: FactRef }>;
  readonly limbs: (Limb & { ref: FactRef })[];
  readonly itemLists: Map<string, ItemListInForce>;
  readonly exemptions: (Exemption & { ref: FactRef })[];
  readonly redFlags: Map<string, RedFlag & { ref: FactRef }>;
  /** The transaction rules in force (technology, brokering, transit), highest priority first. */
  readonly transactions: (TransactionRule & { ref: FactRef })[];
  /** The recipient categories of technology transfers the rules tell apart. */
  readonly recipients: Recipient[];
  /** The methods of transfer the law names, in force. */
  readonly methods: (TransferMethod & { ref: FactRef })[];
  private readonly groupCache = new Map<string, GroupResolution>();
  /**
   * A memo for pure consumers of this snapshot (the engine keeps its compiled line plans here, per
   * destination): whatever it holds is derived from the snapshot alone, so it lives and dies with it.
   */
  readonly memo = new Map<unknown, unknown>();
  /** Shared by every snapshot of the policy (`SnapshotShared`). */
  readonly shared: SnapshotShared;
  /** The pack fact each rule of this snapshot was made from (`sourceId`). */
  private readonly sources = new WeakMap<object, object>();
  private readonly membershipKeys = new Map<string, string>();
  private readonly lists: string[];
  /** A text of the pack with its Korean and Japanese renderings (the pack's `texts`). */
  readonly text: (en: string) => PackText;

  constructor(
    d: PolicyData,
    memberships: MembershipIndex,
    date: IsoDate,
    until?: IsoDate,
    shared: SnapshotShared = new SnapshotShared(),
  ) {
    this.memberships = memberships;
    this.shared = shared;
    this.lists = [...memberships.keys()];
    this.text = textLookup(d);
    const tx = this.text;
    this.date = date;
    this.until = until;
    this.regimeId = d.regime.id;
    this.regimeCurrency = d.regime.currency;
    this.reviewedThrough = d.regime.reviewedThrough;
    const withRef = <
      T extends {
        id: string;
        from: string;
        to?: string | undefined;
        evidence: FactRef["evidence"];
        cite: FactRef["cite"];
      },
    >(
      items: T[] | undefined,
      prefix = "",
    ) =>
      live(items, date).map((x) => {
        const c = { ...x, ref: factRef(prefix + x.id, x, tx) };
        this.sources.set(c, x);
        return c;
      });
    this.groups = withRef(d.groups, "group:");
    this.parts = new Map(withRef(d.controlList.parts, "part:").map((p) => [p.id, p]));
    this.entries = withRef(d.controlList.entries);
    this.numberMap = live(d.controlList.numberMap, date).map((n) => {
      const c = { ...n, re: new RegExp(n.pattern), ref: factRef(`number-map:${n.pattern}`, n, tx) };
      this.sources.set(c, n);
      return c;
    });
    this.licences = d.licences.map((licence) => ({
      licence,
      eligibility: withRef(licence.eligibility).sort((a, b) => b.priority - a.priority),
      terms: live(licence.terms, date).map((t, i) => {
        const c = { ...t, ref: factRef(`${licence.id}:terms:${i}`, t, tx) };
        this.sources.set(c, t);
        return c;
      }),
    }));
    this.embargoes = withRef(d.embargoes);
    this.cautions = withRef(d.cautions);
    this.measures = withRef(d.measures).sort((a, b) => b.priority - a.priority);
    this.scopes = new Map(withRef(d.scopes).map((s) => [s.id, s]));
    this.limbs = withRef(d.limbs);
    this.itemLists = new Map();
    for (const il of d.itemLists) {
      const v = live(il.versions, date)[0];
      if (!v) continue;
      const version = { ...factRef(`${il.id}:version`, v, tx), count: v.count };
      this.sources.set(version, v);
      this.itemLists.set(il.id, {
        id: il.id,
        name: il.name,
        version,
        entries: new Map(
          live(il.entries, date).map((e) => {
            const c = { title: e.title, ref: factRef(`${il.id}:${e.hs}`, e, tx) };
            this.sources.set(c, e);
            return [e.hs, c];
          }),
        ),
      });
    }
    this.exemptions = withRef(d.exemptions);
    this.redFlags = new Map(withRef(d.redFlags).map((r) => [r.id, r]));
    this.transactions = withRef(d.transactions).sort((a, b) => b.priority - a.priority);
    this.recipients = d.recipients ?? [];
    this.methods = withRef(d.methods);
  }

  /**
   * A number naming the pack fact that `rule` (one of this snapshot's groups, entries, parts, number-map rows,
   * licence eligibility rules or terms, embargoes, cautions, measures, scopes, limbs, exemptions and their lower
   * limits, item-list versions and entries, red flags, or a membership fact) was made from: the same in every snapshot of the policy, so that a consumer
   * can tell two periods holding the same law apart from two that do not (`shared`).
   */
  sourceId(rule: object): number {
    return this.shared.idOf(this.sources.get(rule) ?? rule);
  }

  /** The country's list memberships in force, as the numbers of their facts (`sourceId`). */
  membershipKey(country: string): string {
    let k = this.membershipKeys.get(country);
    if (k === undefined) {
      k = "";
      for (const listId of this.lists) {
        const f = membershipIn(this.memberships, listId, country, this.date);
        k += f ? `${this.shared.idOf(f)},` : "-,";
      }
      this.membershipKeys.set(country, k);
    }
    return k;
  }

  /** The groups (legal names) `country` belongs to on this date, with the facts that say so. */
  groupsOf(country: string): GroupResolution {
    const cached = this.groupCache.get(country);
    if (cached) return cached;
    let found: GroupResolution | undefined;
    for (const g of this.groups) {
      if (g.default) {
        found = { groups: [g.id], facts: [g.ref] };
        break;
      }
      for (const listId of g.lists ?? []) {
        const m = membershipIn(this.memberships, listId, country, this.date);
        if (m) {
          found = { groups: [g.id], facts: [g.ref, m] };
          break;
        }
      }
      if (found) break;
    }
    let res: GroupResolution = found ?? { groups: [], facts: [] };
    const first = this.groups.find((g) => g.id === res.groups[0]);
    if (first?.within) {
      const parent = this.groups.find((g) => g.id === first.within);
      res = { groups: [first.within, ...res.groups], facts: parent ? [...res.facts, parent.ref] : res.facts };
    }
    this.groupCache.set(country, res);
    return res;
  }

  /** The membership fact of `country` on list `listId` on this date. */
  onList(listId: string, country: string): FactRef | undefined {
    return membershipIn(this.memberships, listId, country, this.date);
  }
}
