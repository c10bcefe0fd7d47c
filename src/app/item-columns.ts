/**
 * The columns of an item-lines CSV, shared by the web form's CSV import and `tradectl check --lines`: a header
 * names each column (any order; case, spaces, `_` and `-` do not count), and these names are understood. Pure,
 * no imports: the browser bundles it too.
 */

export type ItemColumn =
  "description" | "controlNumber" | "hsCode" | "quantity" | "unit" | "value" | "currency";

export const ITEM_COLUMNS: Readonly<Record<string, ItemColumn>> = {
  description: "description",
  desc: "description",
  item: "description",
  controlnumber: "controlNumber",
  control: "controlNumber",
  eccn: "controlNumber",
  hscode: "hsCode",
  hs: "hsCode",
  quantity: "quantity",
  qty: "quantity",
  unit: "unit",
  value: "value",
  currency: "currency",
};

/** The column a header cell names, or undefined (an unknown column is ignored). */
export const itemColumnOf = (header: string): ItemColumn | undefined =>
  ITEM_COLUMNS[
    header
      .trim()
      .toLowerCase()
      .replace(/[\s_-]/g, "")
  ];

/** The delimiter of a CSV by its header line: comma, else tab, else semicolon. */
export function delimiterOf(headerLine: string): "," | "\t" | ";" {
  return headerLine.includes(",")
    ? ","
    : headerLine.includes("\t")
      ? "\t"
      : headerLine.includes(";")
        ? ";"
        : ",";
}
