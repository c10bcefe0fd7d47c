/**
 * Loads the sourced alias table (data/screening/native-aliases.yaml) for the screening core, validated against
 * its strict schema (src/screen/aliases.ts); a problem is reported with the file and line. Read once per
 * process. An adapter: the core gets the entries through the Transliterator.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import { aliasFile, aliasWords, type AliasEntry } from "../screen/aliases.ts";
import type { NativeAlias } from "../screen/native-words.ts";
import { ALIAS_FILE } from "./alias-file.ts";

export { ALIAS_FILE };

export class AliasTableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AliasTableError";
  }
}

/** Parse and validate an alias table's text; `file` names it in errors. */
export function parseAliasTable(text: string, file: string): AliasEntry[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const at = (range: [number, number, number] | null | undefined) =>
    range ? `${file}:${lines.linePos(range[0]).line}` : file;
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new AliasTableError(`${file}:${e.linePos?.[0]?.line ?? 1}: ${e.message}`);
  }
  const r = aliasFile.safeParse(doc.toJS());
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  let node: unknown = doc.contents;
  let best = node as YamlNode | null;
  for (const k of issue.path) {
    if (!isMap(node) && !isSeq(node)) break;
    const next = node.get(k as never, true) as unknown;
    if (next === undefined) break;
    node = next;
    best = next as YamlNode;
  }
  const extra =
    issue.code === "unrecognized_keys" && isMap(node)
      ? node.items.find((p) =>
          (issue.keys as string[]).includes(String((p.key as { value?: unknown })?.value)),
        )
      : undefined;
  const where = at(((extra?.key as YamlNode | undefined) ?? best)?.range);
  const path = issue.path.map((k) => (typeof k === "number" ? `[${k}]` : `.${String(k)}`)).join("");
  throw new AliasTableError(`${where}: ${path || "(top)"}: ${issue.message}`);
}

let cached: NativeAlias[] | undefined;

/** The repository's alias table as dictionary words (read and validated once per process). */
export function loadAliases(): NativeAlias[] {
  if (cached) return cached;
  let lastError: unknown;
  for (const f of ALIAS_FILE) {
    let text: string;
    try {
      text = readFileSync(f, "utf8");
    } catch (e) {
      lastError = e;
      continue;
    }
    cached = aliasWords(parseAliasTable(text, relative(process.cwd(), f) || f));
    return cached;
  }
  throw new AliasTableError(`the alias table is missing (${ALIAS_FILE.join(", ")}): ${String(lastError)}`);
}
