/**
 * The licences an organisation holds, kept between checks while none of them changes (store/kept.ts). Every
 * change to a licence or its ledger (issued, status set, drawn down, corrected) announces itself on
 * `LICENCE_CHANNEL` in its transaction (service.ts).
 */
import type { Listen } from "../store/db.ts";
import { keptPerOrganisation } from "../store/kept.ts";
import type { HeldLicence } from "./ledger.ts";

export const LICENCE_CHANNEL = "tradectl_licences";

/** Reads an organisation's active licences of these regimes with what remains on each line. */
export type HeldLicencesSource = (orgId: string, regimes: string[]) => Promise<HeldLicence[]>;

/** `read` (all the organisation's active licences) kept per organisation; `regimes` filtered from the copy. */
export async function watchedHeldLicences(
  read: (orgId: string) => Promise<HeldLicence[]>,
  listen: Listen,
  now?: () => number,
): Promise<{ source: HeldLicencesSource; stop: () => Promise<void> }> {
  const kept = await keptPerOrganisation(LICENCE_CHANNEL, read, listen, now);
  return {
    source: async (orgId, regimes) =>
      regimes.length === 0 ? [] : (await kept.get(orgId)).filter((l) => regimes.includes(l.regime)),
    stop: () => kept.stop(),
  };
}
