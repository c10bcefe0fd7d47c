/**
 * One verdict per shipment beside the line decisions: `prohibited` (a line is prohibited), `hold` (a party
 * match awaits a human decision — the block of a compliance suite), `licence-required`, `undetermined` (a line
 * is undetermined, or the parties could not be screened), or `clear`. Pure.
 */
import type { Decision } from "../determine/index.ts";
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
  reasons: string[];
  screening: ScreeningSummary;
}

/** The verdict from the line decisions and the screening of the parties. */
export function verdictOf(decisions: readonly Decision[], screening: ScreeningSummary): Verdict {
  const reasons: string[] = [];
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
  if (prohibited.length > 0) reasons.push(`prohibited: line ${prohibited.join(", ")}`);
  for (const { p, m } of open)
    reasons.push(
      `${p.role} "${p.name}" ${m.decision?.decision === "confirmed" ? "is a confirmed match of" : "may be"} ${m.list} entry ${m.sourceId} "${m.matchedName}" (score ${m.score.toFixed(2)})${m.decision ? "" : ": a decision is needed"}`,
    );
  for (const { p, m } of listed)
    reasons.push(
      `${p.role} "${p.name}" matches ${m.list} entry ${m.sourceId} "${m.matchedName}" (score ${m.score.toFixed(2)}): the regime's end-user list applies to the lines`,
    );
  const required = lines("licence-required");
  const undetermined = lines("undetermined");
  if (required.length > 0) reasons.push(`licence required: line ${required.join(", ")}`);
  if (undetermined.length > 0) reasons.push(`undetermined: line ${undetermined.join(", ")}`);
  const unscreened =
    screening.status === "screened"
      ? undefined
      : {
          "no-lists": "no restricted-party list is imported: the parties were not screened",
          "not-configured": "screening is not configured here: the parties were not screened",
          "no-parties": "the shipment names no party: nothing was screened",
        }[screening.status];
  if (unscreened) reasons.push(unscreened);
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
  if (status === "clear") reasons.push("no licence required and no party matched a list");
  return { status, reasons, screening };
}
