/**
 * A validated policy pack in memory: the regime's dated facts, `asOf(date)` snapshots (cached), the country
 * group resolution and membership timelines, and the content hash that identifies the policy version.
 */
import { createHash } from "node:crypto";
import { dateProblem, dayAfter, type IsoDate } from "./dates.ts";
import { NoPolicyDataError } from "./errors.ts";
import {
  datedFactsOf,
  factRef,
  membershipIn,
  type FactRef,
  type MembershipIndex,
  type PolicyData,
} from "./model.ts";
import type { RegimeInfo } from "./schema.ts";
import type { PackText } from "../messages/types.ts";
import { textLookup } from "./texts.ts";
import { Snapshot, SnapshotShared } from "./snapshot.ts";

/** One period of a country's classification by a regime. */
export interface TimelinePeriod {
  from: IsoDate;
  to?: IsoDate | undefined;
  groups: string[];
  facts: FactRef[];
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
}

export class Policy {
  readonly data: PolicyData;
  /**
   * `sha256:<hex>` over the canonical JSON of the validated pack without its translations (`texts`): same
   * law, same version.
   */
  readonly version: string;
  /** Membership facts, indexed list id -> country -> facts (all periods). */
  readonly memberships: MembershipIndex;
  /** One snapshot per legal period, keyed by the period's first day; and the date -> snapshot lookup. */
  private readonly snapshots = new Map<IsoDate, Snapshot>();
  private readonly byDate = new Map<IsoDate, Snapshot>();
  private readonly shared = new SnapshotShared();
  private cuts: IsoDate[] | undefined;
  /** The pack directory this policy was read from (absolute), when it was read from one without an overlay. */
  dir: string | undefined;

  /**
   * `version`: the version computed from this very data before (the build's pack cache, whose YAML is checked
   * unchanged); computed here when not given.
   */
  constructor(data: PolicyData, version?: string) {
    this.data = data;
    this.version =
      version ??
      `sha256:${createHash("sha256")
        .update(JSON.stringify(canonical({ ...data, texts: undefined })))
        .digest("hex")}`;
    this.memberships = new Map();
    const tx = textLookup(data);
    for (const list of data.lists) {
      const byCountry = new Map<string, FactRef[]>();
      for (const m of list.members)
        for (const c of m.countries)
          byCountry.set(c, [...(byCountry.get(c) ?? []), factRef(`${list.id}:${c}`, m, tx)]);
      this.memberships.set(list.id, byCountry);
    }
  }

  /** A text of the pack with its Korean and Japanese renderings (its `texts`). */
  text(en: string): PackText {
    return textLookup(this.data)(en);
  }

  get regime(): RegimeInfo {
    return this.data.regime;
  }

  /**
   * Everything in force on `date` (a calendar date in the regime's time zone). Nothing changes between two
   * consecutive boundaries, so one snapshot serves a whole period: its `date` is the period's first day and
   * `until` the first day of the next period.
   */
  asOf(date: IsoDate): Snapshot {
    const cached = this.byDate.get(date);
    if (cached) return cached;
    const problem = dateProblem(date);
    if (problem) throw new RangeError(problem);
    if (date < this.data.regime.dataFrom)
      throw new NoPolicyDataError(this.data.regime.id, this.data.regime.dataFrom, date);
    const cuts = (this.cuts ??= this.boundaries());
    let lo = 0;
    let hi = cuts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cuts[mid]! <= date) lo = mid;
      else hi = mid - 1;
    }
    const start = cuts[lo]!;
    let snap = this.snapshots.get(start);
    if (!snap) {
      snap = new Snapshot(this.data, this.memberships, start, cuts[lo + 1], this.shared);
      this.snapshots.set(start, snap);
    }
    if (this.byDate.size > 100_000) this.byDate.clear();
    this.byDate.set(date, snap);
    return snap;
  }

  /** The membership fact that puts `country` on `listId` on `date`, if any. */
  membership(listId: string, country: string, date: IsoDate): FactRef | undefined {
    return membershipIn(this.memberships, listId, country, date);
  }

  /**
   * Every date on which some dated fact of the pack starts or ends, sorted: between two consecutive
   * boundaries nothing in the policy changes, so no decision can change either.
   */
  boundaries(): IsoDate[] {
    const d = this.data;
    const facts = datedFactsOf(d);
    const set = new Set<IsoDate>([d.regime.dataFrom]);
    for (const f of facts) {
      if (f.from > d.regime.dataFrom) set.add(f.from);
      if (f.to !== undefined && f.to > d.regime.dataFrom) set.add(f.to);
    }
    // The day after the review date starts a period of its own: answers from then on carry the caveat that
    // later changes of the law are not known to the pack.
    const unreviewed = dayAfter(d.regime.reviewedThrough);
    if (unreviewed > d.regime.dataFrom) set.add(unreviewed);
    return [...set].sort();
  }

  /** The regime's classification of `country` over time, from the pack's first date, merged where equal. */
  timeline(country: string): TimelinePeriod[] {
    const cuts = new Set<IsoDate>([this.data.regime.dataFrom]);
    const add = (d: IsoDate | undefined) => {
      if (d !== undefined && d > this.data.regime.dataFrom) cuts.add(d);
    };
    for (const g of this.data.groups) {
      add(g.from);
      add(g.to);
    }
    for (const list of this.memberships.values())
      for (const f of list.get(country) ?? []) {
        add(f.from);
        add(f.to);
      }
    const dates = [...cuts].sort();
    const periods: TimelinePeriod[] = [];
    dates.forEach((from, i) => {
      const to = dates[i + 1];
      const { groups, facts } = this.asOf(from).groupsOf(country);
      const last = periods[periods.length - 1];
      if (last && last.groups.join("|") === groups.join("|")) {
        last.to = to;
        for (const f of facts)
          if (!last.facts.some((x) => x.id === f.id && x.from === f.from)) last.facts.push(f);
      } else periods.push({ from, to, groups, facts: [...facts] });
    });
    return periods;
  }
}
