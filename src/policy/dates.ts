/**
 * Calendar dates as the law uses them: `YYYY-MM-DD` strings in the regime's own time zone.
 * They are compared as strings and never pass through a UTC `Date`, so no conversion can move a legal date.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date `YYYY-MM-DD`, checked for existence (no 2019-02-30). */
export type IsoDate = string;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Why `value` is not a valid calendar date, or `null` when it is one. */
export function dateProblem(value: unknown): string | null {
  if (typeof value !== "string") return "must be a date string YYYY-MM-DD";
  const m = ISO_DATE.exec(value);
  if (!m) return `"${value}" is not a date in the form YYYY-MM-DD`;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1) return `"${value}" has no year ${m[1]} (the calendar starts at year 0001)`;
  if (month < 1 || month > 12) return `"${value}" has no month ${month}`;
  if (day < 1 || day > daysInMonth(year, month)) return `"${value}" is not a calendar date (day ${day})`;
  return null;
}

export function isIsoDate(value: unknown): value is IsoDate {
  return dateProblem(value) === null;
}

/** True when `date` lies in the half-open period [from, to). `to` undefined means open-ended. */
export function inPeriod(date: IsoDate, from: IsoDate, to: IsoDate | undefined): boolean {
  return from <= date && (to === undefined || date < to);
}

/** True when the half-open periods [aFrom, aTo) and [bFrom, bTo) share a day. */
export function periodsOverlap(
  aFrom: IsoDate,
  aTo: IsoDate | undefined,
  bFrom: IsoDate,
  bTo: IsoDate | undefined,
): boolean {
  return (aTo === undefined || bFrom < aTo) && (bTo === undefined || aFrom < bTo);
}

/** The previous calendar day (used to print inclusive end dates). */
export function dayBefore(date: IsoDate): IsoDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  if (d > 1) return fmt(y, m, d - 1);
  if (m > 1) return fmt(y, m - 1, daysInMonth(y, m - 1));
  return fmt(y - 1, 12, 31);
}

/** The next calendar day. */
export function dayAfter(date: IsoDate): IsoDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  if (d < daysInMonth(y, m)) return fmt(y, m, d + 1);
  if (m < 12) return fmt(y, m + 1, 1);
  return fmt(y + 1, 1, 1);
}

function fmt(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Today's calendar date in an IANA time zone (e.g. `Asia/Tokyo`), whatever the machine's zone. */
export function todayIn(timeZone: string, now: Date = new Date()): IsoDate {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/**
 * The last day of a period of `months` months granted on `from` (a licence's validity; the web app's approval
 * form uses it too): counted from the next day, it ends the day
 * before the corresponding day of the last month, or on that month's last day when it has no such day.
 */
export function lastDayOf(from: string, months: number): string {
  const start = new Date(
    Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, Number(from.slice(8, 10)) + 1),
  );
  const day = start.getUTCDate();
  const target = start.getUTCMonth() + months;
  const year = start.getUTCFullYear() + Math.floor(target / 12);
  const month = target % 12; // 0-based
  const daysIn = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  // Calendar arithmetic only (UTC as a plain calendar, no time zone involved).
  const end =
    day <= daysIn ? new Date(Date.UTC(year, month, day - 1)) : new Date(Date.UTC(year, month, daysIn));
  return end.toISOString().slice(0, 10);
}
