/** The one bad-input error of the application layer and its adapters: every problem named by its JSON path. */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * Thrown when the input is wrong (a service's, a command's, a remote server's answer); HTTP answers 400, the
 * CLI exits 2. Match it with `instanceof`. A problem given as a string has no path (or carries it as "path: …").
 */
export class BadInputError extends Error {
  readonly problems: FieldProblem[];
  readonly exitCode = 2;
  constructor(problems: readonly (FieldProblem | string)[], message = "bad input") {
    const list = problems.map((p) => (typeof p === "string" ? { path: "", message: p } : p));
    super(`${message}: ${list.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join("; ")}`);
    this.name = "BadInputError";
    this.problems = list;
  }

  /** Each problem on a line of its own: `path: message`. */
  lines(): string[] {
    return this.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
  }
}

/**
 * A refusal by a rule of the application: 404 for what the caller may not see, 409 for a conflict with what
 * exists, 403/422 for a rule. HTTP answers the status; the CLI prints the message and exits 1.
 */
export class RefusalError extends Error {
  constructor(
    readonly status: 403 | 404 | 409 | 413 | 415 | 422,
    message: string,
  ) {
    super(message);
    this.name = "RefusalError";
  }
}

export const notFoundError = (message: string) => new RefusalError(404, message);
export const conflictError = (message: string) => new RefusalError(409, message);
