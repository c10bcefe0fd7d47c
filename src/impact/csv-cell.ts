/**
 * One CSV cell as a spreadsheet will read it safely: a text starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return is prefixed with an apostrophe so that it is shown, not run as a formula (OWASP "CSV
 * injection"); numbers are written as they are; quotes, commas and line breaks are quoted. Pure.
 */
export function csvCell(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
