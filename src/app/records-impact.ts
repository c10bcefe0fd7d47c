/**
 * What-if on the organisation's own data: its recorded checks and open applications of a regime as impact
 * input lines (one per item, in the impact input's JSON shape), and its licences of that regime as the held
 * licences, so that a change is run against them with the same report as uploaded shipments.
 */
import type { ApplicationInput } from "../permits/model.ts";
import { listLicences, openApplicationsOf } from "../permits/service.ts";
import type { PolicySet } from "../policy/index.ts";
import { todayIn } from "../policy/index.ts";
import type { Db } from "../store/db.ts";
import type { Principal } from "../store/identity.ts";
import { recordedChecksOf } from "../store/checks.ts";
import { shipmentOfApplication } from "./application-shipment.ts";

interface ShipmentLike {
  regime?: unknown;
  date?: unknown;
  destination?: unknown;
  endUser?: { name?: unknown } | undefined;
  consignee?: { name?: unknown } | undefined;
  endUse?:
    | {
        wmd?: unknown;
        military?: unknown;
        informed?: unknown;
        endUserListed?: unknown;
        redFlags?: unknown;
      }
    | undefined;
  items?: unknown;
  kind?: unknown;
  technology?: { recipient?: unknown; place?: unknown; means?: unknown; exemption?: unknown } | undefined;
  brokering?: { origin?: unknown; destination?: unknown; exportLicence?: unknown } | undefined;
  transit?: { origin?: unknown; finalDestination?: unknown } | undefined;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** The items of one recorded shipment as impact lines (`id` says where each comes from). Pure. */
export function linesOfShipment(input: unknown, source: string): Record<string, unknown>[] {
  const s = (input ?? {}) as ShipmentLike;
  if (!Array.isArray(s.items)) return [];
  const e = s.endUse;
  const endUse: Record<string, unknown> = {};
  if (e) {
    if (str(e.wmd)) endUse.wmd = e.wmd;
    if (str(e.military)) endUse.military = e.military;
    if (Array.isArray(e.informed) && e.informed.length > 0) endUse.informed = e.informed.join(";");
    if (e.endUserListed === true) endUse.endUserListed = "true";
    if (Array.isArray(e.redFlags) && e.redFlags.length > 0) endUse.redFlags = e.redFlags.join(";");
  }
  const customer = str(s.endUser?.name) ?? str(s.consignee?.name);
  // a technology transfer, brokering or transit keeps its kind and facts (the impact columns of the same names)
  const kind = str(s.kind);
  const facts: Record<string, unknown> = {};
  if (kind && kind !== "goods") {
    facts.kind = kind;
    const t = s.technology;
    for (const k of ["recipient", "place", "means", "exemption"] as const) if (str(t?.[k])) facts[k] = t![k];
    const origin = str(s.brokering?.origin) ?? str(s.transit?.origin);
    if (origin) facts.origin = origin;
    if (s.brokering?.exportLicence === true) facts.exportLicence = "true";
  }
  const destination = s.destination ?? s.brokering?.destination ?? s.transit?.finalDestination;
  return (s.items as Record<string, unknown>[]).map((it, i) => {
    const line: Record<string, unknown> = {
      id: `${source}#${str(it.id) ?? String(i + 1)}`,
      date: s.date,
      destination,
      contract: source,
      ...endUse,
      ...facts,
    };
    if (customer) line.customer = customer;
    for (const k of ["controlNumber", "hsCode", "currency", "description", "unit"] as const) {
      const v = str(it[k]);
      if (v !== undefined) line[k] = v;
    }
    for (const k of ["value", "quantity"] as const) if (typeof it[k] === "number") line[k] = String(it[k]);
    return line;
  });
}

export interface OrganisationInput {
  /** Impact lines (JSON array text). */
  shipments: string;
  /** The organisation's licences of the regime, in the API's shape (JSON array text). */
  licences: string;
  checks: number;
  applications: number;
  lines: number;
  /** The recorded checks read stopped at the limit: only the newest were taken. */
  checksLimited: boolean;
}

/** Recorded checks read for a run at most (the newest). */
const CHECKS_LIMIT = 50_000;

/** The organisation's recorded checks and open applications of `regime`, and its licences, as impact input. */
export async function organisationInput(
  db: Db,
  policies: PolicySet,
  p: Principal,
  regime: string,
): Promise<OrganisationInput> {
  const lines: Record<string, unknown>[] = [];
  let checks = 0;
  const recorded = await recordedChecksOf(db, p.orgId, CHECKS_LIMIT);
  for (const c of recorded) {
    if ((c.input as ShipmentLike | null)?.regime !== regime) continue;
    checks++;
    lines.push(...linesOfShipment(c.input, `check ${c.id}`));
  }
  let applications = 0;
  for (const a of await openApplicationsOf(db, p.orgId)) {
    const content = a.content as ApplicationInput;
    if (content.regime !== regime) continue;
    applications++;
    lines.push(...linesOfShipment(shipmentOfApplication(content), `application ${a.id}`));
  }
  const today = (r: string) => todayIn(policies.get(r)!.regime.timeZone);
  const held = (await listLicences(db, p, today)).filter((l) => l.regime === regime && l.status === "active");
  return {
    shipments: JSON.stringify(lines),
    licences: JSON.stringify(held),
    checks,
    applications,
    lines: lines.length,
    checksLimited: recorded.length >= CHECKS_LIMIT,
  };
}
