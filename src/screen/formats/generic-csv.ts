/**
 * A documented CSV for any other list (e.g. Japan's METI End User List exported to CSV), format id `csv`;
 * the list id is chosen on import (`--list-id`, default `custom`). See docs/lists-generic-csv.md.
 *
 * UTF-8, a header line, comma-separated (a header with no comma but `;` or tabs switches to that delimiter).
 * Column names are matched case-insensitively; unknown columns are ignored.
 *
 *   name         required  the listed name
 *   id           optional  the list's own id (default: a hash of name, type and country); must be unique
 *   type         optional  person | entity | vessel | aircraft (also individual, organization, company, ship);
 *                          empty = unknown
 *   aliases      optional  `;`-separated aliases
 *   weak_aliases optional  `;`-separated weak ("low quality") aliases
 *   country      optional  `;`-separated ISO alpha-2 codes or English country names
 *   address      optional  one address (use several rows' worth of text in one cell if needed)
 *   birth_date   optional  `;`-separated YYYY, YYYY-MM or YYYY-MM-DD
 *   identifier   optional  `;`-separated `TYPE: VALUE` (or just VALUE)
 *   program      optional  `;`-separated programs / grounds for listing
 *   url          optional  link to the entry or the list
 *   remarks      optional  free text
 *
 * A row without a name, with an unknown type, a malformed birth date or a repeated id is reported and skipped;
 * a header without `name` rejects the file. A country that is not recognised is kept in the remarks.
 */
import { createHash } from "node:crypto";
import type { EntityType, ImportResult } from "../entity.ts";
import {
  EntityBuilder,
  ImportError,
  ResultCollector,
  addCountry,
  clean,
  csvRecords,
  parseDates,
  peek,
  splitList,
  type ParseOptions,
  type Source,
} from "./common.ts";

const FORMAT = "csv";
export const DEFAULT_LIST_ID = "custom";

export const COLUMNS = [
  "id",
  "name",
  "type",
  "aliases",
  "weak_aliases",
  "country",
  "address",
  "birth_date",
  "identifier",
  "program",
  "url",
  "remarks",
] as const;

/** Other names of the alias column that published lists use (the DoD 1260H list: "Alias"). */
const SYNONYMS: Readonly<Record<string, (typeof COLUMNS)[number]>> = {
  alias: "aliases",
  alt_names: "aliases",
  aka: "aliases",
};

const TYPES: Record<string, EntityType> = {
  person: "person",
  individual: "person",
  entity: "entity",
  organization: "entity",
  organisation: "entity",
  company: "entity",
  vessel: "vessel",
  ship: "vessel",
  aircraft: "aircraft",
  unknown: "unknown",
};

export async function parse(input: Source, options: ParseOptions = {}): Promise<ImportResult> {
  const list = options.listId ?? DEFAULT_LIST_ID;
  const { head, source } = await peek(input, FORMAT, options);
  const firstLine = head.split(/\r?\n/, 1)[0] ?? "";
  if (firstLine.trimStart().startsWith("<") || firstLine.trimStart().startsWith("{"))
    throw new ImportError(FORMAT, "line 1", "not a CSV file (it looks like XML or JSON)");
  const delimiter = firstLine.includes(",")
    ? ","
    : firstLine.includes("\t")
      ? "\t"
      : firstLine.includes(";")
        ? ";"
        : ",";
  const out = new ResultCollector(list, FORMAT);
  let index: Map<string, number> | undefined;
  let width = 0;
  const ids = new Set<string>();
  for await (const { fields, line } of csvRecords(source, FORMAT, { ...options, delimiter })) {
    if (!index) {
      const header = fields.map((f) =>
        f
          .trim()
          .toLowerCase()
          .replace(/[\s-]+/g, "_"),
      );
      if (!header.includes("name"))
        throw new ImportError(
          FORMAT,
          "line 1",
          `the header has no "name" column (found: ${fields
            .map((f) => f.trim())
            .join(", ")
            .slice(0, 200)}); see docs/lists-generic-csv.md`,
        );
      index = new Map(
        header
          .map((h, i) => [SYNONYMS[h] ?? h, i] as const)
          .filter(([h]) => (COLUMNS as readonly string[]).includes(h)),
      );
      width = header.length;
      continue;
    }
    const where = `line ${line}`;
    if (fields.length !== width) {
      out.skip(where, `expected ${width} fields, found ${fields.length}`);
      continue;
    }
    const get = (c: (typeof COLUMNS)[number]) => {
      const i = index!.get(c);
      return i === undefined ? "" : clean(fields[i]);
    };
    const name = get("name");
    if (!name) {
      out.skip(where, "no name");
      continue;
    }
    const typeText = get("type").toLowerCase();
    const type = typeText ? TYPES[typeText] : "unknown";
    if (!type) {
      out.skip(where, `unknown type "${get("type")}" (expected person, entity, vessel or aircraft)`);
      continue;
    }
    const dates = splitList(get("birth_date"));
    const bad = dates.find((d) => !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(d) || parseDates(d).length !== 1);
    if (bad) {
      out.skip(where, `birth_date "${bad}" is not YYYY, YYYY-MM or YYYY-MM-DD`);
      continue;
    }
    const given = get("id");
    const id =
      given ||
      createHash("sha256")
        .update([name, type, get("country")].join("\u001f"))
        .digest("hex")
        .slice(0, 16);
    if (given && ids.has(given)) {
      out.skip(where, `id "${given}" repeated`);
      continue;
    }
    if (given) ids.add(given);
    const b = new EntityBuilder(list, out.uniqueId(id), type);
    b.name(name, "primary");
    for (const a of splitList(get("aliases"))) b.name(a, "alias");
    for (const a of splitList(get("weak_aliases"))) b.name(a, "weak");
    for (const c of splitList(get("country"))) addCountry(b, c, "Country");
    b.address(get("address"));
    for (const d of dates) b.birthDate(d);
    for (const i of splitList(get("identifier"))) {
      const m = /^([^:]+):\s*(.+)$/.exec(i);
      if (m) b.identifier(m[1], m[2]);
      else b.identifier("identifier", i);
    }
    for (const p of splitList(get("program"))) b.program(p);
    b.url = get("url") || undefined;
    b.remark(get("remarks"));
    out.add(b, where);
  }
  if (!index)
    throw new ImportError(FORMAT, undefined, "the file is empty (a header with a name column is required)");
  return out.result();
}
