/**
 * The application workflow as a table: which action takes an application from which state to which, for
 * which roles. Pure; the service checks every transition against it and refuses anything else with a reason.
 */
import type { ApplicationState, Role } from "../store/schema.ts";

export type Action =
  "submit" | "update" | "withdraw" | "review" | "request-changes" | "approve" | "deny" | "note";

interface Transition {
  from: ApplicationState[];
  to: ApplicationState | null;
  roles: Role[];
  /** Who may act: the applicant's organisation, or the licensing authority's officers. */
  side: "applicant" | "authority";
}

export const transitions: Record<Action, Transition> = {
  update: {
    from: ["draft", "returned-for-changes"],
    to: null,
    roles: ["exporter", "admin"],
    side: "applicant",
  },
  submit: {
    from: ["draft", "returned-for-changes"],
    to: "submitted",
    roles: ["exporter", "admin"],
    side: "applicant",
  },
  withdraw: {
    from: ["draft", "submitted", "under-review", "returned-for-changes"],
    to: "withdrawn",
    roles: ["exporter", "admin"],
    side: "applicant",
  },
  review: { from: ["submitted"], to: "under-review", roles: ["officer"], side: "authority" },
  "request-changes": {
    from: ["under-review"],
    to: "returned-for-changes",
    roles: ["officer"],
    side: "authority",
  },
  approve: { from: ["under-review"], to: "approved", roles: ["officer"], side: "authority" },
  deny: { from: ["under-review"], to: "denied", roles: ["officer"], side: "authority" },
  note: {
    from: ["submitted", "under-review", "returned-for-changes"],
    to: null,
    roles: ["officer"],
    side: "authority",
  },
};

/** Why `role` may not take `action` at all, or null. */
export function roleProblem(action: Action, role: Role): string | null {
  const t = transitions[action];
  return t.roles.includes(role) ? null : `${action} is for ${t.roles.join(" or ")}; you are ${role}`;
}

/** Why `action` cannot be taken from `state`, or null. */
export function stateProblem(action: Action, state: ApplicationState): string | null {
  const t = transitions[action];
  return t.from.includes(state)
    ? null
    : `cannot ${action} an application that is ${state} (allowed from: ${t.from.join(", ")})`;
}

/** Why `role` may not take `action` from `state`, or null when the transition is allowed. */
export function transitionProblem(action: Action, state: ApplicationState, role: Role): string | null {
  return roleProblem(action, role) ?? stateProblem(action, state);
}

/** The review period in days for a regime and destination groups, from the permit terms of the pack. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days)); // calendar arithmetic only; no time zone involved
  return t.toISOString().slice(0, 10);
}
