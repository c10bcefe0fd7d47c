/**
 * `tradectl check --lines FILE.csv`: the item lines of one shipment from a CSV with the columns the web form's
 * CSV import reads (src/app/item-columns.ts), the rest of the shipment from the command's options. Each line's
 * problems are named by the file and line ("items.csv line 3: quantity …"), as the web form names them, and a
 * problem of a field an option gave by the option (`--date: …`). Loaded only when --lines is given.
 */
import { transactionOf, type FlatTransaction } from "../policy/transactions.ts";
import { parse } from "csv-parse/sync";
import { BadInputError, type FieldProblem } from "../app/errors.ts";
import { delimiterOf, itemColumnOf, type ItemColumn } from "../app/item-columns.ts";
import { todayIn } from "../policy/dates.ts";

/** At most this many item lines per file (the check contract's limit per shipment is checked after). */
const MAX_LINES = 10_000;

export interface CsvItems {
  items: Record<string, unknown>[];
  /** The file's line number of each item (for problems the check names by `$.items[i]`). */
  lineOf: number[];
}

/** A number as a user writes it in a spreadsheet (1,000 or 12.5; full-width digits); else the text as given. */
function numberOrText(v: string): number | string {
  const s = v
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[,_\s]/g, "");
  const n = Number(s);
  return s !== "" && Number.isFinite(n) ? n : v;
}

export function itemsFromCsv(text: string, file: string): CsvItems {
  const body = text.replace(/^\uFEFF/, "");
  const delimiter = delimiterOf(body.split(/\r?\n/, 1)[0] ?? "");
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(body, {
      delimiter,
      skip_empty_lines: true,
      info: true,
      trim: true,
    }) as unknown as typeof rows;
  } catch (e) {
    throw new BadInputError([`${file}: malformed CSV: ${(e as Error).message}`]);
  }
  const [header, ...lines] = rows;
  if (!header) throw new BadInputError([`${file}: empty; the first line names the columns`]);
  const cols = header.record.map(itemColumnOf);
  if (!cols.includes("controlNumber") && !cols.includes("hsCode"))
    throw new BadInputError([
      `${file} line ${header.info.lines}: no controlNumber or hsCode column (columns: description, controlNumber, hsCode, quantity, unit, value, currency)`,
    ]);
  if (lines.length === 0) throw new BadInputError([`${file}: no item lines after the header`]);
  if (lines.length > MAX_LINES)
    throw new BadInputError([`${file}: ${lines.length} lines; at most ${MAX_LINES}`]);
  const problems: string[] = [];
  const items: Record<string, unknown>[] = [];
  const lineOf: number[] = [];
  for (const { record, info } of lines) {
    const at = `${file} line ${info.lines}`;
    const l: Partial<Record<ItemColumn, string>> = {};
    record.forEach((f, i) => {
      const c = cols[i];
      if (c && f !== "") l[c] = f;
    });
    if (!l.controlNumber && !l.hsCode) problems.push(`${at}: give a control number or an HS code`);
    const item: Record<string, unknown> = { id: String(items.length + 1) };
    if (l.description) item.description = l.description;
    if (l.controlNumber) item.controlNumber = l.controlNumber;
    else if (l.hsCode) item.controlNumber = null;
    if (l.hsCode) item.hsCode = l.hsCode;
    if (l.quantity !== undefined) item.quantity = numberOrText(l.quantity);
    if (l.unit) item.unit = l.unit;
    if (l.value !== undefined) item.value = numberOrText(l.value);
    if (l.currency) item.currency = l.currency.toUpperCase();
    items.push(item);
    lineOf.push(info.lines);
  }
  if (problems.length > 0) throw new BadInputError(problems);
  return { items, lineOf };
}

/** The option of `check --lines` that gave a shipment field. */
const OPTION_OF: Record<string, string> = {
  "$.regime": "--regime",
  "$.date": "--date",
  "$.destination": "--destination",
  "$.endUser.name": "--end-user",
  "$.endUser.country": "--end-user-country",
  "$.consignee.name": "--consignee",
  "$.consignee.country": "--consignee-country",
  "$.endUse.wmd": "--wmd",
  "$.endUse.military": "--military",
  "$.endUse.informed": "--informed",
  "$.endUse.redFlags": "--red-flags",
};

/**
 * A problem the check names by `$.items[i]…`, renamed to the file's line ("items.csv line 3: quantity must be a
 * number"); one of a field the options gave, to the option (`--date: …`).
 */
export function renameItemProblems(e: BadInputError, file: string, lineOf: number[]): BadInputError {
  const renamed: FieldProblem[] = e.problems.map((p) => {
    const option = OPTION_OF[p.path];
    if (option) return { path: option, message: p.message };
    const m = /^\$\.items\[(\d+)\]\.?(.*)$/.exec(p.path);
    const line = m ? lineOf[Number(m[1])] : undefined;
    if (!m || line === undefined) return p;
    const field = m[2] && !p.message.startsWith(m[2]) ? `: ${m[2]}` : "";
    return { path: "", message: `${file} line ${line}${field}: ${p.message}` };
  });
  return new BadInputError(renamed);
}

/** The options of `check --lines` that describe the shipment. */
export interface LinesOptions extends FlatTransaction {
  lines?: string;
  regime?: string;
  date?: string;
  destination?: string;
  endUser?: string;
  endUserCountry?: string;
  consignee?: string;
  consigneeCountry?: string;
  wmd?: string;
  military?: string;
  informed?: string;
  redFlags?: string;
  endUserListed?: boolean;
}

const list = (v: string | undefined) =>
  (v ?? "")
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * The shipment of `check --lines`: the options as the check contract's fields, the items from the CSV. The
 * contract's own validation names what is wrong (regime, date, country, knowledge) as for a JSON shipment; the
 * date defaults to today in the regime's time zone.
 */
export function shipmentFromOptions(
  o: LinesOptions,
  items: Record<string, unknown>[],
  timeZoneOf: (regime: string) => string,
): Record<string, unknown> {
  const missing = (["regime", "destination"] as const).filter((k) => !o[k]);
  if (missing.length > 0) throw new BadInputError(missing.map((k) => `--${k} is required with --lines`));
  const regime = o.regime!.toUpperCase();
  const destination = o.destination!.toUpperCase();
  const party = (name: string | undefined, country: string | undefined) =>
    name || country
      ? { ...(name ? { name } : {}), country: (country ?? destination).toUpperCase() }
      : undefined;
  const endUser = party(o.endUser, o.endUserCountry);
  const consignee = party(o.consignee, o.consigneeCountry);
  return {
    regime,
    // a technology transfer, brokering or transit: its facts from their options (the contract names what is wrong)
    ...transactionOf({ ...o, origin: o.origin?.toUpperCase() }, destination),
    date: o.date ?? todayIn(timeZoneOf(regime)),
    destination,
    ...(endUser ? { endUser } : {}),
    ...(consignee ? { consignee } : {}),
    endUse: {
      wmd: o.wmd ?? "none",
      military: o.military ?? "none",
      informed: list(o.informed),
      endUserListed: o.endUserListed ?? false,
      redFlags: list(o.redFlags),
    },
    items,
  };
}
