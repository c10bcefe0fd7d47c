/** Errors of the policy layer: every problem names the file, the line and what is wrong. */

export interface PolicyProblem {
  file: string;
  line: number;
  path: string;
  message: string;
}

export function formatProblem(p: PolicyProblem): string {
  return `${p.file}:${p.line}: ${p.path ? `${p.path}: ` : ""}${p.message}`;
}

/** Thrown when a policy pack does not validate; `problems` lists all that was found, not just the first. */
export class PolicyLoadError extends Error {
  readonly problems: PolicyProblem[];
  constructor(problems: PolicyProblem[]) {
    super(`policy pack is invalid:\n${problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
    this.name = "PolicyLoadError";
    this.problems = problems;
  }
}

/** Thrown when a date lies before the earliest fact a pack holds: the engine does not guess. */
export class NoPolicyDataError extends Error {
  constructor(
    readonly regime: string,
    readonly dataFrom: string,
    readonly date: string,
  ) {
    super(`no policy data before ${dataFrom} for regime ${regime} (asked for ${date})`);
    this.name = "NoPolicyDataError";
  }
}
