/**
 * The list importers: format ids → parsers, the companion files a format reads beside its main file, and
 * `detect`, which tells from the first characters which format a file looks like (so that a file given with
 * the wrong format id is rejected with a useful hint). Every parser takes text, bytes or a stream — never a
 * path — and either returns all entities of the file (bad records reported in `skipped`) or throws an
 * `ImportError` naming the line/record and the reason; nothing is half-imported.
 */
import type { ImportResult } from "../entity.ts";
import { ImportError, type ParseOptions, type Source } from "./common.ts";
import { parse as parseCsl } from "./csl.ts";
import { parse as parseDpl } from "./dpl.ts";
import { parse as parseEu } from "./eu.ts";
import { parse as parseGeneric, DEFAULT_LIST_ID } from "./generic-csv.ts";
import { parse as parseJpEul } from "./jp-eul.ts";
import { OFAC_FILE_NAMES, parseOfacLegacy, type OfacFiles } from "./ofac-legacy.ts";
import { parse as parseUk } from "./uk.ts";
import { parse as parseUn } from "./un.ts";

export {
  ImportError,
  contentHash,
  canonicalJson,
  type ParseOptions,
  type Source,
  type Encoding,
} from "./common.ts";
export { toCountry } from "./countries.ts";
export { DEFAULT_LIST_ID } from "./generic-csv.ts";
export type { OfacFiles } from "./ofac-legacy.ts";

export const FORMAT_IDS = ["csl", "sdn", "ofac-cons", "un", "dpl", "eu", "uk", "jp-eul", "csv"] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

/** The list ids the official formats use (a generic CSV list may not take one of them). */
export const OFFICIAL_LIST_IDS: readonly string[] = FORMAT_IDS.filter((f) => f !== "csv");

/** Input of one import: the main file, and for multi-file formats the companion files by part name. */
export interface ImportInput {
  main: Source;
  parts?: Partial<Record<CompanionPart, Source>>;
}

export type CompanionPart = "addresses" | "aliases" | "comments";

export interface FormatSpec {
  id: FormatId;
  title: string;
  /** The files this format is published as (for help and messages). */
  files: string;
  /** File names of the main file inside a directory given instead of a file (multi-file formats). */
  mainFiles?: readonly string[];
  /** Companion files read from beside the main file, by part; names are matched case-insensitively. */
  companions?: Readonly<Record<CompanionPart, string>>;
  /** Whether `--list-id` applies (only the generic CSV). */
  takesListId: boolean;
  parse(input: ImportInput, options?: ParseOptions): Promise<ImportResult>;
}

const ofac = (format: "sdn" | "ofac-cons") => (input: ImportInput, options?: ParseOptions) => {
  const files: OfacFiles = { primary: input.main, ...input.parts };
  return parseOfacLegacy(format, files, options);
};

export const FORMATS: Readonly<Record<FormatId, FormatSpec>> = {
  csl: {
    id: "csl",
    title: "US Consolidated Screening List (trade.gov)",
    files: "consolidated.csv or consolidated.json",
    takesListId: false,
    parse: (i, o) => parseCsl(i.main, o),
  },
  sdn: {
    id: "sdn",
    title: "OFAC SDN list (legacy CSV set)",
    files: "sdn.csv with add.csv, alt.csv, sdn_comments.csv beside it",
    mainFiles: [OFAC_FILE_NAMES.sdn.primary],
    companions: {
      addresses: OFAC_FILE_NAMES.sdn.addresses,
      aliases: OFAC_FILE_NAMES.sdn.aliases,
      comments: OFAC_FILE_NAMES.sdn.comments,
    },
    takesListId: false,
    parse: ofac("sdn"),
  },
  "ofac-cons": {
    id: "ofac-cons",
    title: "OFAC consolidated non-SDN list (legacy CSV set)",
    files: "cons_prim.csv with cons_add.csv, cons_alt.csv, cons_comments.csv beside it",
    mainFiles: [OFAC_FILE_NAMES["ofac-cons"].primary],
    companions: {
      addresses: OFAC_FILE_NAMES["ofac-cons"].addresses,
      aliases: OFAC_FILE_NAMES["ofac-cons"].aliases,
      comments: OFAC_FILE_NAMES["ofac-cons"].comments,
    },
    takesListId: false,
    parse: ofac("ofac-cons"),
  },
  un: {
    id: "un",
    title: "UN Security Council consolidated list (XML)",
    files: "consolidated.xml",
    takesListId: false,
    parse: (i, o) => parseUn(i.main, o),
  },
  dpl: {
    id: "dpl",
    title: "BIS Denied Persons List (tab-separated)",
    files: "dpl.txt",
    takesListId: false,
    parse: (i, o) => parseDpl(i.main, o),
  },
  eu: {
    id: "eu",
    title: "EU consolidated financial sanctions list (FSF XML 1.1 or CSV 1.1)",
    files: "xmlFullSanctionsList_1_1 or csvFullSanctionsList_1_1",
    takesListId: false,
    parse: (i, o) => parseEu(i.main, o),
  },
  uk: {
    id: "uk",
    title: "UK sanctions list (OFSI ConList.csv or the UK Sanctions List CSV)",
    files: "ConList.csv or UK-Sanctions-List.csv",
    takesListId: false,
    parse: (i, o) => parseUk(i.main, o),
  },
  "jp-eul": {
    id: "jp-eul",
    title: "Japan's End User List (外国ユーザーリスト, METI), the table saved as CSV",
    files: "the End User List workbook saved as CSV (English or Japanese headers)",
    takesListId: false,
    parse: (i, o) => parseJpEul(i.main, o),
  },
  csv: {
    id: "csv",
    title: "Generic CSV (docs/lists-generic-csv.md), e.g. an exported METI End User List",
    files: "any CSV with a name column",
    takesListId: true,
    parse: (i, o) => parseGeneric(i.main, { listId: DEFAULT_LIST_ID, ...o }),
  },
};

export function isFormatId(id: string): id is FormatId {
  return (FORMAT_IDS as readonly string[]).includes(id);
}

/** Import one file with a format id; an unknown id is an `ImportError`. */
export async function importList(
  format: string,
  input: Source | ImportInput,
  options: ParseOptions = {},
): Promise<ImportResult> {
  if (!isFormatId(format))
    throw new ImportError(format, undefined, `unknown format "${format}" (known: ${FORMAT_IDS.join(", ")})`);
  const spec = FORMATS[format];
  if (options.listId !== undefined && !spec.takesListId)
    throw new ImportError(
      format,
      undefined,
      `the ${format} format has the fixed list id "${format}"; --list-id applies to csv only`,
    );
  const i: ImportInput = isImportInput(input) ? input : { main: input };
  return spec.parse(i, options);
}

function isImportInput(x: Source | ImportInput): x is ImportInput {
  return typeof x === "object" && x !== null && !(x instanceof Uint8Array) && "main" in x;
}

/**
 * Which format(s) the first characters of a file look like (best first); [] when none is recognised.
 * A legacy OFAC primary file is reported as both `sdn` and `ofac-cons` (their layout is the same).
 */
export function detect(head: string): FormatId[] {
  const text = head.replace(/^\uFEFF/, "").trimStart();
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  if (text.startsWith("<")) {
    const root = /<(?!\?|!)([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(text);
    if (root?.[2] === "CONSOLIDATED_LIST") return ["un"];
    if (root?.[2] === "export" || /<sanctionEntity\b/.test(text)) return ["eu"];
    return [];
  }
  if (text.startsWith("{") || text.startsWith("["))
    return /"results"|"alt_names"|"source_list_url"/.test(text) ? ["csl"] : [];
  if (/^"?_id"?,"?source"?,/.test(firstLine)) return ["csl"];
  if (/Entity_LogicalId/.test(firstLine)) return ["eu"];
  if (/^"?Name"?\t"?Street_Address"?\t/.test(firstLine)) return ["dpl"];
  if (/^(Last Updated|Report Date)/i.test(firstLine) || /(^|,)Name 6,/.test(text.slice(0, 2000)))
    return ["uk"];
  if (/^\d+,"[^"]*",("[^"]*"|-0-\s*),/.test(firstLine)) return ["sdn", "ofac-cons"];
  const header = firstLine
    .toLowerCase()
    .split(/[,;\t]/)
    .map((h) => h.trim().replace(/^"|"$/g, ""));
  if (
    header.some((h) => /^(company or organi[sz]ation|企業名・組織名)$/.test(h)) ||
    (header.includes("also known as") && header.some((h) => /^type of (wmd|concern)$/.test(h)))
  )
    return ["jp-eul"];
  if (header.includes("name")) return ["csv"];
  return [];
}
