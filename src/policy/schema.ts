/**
 * The strict schema of a policy pack: every YAML file under `policy/<regime>/` (except `tests/`) is one
 * `PackFile`, whose top-level sections are merged. Unknown keys are errors; every dated fact carries an
 * inclusive `from`, an exclusive `to` (or none), an `evidence` tag and at least one citation.
 */
import { z } from "zod";
import { dateProblem } from "./dates.ts";

export const isoDate = z.string().superRefine((v, ctx) => {
  const problem = dateProblem(v);
  if (problem) ctx.addIssue({ code: "custom", message: `bad date: ${problem}` });
});

export const evidence = z.enum(["verified", "reported", "unverified"]);
export type Evidence = z.infer<typeof evidence>;

export const citation = z
  .strictObject({
    provision: z.string().min(1).optional(),
    url: z.url().optional(),
    note: z.string().optional(),
  })
  .refine((c) => c.provision !== undefined || c.url !== undefined, {
    message: "a citation needs a provision or a url",
  });
export type Citation = z.infer<typeof citation>;

const cites = z.array(citation).min(1, "at least one citation is required");

/** The fields every dated fact carries. */
export const datedFields = {
  from: isoDate,
  to: isoDate.optional(),
  evidence,
  cite: cites,
  note: z.string().optional(),
};

const countryCode = z.string().regex(/^[A-Z]{2}$/, "a country is an ISO 3166 alpha-2 code such as KR");
const id = z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}_.()-]*$/u, "an id is letters, digits, - _ . ( )");

/** Which destinations a rule concerns. All given conditions must hold; inside a list any one suffices. */
export const destinationSelector = z.strictObject({
  countries: z.array(countryCode).optional(),
  notCountries: z.array(countryCode).optional(),
  groups: z.array(z.string()).optional(),
  notGroups: z.array(z.string()).optional(),
  lists: z.array(id).optional(),
  notLists: z.array(id).optional(),
});
export type DestinationSelector = z.infer<typeof destinationSelector>;

/** Which item lines a rule concerns. */
export const itemSelector = z.strictObject({
  listed: z.boolean().optional(),
  parts: z.array(z.string()).optional(),
  notParts: z.array(z.string()).optional(),
  entries: z.array(z.string()).optional(),
  hsChapters: z
    .array(z.string().regex(/^\d{2}(-\d{2})?$/, "an HS chapter is NN or a range NN-NN"))
    .optional(),
});
export type ItemSelector = z.infer<typeof itemSelector>;

/** One fact about the end use that a trigger looks at; a `when` list is met when any one is. */
export const triggerAtom = z.union([
  z.strictObject({ wmd: z.array(z.enum(["suspected", "known"])).min(1) }),
  z.strictObject({ military: z.array(z.enum(["suspected", "known"])).min(1) }),
  z.strictObject({ informed: z.enum(["wmd", "conventional"]) }),
  z.strictObject({ endUserListed: z.literal(true) }),
  z.strictObject({ redFlag: z.literal("any") }),
  z.strictObject({ itemList: id }),
]);
export type TriggerAtom = z.infer<typeof triggerAtom>;

const regime = z.strictObject({
  id: z.string().regex(/^[A-Z]{2,3}$/),
  name: z.string(),
  timeZone: z.string(),
  dataFrom: isoDate,
  currency: z.string().regex(/^[A-Z]{3}$/),
  cite: cites,
  note: z.string().optional(),
});

const membership = z.strictObject({ countries: z.array(countryCode).min(1), ...datedFields });

const countryList = z.strictObject({
  id,
  name: z.string(),
  cite: cites,
  note: z.string().optional(),
  members: z.array(membership),
});

const group = z.strictObject({
  id: z.string().min(1),
  name: z.string(),
  within: z.string().optional(),
  /** Members are the countries on any of these lists; `default` takes every country no earlier group took. */
  lists: z.array(id).optional(),
  default: z.boolean().optional(),
  ...datedFields,
});

const part = z.strictObject({
  id: z.string().min(1),
  title: z.string(),
  listed: z.boolean(),
  regime: z.string().optional(),
  ...datedFields,
});

/** How a text was taken from its source: word for word, in other words, or translated. */
export const wording = z.enum(["quoted", "paraphrased", "translated"]);

const parameter = z.strictObject({
  name: z.string(),
  min: z.number().optional(),
  max: z.number().optional(),
  minExclusive: z.boolean().optional(),
  maxExclusive: z.boolean().optional(),
  unit: z.string(),
  text: z.string().optional(),
  // The fields below are optional, for the control-list search and parametric check (src/classify).
  /** A short machine name the item's parameters are given under (`wavelength`, `hf-content`). */
  key: z.string().optional(),
  /** Other names of the parameter (`HF concentration`), for matching what the user typed. */
  aliases: z.array(z.string()).optional(),
  /** The sub-item the threshold belongs to (`3C002.a.1`); without it, the threshold is the entry's own. */
  subItem: z.string().optional(),
  /** `range` (min and max), `min`, `max`, `equals` (a value or a yes/no condition), `cas` (a CAS number). */
  kind: z.enum(["range", "min", "max", "equals", "cas"]).optional(),
  /** For `equals`: the value the item must have (`positive`, `true`). */
  equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
  /** A threshold that changed has one parameter per period; without dates it follows its entry. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  evidence: evidence.optional(),
  cite: z.array(citation).optional(),
  note: z.string().optional(),
});

/** A sub-item of an entry (`3C002.a.1`, `1C350.24`): optional, read by the control-list search. */
const subItem = z.strictObject({
  number: z.string(),
  title: z.string(),
  text: z.string().optional(),
  wording: wording.optional(),
  aliases: z.array(z.string()).optional(),
  cas: z.array(z.string()).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  evidence: evidence.optional(),
  cite: z.array(citation).optional(),
  note: z.string().optional(),
});

const entry = z.strictObject({
  id,
  number: z.string().optional(),
  part: z.string(),
  title: z.string(),
  aliases: z.array(z.string()).optional(),
  cas: z.array(z.string()).optional(),
  parameters: z.array(parameter).optional(),
  /** Optional, read by the control-list search: the entry's text (heading and sub-items as worded). */
  text: z.string().optional(),
  /** How `title` and `text` were taken from the cited source. */
  wording: wording.optional(),
  /** The regime the entry comes from (WA, NSG, AG, MTCR, CWC). */
  regime: z.string().optional(),
  subItems: z.array(subItem).optional(),
  ...datedFields,
});

const numberMap = z.strictObject({
  pattern: z.string(),
  part: z.string(),
  ...datedFields,
});

/** One code of the list's numbering (a category digit, a group letter, a regime digit) and what it means. */
const numberingCode = z.strictObject({
  code: z.string().min(1),
  title: z.string(),
  aliases: z.array(z.string()).optional(),
  evidence,
  cite: cites,
  note: z.string().optional(),
});

/** An HS heading or subheading and the entries that may cover goods classified in it (not a classification). */
const hsMapEntry = z.strictObject({
  hs: z.string().regex(/^\d{4}(\d{2})?$/, "an HS code is 4 or 6 digits"),
  title: z.string(),
  entries: z.array(z.string().min(1)).min(1),
  ...datedFields,
});

const controlList = z.strictObject({
  name: z.string(),
  parts: z.array(part).optional(),
  entries: z.array(entry).optional(),
  numberMap: z.array(numberMap).optional(),
  /** Optional, read by the control-list search: the numbering's structure (categories, groups, regime digits). */
  numbering: z
    .strictObject({
      categories: z.array(numberingCode).optional(),
      groups: z.array(numberingCode).optional(),
      regimeDigits: z.array(numberingCode).optional(),
    })
    .optional(),
  /** Optional, read by the control-list search: HS codes mapped to the entries that may cover them. */
  hsMap: z.array(hsMapEntry).optional(),
});

const terms = z.strictObject({
  destinations: destinationSelector.optional(),
  validity: z.string().optional(),
  reviewDays: z.number().int().positive().optional(),
  documents: z.number().int().positive().optional(),
  conditions: z.string().optional(),
  ...datedFields,
});

const eligibility = z.strictObject({
  id,
  priority: z.number().int(),
  result: z.enum(["eligible", "not-eligible"]),
  items: itemSelector.optional(),
  destinations: destinationSelector.optional(),
  conditions: z.string().optional(),
  ...datedFields,
});

const licence = z.strictObject({
  id: z.string().regex(/^[a-z][a-z-]*$/),
  name: z.string(),
  rank: z.number().int(),
  /** `listed` licences cover list items; `catch-all` is the permit a triggered catch-all limb requires. */
  for: z.array(z.enum(["listed", "catch-all"])).min(1),
  cite: cites,
  terms: z.array(terms).optional(),
  eligibility: z.array(eligibility).optional(),
});

const embargo = z.strictObject({
  id,
  title: z.string(),
  destinations: destinationSelector,
  items: itemSelector.optional(),
  ...datedFields,
});

const measure = z.strictObject({
  id,
  title: z.string(),
  priority: z.number().int(),
  destinations: destinationSelector,
  items: itemSelector,
  effect: z.strictObject({
    only: z.array(z.string()).optional(),
    allow: z.array(z.string()).optional(),
    conditions: z.string().optional(),
    /** What the measure does to exemptions (e.g. small value): known to suspend them, or not known. */
    exemptions: z.enum(["suspended", "unaffected", "unknown"]).optional(),
  }),
  ...datedFields,
});

const scope = z.strictObject({
  id,
  hsChapters: z.array(z.string().regex(/^\d{2}(-\d{2})?$/)).optional(),
  allGoods: z.literal(true).optional(),
  ...datedFields,
});

const limb = z.strictObject({
  id,
  label: z.string(),
  limb: z.enum(["wmd", "conventional", "listed-items"]),
  trigger: z.enum(["objective", "know", "suspect", "inform", "listed-item"]),
  scope: id,
  destinations: destinationSelector,
  when: z.array(triggerAtom).min(1),
  permit: z.string(),
  policy: z.string().optional(),
  ...datedFields,
});

const itemListVersion = z.strictObject({ count: z.number().int().positive(), ...datedFields });
const itemListEntry = z.strictObject({
  hs: z.string().regex(/^\d{4,10}$/),
  title: z.string(),
  ...datedFields,
});
const itemList = z.strictObject({
  id,
  name: z.string(),
  versions: z.array(itemListVersion).min(1),
  entries: z.array(itemListEntry),
});

const exemption = z.strictObject({
  id,
  kind: z.enum(["small-value"]),
  title: z.string(),
  items: itemSelector,
  destinations: destinationSelector.optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  limit: z.number().positive().optional(),
  lowerLimits: z
    .array(z.strictObject({ items: itemSelector, limit: z.number().positive(), ...datedFields }))
    .optional(),
  unlessLimbs: z.array(id).optional(),
  /** `apply`: decides the line; `flag`: only mentioned as a possibility (its terms are unknown). */
  mode: z.enum(["apply", "flag"]),
  ...datedFields,
});

const redFlag = z.strictObject({
  id,
  number: z.number().int(),
  text: z.string(),
  english: z.string(),
  ...datedFields,
});

const countryName = z.strictObject({ country: countryCode, name: z.string(), cite: cites });

export const packFile = z.strictObject({
  /** Citations named once (as YAML anchors) and referred to by the facts below. */
  sources: z.array(citation).optional(),
  regime: regime.optional(),
  lists: z.array(countryList).optional(),
  groups: z.array(group).optional(),
  controlList: controlList.optional(),
  licences: z.array(licence).optional(),
  embargoes: z.array(embargo).optional(),
  measures: z.array(measure).optional(),
  catchAll: z.strictObject({ scopes: z.array(scope).optional(), limbs: z.array(limb).optional() }).optional(),
  itemLists: z.array(itemList).optional(),
  exemptions: z.array(exemption).optional(),
  redFlags: z.array(redFlag).optional(),
  countryNames: z.array(countryName).optional(),
});
export type PackFile = z.infer<typeof packFile>;
export type RegimeInfo = z.infer<typeof regime>;
export type CountryList = z.infer<typeof countryList>;
export type Membership = z.infer<typeof membership>;
export type Group = z.infer<typeof group>;
export type Part = z.infer<typeof part>;
export type Entry = z.infer<typeof entry>;
export type Parameter = z.infer<typeof parameter>;
export type SubItem = z.infer<typeof subItem>;
export type NumberingCode = z.infer<typeof numberingCode>;
export type HsMapEntry = z.infer<typeof hsMapEntry>;
export type Wording = z.infer<typeof wording>;
export type NumberMap = z.infer<typeof numberMap>;
export type ControlList = z.infer<typeof controlList>;
export type Licence = z.infer<typeof licence>;
export type Terms = z.infer<typeof terms>;
export type Eligibility = z.infer<typeof eligibility>;
export type Embargo = z.infer<typeof embargo>;
export type Measure = z.infer<typeof measure>;
export type Scope = z.infer<typeof scope>;
export type Limb = z.infer<typeof limb>;
export type ItemList = z.infer<typeof itemList>;
export type ItemListEntry = z.infer<typeof itemListEntry>;
export type Exemption = z.infer<typeof exemption>;
export type RedFlag = z.infer<typeof redFlag>;
export type CountryName = z.infer<typeof countryName>;

/** The fields shared by every dated fact, as the engine reads them. */
export interface Dated {
  from: string;
  to?: string | undefined;
  evidence: Evidence;
  cite: Citation[];
  note?: string | undefined;
}
