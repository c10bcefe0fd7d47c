/** The policy layer: the law as validated, dated data (schema, loader, snapshots, timelines, version hash). */
export { loadPolicy } from "./load.ts";
export { Policy, type TimelinePeriod } from "./policy.ts";
export { factRef, type FactRef, type PolicyData } from "./model.ts";
export { Snapshot, type GroupResolution } from "./snapshot.ts";
export { PolicyLoadError, NoPolicyDataError, formatProblem, type PolicyProblem } from "./errors.ts";
export { dateProblem, isIsoDate, inPeriod, todayIn, dayBefore, dayAfter, type IsoDate } from "./dates.ts";
export { isCountryCode, countryName } from "./countries.ts";
export type * from "./schema.ts";
export { loadPolicies, defaultPolicyRoot, type PolicySet } from "./registry.ts";
