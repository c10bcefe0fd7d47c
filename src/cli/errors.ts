/** Errors of the command line that are not bad input: their own exit codes (see main.ts). */

/** A verification that ran and failed (exit code 3), as opposed to bad input (2). */
export class VerificationFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VerificationFailed";
  }
}
