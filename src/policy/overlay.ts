/**
 * Overlays: a proposed change to a regime's law, written as one YAML file in the pack's own format (the same
 * sections and validation) plus an `overlay:` header, `ends:` (facts of the pack that stop on a date) and
 * three sections that add to what the pack already names (`memberships` of an existing country list,
 * `eligibility` rules of an existing licence, `itemListEntries` of an existing item list). The loader
 * (`loadPolicyWithOverlay` in load.ts) reads the pack and the overlay together; this module holds the overlay
 * schema, the status-quo freeze and the application of `ends:` and the additions.
 */
import { z } from "zod";
import { isCountryCode } from "./countries.ts";
import { inPeriod } from "./dates.ts";
import {
  citation,
  eligibilityRule,
  isoDate,
  packFile,
  type CountryList,
  type Dated,
  type Eligibility,
  type Entry,
  type Group,
  type ItemList,
  type Licence,
  type NumberMap,
  type Part,
} from "./schema.ts";
import type { PolicyData } from "./model.ts";

const id = z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}_.()-]*$/u, "an id is letters, digits, - _ . ( )");
const countryCode = z.string().regex(/^[A-Z]{2}$/, "a country is an ISO 3166 alpha-2 code such as KR");
const cites = z.array(citation).min(1, "at least one citation is required");

/** What the overlay is: the regime it changes, a title, the date the change takes effect, and sources. */
export const overlayHeader = z.strictObject({
  regime: z.string().regex(/^[A-Z]{2,3}$/, "a regime id such as JP"),
  title: z.string().min(1),
  effective: isoDate,
  /**
   * The law the overlay is stated against: the pack as in force on this date, held unchanged afterwards (facts
   * that start later are left out; facts in force then continue with no end). Without it, the whole pack.
   */
  statusQuo: isoDate.optional(),
  note: z.string().optional(),
  cite: z.array(citation).optional(),
});
export type OverlayHeader = z.infer<typeof overlayHeader>;

/** The kinds of fact an `ends:` item can name, each by its key in the item. */
export const endKinds = [
  "list",
  "group",
  "measure",
  "embargo",
  "eligibility",
  "limb",
  "scope",
  "exemption",
  "entry",
  "itemList",
] as const;
export type EndKind = (typeof endKinds)[number];

/**
 * One fact of the pack that stops on `on` (exclusive end, as every `to`): a country's membership of a list
 * (`list` + `country`), a group, a measure, an embargo, a licence eligibility rule (`eligibility`, with
 * `licence` when the id is not unique), a catch-all limb or scope, an exemption, a control-list entry, or an
 * item-list entry (`itemList` + `hs`). The fact must be in force on `on`; ending it on its first day removes it.
 */
export const overlayEnd = z
  .strictObject({
    list: id.optional(),
    country: countryCode.optional(),
    group: z.string().min(1).optional(),
    measure: id.optional(),
    embargo: id.optional(),
    eligibility: id.optional(),
    licence: z.string().optional(),
    limb: id.optional(),
    scope: id.optional(),
    exemption: id.optional(),
    entry: id.optional(),
    itemList: id.optional(),
    hs: z
      .string()
      .regex(/^\d{4,10}$/)
      .optional(),
    on: isoDate,
    cite: cites,
    note: z.string().optional(),
  })
  .superRefine((e, ctx) => {
    const kinds = endKinds.filter((k) => e[k] !== undefined);
    if (kinds.length !== 1)
      ctx.addIssue({
        code: "custom",
        message:
          kinds.length === 0
            ? `name the fact that ends: one of ${endKinds.join(", ")}`
            : `an end names one fact, not ${kinds.join(" and ")}`,
      });
    if (e.list !== undefined && e.country === undefined)
      ctx.addIssue({ code: "custom", path: ["country"], message: "a list membership ends for a country" });
    if (e.country !== undefined && e.list === undefined)
      ctx.addIssue({ code: "custom", path: ["country"], message: "country is only for a list membership" });
    if (e.itemList !== undefined && e.hs === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["hs"],
        message: "an item-list entry is named by itemList and hs",
      });
    if (e.hs !== undefined && e.itemList === undefined)
      ctx.addIssue({ code: "custom", path: ["hs"], message: "hs is only for an item-list entry" });
    if (e.licence !== undefined && e.eligibility === undefined)
      ctx.addIssue({ code: "custom", path: ["licence"], message: "licence is only for an eligibility rule" });
  });
export type OverlayEnd = z.infer<typeof overlayEnd>;

const membershipSchema = packFile.shape.lists.unwrap().element.shape.members.element;
const eligibilitySchema = eligibilityRule;
const itemListEntrySchema = packFile.shape.itemLists.unwrap().element.shape.entries.element;

/** An overlay file: a pack file (without its own regime header) plus the overlay sections. */
export const overlayFile = packFile.extend({
  overlay: overlayHeader,
  ends: z.array(overlayEnd).optional(),
  /** Dated memberships added to an existing country list. */
  memberships: z.array(membershipSchema.extend({ list: id })).optional(),
  /** Eligibility rules added to an existing licence type. */
  eligibility: z.array(eligibilitySchema.extend({ licence: z.string().min(1) })).optional(),
  /** Entries added to an existing item list (e.g. a catch-all list). */
  itemListEntries: z.array(itemListEntrySchema.extend({ itemList: id })).optional(),
});
export type OverlayFile = z.infer<typeof overlayFile>;

/** The pack's facts as the loader merges them, before validation (mutated in place by the functions below). */
export interface MutablePack {
  lists: CountryList[];
  groups: Group[];
  controlList: { parts?: Part[]; entries?: Entry[]; numberMap?: NumberMap[] }[];
  licences: Licence[];
  embargoes: PolicyData["embargoes"];
  cautions: PolicyData["cautions"];
  measures: PolicyData["measures"];
  scopes: PolicyData["scopes"];
  limbs: PolicyData["limbs"];
  itemLists: ItemList[];
  exemptions: PolicyData["exemptions"];
  redFlags: PolicyData["redFlags"];
}

type Period = { from: string; to?: string | undefined };

/**
 * Hold the pack at its status quo of `date`: facts that start after `date` are left out, facts in force on
 * `date` lose their end (they continue unchanged), facts that ended before stay as they are. Mutates `pack`
 * (the loader's fresh objects, so that each fact keeps its place in the file for error messages).
 */
export function freezeAt(pack: MutablePack, date: string): void {
  const keep = <T extends Period>(items: T[] | undefined): T[] | undefined => {
    if (!items) return items;
    const out = items.filter((f) => f.from <= date);
    for (const f of out) if (f.to !== undefined && f.to > date) delete f.to;
    return out;
  };
  for (const l of pack.lists) l.members = keep(l.members)!;
  pack.groups = keep(pack.groups)!;
  for (const c of pack.controlList) {
    c.parts = keep(c.parts);
    c.entries = keep(c.entries);
    c.numberMap = keep(c.numberMap);
  }
  for (const l of pack.licences) {
    l.eligibility = keep(l.eligibility);
    l.terms = keep(l.terms);
  }
  pack.embargoes = keep(pack.embargoes)!;
  pack.cautions = keep(pack.cautions)!;
  pack.measures = keep(pack.measures)!;
  pack.scopes = keep(pack.scopes)!;
  pack.limbs = keep(pack.limbs)!;
  for (const il of pack.itemLists) {
    il.versions = keep(il.versions)!;
    il.entries = keep(il.entries)!;
  }
  pack.exemptions = keep(pack.exemptions)!;
  for (const x of pack.exemptions) x.lowerLimits = keep(x.lowerLimits);
  pack.redFlags = keep(pack.redFlags)!;
}

/** How the overlay's application reports a problem (on an object of the overlay file) and moves an origin. */
export interface OverlayHooks {
  problem: (obj: object, message: string, key?: string) => void;
  /** `made` is a new object standing for `like` (same place in the files). */
  sameOrigin: (made: object, like: object) => void;
}

function endNote(f: Dated, end: OverlayEnd, title: string): string {
  const said = `Ended on ${end.on} by the overlay "${title}"${end.note ? `: ${end.note}` : "."}`;
  return f.note ? `${f.note} ${said}` : said;
}

/** Find the one fact of `items` with `key` in force on `on`; report when there is none. */
function clip<T extends Dated>(
  items: T[],
  match: (t: T) => boolean,
  end: OverlayEnd,
  what: string,
  title: string,
  hooks: OverlayHooks,
): T[] {
  const named = items.filter(match);
  if (named.length === 0) {
    hooks.problem(end, `unknown ${what}`);
    return items;
  }
  const live = named.find((f) => inPeriod(end.on, f.from, f.to));
  if (!live) {
    const periods = named.map((f) => `[${f.from}, ${f.to ?? "open"})`).join(", ");
    hooks.problem(end, `${what} is not in force on ${end.on} (its periods: ${periods})`, "on");
    return items;
  }
  if (live.from === end.on) return items.filter((f) => f !== live);
  live.to = end.on;
  live.cite = [...live.cite, ...end.cite];
  live.note = endNote(live, end, title);
  return items;
}

/**
 * Apply the overlay's `ends:` and its additions (memberships, eligibility rules, item-list entries) to the
 * merged pack. Problems (unknown list, country, group, measure …; a fact not in force on the end date) go to
 * `hooks.problem` on the overlay item; overlaps and references are checked afterwards by the loader.
 */
export function applyOverlay(pack: MutablePack, ov: OverlayFile, hooks: OverlayHooks): void {
  const title = ov.overlay.title;
  for (const end of ov.ends ?? []) {
    if (end.list !== undefined) {
      const list = pack.lists.find((l) => l.id === end.list);
      const country = end.country!;
      if (!list) {
        hooks.problem(end, `unknown country list "${end.list}"`, "list");
        continue;
      }
      if (!isCountryCode(country)) {
        hooks.problem(end, `unknown country code "${country}"`, "country");
        continue;
      }
      const m = list.members.find((x) => x.countries.includes(country) && inPeriod(end.on, x.from, x.to));
      if (!m) {
        const periods = list.members
          .filter((x) => x.countries.includes(country))
          .map((x) => `[${x.from}, ${x.to ?? "open"})`);
        hooks.problem(
          end,
          `${country} is not on ${end.list} on ${end.on}${periods.length ? ` (its periods: ${periods.join(", ")})` : " (never on it)"}`,
          "on",
        );
        continue;
      }
      const others = m.countries.filter((c) => c !== country);
      const at = list.members.indexOf(m);
      if (m.from === end.on) {
        if (others.length === 0) list.members.splice(at, 1);
        else m.countries = others;
        continue;
      }
      const clipped = {
        ...m,
        countries: [country],
        to: end.on,
        cite: [...m.cite, ...end.cite],
        note: endNote(m, end, title),
      };
      hooks.sameOrigin(clipped, m);
      if (others.length === 0) list.members.splice(at, 1, clipped);
      else {
        m.countries = others;
        list.members.splice(at + 1, 0, clipped);
      }
      continue;
    }
    if (end.group !== undefined)
      pack.groups = clip(pack.groups, (g) => g.id === end.group, end, `group "${end.group}"`, title, hooks);
    else if (end.measure !== undefined)
      pack.measures = clip(
        pack.measures,
        (m) => m.id === end.measure,
        end,
        `measure "${end.measure}"`,
        title,
        hooks,
      );
    else if (end.embargo !== undefined)
      pack.embargoes = clip(
        pack.embargoes,
        (m) => m.id === end.embargo,
        end,
        `embargo "${end.embargo}"`,
        title,
        hooks,
      );
    else if (end.limb !== undefined)
      pack.limbs = clip(
        pack.limbs,
        (m) => m.id === end.limb,
        end,
        `catch-all limb "${end.limb}"`,
        title,
        hooks,
      );
    else if (end.scope !== undefined)
      pack.scopes = clip(
        pack.scopes,
        (m) => m.id === end.scope,
        end,
        `catch-all scope "${end.scope}"`,
        title,
        hooks,
      );
    else if (end.exemption !== undefined)
      pack.exemptions = clip(
        pack.exemptions,
        (m) => m.id === end.exemption,
        end,
        `exemption "${end.exemption}"`,
        title,
        hooks,
      );
    else if (end.entry !== undefined) {
      const cl =
        pack.controlList.find((c) => (c.entries ?? []).some((e) => e.id === end.entry)) ??
        pack.controlList[0];
      if (!cl) hooks.problem(end, `unknown control-list entry "${end.entry}"`, "entry");
      else
        cl.entries = clip(
          cl.entries ?? [],
          (e) => e.id === end.entry,
          end,
          `control-list entry "${end.entry}"`,
          title,
          hooks,
        );
    } else if (end.eligibility !== undefined) {
      const holders = pack.licences.filter(
        (l) =>
          (end.licence === undefined || l.id === end.licence) &&
          (l.eligibility ?? []).some((e) => e.id === end.eligibility),
      );
      if (end.licence !== undefined && !pack.licences.some((l) => l.id === end.licence))
        hooks.problem(end, `unknown licence type "${end.licence}"`, "licence");
      else if (holders.length === 0)
        hooks.problem(end, `unknown eligibility rule "${end.eligibility}"`, "eligibility");
      else if (holders.length > 1)
        hooks.problem(
          end,
          `eligibility rule "${end.eligibility}" belongs to several licences (${holders.map((l) => l.id).join(", ")}); name one with licence:`,
          "eligibility",
        );
      else
        holders[0]!.eligibility = clip(
          holders[0]!.eligibility ?? [],
          (e) => e.id === end.eligibility,
          end,
          `eligibility rule "${end.eligibility}"`,
          title,
          hooks,
        );
    } else if (end.itemList !== undefined) {
      const il = pack.itemLists.find((l) => l.id === end.itemList);
      if (!il) hooks.problem(end, `unknown item list "${end.itemList}"`, "itemList");
      else
        il.entries = clip(
          il.entries,
          (e) => e.hs === end.hs,
          end,
          `entry ${end.hs} of item list "${end.itemList}"`,
          title,
          hooks,
        );
    }
  }

  for (const add of ov.memberships ?? []) {
    const list = pack.lists.find((l) => l.id === add.list);
    if (!list) {
      hooks.problem(add, `unknown country list "${add.list}"`, "list");
      continue;
    }
    const membership = without(add, "list");
    hooks.sameOrigin(membership, add);
    list.members.push(membership);
  }
  for (const add of ov.eligibility ?? []) {
    const lic = pack.licences.find((l) => l.id === add.licence);
    if (!lic) {
      hooks.problem(add, `unknown licence type "${add.licence}"`, "licence");
      continue;
    }
    const { overrides, ...rest } = without(add, "licence");
    const rule: Eligibility = {
      ...rest,
      priority: 0,
      ...(overrides === undefined ? {} : { overrides: Array.isArray(overrides) ? overrides : [overrides] }),
    };
    hooks.sameOrigin(rule, add);
    lic.eligibility = [...(lic.eligibility ?? []), rule];
  }
  for (const add of ov.itemListEntries ?? []) {
    const il = pack.itemLists.find((l) => l.id === add.itemList);
    if (!il) {
      hooks.problem(add, `unknown item list "${add.itemList}"`, "itemList");
      continue;
    }
    const entry = without(add, "itemList");
    hooks.sameOrigin(entry, add);
    il.entries.push(entry);
  }
}

/** A copy of `o` without the key `k` (the overlay's pointer to what it adds to). */
function without<T extends object, K extends keyof T>(o: T, k: K): Omit<T, K> {
  const copy = { ...o };
  delete copy[k];
  return copy;
}

/** Every date the overlay states (header, ends, the periods of what it adds), with the object that holds it. */
export function overlayDates(
  ov: OverlayFile,
  datedOf: (d: OverlayFile) => Dated[],
): { obj: object; key: string; date: string }[] {
  const out: { obj: object; key: string; date: string }[] = [
    { obj: ov.overlay, key: "effective", date: ov.overlay.effective },
  ];
  if (ov.overlay.statusQuo !== undefined)
    out.push({ obj: ov.overlay, key: "statusQuo", date: ov.overlay.statusQuo });
  for (const e of ov.ends ?? []) out.push({ obj: e, key: "on", date: e.on });
  const periods: Dated[] = [
    ...datedOf(ov),
    ...(ov.memberships ?? []),
    ...(ov.eligibility ?? []),
    ...(ov.itemListEntries ?? []),
  ];
  for (const f of periods) {
    out.push({ obj: f, key: "from", date: f.from });
    if (f.to !== undefined) out.push({ obj: f, key: "to", date: f.to });
  }
  return out;
}
