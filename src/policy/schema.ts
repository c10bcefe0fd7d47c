/**
 * The strict schema of a policy pack: every YAML file under `policy/<regime>/` (except `tests/`) is one
 * `PackFile`, whose top-level sections are merged. Unknown keys are errors; every dated fact carries an
 * inclusive `from`, an exclusive `to` (or none), an `evidence` tag and at least one citation.
 */
import { z } from "zod";
import { dateProblem } from "./dates.ts";
import {
  TECHNOLOGY_EXEMPTIONS,
  TECHNOLOGY_MEANS,
  TECHNOLOGY_PLACES,
  type TransactionKind,
} from "./transactions.ts";

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
    /** The provision's words, quoted verbatim in the law's own language (from the official text). */
    quote: z.string().min(1).optional(),
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

/** The dated fields of a rule that may instead give its `periods` (one id, values dated per period). */
const optionalDated = {
  from: isoDate.optional(),
  to: isoDate.optional(),
  evidence: evidence.optional(),
  cite: cites.optional(),
  note: z.string().optional(),
};

/**
 * A rule's dated values: each period states its dates, evidence and citations (the article names in force
 * then) and may restate any of `overridable` fields of the rule for that period.
 */
function periodsOf<S extends z.ZodRawShape>(overridable: S) {
  return z
    .array(z.strictObject({ ...datedFields, ...overridable }))
    .min(1, "periods needs at least one period")
    .optional();
}

/** A rule gives its dates either at the top (one period) or in `periods`, not both. */
function datesOnceRule(v: Record<string, unknown>, ctx: z.RefinementCtx): void {
  if (v["periods"] !== undefined) {
    for (const k of ["from", "to", "evidence", "cite"])
      if (v[k] !== undefined)
        ctx.addIssue({
          code: "custom",
          path: [k],
          message: `"${k}" belongs in each period when periods are given`,
        });
  } else
    for (const k of ["from", "evidence", "cite"])
      if (v[k] === undefined)
        ctx.addIssue({ code: "custom", path: [k], message: `missing required key "${k}"` });
}

/** Which rules a labelled exception overrides (one id or several). */
const overrides = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional();

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
  /** HS headings or subheadings (4 to 10 digits, or a range of headings NNNN-NNNN) the line's HS code starts with. */
  hs: z
    .array(z.string().regex(/^(\d{4,10}|\d{4}-\d{4})$/, "an HS code is 4 to 10 digits, or a range NNNN-NNNN"))
    .optional(),
  /** HS codes the line's HS code must not start with (same forms as `hs`). */
  notHs: z
    .array(z.string().regex(/^(\d{4,10}|\d{4}-\d{4})$/, "an HS code is 4 to 10 digits, or a range NNNN-NNNN"))
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
  /** Met whatever the end use (a rule that applies to the goods and destination alone). */
  z.strictObject({ regardless: z.literal(true) }),
]);
export type TriggerAtom = z.infer<typeof triggerAtom>;

const regime = z.strictObject({
  id: z.string().regex(/^[A-Z]{2,3}$/),
  name: z.string(),
  timeZone: z.string(),
  dataFrom: isoDate,
  currency: z.string().regex(/^[A-Z]{3}$/),
  /** The last date to which the pack's law was checked against the sources: later changes are not known. */
  reviewedThrough: isoDate,
  /**
   * The primary sources (host, or host/path prefix) a `verified` fact must cite at least one of: the legal
   * texts and the official notices and releases of the regime's authorities.
   */
  primarySources: z
    .array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}(\/\S*)?$/, "a host or host/path prefix"))
    .min(1),
  /** How long a classification (Korea's 판정) stays valid, dated: absent where the law sets no term. */
  classificationValidity: z
    .array(z.strictObject({ days: z.number().int().positive(), ...datedFields }))
    .optional(),
  /**
   * Where an exporter may ask the authority to classify a product (Korea's 전문판정), dated: the procedure's
   * name in the law's language, the authority that answers, and the days it has to answer (absent: no term).
   */
  classificationRequests: z
    .array(
      z.strictObject({
        procedure: z.string().min(1),
        authority: z.string().min(1),
        decisionDays: z.number().int().positive().optional(),
        ...datedFields,
      }),
    )
    .optional(),
  /**
   * The regime's own end-user lists (Japan's 外国ユーザーリスト): an imported list whose match of the end user sets
   * the end-use fact `endUserListed`, with the entry and the list version cited in the trace.
   */
  endUserLists: z
    .array(
      z.strictObject({
        list: z.string().min(1),
        name: z.string().min(1),
        cite: cites,
        note: z.string().optional(),
      }),
    )
    .optional(),
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

const group = z
  .strictObject({
    id: z.string().min(1),
    name: z.string(),
    within: z.string().optional(),
    /** Members are the countries on any of these lists; `default` takes every country no earlier group took. */
    lists: z.array(id).optional(),
    default: z.boolean().optional(),
    ...optionalDated,
    periods: periodsOf({ name: z.string().optional(), lists: z.array(id).optional() }),
  })
  .superRefine(datesOnceRule);

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
  /**
   * HS codes (prefixes) of the entry's goods, for an entry that is one item of a row or of a parent number
   * (hydrogen fluoride in row 3(1) / 1C350): a line named only by the row or the parent is this entry when
   * its HS code is one of these, and only may be when it has no HS code.
   */
  hsCodes: z
    .array(z.string().regex(/^\d{4,10}$/, "an HS code is 4 to 10 digits"))
    .min(1)
    .optional(),
  /**
   * The entry is one item of its row (row 5(17) is fluorinated polyimide or fluorinated phosphazene): a line
   * named only by the row may be this entry, and is not shown to be it.
   */
  partOfRow: z.literal(true).optional(),
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
  /** The list's legal name: given by exactly one of the files that hold parts of the list. */
  name: z.string().optional(),
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
  /** The longest validity `validity` states, in months: an approval's default and bound (longer needs an override). */
  validityMonths: z.number().int().positive().max(120).optional(),
  reviewDays: z.number().int().positive().optional(),
  documents: z.number().int().positive().optional(),
  conditions: z.string().optional(),
  ...datedFields,
});

const eligibilityFields = {
  result: z.enum(["eligible", "not-eligible"]),
  items: itemSelector.optional(),
  destinations: destinationSelector.optional(),
  conditions: z.string().optional(),
};
/** One eligibility rule with its dates at the top (the form an overlay adds). */
export const eligibilityRule = z.strictObject({ id, overrides, ...eligibilityFields, ...datedFields });
const eligibility = z
  .strictObject({
    id,
    /** The rules this one is an exception to: where both apply, this one decides. */
    overrides,
    ...eligibilityFields,
    ...optionalDated,
    periods: periodsOf({
      result: eligibilityFields.result.optional(),
      items: itemSelector.optional(),
      destinations: destinationSelector.optional(),
      conditions: z.string().optional(),
    }),
  })
  .superRefine(datesOnceRule);

const licence = z.strictObject({
  id: z.string().regex(/^[a-z][a-z-]*$/),
  name: z.string(),
  rank: z.number().int(),
  /**
   * `listed` licences cover list items; `catch-all` is the permit a triggered catch-all limb requires;
   * `technology`, `brokering` and `transit` permits are those the transaction rules name.
   */
  for: z.array(z.enum(["listed", "catch-all", "technology", "brokering", "transit"])).min(1),
  cite: cites,
  terms: z.array(terms).optional(),
  eligibility: z.array(eligibility).optional(),
});

const embargo = z
  .strictObject({
    id,
    title: z.string(),
    destinations: destinationSelector,
    items: itemSelector.optional(),
    /**
     * `prohibited` (the default): no licence can be had. `approval`: an approval under another law is required
     * (`permit`, e.g. Korea's 반출승인 for North Korea), so the answer is licence-required with that permit.
     */
    effect: z.enum(["prohibited", "approval"]).optional(),
    permit: z.string().optional(),
    ...optionalDated,
    periods: periodsOf({
      title: z.string().optional(),
      destinations: destinationSelector.optional(),
      items: itemSelector.optional(),
    }),
  })
  .superRefine(datesOnceRule);

const measureEffect = z.strictObject({
  only: z.array(z.string()).optional(),
  allow: z.array(z.string()).optional(),
  conditions: z.string().optional(),
  /** What the measure does to exemptions (e.g. small value): known to suspend them, or not known. */
  exemptions: z.enum(["suspended", "unaffected", "unknown"]).optional(),
});
const measure = z
  .strictObject({
    id,
    title: z.string(),
    /** The measures this one is an exception to: it is applied after them and has the last word. */
    overrides,
    destinations: destinationSelector,
    items: itemSelector,
    effect: measureEffect,
    ...optionalDated,
    periods: periodsOf({
      title: z.string().optional(),
      destinations: destinationSelector.optional(),
      items: itemSelector.optional(),
      effect: measureEffect.optional(),
    }),
  })
  .superRefine(datesOnceRule);

/**
 * A caution: a rule whose application depends on a fact the shipment does not state (e.g. whether a party is
 * one METI designates by notice); it adds a caveat and a trace step saying what to check, and changes nothing.
 */
const caution = z
  .strictObject({
    id,
    title: z.string(),
    destinations: destinationSelector,
    items: itemSelector.optional(),
    message: z.string().min(1),
    ...optionalDated,
    periods: periodsOf({
      title: z.string().optional(),
      destinations: destinationSelector.optional(),
      items: itemSelector.optional(),
      message: z.string().optional(),
    }),
  })
  .superRefine(datesOnceRule);

const scope = z.strictObject({
  id,
  hsChapters: z.array(z.string().regex(/^\d{2}(-\d{2})?$/)).optional(),
  allGoods: z.literal(true).optional(),
  ...datedFields,
});

/**
 * An end-use fact that does not fire the limb but must be assessed, with what to tell the exporter (e.g.
 * Japan's objective requirement is knowledge: a suspicion is a caveat pointing to METI's guidance).
 */
const assess = z.strictObject({ when: z.array(triggerAtom).min(1), message: z.string().min(1) });
const limbFields = {
  label: z.string(),
  destinations: destinationSelector,
  items: itemSelector.optional(),
  when: z.array(triggerAtom).min(1),
  assess: assess.optional(),
  permit: z.string(),
  /**
   * When the pack cannot tell whether the limb applies (e.g. whether an item is of a sub-row defined by a
   * ministerial ordinance it does not encode in full): a met trigger makes the line `undetermined`, with this
   * text saying what to check, instead of requiring the permit.
   */
  undetermined: z.string().optional(),
  policy: z.string().optional(),
};
const limb = z
  .strictObject({
    id,
    limb: z.enum(["wmd", "conventional", "listed-items"]),
    trigger: z.enum(["objective", "know", "suspect", "inform", "listed-item"]),
    scope: id,
    ...limbFields,
    ...optionalDated,
    periods: periodsOf({
      label: z.string().optional(),
      destinations: destinationSelector.optional(),
      items: itemSelector.optional(),
      when: z.array(triggerAtom).min(1).optional(),
      assess: assess.optional(),
      permit: z.string().optional(),
      undetermined: z.string().optional(),
      policy: z.string().optional(),
    }),
  })
  .superRefine(datesOnceRule);

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

const exemption = z
  .strictObject({
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
    /** Catch-all limbs whose trigger bars the exemption (the limb's own destinations decide where). */
    unlessLimbs: z.array(id).optional(),
    /** `apply`: decides the line; `flag`: only mentioned as a possibility (its terms are unknown). */
    mode: z.enum(["apply", "flag"]),
    ...optionalDated,
    periods: periodsOf({
      title: z.string().optional(),
      destinations: destinationSelector.optional(),
      unlessLimbs: z.array(id).optional(),
      mode: z.enum(["apply", "flag"]).optional(),
    }),
  })
  .superRefine(datesOnceRule);

const redFlag = z
  .strictObject({
    id,
    number: z.number().int(),
    text: z.string(),
    english: z.string(),
    ...optionalDated,
    periods: periodsOf({ text: z.string().optional(), english: z.string().optional() }),
  })
  .superRefine(datesOnceRule);

/**
 * A category of recipient of a technology transfer the regime's rules tell apart (Japan: non-resident,
 * resident, a resident under a foreign principal's strong influence; Korea: foreign national, Korean national).
 */
const recipient = z.strictObject({ id, label: z.string(), cite: cites });

/** A method of transfer the law names (Korea's Decree Art. 32-3 items), by the contract's means it covers. */
const transferMethod = z.strictObject({
  id,
  label: z.string(),
  means: z.array(z.enum(TECHNOLOGY_MEANS)).min(1),
  ...datedFields,
});

/** What a transaction rule looks at (all given conditions must hold). */
const transactionWhen = z.strictObject({
  /** Technology: the recipient's category (`recipients`). */
  recipients: z.array(id).optional(),
  /** Technology: where it is provided — in the regime's country (`domestic`) or abroad. */
  places: z.array(z.enum(TECHNOLOGY_PLACES)).optional(),
  /** Technology: the exemption the exporter states applies (absent: none stated). */
  exemptions: z.array(z.enum(TECHNOLOGY_EXEMPTIONS)).optional(),
  /** Any exemption stated (true) or none (false). */
  exemptionStated: z.boolean().optional(),
  /** The item or technology: on the control list, a part (row) of it, or not listed. */
  items: itemSelector.optional(),
  /** Brokering and transit: the country the goods come from, and the one they go to. */
  origins: destinationSelector.optional(),
  destinations: destinationSelector.optional(),
  /** Brokering: the exporting country licensed the export (true), or not stated (false). */
  exportLicence: z.boolean().optional(),
  /**
   * The end-use facts: `concern` — WMD or military use known or suspected, an inform notice, a red flag or a
   * listed end user; `clean` — none of these.
   */
  endUse: z.enum(["concern", "clean"]).optional(),
});

/**
 * A rule for a controlled transaction that is not a goods export (technology, brokering, transit). The rules
 * of a kind in force on a date are read highest priority first; the first whose conditions hold decides: a
 * permit is required (`permit`, a licence type of the pack), none is (`none`: only on a verified fact), or the
 * pack cannot tell (`undetermined`, with what is missing). When no rule holds, the answer is undetermined.
 */
const transactionRule = z
  .strictObject({
    id,
    kind: z.enum(["technology", "brokering", "transit"] satisfies TransactionKind[]),
    title: z.string(),
    priority: z.number().int(),
    when: transactionWhen,
    effect: z.enum(["permit", "none", "undetermined"]),
    permit: z.string().optional(),
    /** For `undetermined`: what is missing, and what to check. */
    missing: z.string().optional(),
    ...datedFields,
  })
  .superRefine((r, ctx) => {
    if (r.effect === "permit" && r.permit === undefined)
      ctx.addIssue({ code: "custom", path: ["permit"], message: "a rule that requires a permit names it" });
    if (r.effect !== "permit" && r.permit !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["permit"],
        message: `a rule with effect ${r.effect} names no permit`,
      });
    if (r.effect === "undetermined" && r.missing === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["missing"],
        message: "an undetermined rule says what is missing",
      });
    if (r.effect === "none" && r.evidence !== "verified")
      ctx.addIssue({
        code: "custom",
        path: ["evidence"],
        message: "a rule that clears a transaction (effect none) must rest on a verified fact",
      });
  });

const countryName = z.strictObject({ country: countryCode, name: z.string(), cite: cites });

/** A text of the pack (a title, label, licence name, condition, note) with its Korean and Japanese renderings. */
const packTextEntry = z.strictObject({
  en: z.string().min(1),
  ko: z.string().min(1),
  ja: z.string().min(1),
});

export const packFile = z.strictObject({
  /** Citations named once (as YAML anchors) and referred to by the facts below. */
  sources: z.array(citation).optional(),
  regime: regime.optional(),
  lists: z.array(countryList).optional(),
  groups: z.array(group).optional(),
  controlList: controlList.optional(),
  licences: z.array(licence).optional(),
  embargoes: z.array(embargo).optional(),
  cautions: z.array(caution).optional(),
  measures: z.array(measure).optional(),
  catchAll: z.strictObject({ scopes: z.array(scope).optional(), limbs: z.array(limb).optional() }).optional(),
  itemLists: z.array(itemList).optional(),
  exemptions: z.array(exemption).optional(),
  redFlags: z.array(redFlag).optional(),
  /** Technology transfers, brokering and transit: the recipients they tell apart and their rules. */
  transactions: z
    .strictObject({
      recipients: z.array(recipient).optional(),
      methods: z.array(transferMethod).optional(),
      rules: z.array(transactionRule).optional(),
    })
    .optional(),
  countryNames: z.array(countryName).optional(),
  /** The pack's descriptions in Korean and Japanese; `en` is the pack's text character for character. */
  texts: z.array(packTextEntry).optional(),
});
export type PackFile = z.infer<typeof packFile>;
export type RegimeInfo = z.infer<typeof regime>;
export type CountryList = z.infer<typeof countryList>;
export type Membership = z.infer<typeof membership>;
export type Group = Omit<Expanded<z.infer<typeof group>>, "priority" | "overrides">;
export type Part = z.infer<typeof part>;
export type Entry = z.infer<typeof entry>;
export type Parameter = z.infer<typeof parameter>;
export type SubItem = z.infer<typeof subItem>;
export type NumberingCode = z.infer<typeof numberingCode>;
export type HsMapEntry = z.infer<typeof hsMapEntry>;
export type Wording = z.infer<typeof wording>;
export type NumberMap = z.infer<typeof numberMap>;
export type ControlList = z.infer<typeof controlList>;
export type RawLicence = z.infer<typeof licence>;
export type Licence = Omit<RawLicence, "eligibility"> & { eligibility?: Eligibility[] | undefined };
export type Terms = z.infer<typeof terms>;
/** A rule as the engine reads it: one period of it, its dates and values for that period (see `periodsOf`). */
export type Expanded<T> = Omit<T, "periods" | "from" | "to" | "evidence" | "cite" | "note" | "overrides"> &
  Dated & { overrides?: string[] | undefined; priority: number };
export type RawEligibility = z.infer<typeof eligibility>;
export type Eligibility = Expanded<RawEligibility>;
export type RawEmbargo = z.infer<typeof embargo>;
export type Embargo = Omit<Expanded<RawEmbargo>, "priority">;
export type Caution = Omit<Expanded<z.infer<typeof caution>>, "priority" | "overrides">;
export type RawMeasure = z.infer<typeof measure>;
export type Measure = Expanded<RawMeasure>;
export type Scope = z.infer<typeof scope>;
export type RawLimb = z.infer<typeof limb>;
export type Limb = Omit<Expanded<RawLimb>, "priority">;
export type ItemList = z.infer<typeof itemList>;
export type ItemListEntry = z.infer<typeof itemListEntry>;
export type RawExemption = z.infer<typeof exemption>;
export type Exemption = Omit<Expanded<RawExemption>, "priority">;
export type RedFlag = Omit<Expanded<z.infer<typeof redFlag>>, "priority" | "overrides">;
export type Recipient = z.infer<typeof recipient>;
export type TransferMethod = z.infer<typeof transferMethod>;
export type TransactionRule = z.infer<typeof transactionRule>;
export type TransactionWhen = z.infer<typeof transactionWhen>;
export type CountryName = z.infer<typeof countryName>;
export type PackTextEntry = z.infer<typeof packTextEntry>;

/** The fields shared by every dated fact, as the engine reads them. */
export interface Dated {
  from: string;
  to?: string | undefined;
  evidence: Evidence;
  cite: Citation[];
  note?: string | undefined;
}
