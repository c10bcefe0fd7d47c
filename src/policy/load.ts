/**
 * Loads a policy pack (`policy/<regime>/*.yaml`, recursively, except `tests/`), validates it against the
 * strict schema and the cross-file rules (known ids, no overlapping periods, real country codes), and
 * returns a `Policy`. Every problem is reported with file and line; nothing half-loaded is returned.
 */
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from "yaml";
import type { z } from "zod";
import { isCountryCode } from "./countries.ts";
import { periodsOverlap } from "./dates.ts";
import { PolicyLoadError, type PolicyProblem } from "./errors.ts";
import { datedFactsOf, type PolicyData } from "./model.ts";
import {
  applyOverlay,
  freezeAt,
  overlayDates,
  overlayFile,
  type OverlayFile,
  type OverlayHeader,
} from "./overlay.ts";
import { Policy } from "./policy.ts";
import { yamlFiles } from "./pack-files.ts";
import { expandPeriods, rankByOverrides } from "./periods.ts";
import { translatableTexts } from "./texts.ts";
import {
  packFile,
  type Citation,
  type DestinationSelector,
  type Eligibility,
  type ItemSelector,
  type Licence,
  type Measure,
  type PackFile,
} from "./schema.ts";

type PathKey = string | number;

interface SourceFile {
  file: string;
  doc: Document;
  lines: LineCounter;
}

/** Where a loaded object came from, for cross-file error messages. */
interface Origin {
  src: SourceFile;
  path: PathKey[];
}

function lineOf(src: SourceFile, path: PathKey[], key?: string): number {
  let node: unknown = src.doc.contents;
  let best: YamlNode | null = (node as YamlNode) ?? null;
  for (const k of path) {
    if (isMap(node) || isSeq(node)) {
      const next = node.get(k as never, true) as unknown;
      if (next === undefined) break;
      node = next;
      best = next as YamlNode;
    } else break;
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
    const keyNode = pair?.key as YamlNode | undefined;
    if (keyNode?.range) return src.lines.linePos(keyNode.range[0]).line;
  }
  const range = best?.range;
  return range ? src.lines.linePos(range[0]).line : 1;
}

function pathText(path: PathKey[]): string {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("");
}

/** True when the key at the end of `path` is absent from its parent mapping in the YAML document. */
function isAbsent(src: SourceFile, path: PathKey[]): boolean {
  const last = path[path.length - 1];
  if (typeof last !== "string") return false;
  const parent = src.doc.getIn(path.slice(0, -1), true) as unknown;
  return isMap(parent) && !parent.has(last);
}

function zodProblems(src: SourceFile, error: z.ZodError): PolicyProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path as PathKey[];
    if (issue.code === "unrecognized_keys") {
      const keys = issue.keys;
      return {
        file: src.file,
        line: lineOf(src, path, keys[0]),
        path: pathText(path),
        message: `unknown key${keys.length > 1 ? "s" : ""} ${keys.map((k) => `"${k}"`).join(", ")}`,
      };
    }
    const last = path[path.length - 1];
    const missing = isAbsent(src, path);
    const line = missing
      ? lineOf(src, path.slice(0, -1))
      : lineOf(src, path.slice(0, -1), typeof last === "string" ? last : undefined);
    const message = missing ? `missing required key "${String(last)}"` : issue.message;
    return { file: src.file, line, path: pathText(path), message };
  });
}

/** True when `url` lies under `prefix` (a host, matched with its subdomains, optionally with a path prefix). */
export function urlUnder(url: string, prefix: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const slash = prefix.indexOf("/");
  const host = slash < 0 ? prefix : prefix.slice(0, slash);
  const path = slash < 0 ? "" : prefix.slice(slash);
  const h = u.hostname.toLowerCase();
  if (h !== host && !h.endsWith(`.${host}`)) return false;
  return path === "" || decodeURI(u.pathname).startsWith(path);
}

/** Two rules that cannot apply to the same line: disjoint countries, groups or parts (a cheap, safe test). */
function disjoint(
  a: { destinations?: DestinationSelector | undefined; items?: ItemSelector | undefined },
  b: { destinations?: DestinationSelector | undefined; items?: ItemSelector | undefined },
): boolean {
  const da = a.destinations ?? {};
  const db = b.destinations ?? {};
  if (da.countries && db.countries && !da.countries.some((c) => db.countries!.includes(c))) return true;
  if (da.groups && db.notGroups && da.groups.every((g) => db.notGroups!.includes(g))) return true;
  if (db.groups && da.notGroups && db.groups.every((g) => da.notGroups!.includes(g))) return true;
  if (da.groups && db.groups && !da.groups.some((g) => db.groups!.includes(g))) return true;
  if (da.countries && db.notCountries && da.countries.every((c) => db.notCountries!.includes(c))) return true;
  if (db.countries && da.notCountries && db.countries.every((c) => da.notCountries!.includes(c))) return true;
  const pa = a.items?.parts;
  const pb = b.items?.parts;
  const related = (x: string, y: string) => x === y || x.startsWith(`${y}(`) || y.startsWith(`${x}(`);
  if (pa && pb && !pa.some((x) => pb.some((y) => related(x, y)))) return true;
  return false;
}

/** Load and validate the pack in `dir`. Throws `PolicyLoadError` listing every problem. */
export function loadPolicy(dir: string, displayRoot: string = process.cwd()): Policy {
  const policy = new Policy(loadPack(dir, displayRoot, {}).data);
  policy.dir = resolve(dir);
  return policy;
}

/** A pack loaded with a proposed change (see overlay.ts): the law without and with it, and the overlay's header. */
export interface OverlaidPolicy {
  overlay: OverlayHeader;
  /** The pack (held at the overlay's status quo when it names one). */
  baseline: Policy;
  /** The pack with the overlay applied. */
  policy: Policy;
}

/**
 * Load the pack in `dir` together with the overlay file `overlay` and validate them as one pack (file:line
 * errors for either file; overlapping periods, unknown ids and countries, dates before the pack's first date,
 * ends of facts that are not in force). Throws `PolicyLoadError` listing every problem.
 */
export function loadPolicyWithOverlay(
  dir: string,
  overlay: string,
  displayRoot: string = process.cwd(),
  loaded?: Policy,
): OverlaidPolicy {
  const changed = loadPack(dir, displayRoot, { overlay });
  const header = changed.overlay!;
  // `loaded`: the pack as the caller already holds it, the baseline when it was read from `dir` and the
  // overlay does not hold the pack at a status quo.
  const baseline =
    loaded !== undefined && loaded.dir === resolve(dir) && header.statusQuo === undefined
      ? loaded
      : new Policy(loadPack(dir, displayRoot, { statusQuo: header.statusQuo }).data);
  return { overlay: header, baseline, policy: new Policy(changed.data) };
}

interface PackOptions {
  overlay?: string | undefined;
  statusQuo?: string | undefined;
}

function loadPack(
  dir: string,
  displayRoot: string,
  options: PackOptions,
): { data: PolicyData; overlay?: OverlayHeader } {
  const problems: PolicyProblem[] = [];
  const origins = new WeakMap<object, Origin>();
  const merged: Omit<
    Required<Omit<PackFile, "sources" | "regime" | "controlList" | "catchAll">>,
    "licences" | "embargoes" | "measures" | "exemptions" | "groups" | "redFlags" | "cautions" | "transactions"
  > & {
    cautions: PolicyData["cautions"];
    groups: PolicyData["groups"];
    redFlags: PolicyData["redFlags"];
    recipients: NonNullable<PolicyData["recipients"]>;
    methods: NonNullable<PolicyData["methods"]>;
    transactions: NonNullable<PolicyData["transactions"]>;
    licences: PolicyData["licences"];
    embargoes: PolicyData["embargoes"];
    measures: PolicyData["measures"];
    exemptions: PolicyData["exemptions"];
    regime: PackFile["regime"][];
    controlList: NonNullable<PackFile["controlList"]>[];
    scopes: NonNullable<NonNullable<PackFile["catchAll"]>["scopes"]>;
    limbs: PolicyData["limbs"];
  } = {
    regime: [],
    lists: [],
    groups: [],
    controlList: [],
    licences: [],
    embargoes: [],
    cautions: [],
    measures: [],
    scopes: [],
    limbs: [],
    itemLists: [],
    exemptions: [],
    redFlags: [],
    recipients: [],
    methods: [],
    transactions: [],
    countryNames: [],
    texts: [],
  };

  let files: string[];
  try {
    files = yamlFiles(dir);
  } catch (e) {
    throw new PolicyLoadError([{ file: dir, line: 1, path: "", message: `cannot read pack: ${String(e)}` }]);
  }
  if (files.length === 0)
    throw new PolicyLoadError([{ file: dir, line: 1, path: "", message: "no YAML files in pack" }]);

  const tag = <T extends object>(items: T[] | undefined, src: SourceFile, base: PathKey[], into: T[]) => {
    (items ?? []).forEach((item, i) => {
      origins.set(item, { src, path: [...base, i] });
      into.push(item);
    });
  };

  /** Read and parse one YAML file against `schema`; problems are collected, undefined returned. */
  const read = <T>(full: string, schema: z.ZodType<T>): { d: T; src: SourceFile } | undefined => {
    const lines = new LineCounter();
    let text: string;
    try {
      text = readFileSync(full, "utf8");
    } catch (e) {
      problems.push({ file: relative(displayRoot, full) || full, line: 1, path: "", message: String(e) });
      return undefined;
    }
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const src: SourceFile = { file: relative(displayRoot, full) || full, doc, lines };
    if (doc.errors.length > 0) {
      for (const err of doc.errors)
        problems.push({
          file: src.file,
          line: lines.linePos(err.pos[0]).line,
          path: "",
          message: `YAML: ${err.message.split("\n")[0]}`,
        });
      return undefined;
    }
    let js: unknown;
    try {
      // A pack cites its sources by alias; the limit (the library default is 100) still bounds a hostile file.
      js = doc.toJS({ maxAliasCount: 5000 }) ?? {};
    } catch (e) {
      // e.g. an alias used before its anchor: name the first alias whose anchor is missing.
      const m = /alias[^:]*: (\S+)/i.exec((e as Error).message);
      const at = m ? text.split("\n").findIndex((l) => l.includes(`*${m[1]}`)) + 1 : 1;
      problems.push({
        file: src.file,
        line: at > 0 ? at : 1,
        path: "",
        message: `YAML: ${(e as Error).message}`,
      });
      return undefined;
    }
    const parsed = schema.safeParse(js);
    if (!parsed.success) {
      problems.push(...zodProblems(src, parsed.error));
      return undefined;
    }
    return { d: parsed.data, src };
  };

  /** Expand rules with dated `periods` into one rule per period, each remembering its place in the file. */
  const tagDated = <T extends object>(
    items: { id: string }[] | undefined,
    src: SourceFile,
    base: PathKey[],
    into: T[],
  ) => {
    (items ?? []).forEach((item, i) => {
      const periods = (item as { periods?: object[] }).periods;
      periods?.forEach((p, j) => origins.set(p, { src, path: [...base, i, "periods", j] }));
      for (const copy of expandPeriods<T>(item as never, (c, j) =>
        origins.set(c, { src, path: j === undefined ? [...base, i] : [...base, i, "periods", j] }),
      ))
        into.push(copy);
    });
  };

  /** Merge one parsed file's sections into the pack, remembering where each object came from. */
  const mergeFile = (d: PackFile, src: SourceFile) => {
    if (d.regime) {
      origins.set(d.regime, { src, path: ["regime"] });
      merged.regime.push(d.regime);
    }
    if (d.controlList) {
      origins.set(d.controlList, { src, path: ["controlList"] });
      merged.controlList.push(d.controlList);
      d.controlList.parts?.forEach((p, i) => origins.set(p, { src, path: ["controlList", "parts", i] }));
      d.controlList.entries?.forEach((p, i) => {
        origins.set(p, { src, path: ["controlList", "entries", i] });
        p.subItems?.forEach((x, j) =>
          origins.set(x, { src, path: ["controlList", "entries", i, "subItems", j] }),
        );
        p.parameters?.forEach((x, j) =>
          origins.set(x, { src, path: ["controlList", "entries", i, "parameters", j] }),
        );
      });
      d.controlList.numberMap?.forEach((p, i) =>
        origins.set(p, { src, path: ["controlList", "numberMap", i] }),
      );
    }
    tag(d.lists, src, ["lists"], merged.lists);
    d.lists?.forEach((l, i) =>
      l.members.forEach((m, j) => origins.set(m, { src, path: ["lists", i, "members", j] })),
    );
    tagDated(d.groups, src, ["groups"], merged.groups);
    d.licences?.forEach((raw, i) => {
      const eligibility: Eligibility[] = [];
      tagDated(raw.eligibility, src, ["licences", i, "eligibility"], eligibility);
      const l: Licence = { ...raw, eligibility: raw.eligibility ? eligibility : undefined };
      if (!raw.eligibility) delete l.eligibility;
      origins.set(l, { src, path: ["licences", i] });
      l.terms?.forEach((e, j) => origins.set(e, { src, path: ["licences", i, "terms", j] }));
      merged.licences.push(l);
    });
    tagDated(d.embargoes, src, ["embargoes"], merged.embargoes);
    tagDated(d.cautions, src, ["cautions"], merged.cautions);
    tagDated(d.measures, src, ["measures"], merged.measures);
    tag(d.catchAll?.scopes, src, ["catchAll", "scopes"], merged.scopes);
    tagDated(d.catchAll?.limbs, src, ["catchAll", "limbs"], merged.limbs);
    tag(d.itemLists, src, ["itemLists"], merged.itemLists);
    d.itemLists?.forEach((l, i) => {
      l.versions.forEach((v, j) => origins.set(v, { src, path: ["itemLists", i, "versions", j] }));
      l.entries.forEach((v, j) => origins.set(v, { src, path: ["itemLists", i, "entries", j] }));
    });
    tagDated(d.exemptions, src, ["exemptions"], merged.exemptions);
    d.exemptions?.forEach((x, i) =>
      x.lowerLimits?.forEach((ll, j) => origins.set(ll, { src, path: ["exemptions", i, "lowerLimits", j] })),
    );
    tagDated(d.redFlags, src, ["redFlags"], merged.redFlags);
    tag(d.transactions?.recipients, src, ["transactions", "recipients"], merged.recipients);
    tag(d.transactions?.methods, src, ["transactions", "methods"], merged.methods);
    tag(d.transactions?.rules, src, ["transactions", "rules"], merged.transactions);
    tag(d.countryNames, src, ["countryNames"], merged.countryNames);
    tag(d.texts, src, ["texts"], merged.texts);
  };

  const overlay = options.overlay === undefined ? undefined : read(options.overlay, overlayFile);
  for (const full of files) {
    const file = read(full, packFile);
    if (file) mergeFile(file.d, file.src);
  }
  if (problems.length > 0) throw new PolicyLoadError(problems);

  const at = (obj: object, message: string, key?: string, sub: PathKey[] = []) => {
    const o = origins.get(obj);
    if (!o) {
      problems.push({ file: dir, line: 1, path: "", message });
      return;
    }
    const path = [...o.path, ...sub];
    problems.push({
      file: o.src.file,
      line: lineOf(o.src, path, key),
      path: pathText(key ? [...path, key] : path),
      message,
    });
  };

  // The status quo and the overlay (a proposed change), before any check: the checks below cover them too.
  const statusQuo = options.statusQuo ?? overlay?.d.overlay.statusQuo;
  if (statusQuo !== undefined) {
    const pack = { ...merged };
    freezeAt(pack, statusQuo);
    Object.assign(merged, pack);
  }
  if (overlay) applyOverlayFile(overlay.d, overlay.src);

  // Exactly one regime header.
  if (merged.regime.length !== 1) {
    const second = merged.regime[1];
    if (second) at(second, "the regime header is given twice");
    else problems.push({ file: dir, line: 1, path: "regime", message: "no file declares the regime header" });
  }
  // The control list may be given in several files (e.g. the Order's rows in a file of their own): one name,
  // the parts, entries, number map and HS map of all of them.
  const named = merged.controlList.filter((c) => c.name !== undefined);
  if (named.length > 1) at(named[1]!, "the control list's name is given in two files", "name");
  if (merged.controlList.length > 0 && named.length === 0)
    at(merged.controlList[0]!, "no file gives the control list's name", "name");
  const controlList: (Omit<NonNullable<PackFile["controlList"]>, "name"> & { name: string }) | undefined =
    merged.controlList.length === 0
      ? undefined
      : {
          name: named[0]?.name ?? "",
          parts: merged.controlList.flatMap((c) => c.parts ?? []),
          entries: merged.controlList.flatMap((c) => c.entries ?? []),
          numberMap: merged.controlList.flatMap((c) => c.numberMap ?? []),
          hsMap: merged.controlList.flatMap((c) => c.hsMap ?? []),
          ...(merged.controlList.find((c) => c.numbering)?.numbering
            ? { numbering: merged.controlList.find((c) => c.numbering)!.numbering }
            : {}),
        };

  // Every dated fact: from < to.
  const dated = datedFactsOf({
    ...merged,
    controlList: controlList ?? { name: "" },
  });
  for (const f of dated) {
    if (f.to !== undefined && f.to <= f.from)
      at(f, `period ends (${f.to}) on or before it starts (${f.from})`, "to");
  }

  // Overlapping periods of the same fact.
  const noOverlap = <T extends { from: string; to?: string | undefined }>(
    items: T[],
    keyOf: (t: T) => string[],
    what: string,
  ) => {
    const seen = new Map<string, T>();
    const byKey = new Map<string, T[]>();
    for (const item of items) for (const k of keyOf(item)) byKey.set(k, [...(byKey.get(k) ?? []), item]);
    for (const [k, list] of byKey) {
      for (let i = 0; i < list.length; i++)
        for (let j = 0; j < i; j++) {
          const a = list[j]!;
          const b = list[i]!;
          if (periodsOverlap(a.from, a.to, b.from, b.to)) {
            const ao = origins.get(a);
            const where = ao ? `${ao.src.file}:${lineOf(ao.src, ao.path)}` : "another entry";
            at(
              b,
              `overlapping periods: ${what} ${k} [${b.from}, ${b.to ?? "open"}) overlaps [${a.from}, ${a.to ?? "open"}) at ${where}`,
              "from",
            );
          }
        }
      seen.set(k, list[0]!);
    }
  };
  for (const l of merged.lists)
    noOverlap(l.members, (m) => m.countries.map((c) => `${l.id}/${c}`), "membership");
  noOverlap(merged.groups, (g) => [g.id], "group");
  noOverlap(controlList?.parts ?? [], (p) => [p.id], "part");
  noOverlap(controlList?.entries ?? [], (e) => [e.id], "entry");
  noOverlap(merged.limbs, (l) => [l.id], "catch-all limb");
  noOverlap(merged.scopes, (s) => [s.id], "scope");
  noOverlap(merged.embargoes, (e) => [e.id], "embargo");
  noOverlap(merged.cautions, (e) => [e.id], "caution");
  noOverlap(merged.measures, (m) => [m.id], "measure");
  noOverlap(merged.exemptions, (e) => [e.id], "exemption");
  noOverlap(merged.redFlags, (r) => [r.id], "red flag");
  for (const il of merged.itemLists) {
    noOverlap(il.versions, () => [il.id], "item-list version");
    noOverlap(il.entries, (e) => [`${il.id}/${e.hs}`], "item-list entry");
  }
  // Precedence: labelled exceptions (overrides), conflicts refused.
  for (const lic of merged.licences) {
    noOverlap(lic.eligibility ?? [], (e) => [e.id], "eligibility rule");
    rankByOverrides(
      lic.eligibility ?? [],
      `licence ${lic.id}: eligibility rule`,
      (r, message, key) => at(r, message, key),
      (a, b) => a.result !== b.result && !disjoint(a, b),
    );
  }
  rankByOverrides(
    merged.measures,
    "measure",
    (r, message, key) => at(r, message, key),
    (a: Measure, b: Measure) =>
      a.effect.only !== undefined &&
      b.effect.only !== undefined &&
      a.effect.only.join() !== b.effect.only.join() &&
      !disjoint(a, b),
  );

  // Evidence: a verified fact cites at least one primary source named in the regime header.
  const header = merged.regime[0];
  if (header) {
    const primary = header.primarySources;
    const isPrimary = (c: Citation) => c.url !== undefined && primary.some((p) => urlUnder(c.url!, p));
    const checkEvidence = (f: { evidence?: string | undefined; cite?: Citation[] | undefined }) => {
      if (f.evidence === "verified" && !(f.cite ?? []).some(isPrimary))
        at(
          f,
          `a verified fact needs a primary source among its cites (a url under ${primary.join(", ")}); cite the legal text or an official notice, or lower the evidence`,
          "evidence",
        );
    };
    for (const f of dated) checkEvidence(f);
    for (const e of controlList?.entries ?? [])
      for (const sub of [...(e.subItems ?? []), ...(e.parameters ?? [])]) checkEvidence(sub);
  }

  // Unique ids.
  const unique = <T extends { id: string }>(items: T[], what: string) => {
    const seen = new Set<string>();
    for (const it of items) {
      if (seen.has(it.id) && !("from" in it)) at(it, `duplicate ${what} id "${it.id}"`, "id");
      seen.add(it.id);
    }
  };
  unique(merged.lists, "list");
  unique(merged.licences, "licence");
  unique(merged.itemLists, "item list");

  // Country codes.
  const checkCountries = (obj: object, codes: string[] | undefined, key: PathKey | PathKey[]) => {
    (codes ?? []).forEach((c, i) => {
      if (!isCountryCode(c))
        at(obj, `unknown country code "${c}"`, undefined, [...(Array.isArray(key) ? key : [key]), i]);
    });
  };
  for (const l of merged.lists) for (const m of l.members) checkCountries(m, m.countries, "countries");
  for (const n of merged.countryNames) checkCountries(n, [n.country], "country");

  // References.
  const listIds = new Set(merged.lists.map((l) => l.id));
  const groupIds = new Set(merged.groups.map((g) => g.id));
  const licenceIds = new Set(merged.licences.map((l) => l.id));
  const scopeIds = new Set(merged.scopes.map((s) => s.id));
  const itemListIds = new Set(merged.itemLists.map((l) => l.id));
  const limbIds = new Set(merged.limbs.map((l) => l.id));
  const partIds = new Set((controlList?.parts ?? []).map((p) => p.id));
  const entryIds = new Set((controlList?.entries ?? []).map((e) => e.id));
  const checkDest = (obj: object, sel: DestinationSelector | undefined, sub: PathKey[]) => {
    if (!sel) return;
    for (const key of ["groups", "notGroups"] as const)
      sel[key]?.forEach(
        (g, i) => groupIds.has(g) || at(obj, `unknown group "${g}"`, undefined, [...sub, key, i]),
      );
    for (const key of ["lists", "notLists"] as const)
      sel[key]?.forEach(
        (l, i) => listIds.has(l) || at(obj, `unknown country list "${l}"`, undefined, [...sub, key, i]),
      );
    for (const key of ["countries", "notCountries"] as const) checkCountries(obj, sel[key], [...sub, key]);
  };
  const checkItems = (obj: object, sel: ItemSelector | undefined, sub: PathKey[]) => {
    if (!sel) return;
    for (const key of ["parts", "notParts"] as const)
      sel[key]?.forEach((p, i) => {
        const head = p.replace(/\(.*$/, "");
        if (!partIds.has(head)) at(obj, `unknown control-list part "${p}"`, undefined, [...sub, key, i]);
      });
    sel.entries?.forEach(
      (e, i) =>
        entryIds.has(e) || at(obj, `unknown control-list entry "${e}"`, undefined, [...sub, "entries", i]),
    );
  };
  for (const g of merged.groups) {
    g.lists?.forEach(
      (l, i) => listIds.has(l) || at(g, `unknown country list "${l}"`, undefined, ["lists", i]),
    );
    if (g.within !== undefined && !groupIds.has(g.within)) at(g, `unknown group "${g.within}"`, "within");
    if (!g.default && !(g.lists && g.lists.length > 0)) at(g, "a group needs lists or default: true", "id");
  }
  for (const lic of merged.licences) {
    for (const e of lic.eligibility ?? []) {
      checkDest(e, e.destinations, ["destinations"]);
      checkItems(e, e.items, ["items"]);
    }
    for (const t of lic.terms ?? []) checkDest(t, t.destinations, ["destinations"]);
  }
  for (const e of merged.embargoes) {
    checkDest(e, e.destinations, ["destinations"]);
    checkItems(e, e.items, ["items"]);
    if (e.effect === "approval" && (e.permit === undefined || !licenceIds.has(e.permit)))
      at(e, `an approval rule names the licence type it requires (permit: a licence id)`, "effect");
  }
  for (const c of merged.cautions) {
    checkDest(c, c.destinations, ["destinations"]);
    checkItems(c, c.items, ["items"]);
  }
  for (const m of merged.measures) {
    checkDest(m, m.destinations, ["destinations"]);
    checkItems(m, m.items, ["items"]);
    for (const key of ["only", "allow"] as const)
      m.effect[key]?.forEach(
        (l, i) => licenceIds.has(l) || at(m, `unknown licence type "${l}"`, undefined, ["effect", key, i]),
      );
  }
  for (const l of merged.limbs) {
    checkDest(l, l.destinations, ["destinations"]);
    if (!scopeIds.has(l.scope)) at(l, `unknown catch-all scope "${l.scope}"`, "scope");
    if (!licenceIds.has(l.permit)) at(l, `unknown licence type "${l.permit}"`, "permit");
    l.when.forEach((w, i) => {
      if ("itemList" in w && !itemListIds.has(w.itemList))
        at(l, `unknown item list "${w.itemList}"`, undefined, ["when", i]);
    });
  }
  const recipientIds = new Set<string>();
  for (const r of merged.recipients) {
    if (recipientIds.has(r.id)) at(r, `duplicate recipient category "${r.id}"`, "id");
    recipientIds.add(r.id);
  }
  for (const t of merged.transactions) {
    checkDest(t, t.when.origins, ["when", "origins"]);
    checkDest(t, t.when.destinations, ["when", "destinations"]);
    checkItems(t, t.when.items, ["when", "items"]);
    t.when.recipients?.forEach(
      (r, i) =>
        recipientIds.has(r) ||
        at(t, `unknown recipient category "${r}" (transactions.recipients)`, undefined, [
          "when",
          "recipients",
          i,
        ]),
    );
    if (t.permit !== undefined) {
      const lic = merged.licences.find((l) => l.id === t.permit);
      if (!lic) at(t, `unknown licence type "${t.permit}"`, "permit");
      else if (!lic.for.includes(t.kind))
        at(
          t,
          `licence type "${t.permit}" is not a ${t.kind} permit (its for: ${lic.for.join(", ")})`,
          "permit",
        );
    }
  }
  noOverlap(merged.transactions, (t) => [t.id], "transaction rule");
  noOverlap(merged.methods, (m) => m.means, "method of transfer");
  for (const x of merged.exemptions) {
    checkDest(x, x.destinations, ["destinations"]);
    checkItems(x, x.items, ["items"]);
    x.lowerLimits?.forEach((ll, i) => checkItems(x, ll.items, ["lowerLimits", i, "items"]));
    x.unlessLimbs?.forEach(
      (l, i) => limbIds.has(l) || at(x, `unknown catch-all limb "${l}"`, undefined, ["unlessLimbs", i]),
    );
    if (x.mode === "apply" && (x.limit === undefined || x.currency === undefined))
      at(x, "an applied small-value exemption needs limit and currency", "mode");
  }
  for (const e of controlList?.entries ?? [])
    if (!partIds.has(e.part.replace(/\(.*$/, ""))) at(e, `unknown part "${e.part}"`, "part");
  for (const n of controlList?.numberMap ?? []) {
    if (!partIds.has(n.part)) at(n, `unknown part "${n.part}"`, "part");
    try {
      new RegExp(n.pattern);
    } catch {
      at(n, `bad pattern "${n.pattern}"`, "pattern");
    }
  }

  // Translations: each of a text the pack shows, once. The pack as written is checked strictly; held at a status
  // quo or changed by an overlay it shows fewer texts, and the translations of those it no longer shows are dropped
  // (a text an overlay rewrites is shown in English until the pack translates it).
  const shown = translatableTexts({
    ...merged,
    regime: merged.regime[0]!,
    controlList: controlList ?? { name: "" },
  });
  const asWritten = statusQuo === undefined && !overlay;
  const translated = new Set<string>();
  const texts = merged.texts.filter((t) => {
    if (translated.has(t.en)) at(t, `a second translation of "${t.en}"`, "en");
    translated.add(t.en);
    if (shown.has(t.en)) return true;
    if (asWritten) at(t, `translates a text the pack does not hold (or no longer holds): "${t.en}"`, "en");
    return false;
  });

  if (problems.length > 0) throw new PolicyLoadError(problems);

  const data: PolicyData = {
    regime: merged.regime[0]!,
    lists: merged.lists,
    groups: merged.groups,
    controlList: controlList ?? { name: "", parts: [], entries: [], numberMap: [] },
    licences: merged.licences,
    embargoes: merged.embargoes,
    cautions: merged.cautions,
    measures: merged.measures,
    scopes: merged.scopes,
    limbs: merged.limbs,
    itemLists: merged.itemLists,
    exemptions: merged.exemptions,
    redFlags: merged.redFlags,
    recipients: merged.recipients,
    methods: merged.methods,
    transactions: merged.transactions,
    countryNames: merged.countryNames,
    texts,
  };
  return overlay ? { data, overlay: overlay.d.overlay } : { data };

  /** Merge the overlay file into the pack, apply its ends and additions, and check its dates and regime. */
  function applyOverlayFile(ov: OverlayFile, src: SourceFile): void {
    const { overlay: header, ends, memberships, eligibility, itemListEntries, ...sections } = ov;
    origins.set(header, { src, path: ["overlay"] });
    ends?.forEach((e, i) => origins.set(e, { src, path: ["ends", i] }));
    memberships?.forEach((e, i) => origins.set(e, { src, path: ["memberships", i] }));
    eligibility?.forEach((e, i) => origins.set(e, { src, path: ["eligibility", i] }));
    itemListEntries?.forEach((e, i) => origins.set(e, { src, path: ["itemListEntries", i] }));
    const pack = merged.regime[0];
    if (sections.regime) {
      at(
        header,
        "an overlay does not declare a regime header; it names its regime in overlay.regime",
        "regime",
      );
      delete sections.regime;
    }
    if (pack && header.regime !== pack.id)
      at(header, `the overlay is for regime ${header.regime}, the pack is ${pack.id}`, "regime");
    mergeFile(sections, src);
    const target = { ...merged };
    applyOverlay(target, ov, {
      problem: (obj, message, key) => at(obj, message, key),
      sameOrigin: (made, like) => {
        const o = origins.get(like);
        if (o) origins.set(made, o);
      },
    });
    Object.assign(merged, target);
    if (pack) {
      /** A raw rule's dated parts: its periods, or itself. */
      const flat = <T>(items: { periods?: unknown[] | undefined }[] | undefined): T[] =>
        (items ?? []).flatMap((r) => (r.periods ?? [r]) as T[]);
      const datedOf = (d: OverlayFile) =>
        datedFactsOf({
          lists: d.lists ?? [],
          groups: flat(d.groups),
          controlList: { ...d.controlList, name: d.controlList?.name ?? "" },
          licences: (d.licences ?? []).map((l) => ({ ...l, eligibility: flat(l.eligibility) })),
          embargoes: flat(d.embargoes),
          cautions: flat(d.cautions),
          measures: flat(d.measures),
          scopes: d.catchAll?.scopes ?? [],
          limbs: flat(d.catchAll?.limbs),
          itemLists: d.itemLists ?? [],
          exemptions: flat(d.exemptions),
          redFlags: flat(d.redFlags),
          transactions: d.transactions?.rules ?? [],
          methods: d.transactions?.methods ?? [],
        });
      for (const { obj, key, date } of overlayDates(ov, datedOf))
        if (date < pack.dataFrom)
          at(obj, `${key} ${date} is before the pack's first date ${pack.dataFrom} (regime.dataFrom)`, key);
      if (header.statusQuo !== undefined && header.effective < header.statusQuo)
        at(header, `effective ${header.effective} is before the status quo ${header.statusQuo}`, "effective");
    }
  }
}
