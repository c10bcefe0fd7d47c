/**
 * The parties of a shipment screened against the imported restricted-party lists and the regime's own
 * end-user lists, with the decisions already taken on each match (pure: the index and the decisions come in).
 */
import type { Shipment } from "../determine/index.ts";
import type { ScreeningIndex, ScreenMatch } from "../screen/index.ts";
import { DEFAULT_THRESHOLD } from "../screen/threshold.ts";

export type PartyRole = "consignee" | "endUser" | "purchaser" | "intermediateConsignee";

export interface Party {
  role: PartyRole;
  /** The JSON path of the party in the shipment (`$.endUser`, `$.intermediateConsignees[1]`). */
  path: string;
  name: string;
  country?: string | undefined;
}

/** A decision an organisation took on a match: it holds for that party name and that entry version only. */
export interface MatchDecision {
  id: string;
  entityId: string;
  entityVersion: string;
  queryName: string;
  decision: "false-positive" | "confirmed";
  note?: string | null | undefined;
  userId: string;
  createdAt: string;
}

export interface PartyMatch {
  entityId: string;
  entityVersion: string;
  list: string;
  /** The list's own id of the entry (METI's End User List No., SDN ent_num …). */
  sourceId: string;
  name: string;
  matchedName: string;
  score: number;
  features: Record<string, unknown>;
  alignment: [string, string][];
  programs: string[];
  url?: string | undefined;
  /** The alias-table entries the party's name was read through, with their sources. */
  via?: { native: string; listed: string; source: string }[] | undefined;
  /**
   * Every list entry of the matched party (the match itself first): copies across lists, an Entity List
   * company's rows. The match counts as decided only when each of them is, at its own version.
   */
  sources: MatchSource[];
  /** The decision already taken on this match (this party name, every source at its version), if any. */
  decision?: MatchDecision | undefined;
  /** The match is on one of the regime's end-user lists (it sets `endUserListed`). */
  endUserList?: boolean;
}

/** One list entry of a matched party. */
export interface MatchSource {
  entityId: string;
  entityVersion: string;
  list: string;
  sourceId: string;
  name: string;
  type: string;
  programs: string[];
  url?: string | undefined;
  /** This entry's own score when it matched too. */
  score?: number | undefined;
  /** The decision taken on this entry for this party name at this version, if any. */
  decision?: MatchDecision | undefined;
}

/** The sources of a match: the group's entries, or the matched entry alone. */
export function sourcesOf(m: ScreenMatch): MatchSource[] {
  const g = m.group?.sources;
  if (g)
    return g.map((x) => ({
      entityId: x.entityId,
      entityVersion: x.version,
      list: x.list,
      sourceId: x.sourceId,
      name: x.name,
      type: x.type,
      programs: x.programs,
      ...(x.url ? { url: x.url } : {}),
      ...(x.score !== undefined ? { score: x.score } : {}),
    }));
  const e = m.entity;
  return [
    {
      entityId: e.id,
      entityVersion: e.version,
      list: e.list,
      sourceId: e.sourceId,
      name: m.name,
      type: e.type,
      programs: e.programs,
      ...(e.url ? { url: e.url } : {}),
      score: m.score,
    },
  ];
}

/**
 * The decisions on a match's sources for one party name; the match's own decision is the latest of them when
 * every source has one (a new or changed copy raises the match again).
 */
export function applyDecisions(
  sources: MatchSource[],
  queryName: string,
  decisions: readonly MatchDecision[] | undefined,
): MatchDecision | undefined {
  if (!decisions || decisions.length === 0) return undefined;
  let latest: MatchDecision | undefined;
  let all = true;
  for (const s of sources) {
    const d = decisions
      .filter(
        (x) => x.entityId === s.entityId && x.entityVersion === s.entityVersion && x.queryName === queryName,
      )
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    if (d) {
      s.decision = d;
      if (!latest || d.createdAt > latest.createdAt) latest = d;
    } else all = false;
  }
  return all ? latest : undefined;
}

export interface PartyScreening extends Party {
  matches: PartyMatch[];
}

export interface ListVersion {
  list: string;
  version: string;
  count: number;
}

/** Every party the shipment names, in the order of the contract. */
export function partiesOf(
  s: Pick<Shipment, "consignee" | "endUser" | "purchaser" | "intermediateConsignees">,
): Party[] {
  const out: Party[] = [];
  const add = (
    role: PartyRole,
    path: string,
    p: { name?: string | undefined; country?: string | undefined } | undefined,
  ) => {
    if (p?.name) out.push({ role, path, name: p.name, ...(p.country ? { country: p.country } : {}) });
  };
  add("consignee", "$.consignee", s.consignee);
  add("endUser", "$.endUser", s.endUser);
  add("purchaser", "$.purchaser", s.purchaser);
  (s.intermediateConsignees ?? []).forEach((p, i) =>
    add("intermediateConsignee", `$.intermediateConsignees[${i}]`, p),
  );
  return out;
}

function toMatch(m: ScreenMatch, endUserLists: ReadonlySet<string>): PartyMatch {
  const out: PartyMatch = {
    entityId: m.entityId,
    entityVersion: m.entity.version,
    list: m.list,
    sourceId: m.entity.sourceId,
    name: m.name,
    matchedName: m.matchedName,
    score: m.score,
    features: { ...m.features },
    alignment: m.alignment,
    programs: m.entity.programs,
    sources: sourcesOf(m),
  };
  if (m.entity.url) out.url = m.entity.url;
  if (m.via) out.via = m.via;
  if (out.sources.some((x) => endUserLists.has(x.list))) out.endUserList = true;
  return out;
}

/** Screen each party (pure): matches at or above the threshold, with the decisions taken on them attached. */
export function screenParties(
  index: ScreeningIndex,
  parties: Party[],
  opts: { threshold?: number; endUserLists?: readonly string[]; decisions?: readonly MatchDecision[] } = {},
): PartyScreening[] {
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const eul = new Set(opts.endUserLists ?? []);
  return parties.map((p) => {
    const r = index.screen(
      { name: p.name, ...(p.country ? { country: p.country } : {}) },
      { threshold, limit: 5 },
    );
    return {
      ...p,
      matches: r.matches.map((m) => {
        const match = toMatch(m, eul);
        const d = applyDecisions(match.sources, p.name, opts.decisions);
        if (d) match.decision = d;
        return match;
      }),
    };
  });
}

/** The entries the screening found (for looking up the decisions taken on them). */
export function matchedEntries(screenings: PartyScreening[]): { entityId: string; version: string }[] {
  return screenings.flatMap((s) =>
    s.matches.flatMap((m) => m.sources.map((x) => ({ entityId: x.entityId, version: x.entityVersion }))),
  );
}
