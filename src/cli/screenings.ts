/**
 * `tradectl screenings run "<name>"` and `tradectl screenings decide "<name>" --match <id>`: screening on a
 * server, where the organisation's decisions apply. A match is one party with all its list entries (sources);
 * `decide` records the decision on every source of the match (found by any of its entry ids or its group id),
 * with the required note.
 */
import type { Command } from "commander";
import type { Io } from "./io.ts";
import { formatMatchSources } from "./format.ts";
import { callServer, RemoteError, remoteFrom } from "./remote.ts";

interface Opts {
  server?: string;
  apiKey?: string;
  json?: boolean;
  country?: string;
  type?: string;
}

interface Source {
  entityId: string;
  entityVersion: string;
  list: string;
  sourceId: string;
  name: string;
  url?: string;
  score?: number;
  decision?: { decision: string; note?: string | null; createdAt: string };
}

interface Match {
  entityId: string;
  groupId?: string;
  name: string;
  matchedName: string;
  score: number;
  alignment: [string, string][];
  url?: string;
  via?: { native: string; listed: string; source: string }[];
  sources: Source[];
  decision?: { decision: string; note?: string | null; createdAt: string; userId: string };
}

interface Answer {
  listVersions: Record<string, string>;
  results: { query: { name: string; threshold: number }; matches: Match[]; decided: Match[] }[];
}

const withServer = (c: Command) =>
  c
    .option("--server <url>", "tradectl server (default: TRADECTL_SERVER or http://localhost:3000)")
    .option("--api-key <key>", "API key (default: TRADECTL_API_KEY)")
    .option("--country <XX>", "the party's country (ISO 3166 alpha-2)")
    .option("--type <type>", "person or entity")
    .option("--json", "print JSON");

async function screenOnServer(name: string, o: Opts): Promise<Answer["results"][number]> {
  const party: Record<string, string> = { name };
  if (o.country) party.country = o.country.toUpperCase();
  if (o.type) party.type = o.type;
  const r = await callServer<Answer>(remoteFrom(o), "POST", "/v1/screenings", { parties: [party] });
  return r.results[0]!;
}

/** A match as text: the party, how the name met, and every source with its link and decision. */
function formatMatch(m: Match): string[] {
  const lines = [
    `${m.score.toFixed(2)}  ${m.name}${m.matchedName === m.name ? "" : ` (as "${m.matchedName}")`}`,
  ];
  lines.push(`      ${m.alignment.map(([a, b]) => (a === b ? a : `${a}→${b}`)).join("  ")}`);
  lines.push(...formatMatchSources(m));
  if (m.decision)
    lines.push(`      decision: ${m.decision.decision}${m.decision.note ? ` — ${m.decision.note}` : ""}`);
  return lines;
}

export function registerScreeningCommands(program: Command, io: Io): void {
  const cmd = program.command("screenings").description("screening on a server, with the decisions taken");
  withServer(
    cmd.command("run").argument("<name>", "the party's name").description("screen one party"),
  ).action(async (name: string, o: Opts) => {
    const r = await screenOnServer(name, o);
    if (o.json) return io.stdout(JSON.stringify(r, null, 2));
    const lines = [`screening "${r.query.name}" (threshold ${r.query.threshold})`];
    if (r.matches.length === 0) lines.push("no open matches");
    for (const m of r.matches) lines.push(...formatMatch(m));
    if (r.decided.length > 0) lines.push("decided:");
    for (const m of r.decided) lines.push(...formatMatch(m));
    io.stdout(lines.join("\n"));
  });
  withServer(
    cmd
      .command("decide")
      .argument("<name>", "the party's name, as screened")
      .requiredOption("--match <id>", "the match: one of its entry ids (e.g. sdn:12345) or its group id")
      .requiredOption("--decision <decision>", "false-positive or confirmed")
      .requiredOption("--note <text>", "why: the facts the decision rests on")
      .description("record a decision on every source of a match"),
  ).action(async (name: string, o: Opts & { match: string; decision: string; note: string }) => {
    const problems: string[] = [];
    if (o.decision !== "false-positive" && o.decision !== "confirmed")
      problems.push(`--decision: "${o.decision}" is not false-positive or confirmed`);
    if (o.note.trim() === "") problems.push("--note: a decision needs a note");
    if (problems.length > 0) throw new RemoteError(problems);
    const r = await screenOnServer(name, o);
    const m = [...r.matches, ...r.decided].find(
      (x) => x.entityId === o.match || x.groupId === o.match || x.sources.some((s) => s.entityId === o.match),
    );
    if (!m)
      throw new RemoteError([
        `--match: "${o.match}" is not among the matches of "${name}" (${[...r.matches, ...r.decided].map((x) => x.entityId).join(", ") || "none"})`,
      ]);
    const d = await callServer<{ ids: string[] }>(remoteFrom(o), "POST", "/v1/screening-decisions", {
      entries: m.sources.map((s) => ({ entityId: s.entityId, entityVersion: s.entityVersion })),
      queryName: name,
      decision: o.decision,
      note: o.note,
    });
    if (o.json)
      return io.stdout(JSON.stringify({ match: m.entityId, sources: m.sources.length, ...d }, null, 2));
    io.stdout(`recorded ${o.decision} on ${m.name}: ${m.sources.map((s) => s.entityId).join(", ")}`);
  });
}
