/**
 * Server problem messages in the user's language. The server writes English sentences (problem+json
 * `detail` and `errors[].message`); the known ones are matched here and rendered from the translations with
 * their values; an unknown one is shown as the server wrote it, marked as such.
 */
import type { TFunction } from "i18next";
import { ApiError } from "./api.ts";

const patterns: [RegExp, string, string[]][] = [
  [/^"([^"]*)" is not a calendar date/, "msg.notCalendarDate", ["value"]],
  [/^"([^"]*)" has no month/, "msg.notCalendarDate", ["value"]],
  [/^"([^"]*)" is not a date in the form YYYY-MM-DD/, "msg.dateFormat", ["value"]],
  [/must be a (?:calendar )?date(?: string)? YYYY-MM-DD/, "msg.dateFormat", []],
  [/^no policy data before (\S+) for regime (\S+)/, "msg.noPolicyData", ["from", "regime"]],
  [/unknown country code "([^"]*)"/, "msg.unknownCountry", ["value"]],
  [/unknown country code/, "msg.unknownCountry", []],
  [/an HS code has 6 to 10 digits/, "msg.hsCode", []],
  [/^"([^"]*)" is not a control number/, "msg.controlNumber", ["value"]],
  [/an item needs a controlNumber or an hsCode/, "msg.needControlOrHs", []],
  [/a shipment needs at least one item/, "msg.needItem", []],
  [/^unknown regime "([^"]*)"/, "msg.unknownRegime", ["value"]],
  [/the destination is the exporting country (\S+)/, "msg.destinationIsExporter", ["regime"]],
  [/^regime (\S+) defines no red flags/, "msg.noRedFlags", ["regime"]],
  [/^unknown red flag "([^"]*)"/, "msg.unknownRedFlag", ["value"]],
  [/^(\w+) must be a number/, "msg.mustBeNumber", ["field"]],
  [/a currency is an ISO 4217 code/, "msg.currency", []],
  [/Invalid option: expected one of (.*)$/, "msg.invalidOption", ["options"]],
  [/^is required$|received undefined|^Required$/, "msg.required", []],
  [/Too small: expected string to have >=1 characters|the name is empty/, "msg.required", []],
  [/Too small: expected number to be >0/, "msg.positive", []],
  [/Too small: expected number to be >=0/, "msg.nonNegative", []],
  [/Invalid input: expected number/, "msg.mustBeNumber", []],
  [/Invalid email|Invalid input: expected email/i, "msg.email", []],
  [/^"([^"]*)" has no letters or digits/, "msg.noLetters", ["value"]],
  [/^"([^"]*)" is only legal-form words/, "msg.onlyLegalForms", ["value"]],
  [/^"([^"]*)" has only legal-form, generic or connecting words/, "msg.nothingDistinctive", ["value"]],
  [/no restricted-party lists are imported/, "msg.noLists", []],
  [/screening is not configured/, "msg.noLists", []],
  [/wrong e-mail or password/, "msg.badLogin", []],
  [/^authentication required/, "msg.unauthenticated", []],
  [/^drawdown refused: (.*)$/, "msg.drawdownRefused", ["detail"]],
  [/^cannot (\S+) an application that is (\S+)/, "msg.badState", ["action", "state"]],
  [/^(\S+) is for (.+); you are (\S+)$/, "msg.wrongRole", ["action", "roles", "role"]],
  [/validUntil .*is before validFrom|^before validFrom$/, "msg.untilBeforeFrom", []],
  [/licence number (\S+) is registered already/, "msg.duplicateLicenceNumber", ["number"]],
  [/^rate limit/, "msg.rateLimited", []],
  [/a user (\S+) exists already/, "msg.userExists", ["email"]],
  [/^no (?:application|licence|check) /, "msg.notFound", []],
  [/^unknown licence type "([^"]*)"/, "msg.unknownLicenceType", ["value"]],
  [
    /^the shipment is invalid$|the request body is invalid|the application cannot be checked/,
    "msg.invalid",
    [],
  ],
  [/^the screening request is invalid$/, "msg.invalid", []],
  [/^a product could not be resolved/, "msg.invalid", []],
];

export interface Translated {
  text: string;
  /** True when no translation was found and the server's English words are shown. */
  original: boolean;
}

/** One server sentence in the user's language (or as written, flagged). */
export function translateMessage(message: string, t: TFunction): Translated {
  for (const [re, key, names] of patterns) {
    const m = re.exec(message);
    if (m) {
      const values: Record<string, string> = {};
      names.forEach((n, i) => (values[n] = m[i + 1] ?? ""));
      return { text: t(key, values), original: false };
    }
  }
  return { text: message, original: true };
}

/** The headline of a failed request in the user's language. */
export function errorHeadline(e: unknown, t: TFunction): string {
  if (!(e instanceof ApiError)) return t("err.unexpected");
  switch (e.status) {
    case 0:
      return t("err.network");
    case 400:
      return t("err.badRequest");
    case 401:
      return t("err.unauthorised");
    case 403:
      return t("err.forbidden");
    case 404:
      return t("err.notFound");
    case 409:
      return t("err.conflict");
    case 413:
      return t("err.tooLarge");
    case 422:
      return t("err.unprocessable");
    case 429:
      return t("err.rateLimited");
    default:
      return e.status >= 500 ? t("err.server") : t("err.badRequest");
  }
}
