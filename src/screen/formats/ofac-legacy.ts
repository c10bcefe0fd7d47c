/**
 * OFAC's legacy delimited files, shared by the SDN set (`sdn.csv`, `add.csv`, `alt.csv`, `sdn_comments.csv`,
 * format id `sdn`) and the consolidated non-SDN set (`cons_prim.csv`, `cons_add.csv`, `cons_alt.csv`,
 * `cons_comments.csv`, format id `ofac-cons`). No header; `-0-` means empty; a Ctrl-Z ends the file.
 *
 * primary: ent_num, name, type (individual/vessel/aircraft; empty = entity), programs (`A] [B`), title,
 *          call sign, vessel type, tonnage, GRT, vessel flag, vessel owner, remarks (cut at 1000 characters;
 *          the rest is in the comments file, appended as is);
 * add:     ent_num, add_num, address, city/state/postal, country, remarks;
 * alt:     ent_num, alt_num, type (aka/fka/nka), name, remarks;
 * comments: ent_num, remarks continued.
 *
 * One primary record = one entity, sourceId = ent_num, url = the OFAC Sanctions List Search page of the entry.
 * From the remarks: DOB (and alt. DOB), nationality and citizen (countries), identifiers (Passport, National
 * ID No., Tax ID No., IMO, SWIFT/BIC, digital currency addresses, ...; the known labels below) and the quoted
 * `a.k.a. '...'` names, which are OFAC's weak aliases (they are in the remarks and not in alt.csv). The whole
 * remarks text is kept as `remarks`. Addresses and aliases of an unknown ent_num are reported and skipped.
 */
import type { EntityType, ImportResult } from "../entity.ts";
import {
  EntityBuilder,
  ImportError,
  ResultCollector,
  addBirthDates,
  addCountry,
  clean,
  csvRecords,
  type ParseOptions,
  type Source,
} from "./common.ts";

/** The files of one legacy set; only `primary` is required. */
export interface OfacFiles {
  primary: Source;
  addresses?: Source;
  aliases?: Source;
  comments?: Source;
}

/** Names of the files of each set, for error locations and for finding the companions of a primary file. */
export const OFAC_FILE_NAMES = {
  sdn: { primary: "sdn.csv", addresses: "add.csv", aliases: "alt.csv", comments: "sdn_comments.csv" },
  "ofac-cons": {
    primary: "cons_prim.csv",
    addresses: "cons_add.csv",
    aliases: "cons_alt.csv",
    comments: "cons_comments.csv",
  },
} as const;

const TYPES: Record<string, EntityType> = {
  individual: "person",
  vessel: "vessel",
  aircraft: "aircraft",
  "": "entity",
};

/** Identifier labels OFAC uses in the remarks (longest first when matching). */
const ID_LABELS = [
  "Passport",
  "Diplomatic Passport",
  "National ID No.",
  "Tax ID No.",
  "Registration Number",
  "Registration ID",
  "Cedula No.",
  "Vessel Registration Identification",
  "NIT #",
  "C.U.R.P.",
  "R.F.C.",
  "RFC",
  "Government Gazette Number",
  "Aircraft Manufacturer's Serial Number (MSN)",
  "Aircraft Construction Number (also called L/N or S/N or F/N)",
  "Aircraft Tail Number",
  "Previous Aircraft Tail Number",
  "Aircraft Serial Identification",
  "Aircraft Mode S Transponder Code",
  "SWIFT/BIC",
  "Identification Number",
  "ISIN",
  "RUC #",
  "Company Number",
  "UK Company Number",
  "Folio Mercantil No.",
  "Commercial Registry Number",
  "V.A.T. Number",
  "Equity Ticker",
  "Unified Social Credit Code (USCC)",
  "United Social Credit Code Certificate (USCCC)",
  "Business Registration Number",
  "Business Registration Document #",
  "Business Number",
  "Trade License No.",
  "Matricula Mercantil No",
  "MMSI",
  "D.N.I.",
  "C.R. No.",
  "D-U-N-S Number",
  "BIK (RU)",
  "Phone Number",
  "Email Address",
  "Website",
  "Driver's License No.",
  "RIF #",
  "Legal Entity Number",
  "Electoral Registry No.",
  "Public Registration Number",
  "Personal ID Card",
  "Italian Fiscal Code",
  "Cartilla de Servicio Militar Nacional",
  "Chamber of Commerce Number",
  "Credencial electoral",
  "National Foreign ID Number",
  "US FEIN",
  "Chinese Commercial Code",
  "C.U.I.",
  "C.U.I.T.",
  "C.U.I.P.",
  "SSN",
  "Enterprise Number",
  "I.F.E.",
  "Birth Certificate Number",
  "Residency Number",
  "Registered Charity No.",
  "Branch Unit Number",
  "Dubai Chamber of Commerce Membership No.",
  "LE Number",
  "Certificate of Incorporation Number",
  "Turkish Identification Number",
  "Citizen's Card Number",
  "Numero de Identidad",
  "Travel Document Number",
  "RTN",
  "Kenyan ID No.",
  "File Number",
  "VisaNumberID",
  "UN/LOCODE",
  "C.I.F.",
  "Tazkira National ID Card",
  "Refugee ID Card",
  "Central Registration System Number",
  "Immigration No.",
  "Pilot License Number",
  "Other Vessel Call Sign",
  "Stateless Person Passport",
  "Stateless Person ID Card",
  "License",
].sort((a, b) => b.length - a.length);

/** Parse one legacy set. `format` is `sdn` or `ofac-cons` (also the list id). */
export async function parseOfacLegacy(
  format: "sdn" | "ofac-cons",
  input: Source | OfacFiles,
  options: ParseOptions = {},
): Promise<ImportResult> {
  const files: OfacFiles = isFiles(input) ? input : { primary: input };
  const names = OFAC_FILE_NAMES[format];
  const out = new ResultCollector(format, format);
  const entries = new Map<string, { b: EntityBuilder; remarks: string; line: number }>();

  const rows = (source: Source, file: string, width: number) =>
    checked(csvRecords(source, format, { ...options, file }), format, file, width);

  const primaryName = options.fileName ?? names.primary;
  for await (const { fields, line, error } of rows(files.primary, primaryName, 12)) {
    const where = `${primaryName} line ${line}`;
    if (error) {
      out.skip(where, error);
      continue;
    }
    const [entNum, name, type, programs, title, callSign, vesselType, tonnage, grt, flag, owner] =
      fields.map(clean);
    const t = TYPES[type!.toLowerCase()];
    if (!t) {
      out.skip(where, `unknown type "${type}"`);
      continue;
    }
    if (entries.has(entNum!)) {
      out.skip(where, `ent_num ${entNum} repeated`);
      continue;
    }
    const b = new EntityBuilder(format, entNum!, t);
    b.name(name, "primary");
    for (const p of programs!.split("] [")) b.program(p.replace(/^\[|\]$/g, ""));
    b.url = `https://sanctionssearch.ofac.treas.gov/Details.aspx?id=${entNum}`;
    b.remark(title, "Title");
    if (callSign) b.identifier("Call Sign", callSign);
    b.remark(vesselType, "Vessel type");
    b.remark(tonnage, "Tonnage");
    b.remark(grt, "GRT");
    addCountry(b, flag, "Vessel flag");
    b.remark(owner, "Vessel owner");
    // Raw, not cleaned: the comments file continues the remarks mid-word.
    const remarks = clean(fields[11]) ? fields[11]! : "";
    entries.set(entNum!, { b, remarks, line });
  }

  if (files.comments) {
    for await (const { fields, line, error } of rows(files.comments, names.comments, 2)) {
      const where = `${names.comments} line ${line}`;
      const e = error ? undefined : entries.get(clean(fields[0]));
      if (error || !e) out.skip(where, error ?? `no entry ${clean(fields[0])} in ${primaryName}`);
      else e.remarks += fields[1] ?? "";
    }
  }

  if (files.addresses) {
    for await (const { fields, line, error } of rows(files.addresses, names.addresses, 6)) {
      const where = `${names.addresses} line ${line}`;
      const e = error ? undefined : entries.get(clean(fields[0]));
      if (error || !e) {
        out.skip(where, error ?? `no entry ${clean(fields[0])} in ${primaryName}`);
        continue;
      }
      const [, , street, city, country, remarks] = fields.map(clean);
      e.b.address([street, city, country].filter(Boolean).join(", "));
      addCountry(e.b, country, "Address country");
      e.b.remark(remarks, "Address remarks");
    }
  }

  if (files.aliases) {
    for await (const { fields, line, error } of rows(files.aliases, names.aliases, 5)) {
      const where = `${names.aliases} line ${line}`;
      const e = error ? undefined : entries.get(clean(fields[0]));
      if (error || !e) {
        out.skip(where, error ?? `no entry ${clean(fields[0])} in ${primaryName}`);
        continue;
      }
      const [, , , name, remarks] = fields.map(clean);
      e.b.name(name, "alias");
      e.b.remark(remarks, "Alias remarks");
    }
  }

  for (const [entNum, e] of entries) {
    readRemarks(e.b, e.remarks);
    out.add(e.b, `${primaryName} line ${e.line} (ent_num ${entNum})`);
  }
  return out.result();
}

function isFiles(input: Source | OfacFiles): input is OfacFiles {
  return typeof input === "object" && input !== null && "primary" in input;
}

/**
 * The records of one file with their width checked: the first record decides whether this is the file it
 * should be (else `ImportError`); later records of the wrong width or without a numeric ent_num are errors of
 * that record only.
 */
async function* checked(
  records: AsyncIterable<{ fields: string[]; line: number }>,
  format: string,
  file: string,
  width: number,
): AsyncGenerator<{ fields: string[]; line: number; error?: string }> {
  let first = true;
  for await (const { fields, line } of records) {
    const numeric = /^\d+$/.test(clean(fields[0]));
    if (first) {
      first = false;
      if (fields.length !== width || !numeric)
        throw new ImportError(
          format,
          `${file} line ${line}`,
          `not an OFAC legacy ${file} file: expected ${width} fields starting with a numeric ent_num, found ${fields.length} field(s) starting "${clean(fields[0]).slice(0, 30)}"`,
        );
    }
    if (fields.length !== width)
      yield { fields, line, error: `expected ${width} fields, found ${fields.length}` };
    else if (!numeric) yield { fields, line, error: `ent_num "${clean(fields[0])}" is not a number` };
    else yield { fields, line };
  }
}

/** Read the structured parts of OFAC's remarks into the entity; the remarks are kept whole as well. */
export function readRemarks(b: EntityBuilder, text: string): void {
  const remarks = clean(text);
  if (!remarks) return;
  b.remark(remarks);
  for (const raw of remarks.replace(/\.$/, "").split(/;\s+/)) {
    const part = raw.trim().replace(/^alt\.\s+/, "");
    let m = /^(?:a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s+'(.+)'\.?$/.exec(part);
    if (m) {
      b.name(m[1], "weak");
      continue;
    }
    m = /^DOB\s+(.+)$/.exec(part);
    if (m) {
      addBirthDates(b, m[1]);
      continue;
    }
    m = /^(?:nationality|citizen)\s+(.+)$/.exec(part);
    if (m) {
      b.country(m[1]);
      continue;
    }
    m = /^Digital Currency Address - (\w+)\s+(\S+)$/.exec(part);
    if (m) {
      b.identifier(`Digital Currency Address - ${m[1]}`, m[2]);
      continue;
    }
    const label = ID_LABELS.find((l) => part.startsWith(`${l} `));
    if (label) {
      const rest = part.slice(label.length + 1).replace(/\s+(?:expires|issued|Expires|Issued)\b.*$/, "");
      const c = /^(.*?)\s+\(([^()]+)\)$/.exec(rest);
      b.identifier(label, c ? c[1] : rest, c ? c[2] : undefined);
    }
  }
}
