/**
 * BIS Denied Persons List, the tab-separated text file (`dpl.txt`: quoted fields, header Name, Street_Address,
 * City, State, Country, Postal_Code, Effective_Date, Expiration_Date, Standard_Order, Last_Update, Action,
 * FR_Citation), format and list id `dpl`.
 *
 * One row = one entity. The DPL has no ids of its own: sourceId is a short hash of name, address and
 * effective date, so it stays stable while the row does (the same person at two addresses is two rows, as in
 * the list). The DPL does not say whether a party is a person or a company: type `unknown`. Country is an
 * ISO code in the file (often empty for US addresses; never filled in). Remarks: effective and expiration
 * dates (mm/dd/yyyy in the file, given as YYYY-MM-DD), standard order, last update, action, FR citation.
 */
import { createHash } from "node:crypto";
import type { ImportResult } from "../entity.ts";
import {
  EntityBuilder,
  ImportError,
  ResultCollector,
  addCountry,
  clean,
  csvRecords,
  parseDates,
  type ParseOptions,
  type Source,
} from "./common.ts";

const FORMAT = "dpl";
const URL =
  "https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/denied-persons-list";
const COLUMNS = [
  "Name",
  "Street_Address",
  "City",
  "State",
  "Country",
  "Postal_Code",
  "Effective_Date",
  "Expiration_Date",
  "Standard_Order",
  "Last_Update",
  "Action",
  "FR_Citation",
] as const;
const REQUIRED = ["Name", "Street_Address", "Country", "Effective_Date"] as const;

export async function parse(input: Source, options: ParseOptions = {}): Promise<ImportResult> {
  const out = new ResultCollector(FORMAT, FORMAT);
  let index: Record<string, number> | undefined;
  let width = 0;
  for await (const { fields, line } of csvRecords(input, FORMAT, { ...options, delimiter: "\t" })) {
    if (!index) {
      const header = fields.map((f) => f.trim());
      const missing = REQUIRED.filter((c) => !header.includes(c));
      if (missing.length > 0)
        throw new ImportError(
          FORMAT,
          "line 1",
          `not the BIS Denied Persons List (tab-separated with the header ${COLUMNS.join(", ")}): the header lacks ${missing.join(", ")}`,
        );
      index = Object.fromEntries(header.map((h, i) => [h, i]));
      width = header.length;
      continue;
    }
    const where = `line ${line}`;
    if (fields.length !== width) {
      out.skip(where, `expected ${width} tab-separated fields, found ${fields.length}`);
      continue;
    }
    const get = (c: (typeof COLUMNS)[number]) => clean(index![c] === undefined ? "" : fields[index![c]!]);
    const name = get("Name");
    if (!name) {
      out.skip(where, "no name");
      continue;
    }
    const key = [
      "Name",
      "Street_Address",
      "City",
      "State",
      "Country",
      "Postal_Code",
      "Effective_Date",
    ] as const;
    const hash = createHash("sha256")
      .update(key.map((c) => get(c).toUpperCase()).join("\u001f"))
      .digest("hex")
      .slice(0, 16);
    const b = new EntityBuilder(FORMAT, out.uniqueId(hash), "unknown");
    b.name(name, "primary");
    const address = [get("Street_Address"), get("City"), get("State"), get("Postal_Code"), get("Country")];
    b.address(address.filter(Boolean).join(", "));
    addCountry(b, get("Country"), "Country");
    b.url = URL;
    const date = (c: "Effective_Date" | "Expiration_Date" | "Last_Update") => {
      const raw = get(c);
      return parseDates(raw, "mdy")[0] ?? raw;
    };
    b.remark(date("Effective_Date"), "Effective date");
    b.remark(date("Expiration_Date"), "Expiration date");
    b.remark(get("Standard_Order"), "Standard order");
    b.remark(date("Last_Update"), "Last update");
    b.remark(get("Action"), "Action");
    b.remark(get("FR_Citation"), "FR citation");
    out.add(b, where);
  }
  if (!index) throw new ImportError(FORMAT, undefined, "the file is empty");
  return out.result();
}
