/**
 * One verdict per shipment beside the line decisions: `prohibited` (a line is prohibited), `hold` (a party
 * match awaits a human decision — the block of a compliance suite), `licence-required`, `undetermined` (a line
 * is undetermined, or the parties could not be screened), or `clear`. Pure.
 */
import type { Decision } from "../determine/index.ts";
import { msg, render, type Msg } from "../messages/index.ts";
import type { ListVersion, PartyScreening } from "./parties.ts";

export type VerdictStatus = "prohibited" | "hold" | "licence-required" | "undetermined" | "clear";

export interface ScreeningSummary {
  /** `screened`; `no-lists` (nothing imported); `not-configured` (no screening here); `no-parties` (none named). */
  status: "screened" | "no-lists" | "not-configured" | "no-parties";
  lists: ListVersion[];
  parties: PartyScreening[];
}

export interface Verdict {
  status: VerdictStatus;
  /** In English (`reasonsMsg` rendered). */
  reasons: string[];
  reasonsMsg: Msg[];
  screening: ScreeningSummary;
}

/** The verdict from the line decisions and the screening of the parties. */
export function verdictOf(decisions: readonly Decision[], screening: ScreeningSummary): Verdict {
  const said: Msg[] = [];
  const lines = (o: Decision["outcome"]) => decisions.filter((d) => d.outcome === o).map((d) => d.id);
  const prohibited = lines("prohibited");
  const open = screening.parties.flatMap((p) =>
    p.matches
      .filter((m) => !m.endUserList && m.decision?.decision !== "false-positive")
      .map((m) => ({ p, m })),
  );
  const listed = screening.parties.flatMap((p) =>
    p.matches
      .filter((m) => m.endUserList && m.decision?.decision !== "false-positive")
      .map((m) => ({ p, m })),
  );
  if (prohibited.length > 0) said.push(msg("verdict.prohibited", { lines: prohibited }));
  const party = (p: (typeof open)[number]["p"], m: (typeof open)[number]["m"]) => ({
    role: p.role,
    name: p.name,
    list: m.list,
    entry: m.sourceId,
    matched: m.matchedName,
    score: m.score.toFixed(2),
  });
  for (const { p, m } of open)
    said.push(
      m.decision?.decision === "confirmed"
        ? msg("verdict.confirmed", party(p, m))
        : msg("verdict.maybe", { ...party(p, m), decided: m.decision ? 1 : 0 }),
    );
  for (const { p, m } of listed) said.push(msg("verdict.endUserList", party(p, m)));
  const required = lines("licence-required");
  const undetermined = lines("undetermined");
  if (required.length > 0) said.push(msg("verdict.required", { lines: required }));
  if (undetermined.length > 0) said.push(msg("verdict.undetermined", { lines: undetermined }));
  const unscreened =
    screening.status === "screened"
      ? undefined
      : (
          {
            "no-lists": "verdict.noLists",
            "not-configured": "verdict.notConfigured",
            "no-parties": "verdict.noParties",
          } as const
        )[screening.status];
  if (unscreened) said.push(msg(unscreened));
  const status: VerdictStatus =
    prohibited.length > 0
      ? "prohibited"
      : open.length > 0
        ? "hold"
        : required.length > 0
          ? "licence-required"
          : undetermined.length > 0 || unscreened
            ? "undetermined"
            : "clear";
  if (status === "clear") said.push(msg("verdict.clear"));
  return { status, reasons: said.map((m) => render(m, "en")), reasonsMsg: said, screening };
}
