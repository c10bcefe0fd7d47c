/**
 * The schema of the sourced alias table (data/screening/native-aliases.yaml): native-script names of listed
 * parties ↔ the translated or brand names the lists hold them under, each entry with its source. Strict: an
 * unknown key is an error. Turns entries into the dictionary words of ./native-words.ts. Pure.
 */
import { z } from "zod";
import type { NativeAlias } from "./native-words.ts";

const nonEmpty = z.string().trim().min(1);

export const aliasEntry = z
  .object({
    native: z.array(nonEmpty).min(1),
    listed: z.array(nonEmpty).min(1),
    source: z
      .object({
        title: nonEmpty,
        url: z
          .string()
          .url()
          .regex(/^https?:\/\//, "must be an http(s) address"),
        quote: nonEmpty.optional(),
      })
      .strict(),
    checked: z.boolean(),
    note: nonEmpty.optional(),
  })
  .strict();

export const aliasFile = z.array(aliasEntry);
export type AliasEntry = z.infer<typeof aliasEntry>;

/** At most this many of an entry's listed names are tried as readings of one native name. */
const MAX_READINGS = 3;

/** The dictionary words of the table: each native form read as the entry's listed names. */
export function aliasWords(entries: readonly AliasEntry[]): NativeAlias[] {
  return entries.flatMap((e) => {
    const seen = new Set<string>();
    const listed = e.listed.filter((n) => {
      const k = n
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, " ")
        .trim();
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    const source = `${e.source.title} <${e.source.url}>${e.checked ? "" : " (source not read for this entry)"}`;
    return e.native.map((native) => ({ native: [native], listed: listed.slice(0, MAX_READINGS), source }));
  });
}
