/**
 * The screening service: parties (any script) screened against the imported lists with explained scores. A
 * match the organisation has decided on (false positive or confirmed) for the same party name and list-entry
 * version is returned under `decided` with the decision and not raised again; when the entry changes it is.
 * Used by `POST /v1/screenings`; `tradectl screen` shares the name rules. A match is one party: its sources
 * are every list entry of it (copies across lists), and it counts as decided only when each source is.
 */
import { DEFAULT_THRESHOLD, nothingDistinctive, onlyLegalForms, type ScreenQuery } from "../screen/index.ts";
import type { ScreeningIndex } from "../screen/index.ts";
import type { Screening } from "./check.ts";
import { BadInputError, RefusalError, type FieldProblem } from "./errors.ts";
import { applyDecisions, sourcesOf, type MatchDecision } from "./parties.ts";

/** Why a name cannot be screened (nothing to match on), or undefined. */
export function nameProblem(index: ScreeningIndex, name: string): string | undefined {
  if (name.trim() === "") return "the name is empty";
  const p = index.prepare(name);
  if (p.variants.length === 0) return `"${name}" has no letters or digits`;
  if (onlyLegalForms(p))
    return `"${name}" is only legal-form words (e.g. Co., Ltd.): give the party's own name`;
  if (nothingDistinctive(p))
    return `"${name}" has only legal-form, generic or connecting words (e.g. Trading, Group, of): nothing to match on`;
  return undefined;
}

export interface ScreeningRequest {
  parties: ScreenQuery[];
  lists?: string[] | undefined;
  threshold?: number | undefined;
  limit?: number | undefined;
}

export interface ScreeningDeps {
  screening?: (() => Promise<Screening>) | undefined;
  decisionsFor: (entries: { entityId: string; version: string }[]) => Promise<MatchDecision[]>;
}

export async function screenRequest(deps: ScreeningDeps, b: ScreeningRequest) {
  if (!deps.screening) throw new ScreeningUnavailableError("screening is not configured on this server");
  const s = await deps.screening();
  const index = s.index;
  if (s.lists.length === 0 || !index)
    throw new RefusalError(
      409,
      "no restricted-party lists are imported: tradectl lists import <format> <file>",
    );
  const known = new Set(s.lists.map((l) => l.list));
  const problems: FieldProblem[] = (b.lists ?? []).flatMap((l, i) =>
    known.has(l)
      ? []
      : [{ path: `$.lists[${i}]`, message: `unknown list "${l}" (imported: ${[...known].join(", ")})` }],
  );
  await s.readyFor?.(b.parties.map((p) => p.name));
  b.parties.forEach((p, i) => {
    const bad = nameProblem(index, p.name);
    if (bad) problems.push({ path: `$.parties[${i}].name`, message: bad });
  });
  if (problems.length > 0) throw new BadInputError(problems, "the screening request is invalid");
  const threshold = b.threshold ?? DEFAULT_THRESHOLD;
  const listVersions = Object.fromEntries(
    s.lists.filter((l) => !b.lists || b.lists.includes(l.list)).map((l) => [l.list, l.version]),
  );
  const results = b.parties.map((q) => ({
    query: { ...q, threshold },
    result: index.screen(q, { threshold, limit: b.limit ?? 20, ...(b.lists ? { lists: b.lists } : {}) }),
  }));
  const decisions = await deps.decisionsFor(
    results.flatMap((r) =>
      r.result.matches.flatMap((m) =>
        sourcesOf(m).map((x) => ({ entityId: x.entityId, version: x.entityVersion })),
      ),
    ),
  );
  return {
    listVersions,
    results: results.map(({ query, result }) => {
      const out = result.matches.map((m) => {
        const sources = sourcesOf(m);
        const decision = applyDecisions(sources, query.name, decisions);
        return {
          entityId: m.entityId,
          entityVersion: m.entity.version,
          list: m.list,
          name: m.name,
          matchedName: m.matchedName,
          score: m.score,
          features: { ...m.features },
          alignment: m.alignment,
          url: m.entity.url,
          ...(m.via ? { via: m.via } : {}),
          ...(m.group ? { groupId: m.group.id } : {}),
          sources,
          decision,
        };
      });
      return {
        query,
        matches: out.filter((m) => !m.decision).map(({ decision: _d, ...m }) => m),
        decided: out.filter((m) => m.decision),
      };
    }),
  };
}

/** Screening is not configured in this process (HTTP 503). */
export class ScreeningUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScreeningUnavailableError";
  }
}
