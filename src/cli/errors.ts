/** Errors of the command line that are not bad input: their own exit codes (see main.ts). */

/** A verification that ran and failed (exit code 3), as opposed to bad input (2). */
export class VerificationFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VerificationFailed";
  }
}

/**
 * A run that completed but left rows out (bad rows, listed in its output and report): exit code 4, unless the
 * caller accepts them (`--accept-bad-rows`), so that a script does not take a partial answer for a whole one.
 */
export class RowsLeftOut extends Error {
  constructor(readonly rows: number) {
    super(
      `${rows.toLocaleString("en-US")} bad row${rows === 1 ? " was" : "s were"} left out (listed above; the report counts only the rows decided); pass --accept-bad-rows to accept them`,
    );
    this.name = "RowsLeftOut";
  }
}
