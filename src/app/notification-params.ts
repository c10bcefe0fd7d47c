/**
 * The parameters every notification's words may use, each empty unless the notification gives it (shared by the
 * e-mails and the web app's list, so a missing one never prints as a placeholder). Pure, no imports.
 */
export const NOTIFICATION_PARAMS = [
  "applicant",
  "actor",
  "licenceType",
  "destination",
  "excerpt",
  "filename",
  "product",
  "entry",
] as const;

/** The notification's parameters with every known one present. */
export function withAllParams(
  params: Record<string, string>,
): Record<(typeof NOTIFICATION_PARAMS)[number], string> & Record<string, string> {
  const all: Record<string, string> = {};
  for (const k of NOTIFICATION_PARAMS) all[k] = "";
  return { ...all, ...params } as Record<(typeof NOTIFICATION_PARAMS)[number], string> &
    Record<string, string>;
}
