/**
 * The change builder: a proposed change described in an analyst's terms — a country leaves or joins a group on a
 * date, a measure ends, an item list gains HS codes — turned into an overlay in the pack's own YAML format, for
 * review and for the loader to validate like a hand-written one. Groups are resolved to the country lists that
 * define them on the date, from the pack. Pure: data in, text out; problems name the step and field.
 */
import { Document, visit, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import { z } from "zod";
import { isCountryCode } from "./countries.ts";
import { inPeriod } from "./dates.ts";
import type { PolicyData } from "./model.ts";
import { citation, evidence, isoDate, type Citation } from "./schema.ts";

const code = z.string().regex(/^[A-Z]{2}$/, "a country is an ISO 3166 alpha-2 code such as KR");
const id = z.string().min(1).max(200);

/** One step of a change. */
export const changeStep = z.discriminatedUnion("kind", [
  /** The country stops being in the group on `on` (its membership of the group's list(s) ends). */
  z.strictObject({ kind: z.literal("leave-group"), country: code, group: z.string().min(1), on: isoDate }),
  /** The countries are in the group from `from` (a membership of the group's list is added). */
  z.strictObject({
    kind: z.literal("join-group"),
    countries: z.array(code).min(1).max(300),
    group: z.string().min(1),
    from: isoDate,
    evidence: evidence.default("reported"),
  }),
  /** The special measure stops applying on `on`. */
  z.strictObject({ kind: z.literal("end-measure"), measure: id, on: isoDate }),
  /** The item list (a catch-all list) gains HS codes from `from`. */
  z.strictObject({
    kind: z.literal("item-list-gains"),
    itemList: id,
    hs: z
      .array(z.string().regex(/^\d{4,10}$/, "an HS code is 4 to 10 digits"))
      .min(1)
      .max(500),
    title: z.string().min(1).max(300).optional(),
    from: isoDate,
    evidence: evidence.default("reported"),
  }),
]);
export type ChangeStep = z.infer<typeof changeStep>;

/** A change: what it is, when it takes effect, the law it is stated against, its sources and its steps. */
export const changeSpec = z.strictObject({
  regime: z.string().regex(/^[A-Z]{2,3}$/, "a regime id such as JP"),
  title: z.string().min(1).max(300),
  effective: isoDate,
  statusQuo: isoDate.optional(),
  note: z.string().max(2000).optional(),
  /** The sources of the change: every step cites them all. */
  sources: z.array(citation).min(1, "give at least one source of the change").max(20),
  steps: z.array(changeStep).min(1, "give at least one step").max(100),
});
export type ChangeSpec = z.infer<typeof changeSpec>;

/** A problem of a change, by the path of the field (`steps[0].group`). */
export interface ChangeProblem {
  path: string;
  message: string;
}

/** The lists that define a group on a date (none: a default group, or unknown). */
function groupLists(data: PolicyData, group: string, date: string) {
  const g = data.groups.find((x) => x.id === group && inPeriod(date, x.from, x.to));
  return g === undefined ? undefined : { group: g, lists: g.lists ?? [] };
}

/** Why a group is missing on the status-quo date although the pack has it on the step's date. */
function laterHint(data: PolicyData, group: string, statusQuo: string | undefined, date: string): string {
  if (statusQuo === undefined || !groupLists(data, group, date)) return "";
  return ` (the pack has it from a later date, but the change is stated against the law of ${statusQuo}, which leaves out facts that start later: write the new group in a hand-written overlay, or state the change without a status quo)`;
}

/** A country's memberships of a list in force on `date`. */
function memberOn(data: PolicyData, list: string, country: string, date: string): boolean {
  const l = data.lists.find((x) => x.id === list);
  return l?.members.some((m) => m.countries.includes(country) && inPeriod(date, m.from, m.to)) ?? false;
}

interface OverlayDoc {
  sources: Citation[];
  overlay: Record<string, unknown>;
  ends?: Record<string, unknown>[];
  memberships?: Record<string, unknown>[];
  itemListEntries?: Record<string, unknown>[];
}

/**
 * The overlay for a change, as YAML (sources once, cited by every step), or the problems that stop it. The
 * loader validates the result as it does a hand-written overlay.
 */
export function buildOverlay(
  spec: ChangeSpec,
  data: PolicyData,
): { yaml: string; problems: [] } | { yaml?: undefined; problems: ChangeProblem[] } {
  const problems: ChangeProblem[] = [];
  const at = (i: number, field: string) => `steps[${i}].${field}`;
  const ends: Record<string, unknown>[] = [];
  const memberships: Record<string, unknown>[] = [];
  const itemListEntries: Record<string, unknown>[] = [];
  const cite = "__CITE__";
  // the law each step is read against: the status quo, else the pack as it stands on the step's date
  spec.steps.forEach((s, i) => {
    switch (s.kind) {
      case "leave-group": {
        if (!isCountryCode(s.country))
          problems.push({ path: at(i, "country"), message: `unknown country code "${s.country}"` });
        const date = spec.statusQuo ?? s.on;
        const g = groupLists(data, s.group, date);
        if (!g) {
          problems.push({
            path: at(i, "group"),
            message: `no group "${s.group}" in ${spec.regime} on ${date}${laterHint(data, s.group, spec.statusQuo, s.on)}`,
          });
          break;
        }
        const lists = g.lists.filter((l) => memberOn(data, l, s.country, date));
        if (lists.length === 0) {
          problems.push({
            path: at(i, "country"),
            message:
              g.lists.length === 0
                ? `group ${s.group} has no list of its own (every destination in no other group): move ${s.country} into another group instead`
                : `${s.country} is not in group ${s.group} on ${date} (lists ${g.lists.join(", ")})`,
          });
          break;
        }
        for (const list of lists) ends.push({ list, country: s.country, on: s.on, cite });
        break;
      }
      case "join-group": {
        s.countries.forEach((c, k) => {
          if (!isCountryCode(c))
            problems.push({ path: `${at(i, "countries")}[${k}]`, message: `unknown country code "${c}"` });
        });
        const g = groupLists(data, s.group, spec.statusQuo ?? s.from);
        if (!g) {
          problems.push({
            path: at(i, "group"),
            message: `no group "${s.group}" in ${spec.regime} on ${spec.statusQuo ?? s.from}${laterHint(data, s.group, spec.statusQuo, s.from)}`,
          });
          break;
        }
        if (g.lists.length !== 1) {
          problems.push({
            path: at(i, "group"),
            message:
              g.lists.length === 0
                ? `group ${s.group} has no list of its own: a country is in it by being in no other group`
                : `group ${s.group} is made of several lists (${g.lists.join(", ")}): name the list in a hand-written overlay`,
          });
          break;
        }
        memberships.push({
          list: g.lists[0],
          countries: s.countries,
          from: s.from,
          evidence: s.evidence,
          cite,
        });
        break;
      }
      case "end-measure":
        if (!data.measures.some((m) => m.id === s.measure))
          problems.push({
            path: at(i, "measure"),
            message: `unknown measure "${s.measure}" (known: ${data.measures.map((m) => m.id).join(", ") || "none"})`,
          });
        else ends.push({ measure: s.measure, on: s.on, cite });
        break;
      case "item-list-gains":
        if (!data.itemLists.some((l) => l.id === s.itemList))
          problems.push({
            path: at(i, "itemList"),
            message: `unknown item list "${s.itemList}" (known: ${data.itemLists.map((l) => l.id).join(", ") || "none"})`,
          });
        else
          for (const hs of s.hs)
            itemListEntries.push({
              itemList: s.itemList,
              hs,
              ...(s.title ? { title: s.title } : {}),
              from: s.from,
              evidence: s.evidence,
              cite,
            });
        break;
    }
  });
  if (problems.length > 0) return { problems };
  const doc: OverlayDoc = {
    sources: spec.sources,
    overlay: {
      regime: spec.regime,
      title: spec.title,
      effective: spec.effective,
      ...(spec.statusQuo ? { statusQuo: spec.statusQuo } : {}),
      ...(spec.note ? { note: spec.note } : {}),
      cite,
    },
  };
  if (ends.length > 0) doc.ends = ends;
  if (memberships.length > 0) doc.memberships = memberships;
  if (itemListEntries.length > 0) doc.itemListEntries = itemListEntries;
  // the sources once, as anchors (&s1 …), and every step citing them (*s1 …), as the packs are written
  const d = new Document(doc);
  const sources = d.get("sources", true) as YAMLSeq<Scalar | YAMLMap>;
  sources.items.forEach((n, k) => (n.anchor = `s${k + 1}`));
  visit(d, {
    Scalar(_key, node) {
      if (node.value !== cite) return undefined;
      const seq = d.createNode(sources.items.map((n) => d.createAlias(n))) as YAMLSeq;
      seq.flow = true;
      return seq;
    },
  });
  const text = d.toString({ lineWidth: 0 });
  const head = `# ${spec.title}\n# Built by tradectl's change builder (tradectl policy build-overlay, or the What-if page); review before use.\n`;
  return { yaml: head + text, problems: [] };
}
