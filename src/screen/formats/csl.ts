/**
 * US Consolidated Screening List (trade.gov), format id `csl`: the CSV download (header `_id, source,
 * entity_number, type, programs, name, ... ids`) and the JSON download/API shape (`{ "results": [ ... ] }`),
 * told apart by the first character. One row or result = one entity, sourceId `<sub-list>-<_id>` (e.g.
 * `SDN-21944`, `EL-4398d3...`), because the same OFAC entry can be on several sub-lists.
 *
 * Mapped: name, alt_names (aliases; the CSL marks none as weak), type (Individual/Entity/Vessel/Aircraft, empty
 * = unknown), programs, addresses (the trailing ISO code of each address gives a country), nationalities,
 * citizenships (ISO codes) and vessel flags as countries, dates_of_birth, ids (`[country, ]number, type`; informational pairs such as
 * `Male, Gender` go to the remarks), the entry's official page (see entryUrl). Remarks keep the sub-list, licence requirement and
 * policy, Federal Register notice, start/end dates, title, places of birth, vessel details and the list's own
 * remarks. Not mapped: anything else.
 */
import type { EntityType, ImportResult } from "../entity.ts";
import {
  EntityBuilder,
  ImportError,
  ResultCollector,
  addBirthDates,
  clean,
  csvRecords,
  peek,
  readAll,
  splitList,
  type ParseOptions,
  type Source,
} from "./common.ts";
import { toCountry } from "./countries.ts";

const FORMAT = "csl";
const LIST = "csl";

/** The columns of the trade.gov CSV that must be present. */
const REQUIRED = ["_id", "source", "name"] as const;

const TYPES: Record<string, EntityType> = {
  individual: "person",
  entity: "entity",
  vessel: "vessel",
  aircraft: "aircraft",
};

/** `ids` types that describe the entry rather than identify it: kept in the remarks. */
const INFO_TYPES =
  /^(Gender|Additional Sanctions Information|Secondary sanctions risk|Transactions Prohibited|Organization Established Date|Organization Type|Executive Order|Aircraft Manufacture Date|Aircraft Model|Aircraft Operator|Target Type|Former Vessel Flag|Other Vessel (Type|Flag)|Issuer Name|Effective Date|Listing Date|Purchase\/Sales|CAATSA|Nationality of Registration|Registration Country|IFCA|PEESA)/i;

/** One CSL entry, from the CSV row or the JSON result. */
interface CslRow {
  _id: string;
  source: string;
  /** OFAC's entry number, for the sub-lists OFAC administers (SDN, SSI, NS-CMIC …) */
  entity_number: string;
  type: string;
  programs: string[];
  name: string;
  title: string;
  addresses: { text: string; country?: string }[];
  federal_register_notice: string;
  start_date: string;
  end_date: string;
  license_requirement: string;
  license_policy: string;
  call_sign: string;
  vessel_type: string;
  vessel_flag: string;
  vessel_owner: string;
  remarks: string;
  source_list_url: string;
  source_information_url: string;
  alt_names: string[];
  citizenships: string[];
  dates_of_birth: string[];
  nationalities: string[];
  places_of_birth: string[];
  ids: { type: string; number: string; country?: string }[];
}

/** Parse the CSL CSV or JSON. */
export async function parse(input: Source, options: ParseOptions = {}): Promise<ImportResult> {
  const { head, source } = await peek(input, FORMAT, options);
  const first = head.trimStart()[0];
  if (first === "{" || first === "[") return parseJson(await readAll(source, FORMAT, options));
  if (first === "<") throw new ImportError(FORMAT, "line 1", "this is XML, not the CSL CSV or JSON");
  return parseCsv(source, options);
}

async function parseCsv(source: Source, options: ParseOptions): Promise<ImportResult> {
  const out = new ResultCollector(LIST, FORMAT);
  let header: string[] | undefined;
  for await (const { fields, line } of csvRecords(source, FORMAT, options)) {
    if (!header) {
      header = fields.map((f) => f.trim());
      const missing = REQUIRED.filter((c) => !header!.includes(c));
      if (missing.length > 0)
        throw new ImportError(
          FORMAT,
          "line 1",
          `not the CSL CSV: the header lacks ${missing.join(", ")} (expected _id, source, entity_number, type, programs, name, ...)`,
        );
      continue;
    }
    if (fields.length !== header.length) {
      out.skip(`line ${line}`, `expected ${header.length} fields, found ${fields.length}`);
      continue;
    }
    const cell: Record<string, string> = {};
    header.forEach((h, i) => (cell[h] = fields[i] ?? ""));
    const list = (k: string) => splitList(cell[k], "; ");
    const row: CslRow = {
      _id: clean(cell._id),
      source: clean(cell.source),
      entity_number: clean(cell.entity_number),
      type: clean(cell.type),
      programs: list("programs"),
      name: clean(cell.name),
      title: clean(cell.title),
      addresses: list("addresses").map((text) => ({ text })),
      federal_register_notice: clean(cell.federal_register_notice),
      start_date: clean(cell.start_date),
      end_date: clean(cell.end_date),
      license_requirement: clean(cell.license_requirement),
      license_policy: clean(cell.license_policy),
      call_sign: clean(cell.call_sign),
      vessel_type: clean(cell.vessel_type),
      vessel_flag: clean(cell.vessel_flag),
      vessel_owner: clean(cell.vessel_owner),
      remarks: clean(cell.remarks),
      source_list_url: clean(cell.source_list_url),
      source_information_url: clean(cell.source_information_url),
      alt_names: list("alt_names"),
      citizenships: list("citizenships"),
      dates_of_birth: list("dates_of_birth"),
      nationalities: list("nationalities"),
      places_of_birth: list("places_of_birth"),
      ids: list("ids").map(parseCsvId),
    };
    addRow(out, row, `line ${line}`);
  }
  if (!header) throw new ImportError(FORMAT, undefined, "the file is empty");
  return out.result();
}

/** Link shorteners: the CSL points every row of a sub-list to one short link of the list's page. */
const SHORT_LINK = /^https?:\/\/(bit\.ly|tinyurl\.com|t\.co|goo\.gl|ow\.ly)\//i;

/**
 * The official page of the entry itself, where the row says enough to link it: OFAC's Sanctions List Search
 * entry for a sub-list OFAC administers (by its entity number), else the Federal Register notice that listed
 * it (the CSL gives the citation, e.g. "87 FR 20299"), else a non-shortened link the row gives; never the
 * short link every row of a sub-list shares.
 */
export function entryUrl(
  row: Pick<
    CslRow,
    "source" | "entity_number" | "federal_register_notice" | "source_list_url" | "source_information_url"
  >,
): string | undefined {
  if (/^\d+$/.test(row.entity_number) && /treasury/i.test(row.source))
    return `https://sanctionssearch.ofac.treas.gov/Details.aspx?id=${row.entity_number}`;
  const fr = /(\d{1,3})\s*F\.?\s?R\.?\s*(\d{1,6})/.exec(row.federal_register_notice);
  if (fr) return `https://www.federalregister.gov/citation/${fr[1]}-FR-${fr[2]}`;
  for (const u of [row.source_information_url, row.source_list_url])
    if (u && /^https?:\/\//i.test(u) && !SHORT_LINK.test(u)) return u;
  return undefined;
}

/** `CA, BC166787, Passport` → country, number, type; `IMO 9542518, Vessel Registration Identification` → number, type. */
function parseCsvId(text: string): CslRow["ids"][number] {
  const parts = text.split(", ");
  if (parts.length === 1) return { type: "", number: text };
  const type = parts.pop()!;
  if (parts.length >= 2 && /^[A-Z]{2}$/.test(parts[0]!) && toCountry(parts[0])) {
    const country = parts.shift()!;
    return { type, number: parts.join(", "), country };
  }
  return { type, number: parts.join(", ") };
}

function parseJson(text: string): ImportResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ImportError(FORMAT, undefined, `malformed JSON: ${(e as Error).message}`);
  }
  const results = Array.isArray(doc) ? doc : (doc as { results?: unknown } | null)?.results;
  if (!Array.isArray(results))
    throw new ImportError(FORMAT, undefined, 'not the CSL JSON: expected { "results": [ ... ] }');
  const out = new ResultCollector(LIST, FORMAT);
  const str = (v: unknown): string =>
    typeof v === "string" || typeof v === "number" ? clean(String(v)) : "";
  const strs = (v: unknown): string[] =>
    Array.isArray(v) ? v.map(str).filter(Boolean) : typeof v === "string" ? splitList(v, "; ") : [];
  results.forEach((r: unknown, i: number) => {
    const record = `results[${i}]`;
    if (!r || typeof r !== "object") {
      out.skip(record, "not an object");
      return;
    }
    const o = r as Record<string, unknown>;
    const addresses = Array.isArray(o.addresses)
      ? (o.addresses as unknown[]).map((a) => {
          const x = (a ?? {}) as Record<string, unknown>;
          const parts = [x.address, x.city, x.state ?? x.state_or_province, x.postal_code, x.country].map(
            str,
          );
          return { text: parts.filter(Boolean).join(", "), country: str(x.country) };
        })
      : [];
    const ids = Array.isArray(o.ids)
      ? (o.ids as unknown[]).map((a) => {
          const x = (a ?? {}) as Record<string, unknown>;
          return { type: str(x.type), number: str(x.number), country: str(x.country) };
        })
      : [];
    addRow(
      out,
      {
        _id: str(o.id ?? o._id),
        source: str(o.source),
        entity_number: str(o.entity_number),
        type: str(o.type),
        programs: strs(o.programs),
        name: str(o.name),
        title: str(o.title),
        addresses,
        federal_register_notice: str(o.federal_register_notice),
        start_date: str(o.start_date),
        end_date: str(o.end_date),
        license_requirement: str(o.license_requirement),
        license_policy: str(o.license_policy),
        call_sign: str(o.call_sign),
        vessel_type: str(o.vessel_type),
        vessel_flag: str(o.vessel_flag),
        vessel_owner: str(o.vessel_owner),
        remarks: str(o.remarks),
        source_list_url: str(o.source_list_url),
        source_information_url: str(o.source_information_url),
        alt_names: strs(o.alt_names),
        citizenships: strs(o.citizenships),
        dates_of_birth: strs(o.dates_of_birth),
        nationalities: strs(o.nationalities),
        places_of_birth: strs(o.places_of_birth),
        ids,
      },
      o.id || o._id ? `results[${i}] (id ${str(o.id ?? o._id)})` : record,
    );
  });
  const d = doc as { sources_used?: { source_last_updated?: unknown }[] };
  const dates = (Array.isArray(d.sources_used) ? d.sources_used : [])
    .map((s) => str(s?.source_last_updated).slice(0, 10))
    .filter((s) => /^\d{4}-\d{2}-\d{2}$/.test(s))
    .sort();
  return out.result(dates.at(-1));
}

/** The sub-list's short name: `Entity List (EL) - Bureau of Industry and Security` → `EL`. */
export function subList(source: string): string {
  const m = /\(([^()]+)\)/.exec(source);
  const abbr = (m ? m[1]! : source).replace(/\s+List$/i, "").trim();
  return abbr.replace(/[^A-Za-z0-9-]+/g, "-") || "CSL";
}

function addRow(out: ResultCollector, row: CslRow, record: string): void {
  if (!row._id) {
    out.skip(record, "no _id");
    return;
  }
  if (!row.name) {
    out.skip(record, "no name");
    return;
  }
  const t = row.type.toLowerCase();
  const type = TYPES[t];
  if (t && !type) {
    out.skip(record, `unknown type "${row.type}"`);
    return;
  }
  const sub = subList(row.source);
  const b = new EntityBuilder(LIST, out.uniqueId(`${sub}-${row._id}`), type ?? "unknown");
  b.remark(row.source, "Source");
  b.name(row.name, "primary");
  for (const alias of row.alt_names) b.name(alias, "alias");
  for (const c of [...row.nationalities, ...row.citizenships]) b.country(c);
  b.country(row.vessel_flag);
  for (const a of row.addresses) {
    b.address(a.text);
    const tail = a.country || a.text.split(",").at(-1);
    b.country(tail);
  }
  for (const d of row.dates_of_birth) addBirthDates(b, d);
  for (const p of row.programs) b.program(p);
  for (const id of row.ids) {
    if (INFO_TYPES.test(id.type)) b.remark(id.number, id.type.replace(/[\s:-]+$/, ""));
    else b.identifier(id.type, id.number, id.country);
  }
  if (row.call_sign) b.identifier("Call Sign", row.call_sign);
  b.url = entryUrl(row);
  const shortLinks = [row.source_list_url, row.source_information_url].filter((u) => u && SHORT_LINK.test(u));
  if (!b.url && shortLinks.length > 0) b.remark([...new Set(shortLinks)].join(" "), "List page (short link)");
  b.remark(row.title, "Title");
  b.remark(row.license_requirement, "License requirement");
  b.remark(row.license_policy, "License policy");
  b.remark(row.federal_register_notice, "Federal Register notice");
  b.remark(row.start_date, "Start date");
  b.remark(row.end_date, "End date");
  b.remark(row.places_of_birth.join("; "), "Place of birth");
  b.remark(row.vessel_type, "Vessel type");
  b.remark(row.vessel_flag, "Vessel flag");
  b.remark(row.vessel_owner, "Vessel owner");
  b.remark(row.remarks, "Remarks");
  out.add(b, record);
}
