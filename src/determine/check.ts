/** One call from raw input to result: validate the shipment, take the snapshot for its date, decide. */
import { NoPolicyDataError } from "../policy/errors.ts";
import type { PolicySet } from "../policy/registry.ts";
import { decideShipment } from "./transaction.ts";
import { parseShipment, type InputProblem } from "./shipment.ts";
import type { CheckResult } from "./types.ts";

export type CheckOutcome = { ok: true; result: CheckResult } | { ok: false; problems: InputProblem[] };

export function check(policies: PolicySet, input: unknown): CheckOutcome {
  const parsed = parseShipment(input, policies);
  if (!parsed.ok) return parsed;
  const policy = policies.get(parsed.shipment.regime)!;
  try {
    return {
      ok: true,
      result: decideShipment(policy.asOf(parsed.shipment.date), parsed.shipment, policy.version),
    };
  } catch (e) {
    if (e instanceof NoPolicyDataError)
      return { ok: false, problems: [{ path: "$.date", message: e.message }] };
    throw e;
  }
}
