/**
 * UK sanctions lists in CSV, format and list id `uk`. Two layouts, recognised by their header:
 *
 * - OFSI Consolidated List of Financial Sanctions Targets (`ConList.csv`): a first line `Last Updated,dd/mm/yyyy`,
 *   then the header `Name 6, Name 1, ..., Name 5, Title, Name Non-Latin Script, Non-Latin Script Type,
 *   Non-Latin Script Language, DOB, Town of Birth, Country of Birth, Nationality, Passport Number, Passport
 *   Details, National Identification Number, National Identification Details, Position, Address 1..6,
 *   Post/Zip Code, Country, Other Information, Group Type, Alias Type, Alias Quality, Regime, Listed On,
 *   UK Sanctions List Date Designated, Last Updated, Group ID`. One row per name; rows of a target share the
 *   Group ID (sourceId).
 * - FCDO UK Sanctions List CSV: a first line `Report Date: dd-Mon-yyyy`, then the header `Last Updated, Unique ID,
 *   OFSI Group ID, UN Reference Number, Name 6, Name 1..5, Name type, Alias strength, Title, Name non-latin
 *   script, ..., Regime Name, Designation Type, ..., Address Line 1..6, Address Postal Code, Address Country,
 *   ..., D.O.B, Nationality(/ies), National Identifier number, ..., Passport number, ..., IMO number, ...,
 *   Current believed flag of ship, ...`. Rows of a designation share the Unique ID (sourceId, e.g. RUS0296).
 *
 * Names are Name 1..5 then Name 6 (the surname or the entity's name). `Primary name` / `Primary Name` is the
 * primary name; AKA, FKA, `Primary name variation` and non-Latin-script names are aliases; Alias Quality /
 * Alias strength `Low quality` marks a weak alias. Group Type / Designation Type Individual/Entity/Ship give
 * person/entity/vessel. DOB is dd/mm/yyyy with `00` for an unknown day or month. Multi-valued cells written
 * `(1) ... (2) ...` or `a|b` are split.
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
  parseDates,
  type ParseOptions,
  type Source,
} from "./common.ts";

const FORMAT = "uk";
const CONLIST_URL =
  "https://www.gov.uk/government/publications/financial-sanctions-consolidated-list-of-targets";
const UKSL_URL = "https://www.gov.uk/government/publications/the-uk-sanctions-list";

const TYPES: Record<string, EntityType> = { individual: "person", entity: "entity", ship: "vessel" };

/** Column names of the two layouts, by meaning. */
interface Layout {
  kind: "conlist" | "uksl";
  id: string;
  type: string;
  nameType: string;
  quality: string;
  title: string;
  nonLatin: string;
  dob: string;
  townOfBirth: string;
  countryOfBirth: string;
  nationality: string;
  passport: string;
  passportDetails: string;
  nationalId: string;
  nationalIdDetails: string;
  position: string;
  addressLines: string[];
  postCode: string;
  country: string;
  otherInfo: string;
  regime: string;
  listedOn: string;
  extraIds: [string, string][];
  extraRemarks: [string, string][];
  flag?: string;
  url: string;
}

const CONLIST: Layout = {
  kind: "conlist",
  id: "Group ID",
  type: "Group Type",
  nameType: "Alias Type",
  quality: "Alias Quality",
  title: "Title",
  nonLatin: "Name Non-Latin Script",
  dob: "DOB",
  townOfBirth: "Town of Birth",
  countryOfBirth: "Country of Birth",
  nationality: "Nationality",
  passport: "Passport Number",
  passportDetails: "Passport Details",
  nationalId: "National Identification Number",
  nationalIdDetails: "National Identification Details",
  position: "Position",
  addressLines: ["Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6"],
  postCode: "Post/Zip Code",
  country: "Country",
  otherInfo: "Other Information",
  regime: "Regime",
  listedOn: "Listed On",
  extraIds: [],
  extraRemarks: [["UK Sanctions List Date Designated", "UK Sanctions List date designated"]],
  url: CONLIST_URL,
};

const UKSL: Layout = {
  kind: "uksl",
  id: "Unique ID",
  type: "Designation Type",
  nameType: "Name type",
  quality: "Alias strength",
  title: "Title",
  nonLatin: "Name non-latin script",
  dob: "D.O.B",
  townOfBirth: "Town of birth",
  countryOfBirth: "Country of birth",
  nationality: "Nationality(/ies)",
  passport: "Passport number",
  passportDetails: "Passport additional information",
  nationalId: "National Identifier number",
  nationalIdDetails: "National Identifier additional information",
  position: "Position",
  addressLines: [
    "Address Line 1",
    "Address Line 2",
    "Address Line 3",
    "Address Line 4",
    "Address Line 5",
    "Address Line 6",
  ],
  postCode: "Address Postal Code",
  country: "Address Country",
  otherInfo: "Other Information",
  regime: "Regime Name",
  listedOn: "Date Designated",
  extraIds: [
    ["OFSI Group ID", "OFSI Group ID"],
    ["UN Reference Number", "UN reference"],
    ["IMO number", "IMO"],
    ["Business registration number (s)", "Business registration number"],
    ["Hull identification number (HIN)", "HIN"],
  ],
  extraRemarks: [
    ["UK Statement of Reasons", "UK statement of reasons"],
    ["Sanctions Imposed", "Sanctions imposed"],
    ["Designation source", "Designation source"],
    ["Gender", "Gender"],
    ["Type of entity", "Type of entity"],
    ["Parent company", "Parent company"],
    ["Type of ship", "Type of ship"],
    ["Current owner/operator (s)", "Current owner/operator"],
  ],
  flag: "Current believed flag of ship",
  url: UKSL_URL,
};

interface Group {
  rows: { cell: (c: string) => string; line: number }[];
}

export async function parse(input: Source, options: ParseOptions = {}): Promise<ImportResult> {
  const out = new ResultCollector(FORMAT, FORMAT);
  let layout: Layout | undefined;
  let index: Map<string, number> | undefined;
  let published: string | undefined;
  let preamble = 0;
  const groups = new Map<string, Group>();
  for await (const { fields, line } of csvRecords(input, FORMAT, options)) {
    if (!layout) {
      const header = fields.map((f) => f.trim());
      const m = /^(?:Last Updated|Report Date:?)\s*,?\s*(.*)$/i.exec(header.join(",").replace(/,+$/, ""));
      if (!header.includes("Name 6")) {
        if (m && preamble < 3) {
          preamble += 1;
          published = parseDates(m[1], "dmy")[0] ?? parseDates(m[1]?.replace(/-/g, " "))[0] ?? published;
          continue;
        }
        throw new ImportError(
          FORMAT,
          `line ${line}`,
          "not a UK sanctions list CSV: expected the OFSI ConList.csv header (Name 6, Name 1, ..., Group ID) or the UK Sanctions List header (Last Updated, Unique ID, ..., Name 6, ...)",
        );
      }
      layout = header.includes("Unique ID") ? UKSL : header.includes("Group ID") ? CONLIST : undefined;
      if (!layout)
        throw new ImportError(
          FORMAT,
          `line ${line}`,
          "the header has Name 6 but neither Group ID (OFSI) nor Unique ID (UK Sanctions List)",
        );
      index = new Map(header.map((h, i) => [h, i]));
      const missing = [layout.type, layout.nameType].filter((c) => !index!.has(c));
      if (missing.length > 0)
        throw new ImportError(FORMAT, `line ${line}`, `the header lacks ${missing.join(", ")}`);
      continue;
    }
    const where = `line ${line}`;
    if (fields.length !== index!.size) {
      out.skip(where, `expected ${index!.size} fields, found ${fields.length}`);
      continue;
    }
    const cell = (c: string) => {
      const i = index!.get(c);
      return i === undefined ? "" : clean(fields[i]);
    };
    const id = cell(layout.id);
    if (!id) {
      out.skip(where, `no ${layout.id}`);
      continue;
    }
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { rows: [] }));
    g.rows.push({ cell, line });
  }
  if (!layout) throw new ImportError(FORMAT, undefined, "no header found (the file is empty)");
  for (const [id, g] of groups) build(out, layout, id, g);
  return out.result(published);
}

/** `(1) A (2) B` or `A|B` → [A, B]. */
function multi(value: string): string[] {
  if (!value) return [];
  const numbered = value.split(/\(\d+\)/).map((s) => clean(s).replace(/[,;]$/, "").trim());
  const parts = numbered.length > 1 ? numbered : value.split("|");
  return parts.map((s) => clean(s)).filter(Boolean);
}

function build(out: ResultCollector, l: Layout, id: string, g: Group): void {
  const first = g.rows[0]!;
  const where = `${l.id} ${id} (line ${first.line})`;
  const typeText = first.cell(l.type);
  const b = new EntityBuilder(FORMAT, out.uniqueId(id), TYPES[typeText.toLowerCase()] ?? "unknown");
  if (typeText && !TYPES[typeText.toLowerCase()]) b.remark(typeText, "Type");
  // Primary names first, whatever the row order.
  const rows = [...g.rows].sort((a, z) => rank(a.cell(l.nameType)) - rank(z.cell(l.nameType)));
  for (const { cell } of rows) {
    const name = ["Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6"]
      .map(cell)
      .filter(Boolean)
      .join(" ");
    const nameType = cell(l.nameType).toLowerCase();
    const weak = /low/i.test(cell(l.quality));
    b.name(name, nameType === "primary name" ? "primary" : weak ? "weak" : "alias");
    for (const n of multi(cell(l.nonLatin))) b.name(n, "alias");
    b.remark(cell(l.title), "Title");
    b.remark(cell(l.position), "Position");
    for (const d of multi(cell(l.dob))) addBirthDates(b, d, "dmy");
    for (const n of multi(cell(l.nationality))) addCountry(b, n, "Nationality");
    const birth = [cell(l.townOfBirth), cell(l.countryOfBirth)].filter(Boolean).join(", ");
    b.remark(birth, "Place of birth");
    for (const p of multi(cell(l.passport))) b.identifier("Passport", p);
    b.remark(cell(l.passportDetails), "Passport details");
    for (const n of multi(cell(l.nationalId))) b.identifier("National ID", n);
    b.remark(cell(l.nationalIdDetails), "National ID details");
    const country = cell(l.country);
    const address = [...l.addressLines.map(cell), cell(l.postCode), country].filter(Boolean);
    if (address.length > (country ? 1 : 0)) b.address(address.join(", "));
    for (const c of multi(country)) addCountry(b, c, "Address country");
    if (l.flag) for (const f of multi(cell(l.flag))) addCountry(b, f, "Flag");
    for (const [col, type] of l.extraIds) for (const v of multi(cell(col))) b.identifier(type, v);
    for (const p of multi(cell(l.regime))) b.program(p);
    b.remark(date(cell(l.listedOn)), l.kind === "conlist" ? "Listed on" : "Date designated");
    for (const [col, label] of l.extraRemarks) b.remark(date(cell(col)), label);
    const info = cell(l.otherInfo);
    const ref = /\(UK Sanctions List Ref\):\s*([A-Z]{3}\d{4})/.exec(info);
    if (ref) b.identifier("UK Sanctions List ref", ref[1]);
    b.remark(info);
  }
  b.url = l.url;
  out.add(b, where);
}

/** A dd/mm/yyyy date as YYYY-MM-DD; other text unchanged. */
function date(text: string): string {
  return /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(text) ? (parseDates(text, "dmy")[0] ?? text) : text;
}

function rank(nameType: string): number {
  return nameType.toLowerCase() === "primary name" ? 0 : 1;
}
