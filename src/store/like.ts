/** Word search in SQL: a query split into at most 8 words, each a LIKE pattern with its wildcards escaped. */

/** `%word%` with `\`, `%` and `_` taken literally. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The words of a search box (at most 8; blank gives none). */
export const searchWords = (q: string | undefined) =>
  (q ?? "").trim().split(/\s+/).filter(Boolean).slice(0, 8);
