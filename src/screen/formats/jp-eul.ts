/**
 * Japan's End User List (外国ユーザーリスト), published by METI for the catch-all control: a table with the
 * columns No., country or region, company or organisation name, also known as, and type of concern (nuclear,
 * missile, biological, chemical; from 2025-10-09 also conventional weapons). METI publishes it as a PDF/Excel
 * workbook in Japanese and English; this importer reads the table saved as CSV (or tab-separated), with the
 * English or the Japanese headers. Format and list id `jp-eul`.
 *
 * One row = one entity (type `entity`: the list names companies and organisations). sourceId is the row's No.;
 * the names of "also known as" (separated by line breaks, semicolons, 、 or "," between names) are aliases; the
 * types of concern become programs. A row without a name or a No. is reported and skipped; a file without the
 * expected header is refused as a whole.
 */
import type { ImportResult } from "../entity.ts";
import {
  EntityBuilder,
  ImportError,
  ResultCollector,
  addCountry,
  clean,
  csvRecords,
  type ParseOptions,
  type Source,
} from "./common.ts";

const FORMAT = "jp-eul";
/** METI's page on security export control, where the End User List is published. */
const URL = "https://www.meti.go.jp/policy/anpo/";

/** Header names, English and Japanese, for each column the importer reads. */
const COLUMNS = {
  no: ["no", "no.", "番号", "ｎｏ．", "no．"],
  country: [
    "country or region",
    "country",
    "country/region",
    "国名・地域名",
    "国・地域名",
    "国名",
    "国・地域",
  ],
  name: [
    "company or organization",
    "company or organisation",
    "company name",
    "name",
    "企業名・組織名",
    "企業名",
    "組織名",
  ],
  aka: ["also known as", "aka", "alias", "別名"],
  concern: ["type of wmd", "type of concern", "concern", "懸念区分", "懸念"],
} as const;

type Column = keyof typeof COLUMNS;

/** Type of concern as METI's codes and words give it → a program name. */
const CONCERNS: [RegExp, string][] = [
  [/^(n|nuclear|核|核兵器)$/i, "nuclear"],
  [/^(m|missile|ミサイル)$/i, "missile"],
  [/^(b|biological|生物|生物兵器)$/i, "biological"],
  [/^(c|chemical|化学|化学兵器)$/i, "chemical"],
  [/^(cw|conventional|conventional weapons?|通常兵器)$/i, "conventional"],
];

const norm = (h: string) => clean(h).toLowerCase().normalize("NFKC").replace(/\s+/g, " ");

/**
 * The aliases of one cell: split on line breaks, semicolons and 、, and on ", " — except where what follows is
 * a legal form continuing the name ("Example Trading Co., Ltd.").
 */
export function splitAliases(cell: string): string[] {
  const out: string[] = [];
  const legalForm = /^(ltd|inc|llc|plc|co|corp|corporation|limited|s\.?a|jsc|gmbh|pvt)\.?$/i;
  for (const part of cell.split(/\r?\n|;|；|、/)) {
    const names: string[] = [];
    for (const piece of part.split(/,\s+/)) {
      if (names.length > 0 && legalForm.test(piece.trim())) names[names.length - 1] += `, ${piece}`;
      else names.push(piece);
    }
    out.push(...names);
  }
  return out.map((a) => clean(a)).filter((a) => a.length > 0 && a !== "-");
}

export async function parse(input: Source, options: ParseOptions = {}): Promise<ImportResult> {
  const out = new ResultCollector(FORMAT, FORMAT);
  let index: Partial<Record<Column, number>> | undefined;
  for await (const { fields, line } of csvRecords(input, FORMAT, options)) {
    if (!index) {
      const header = fields.map(norm);
      const found: Partial<Record<Column, number>> = {};
      for (const col of Object.keys(COLUMNS) as Column[]) {
        const at = header.findIndex((h) => (COLUMNS[col] as readonly string[]).includes(h));
        if (at >= 0) found[col] = at;
      }
      const missing = (["no", "country", "name"] as Column[]).filter((c) => found[c] === undefined);
      if (missing.length > 0)
        throw new ImportError(
          FORMAT,
          "line 1",
          `not METI's End User List (a header with No., Country or Region, Company or Organization, Also Known As, Type of WMD — or 番号, 国名・地域名, 企業名・組織名, 別名, 懸念区分): the header lacks ${missing.join(", ")}`,
        );
      index = found;
      continue;
    }
    const where = `line ${line}`;
    const get = (c: Column) => (index![c] === undefined ? "" : clean(fields[index![c]!]));
    if (fields.every((f) => clean(f) === "")) continue;
    const no = get("no");
    const name = get("name");
    if (!no) {
      out.skip(where, "no No. (the list's row number)");
      continue;
    }
    if (!name) {
      out.skip(where, "no company or organisation name");
      continue;
    }
    const b = new EntityBuilder(FORMAT, out.uniqueId(no), "entity");
    b.name(name, "primary");
    for (const alias of splitAliases(get("aka"))) b.name(alias, "alias");
    addCountry(b, get("country"), "Country or region");
    for (const c of get("concern")
      .split(/[,、・/\s]+/)
      .filter(Boolean)) {
      const hit = CONCERNS.find(([re]) => re.test(c));
      b.program(hit ? hit[1] : c);
    }
    b.url = URL;
    b.remark(get("country"), "Country or region (as listed)");
    out.add(b, where);
  }
  if (!index) throw new ImportError(FORMAT, undefined, "the file is empty");
  return out.result();
}
