/** The default screening threshold, in a module of its own so that a caller needs no more of the engine. */

/** The score from which a result is reported, unless the caller says otherwise. */
export const DEFAULT_THRESHOLD = 0.75;
