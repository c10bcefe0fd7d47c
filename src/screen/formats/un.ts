/**
 * UN Security Council Consolidated List, the official XML (`<CONSOLIDATED_LIST dateGenerated=...>` with
 * INDIVIDUALS/INDIVIDUAL and ENTITIES/ENTITY; schema https://www.un.org/sc/resources/sc-sanctions.xsd),
 * format and list id `un`. Streamed with saxes, one record in memory at a time.
 *
 * One INDIVIDUAL or ENTITY = one entity, sourceId = DATAID. Mapped: FIRST_NAME..FOURTH_NAME (joined) as the
 * primary name, NAME_ORIGINAL_SCRIPT and the aliases (QUALITY `Low` = weak; `Good`, `a.k.a.`, `f.k.a.` or
 * none = alias), NATIONALITY and address COUNTRY (countries), addresses, INDIVIDUAL_DATE_OF_BIRTH (EXACT
 * DATE/YEAR, APPROXIMATELY YEAR, BETWEEN FROM_YEAR..TO_YEAR), INDIVIDUAL_DOCUMENT (type, number, issuing
 * country), REFERENCE_NUMBER (identifier `UN reference`), UN_LIST_TYPE (program). Remarks: COMMENTS1,
 * designations, titles, place of birth, listing date. `published` = the date of dateGenerated.
 */
import type { ImportResult } from "../entity.ts";
import {
  EntityBuilder,
  ResultCollector,
  addCountry,
  childText,
  childrenNamed,
  clean,
  parseDates,
  parseXmlRecords,
  type ParseOptions,
  type Source,
  type XmlNode,
} from "./common.ts";

const FORMAT = "un";
const URL = "https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list";

export async function parse(input: Source, options: ParseOptions = {}): Promise<ImportResult> {
  const out = new ResultCollector(FORMAT, FORMAT);
  let published: string | undefined;
  await parseXmlRecords(
    input,
    FORMAT,
    {
      root: "CONSOLIDATED_LIST",
      rootDescription: "the UN Security Council consolidated list XML",
      records: new Set(["INDIVIDUAL", "ENTITY"]),
      onRoot: (a) => {
        const d = /^\d{4}-\d{2}-\d{2}/.exec(a.dateGenerated ?? "");
        published = d?.[0];
      },
      onRecord: (node) => record(out, node),
    },
    options,
  );
  return out.result(published);
}

function values(node: XmlNode, name: string): string[] {
  return childrenNamed(node, name).flatMap((c) => childrenNamed(c, "VALUE").map((v) => clean(v.text)));
}

function record(out: ResultCollector, node: XmlNode): void {
  const person = node.name === "INDIVIDUAL";
  const dataId = childText(node, "DATAID");
  const where = dataId ? `DATAID ${dataId} (line ${node.line})` : `line ${node.line}`;
  if (!dataId) {
    out.skip(where, "no DATAID");
    return;
  }
  const b = new EntityBuilder(FORMAT, out.uniqueId(dataId), person ? "person" : "entity");
  const primary = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"]
    .map((n) => childText(node, n))
    .filter(Boolean)
    .join(" ");
  b.name(primary, "primary");
  b.name(childText(node, "NAME_ORIGINAL_SCRIPT"), "alias");
  for (const alias of childrenNamed(node, person ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS")) {
    const quality = childText(alias, "QUALITY").toLowerCase();
    b.name(childText(alias, "ALIAS_NAME"), quality === "low" ? "weak" : "alias");
  }
  for (const n of values(node, "NATIONALITY")) addCountry(b, n, "Nationality");
  for (const a of childrenNamed(node, person ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS")) {
    const parts = ["STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY"].map((n) => childText(a, n));
    b.address(parts.filter(Boolean).join(", "));
    addCountry(b, childText(a, "COUNTRY"), "Address country");
    b.remark(childText(a, "NOTE"), "Address note");
  }
  for (const d of childrenNamed(node, "INDIVIDUAL_DATE_OF_BIRTH")) birthDate(b, d);
  for (const p of childrenNamed(node, "INDIVIDUAL_PLACE_OF_BIRTH")) {
    const place = ["CITY", "STATE_PROVINCE", "COUNTRY"].map((n) => childText(p, n)).filter(Boolean);
    b.remark(place.join(", "), "Place of birth");
  }
  for (const doc of childrenNamed(node, "INDIVIDUAL_DOCUMENT")) {
    const type = [childText(doc, "TYPE_OF_DOCUMENT"), childText(doc, "TYPE_OF_DOCUMENT2")]
      .filter(Boolean)
      .join(" ");
    const country = childText(doc, "ISSUING_COUNTRY") || childText(doc, "COUNTRY_OF_ISSUE");
    b.identifier(type, childText(doc, "NUMBER"), country);
    b.remark(childText(doc, "NOTE"), `Document ${childText(doc, "NUMBER")}`.trim());
  }
  b.identifier("UN reference", childText(node, "REFERENCE_NUMBER"));
  b.program(childText(node, "UN_LIST_TYPE"));
  b.url = URL;
  b.remark(values(node, "TITLE").join("; "), "Title");
  b.remark(values(node, "DESIGNATION").join("; "), "Designation");
  b.remark(childText(node, "LISTED_ON"), "Listed on");
  b.remark(childText(node, "COMMENTS1"));
  out.add(b, where);
}

function birthDate(b: EntityBuilder, d: XmlNode): void {
  const type = childText(d, "TYPE_OF_DATE").toUpperCase();
  const date = childText(d, "DATE");
  const year = childText(d, "YEAR");
  const from = childText(d, "FROM_YEAR");
  const to = childText(d, "TO_YEAR");
  let dates: string[] = [];
  if (type === "BETWEEN" && from && to) dates = parseDates(`${from} to ${to}`);
  else if (date) dates = parseDates(date);
  else if (year) dates = parseDates(year);
  for (const x of dates) b.birthDate(x);
  const note = childText(d, "NOTE");
  if (type === "APPROXIMATELY" && dates.length > 0)
    b.remark(`approximately ${dates.join(", ")}`, "Date of birth");
  if (note) b.remark(note, "Date of birth note");
  if (dates.length === 0 && (date || year || from || to))
    b.remark([date, year, from, to].filter(Boolean).join(" "), "Date of birth as given");
}
