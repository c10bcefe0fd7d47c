/**
 * The parties of a shipment screened against the imported restricted-party lists and the regime's own
 * end-user lists, with the decisions already taken on each match (pure: the index and the decisions come in).
 */
import type { Shipment } from "../determine/index.ts";
import { DEFAULT_THRESHOLD, type ScreeningIndex, type ScreenMatch } from "../screen/index.ts";

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
  /** The decision already taken on this match (this party name, this entry version), if any. */
  decision?: MatchDecision | undefined;
  /** The match is on one of the regime's end-user lists (it sets `endUserListed`). */
  endUserList?: boolean;
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
  };
  if (m.entity.url) out.url = m.entity.url;
  if (endUserLists.has(m.list)) out.endUserList = true;
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
        const d = opts.decisions?.find(
          (x) =>
            x.entityId === match.entityId &&
            x.entityVersion === match.entityVersion &&
            x.queryName === p.name,
        );
        if (d) match.decision = d;
        return match;
      }),
    };
  });
}

/** The entries the screening found (for looking up the decisions taken on them). */
export function matchedEntries(screenings: PartyScreening[]): { entityId: string; version: string }[] {
  return screenings.flatMap((s) =>
    s.matches.map((m) => ({ entityId: m.entityId, version: m.entityVersion })),
  );
}
