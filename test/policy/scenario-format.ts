/**
 * The format of the YAML scenario tests beside each pack (`policy/<regime>/tests/*.yaml`): facts in (a
 * shipment, with file-level defaults), the expected answer out. Strict, like the packs themselves.
 */
import { z } from "zod";

const licenceDetail = z.strictObject({
  validity: z.string().optional(),
  reviewDays: z.number().optional(),
  documents: z.number().optional(),
});

export const expectation = z.strictObject({
  destinationGroups: z.array(z.string()).optional(),
  outcome: z.enum(["no-licence-required", "licence-required", "prohibited", "undetermined"]).optional(),
  basis: z
    .enum(["listed", "catch-all", "special-measure", "embargo", "approval", "transaction"])
    .nullable()
    .optional(),
  licenceOptions: z.array(z.string()).optional(),
  unverifiedLicenceOptions: z.array(z.string()).optional(),
  unverifiedIncludes: z.array(z.string()).optional(),
  unverifiedExcludes: z.array(z.string()).optional(),
  exemptions: z.array(z.string()).optional(),
  /** Fact ids that must be among the caveats; `[]` means no caveat at all. */
  caveats: z.array(z.string()).optional(),
  caveatsInclude: z.array(z.string()).optional(),
  traceIncludes: z.array(z.string()).optional(),
  traceExcludes: z.array(z.string()).optional(),
  /** Texts that some provision cited in the trace must contain (the article names in force on the date). */
  citesInclude: z.array(z.string()).optional(),
  citesExclude: z.array(z.string()).optional(),
  /** Texts that the `missing` statements of an undetermined line must contain. */
  missingIncludes: z.array(z.string()).optional(),
  /** The control-list entry the line is placed in (null: none). */
  entry: z.string().nullable().optional(),
  licenceDetails: z.record(z.string(), licenceDetail).optional(),
  error: z.string().optional(),
});

export const scenario = z.strictObject({
  name: z.string(),
  source: z.string().optional(),
  shipment: z.record(z.string(), z.unknown()),
  expect: expectation,
});

export const scenarioFile = z.strictObject({
  defaults: z.record(z.string(), z.unknown()).optional(),
  scenarios: z.array(scenario).min(1),
});

export type Scenario = z.infer<typeof scenario>;
export type ScenarioFile = z.infer<typeof scenarioFile>;
