/**
 * EU consolidated list of persons, groups and entities subject to financial sanctions, as published by the
 * Commission's Financial Sanctions Files (FSF), format and list id `eu`. Two official forms, told apart by
 * the first character:
 *
 * - XML 1.1 (`xmlFullSanctionsList_1_1`): `<export generationDate=...>` (namespace
 *   http://eu.europa.ec/fpi/fsd/export) of `<sanctionEntity logicalId euReferenceNumber unitedNationId
 *   designationDate>` with `<regulation programme ...><publicationUrl>`, `<subjectType code="person|enterprise"
 *   classificationCode="P|E">`, `<nameAlias wholeName firstName middleName lastName strong ...>`,
 *   `<citizenship countryIso2Code countryDescription>`, `<birthdate birthdate year monthOfYear dayOfMonth
 *   circa ...>`, `<identification number latinNumber identificationTypeCode identificationTypeDescription
 *   countryIso2Code>`, `<address street city zipCode region place poBox countryIso2Code ...>`, `<remark>`.
 * - CSV 1.1 (`csvFullSanctionsList_1_1`): `;`-separated, one row per name, address, birth date, document or
 *   citizenship, the entity's columns repeated (`fileGenerationDate;Entity_LogicalId;...;NameAlias_WholeName;
 *   ...;Citizenship_CountryIso2Code;...`); rows are grouped by Entity_LogicalId.
 *
 * One sanctionEntity = one entity, sourceId = logicalId (stable across versions of the file). The first name
 * is the primary one, `strong="false"` (CSV: NameAlias_Strong when present) or a remark "low quality" marks a
 * weak alias. EU reference and UN reference become identifiers; programmes become programs; url = the
 * publication of the first regulation. Country code `00` (unknown) is dropped.
 */
import type { EntityType, ImportResult } from "../entity.ts";
import {
  EntityBuilder,
  ImportError,
  ResultCollector,
  addBirthDates,
  addCountry,
  childrenNamed,
  clean,
  csvRecords,
  isoDate,
  parseDates,
  parseXmlRecords,
  peek,
  type ParseOptions,
  type Source,
  type XmlNode,
} from "./common.ts";
import { isCountry } from "./countries.ts";

const FORMAT = "eu";
const URL = "https://webgate.ec.europa.eu/fsd/fsf";

const TYPES: Record<string, EntityType> = {
  person: "person",
  p: "person",
  enterprise: "entity",
  e: "entity",
};

/** Parse the FSF XML or CSV. */
export async function parse(input: Source, options: ParseOptions = {}): Promise<ImportResult> {
  const { head, source } = await peek(input, FORMAT, options);
  return head.trimStart().startsWith("<")
    ? parseXmlFile(source, options)
    : parseCsvFile(source, options, head);
}

/** The fields of one sanctionEntity, whichever form it came from. */
interface Entry {
  logicalId: string;
  euReference: string;
  unReference: string;
  designationDate: string;
  subjectType: string;
  remarks: string[];
  regulations: { programme: string; url: string; numberTitle: string }[];
  names: {
    whole: string;
    first: string;
    middle: string;
    last: string;
    strong: string;
    remark: string;
    title: string;
    fn: string;
  }[];
  citizenships: { code: string; description: string }[];
  birthDates: {
    date: string;
    year: string;
    month: string;
    day: string;
    from: string;
    to: string;
    circa: string;
    place: string;
  }[];
  identifications: {
    number: string;
    latin: string;
    type: string;
    description: string;
    code: string;
    country: string;
  }[];
  addresses: { parts: string[]; code: string; description: string }[];
}

function emptyEntry(logicalId: string): Entry {
  return {
    logicalId,
    euReference: "",
    unReference: "",
    designationDate: "",
    subjectType: "",
    remarks: [],
    regulations: [],
    names: [],
    citizenships: [],
    birthDates: [],
    identifications: [],
    addresses: [],
  };
}

async function parseXmlFile(source: Source, options: ParseOptions): Promise<ImportResult> {
  const out = new ResultCollector(FORMAT, FORMAT);
  let published: string | undefined;
  await parseXmlRecords(
    source,
    FORMAT,
    {
      root: "export",
      rootDescription: "the EU Financial Sanctions Files XML (xmlFullSanctionsList_1_1)",
      records: new Set(["sanctionEntity"]),
      onRoot: (a) => {
        published = /^\d{4}-\d{2}-\d{2}/.exec(a.generationDate ?? "")?.[0];
      },
      onRecord: (node) => {
        const a = node.attributes;
        const where = a.logicalId
          ? `sanctionEntity logicalId ${a.logicalId} (line ${node.line})`
          : `line ${node.line}`;
        if (!clean(a.logicalId) && !clean(a.euReferenceNumber)) {
          out.skip(where, "no logicalId");
          return;
        }
        add(out, fromXml(node), where);
      },
    },
    options,
  );
  return out.result(published);
}

function attr(node: XmlNode, name: string): string {
  return clean(node.attributes[name]);
}

function fromXml(node: XmlNode): Entry {
  const e = emptyEntry(attr(node, "logicalId") || attr(node, "euReferenceNumber"));
  e.euReference = attr(node, "euReferenceNumber");
  e.unReference = attr(node, "unitedNationId");
  e.designationDate = attr(node, "designationDate");
  const st = childrenNamed(node, "subjectType")[0];
  e.subjectType = st ? attr(st, "code") || attr(st, "classificationCode") : "";
  for (const r of childrenNamed(node, "remark")) e.remarks.push(clean(r.text));
  for (const r of childrenNamed(node, "regulation"))
    e.regulations.push({
      programme: attr(r, "programme"),
      numberTitle: attr(r, "numberTitle"),
      url: clean(childrenNamed(r, "publicationUrl")[0]?.text),
    });
  for (const n of childrenNamed(node, "nameAlias"))
    e.names.push({
      whole: attr(n, "wholeName"),
      first: attr(n, "firstName"),
      middle: attr(n, "middleName"),
      last: attr(n, "lastName"),
      strong: attr(n, "strong"),
      remark: childrenNamed(n, "remark")
        .map((r) => clean(r.text))
        .join(" "),
      title: attr(n, "title"),
      fn: attr(n, "function"),
    });
  for (const c of childrenNamed(node, "citizenship"))
    e.citizenships.push({ code: attr(c, "countryIso2Code"), description: attr(c, "countryDescription") });
  for (const d of childrenNamed(node, "birthdate"))
    e.birthDates.push({
      date: attr(d, "birthdate"),
      year: attr(d, "year"),
      month: attr(d, "monthOfYear") || attr(d, "month"),
      day: attr(d, "dayOfMonth") || attr(d, "day"),
      from: attr(d, "yearRangeFrom"),
      to: attr(d, "yearRangeTo"),
      circa: attr(d, "circa"),
      place: [attr(d, "city"), attr(d, "place"), attr(d, "region"), attr(d, "countryDescription")]
        .filter((x) => x && x !== "UNKNOWN")
        .join(", "),
    });
  for (const i of childrenNamed(node, "identification"))
    e.identifications.push({
      number: attr(i, "number"),
      latin: attr(i, "latinNumber"),
      type: attr(i, "identificationTypeCode"),
      description: attr(i, "identificationTypeDescription"),
      code: attr(i, "countryIso2Code"),
      country: attr(i, "countryDescription"),
    });
  for (const a of childrenNamed(node, "address"))
    e.addresses.push({
      parts: ["poBox", "street", "place", "city", "zipCode", "region"].map((k) => attr(a, k)),
      code: attr(a, "countryIso2Code"),
      description: attr(a, "countryDescription"),
    });
  return e;
}

async function parseCsvFile(source: Source, options: ParseOptions, head: string): Promise<ImportResult> {
  const firstLine = head.split(/\r?\n/, 1)[0] ?? "";
  if (!firstLine.includes("Entity_LogicalId"))
    throw new ImportError(
      FORMAT,
      "line 1",
      "not the EU Financial Sanctions Files XML or CSV: the first line is neither XML nor a ';'-separated header with Entity_LogicalId",
    );
  const out = new ResultCollector(FORMAT, FORMAT);
  const entries = new Map<string, { entry: Entry; line: number; seen: Set<string> }>();
  let header: string[] | undefined;
  let published: string | undefined;
  for await (const { fields, line } of csvRecords(source, FORMAT, { ...options, delimiter: ";" })) {
    if (!header) {
      header = fields.map((f) => f.trim());
      const missing = ["Entity_LogicalId", "NameAlias_WholeName"].filter((c) => !header!.includes(c));
      if (missing.length > 0)
        throw new ImportError(FORMAT, "line 1", `not the EU FSF CSV: the header lacks ${missing.join(", ")}`);
      continue;
    }
    if (fields.length !== header.length) {
      out.skip(`line ${line}`, `expected ${header.length} fields, found ${fields.length}`);
      continue;
    }
    const row: Record<string, string> = {};
    header.forEach((h, i) => (row[h] = clean(fields[i])));
    const id = row.Entity_LogicalId ?? "";
    if (!id) {
      out.skip(`line ${line}`, "no Entity_LogicalId");
      continue;
    }
    if (!published && row.fileGenerationDate) published = parseDates(row.fileGenerationDate, "dmy")[0];
    let slot = entries.get(id);
    if (!slot) {
      const entry = emptyEntry(id);
      entry.euReference = row.Entity_EU_ReferenceNumber ?? "";
      entry.unReference = row.Entity_UnitedNationId ?? "";
      entry.designationDate = row.Entity_DesignationDate ?? "";
      entry.subjectType = row.Entity_SubjectType || row.Entity_SubjectType_ClassificationCode || "";
      slot = { entry, line, seen: new Set() };
      entries.set(id, slot);
    }
    const { entry, seen } = slot;
    const once = (key: string, push: () => void) => {
      if (!seen.has(key)) {
        seen.add(key);
        push();
      }
    };
    const r = (k: string) => row[k] ?? "";
    if (r("Entity_Remark"))
      once(`remark|${r("Entity_Remark")}`, () => entry.remarks.push(r("Entity_Remark")));
    if (r("Entity_Regulation_Programme") || r("Entity_Regulation_PublicationUrl"))
      once(`reg|${r("Entity_Regulation_Programme")}|${r("Entity_Regulation_PublicationUrl")}`, () =>
        entry.regulations.push({
          programme: r("Entity_Regulation_Programme"),
          url: r("Entity_Regulation_PublicationUrl"),
          numberTitle: r("Entity_Regulation_NumberTitle"),
        }),
      );
    const name = [
      r("NameAlias_WholeName"),
      r("NameAlias_FirstName"),
      r("NameAlias_MiddleName"),
      r("NameAlias_LastName"),
    ];
    if (name.some(Boolean))
      once(`name|${r("NameAlias_LogicalId")}|${name.join("|")}`, () =>
        entry.names.push({
          whole: name[0]!,
          first: name[1]!,
          middle: name[2]!,
          last: name[3]!,
          strong: r("NameAlias_Strong"),
          remark: r("NameAlias_Remark"),
          title: r("NameAlias_Title"),
          fn: r("NameAlias_Function"),
        }),
      );
    if (r("Citizenship_CountryIso2Code") || r("Citizenship_CountryDescription"))
      once(`cit|${r("Citizenship_CountryIso2Code")}|${r("Citizenship_CountryDescription")}`, () =>
        entry.citizenships.push({
          code: r("Citizenship_CountryIso2Code"),
          description: r("Citizenship_CountryDescription"),
        }),
      );
    const dob = ["BirthDate_BirthDate", "BirthDate_Year", "BirthDate_YearRangeFrom"].map(r);
    if (dob.some(Boolean))
      once(
        `dob|${r("BirthDate_LogicalId")}|${dob.join("|")}|${r("BirthDate_Month")}|${r("BirthDate_Day")}`,
        () =>
          entry.birthDates.push({
            date: r("BirthDate_BirthDate"),
            year: r("BirthDate_Year"),
            month: r("BirthDate_Month"),
            day: r("BirthDate_Day"),
            from: r("BirthDate_YearRangeFrom"),
            to: r("BirthDate_YearRangeTo"),
            circa: r("BirthDate_Circa"),
            place: [
              r("BirthDate_City"),
              r("BirthDate_Place"),
              r("BirthDate_Region"),
              r("BirthDate_CountryDescription"),
            ]
              .filter((x) => x && x !== "UNKNOWN")
              .join(", "),
          }),
      );
    if (r("Identification_Number") || r("Identification_LatinNumber"))
      once(
        `id|${r("Identification_TypeCode")}|${r("Identification_Number")}|${r("Identification_LatinNumber")}`,
        () =>
          entry.identifications.push({
            number: r("Identification_Number"),
            latin: r("Identification_LatinNumber"),
            type: r("Identification_TypeCode"),
            description: r("Identification_TypeDescription"),
            code: r("Identification_CountryIso2Code"),
            country: r("Identification_CountryDescription"),
          }),
      );
    const addr = [
      "Address_PoBox",
      "Address_Street",
      "Address_Place",
      "Address_City",
      "Address_ZipCode",
      "Address_Region",
    ].map(r);
    if (addr.some(Boolean) || r("Address_CountryIso2Code"))
      once(`addr|${addr.join("|")}|${r("Address_CountryIso2Code")}`, () =>
        entry.addresses.push({
          parts: addr,
          code: r("Address_CountryIso2Code"),
          description: r("Address_CountryDescription"),
        }),
      );
  }
  if (!header) throw new ImportError(FORMAT, undefined, "the file is empty");
  for (const { entry, line } of entries.values())
    add(out, entry, `Entity_LogicalId ${entry.logicalId} (first row line ${line})`);
  return out.result(published);
}

/** A country from an FSF code/description pair: the code when it is an ISO code (not `00`), else the description. */
function countryOf(b: EntityBuilder, code: string, description: string, label: string): void {
  const c = code.toUpperCase();
  if (isCountry(c)) b.countryCode(c);
  else if (description && description.toUpperCase() !== "UNKNOWN") addCountry(b, description, label);
}

function add(out: ResultCollector, e: Entry, where: string): void {
  const t = e.subjectType.toLowerCase();
  const b = new EntityBuilder(FORMAT, out.uniqueId(e.logicalId), TYPES[t] ?? "unknown");
  if (t && !TYPES[t]) b.remark(e.subjectType, "Subject type");
  e.names.forEach((n, i) => {
    const name = n.whole || [n.first, n.middle, n.last].filter(Boolean).join(" ");
    const remark = n.remark.toLowerCase();
    const weak = n.strong.toLowerCase() === "false" || /\blow quality\b/.test(remark);
    b.name(name, i === 0 ? "primary" : weak ? "weak" : "alias");
    if (n.remark && !/quality/.test(remark)) b.remark(n.remark, `Name ${name}`);
    b.remark(n.title, "Title");
    b.remark(n.fn, "Function");
  });
  for (const c of e.citizenships) countryOf(b, c.code, c.description, "Citizenship");
  for (const a of e.addresses) {
    const country = a.description && a.description.toUpperCase() !== "UNKNOWN" ? a.description : "";
    b.address([...a.parts, country].filter(Boolean).join(", "));
    countryOf(b, a.code, a.description, "Address country");
  }
  for (const d of e.birthDates) {
    const ymd = isoDate(+d.year, d.month ? +d.month : undefined, d.day ? +d.day : undefined);
    if (d.date) addBirthDates(b, d.date);
    else if (d.from && d.to) addBirthDates(b, `${d.from} to ${d.to}`);
    else if (d.year && ymd) b.birthDate(ymd);
    if (/^(true|1|yes)$/i.test(d.circa))
      b.remark([d.date, d.year].filter(Boolean).join(" ") || "yes", "Date of birth circa");
    b.remark(d.place, "Place of birth");
  }
  for (const i of e.identifications) {
    const code = i.code.toUpperCase();
    const country = isCountry(code)
      ? code
      : i.country && i.country.toUpperCase() !== "UNKNOWN"
        ? i.country
        : undefined;
    const type = i.description || i.type;
    b.identifier(type, i.number || i.latin, country);
    if (i.latin && i.number && i.latin !== i.number) b.identifier(type, i.latin, country);
  }
  b.identifier("EU reference", e.euReference);
  b.identifier("UN reference", e.unReference);
  for (const r of e.regulations) b.program(r.programme);
  b.url = e.regulations.find((r) => r.url)?.url ?? URL;
  b.remark(e.designationDate, "Designation date");
  b.remark(
    e.regulations
      .map((r) => r.numberTitle)
      .filter(Boolean)
      .join("; "),
    "Regulation",
  );
  for (const r of e.remarks) b.remark(r);
  out.add(b, where);
}
