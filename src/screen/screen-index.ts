/**
 * The screening index: every name of every listed entity prepared once (all variants), a vocabulary of Latin
 * token spellings with rarity weights, and the blocking structures that find candidates without scanning the
 * lists — an inverted index token → names, a character-trigram index over the vocabulary (typos), Double
 * Metaphone and consonant-skeleton keys (spelling variants, abjad transliterations), joined neighbouring tokens
 * (VladimirPutin), and a length-bucketed scan for very short tokens. Candidates are scored by ./score.ts, the
 * best name per entity kept, and entity facts (country, type, date of birth, identifiers) adjust the score.
 */
import type { EntityType, ListEntity } from "./entity.ts";
import {
  nothingDistinctive,
  phoneticKeys,
  prepareName,
  roleWeight,
  type NameVariant,
  type PreparedName,
  type Tok,
} from "./name.ts";
import {
  compareVariants,
  DEFAULT_PARAMS,
  formSimilarity,
  formSimilarityAtLeast,
  round,
  type NameFeatures,
  type ScoreParams,
  type TokenMemo,
} from "./score.ts";
import { groupEntities, type Groups } from "./groups.ts";
import { ABJADS } from "./script.ts";
import { osaDistance } from "./distance.ts";
import { DeletionTable } from "./deletion-table.ts";
import type { Transliterator } from "./transliterate.ts";
import {
  encodeSnapshot,
  flatLists,
  recordTable,
  stringSection,
  type IdLists,
  type SnapshotReader,
} from "./index-snapshot.ts";

import { DEFAULT_THRESHOLD } from "./threshold.ts";

export { DEFAULT_THRESHOLD };

export interface ScreenQuery {
  name: string;
  /** ISO 3166 alpha-2 code of the party's country (nationality, seat or address). */
  country?: string;
  type?: "person" | "entity";
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  birthDate?: string;
  /** Identifier values (passport, registration or tax numbers) to compare with the lists'. */
  identifiers?: string[];
}

export interface ScreenOptions {
  threshold?: number;
  /** Only entities of these lists. */
  lists?: readonly string[];
  /** At most this many results (default 20). */
  limit?: number;
}

/** The entity-level adjustments, in score points (0 when not applicable). */
export interface EntityFeatures {
  /** Matched through an alias the list itself marks as weak / low quality. */
  weakAlias: number;
  country: number;
  type: number;
  birthDate: number;
  identifier: number;
  /**
   * The points taken when the name's shape and the entry's kind disagree (a company-shaped name against a
   * person, a Korean personal name against a company): the score is held below the default threshold.
   */
  kind: number;
}

export interface ScreenMatch {
  entityId: string;
  list: string;
  /** The entity's primary name. */
  name: string;
  /** The listed name (primary or alias) that matched. */
  matchedName: string;
  score: number;
  /** The name score and its features, and the entity adjustments. */
  features: { name: number } & NameFeatures & EntityFeatures;
  /** Query token(s) → list token(s) that met. */
  alignment: [string, string][];
  /**
   * The other entries of the same party (copies across lists, one Entity List row per address), when there
   * are any: the match stands for all of them, and a decision on it covers them all.
   */
  group?: MatchGroup;
  /** The alias-table entries the query was read through (海康威视 → Hikvision), with their sources. */
  via?: { native: string; listed: string; source: string }[];
  entity: ListEntity;
}

/** The entries of one party, the matched one first. */
export interface MatchGroup {
  /** `group:` + the id of the group's first entry in the index. */
  id: string;
  sources: GroupSource[];
}

export interface GroupSource {
  entityId: string;
  list: string;
  sourceId: string;
  version: string;
  name: string;
  type: EntityType;
  url?: string;
  programs: string[];
  /** This entry's own score when it matched too. */
  score?: number;
}

export interface ScreenResult {
  matches: ScreenMatch[];
  /** Number of list names scored in full for this query (after blocking). */
  candidates: number;
}

export interface IndexOptions {
  transliterator: Transliterator;
  params?: ScoreParams;
}

const ADJUST = {
  countryMatch: 0.02,
  countryConflict: -0.05,
  typeConflict: -0.15,
  birthExact: 0.05,
  birthYear: 0.03,
  birthConflict: -0.12,
  identifier: 0.1,
  weakAlias: -0.05,
};
const ADJUST_MAX = ADJUST.countryMatch + ADJUST.birthExact + ADJUST.identifier;

/** Candidates whose blocking estimate is below this share of either name are not scored. */
const MIN_BLOCK_SHARE = 0.45;
/** At most this many list names are scored per query variant. */
const MAX_CANDIDATES = 20;
/** Rows tied with the last candidate are scored too, up to this many in all. */
const MAX_TIED = 60;
/** What blocking may not see of a match (joined tokens, particles): added to its bound before pruning. */
const BOUND_SLACK = 0.1;
/** The most that entity facts can add to a name score. */
const ENTITY_BONUS = ADJUST_MAX;
/** Least similarity for a vocabulary spelling to count as a hit in blocking. */
const MIN_HIT = 0.7;

/** Vocabulary hits of one spelling: ids and similarities, best first. */
interface Hits {
  v: Int32Array;
  s: Float32Array;
}

const LOOKUP_CACHE = 20_000;
/** Trigrams shared by more spellings than this are not counted in blocking. */
const STOP_GRAM = 1500;
/** Postings read per query before weak hits of common spellings stop adding new candidate rows. */
const POSTING_BUDGET = 25_000;
/** Blocking similarity of a spelling contained in another ("siemens" in "siemensag"). */
const CONTAINED = 0.85;
/** Spellings up to this length get a deletion neighbourhood. */
const MAX_DELETION_LEN = 14;
/** Phonetic keys shared by more spellings than this are too common to block on. */
const MAX_KEY_POSTING = 400;

export class ScreeningIndex {
  /** The listed entities, by index (decoded on first use when opened from a snapshot). */
  private readonly ents: Rows<ListEntity>;
  /** The list of each entity, as an index into `listNames`. */
  private readonly entityList: Int32Array;
  private readonly listNames: string[];
  private readonly tr: Transliterator;
  private readonly params: ScoreParams;
  // rows = one variant of one name of one entity
  private readonly rowEntity: Int32Array;
  private readonly rowName: Int32Array;
  /** The row's name variant, as an index into `variants` (rows of one name on several lists share it). */
  private readonly rowVariant: Int32Array;
  private readonly variants: Rows<NameVariant>;
  /** Sum of the weights of the row's distinctive (name-role) tokens. */
  private readonly rowNameWeight: Float32Array;
  // vocabulary of spellings
  private readonly vocab: string[];
  private readonly vocabId = new Map<string, number>();
  private postings: IdLists = arrayLists([]);
  private weights!: Float32Array;
  private readonly grams: KeyedLists;
  private readonly metaKeys: KeyedLists;
  private readonly skelKeys: KeyedLists;
  private readonly byLength: IdLists;
  /** Deletion neighbourhood: each spelling, and it with one letter removed (catches any one edit). */
  private deletions!: DeletionTable;
  // scratch, reused between queries
  private readonly acc: Float32Array;
  private readonly accList: Float32Array;
  private readonly stamp: Int32Array;
  private gramCount: Uint16Array;
  private stampCounter = 0;
  private readonly vocabStamp: Int32Array;
  /** The length of each vocabulary spelling (read without touching the string). */
  private readonly vocabLen: Uint16Array;
  private readonly vocabSlot: Int32Array;
  private vocabCounter = 0;
  private readonly lookupCache = new Map<string, Hits>();
  private readonly groups: Groups;

  private constructor(
    src: { entities: readonly ListEntity[] } | { snapshot: SnapshotReader },
    opts: IndexOptions,
  ) {
    this.tr = opts.transliterator;
    this.params = opts.params ?? DEFAULT_PARAMS;
    if ("snapshot" in src) {
      const r = src.snapshot;
      const h = r.header as unknown as SnapshotHeader;
      this.ents = r.records<ListEntity>("entities");
      this.entityList = r.i32("entityList");
      this.listNames = h.listNames;
      this.rowEntity = r.i32("rowEntity");
      this.rowName = r.i32("rowName");
      this.rowVariant = r.i32("rowVariant");
      this.variants = r.records<NameVariant>("variants");
      this.rowNameWeight = r.f32("rowNameWeight");
      this.vocab = r.strings("vocab");
      const vocabId = this.vocabId;
      this.vocab.forEach((v, i) => vocabId.set(v, i));
      this.postings = r.lists("postings");
      this.weights = r.f32("weights");
      this.grams = keyedLists(r.strings("grams.keys"), r.lists("grams"));
      this.metaKeys = keyedLists(r.strings("metaKeys.keys"), r.lists("metaKeys"));
      this.skelKeys = keyedLists(r.strings("skelKeys.keys"), r.lists("skelKeys"));
      this.byLength = r.lists("byLength");
      this.deletions = DeletionTable.fromParts(
        r.f64("deletions.hashes"),
        r.i32("deletions.ids"),
        this.vocab,
        h.deletionMask,
      );
      const members = new Map<number, number[]>();
      const lists = r.lists("groupMembers");
      r.i32("groupRoots").forEach((root, i) => members.set(root, [...lists.get(i)!]));
      this.groups = { of: r.i32("groupOf"), members };
    } else {
      const entities = src.entities;
      this.ents = arrayRows(entities);
      this.listNames = [...new Set(entities.map((e) => e.list))].sort();
      const listIndex = new Map(this.listNames.map((l, i) => [l, i]));
      this.entityList = Int32Array.from(entities, (e) => listIndex.get(e.list)!);
      this.vocab = [];
      const grams = new Map<string, Int32Array>();
      const metaKeys = new Map<string, Int32Array>();
      const skelKeys = new Map<string, Int32Array>();
      const byLength: Int32Array[] = [];
      this.grams = grams;
      this.metaKeys = metaKeys;
      this.skelKeys = skelKeys;
      this.byLength = arrayLists(byLength);
      const built = this.buildFrom(entities, { grams, metaKeys, skelKeys, byLength });
      this.rowEntity = built.rowEntity;
      this.rowName = built.rowName;
      this.rowVariant = built.rowVariant;
      this.variants = built.variants;
      this.rowNameWeight = built.rowNameWeight;
      this.groups = groupEntities(entities, (i) => this.namesOf(i));
    }
    const rows = this.rowEntity.length;
    this.acc = new Float32Array(rows);
    this.accList = new Float32Array(rows);
    this.stamp = new Int32Array(rows).fill(-1);
    this.gramCount = new Uint16Array(this.vocab.length);
    this.vocabStamp = new Int32Array(this.vocab.length);
    this.vocabSlot = new Int32Array(this.vocab.length);
    this.vocabLen = new Uint16Array(this.vocab.length);
    for (let v = 0; v < this.vocab.length; v++) this.vocabLen[v] = Math.min(65535, this.vocab[v]!.length);
  }

  /** The build proper: rows, vocabulary, postings, weights and the blocking keys. */
  private buildFrom(entities: readonly ListEntity[], keys: BuiltKeys) {
    const rowEntity: number[] = [];
    const rowName: number[] = [];
    const rowVariant: number[] = [];
    const variantTable: NameVariant[] = [];
    const variantId = new Map<NameVariant, number>();
    const posting: number[][] = [];
    // which spellings are a listed token's: the others, only made by joining short parts, are looked up
    // exactly and get no fuzzy keys (trigrams, deletions)
    const isToken: number[] = [];
    // the same name is on several lists (the CSL repeats the SDN): prepared once; the variants are shared
    // between rows (their token weights depend on the spelling only)
    const prepared = new Map<string, PreparedName>();
    entities.forEach((e, ei) => {
      const seenKeys = new Set<string>();
      e.names.forEach((n, ni) => {
        let p = prepared.get(n.name);
        if (!p) prepared.set(n.name, (p = prepareName(n.name, this.tr)));
        for (const v of p.variants) {
          if (seenKeys.has(v.key)) continue;
          seenKeys.add(v.key);
          const row = rowVariant.length;
          rowEntity.push(ei);
          rowName.push(ni);
          let vid = variantId.get(v);
          if (vid === undefined) {
            vid = variantTable.length;
            variantTable.push(v);
            variantId.set(v, vid);
          }
          rowVariant.push(vid);
          for (const t of v.tokens) {
            if (t.role !== "name") continue;
            for (const f of t.forms) {
              const id = this.intern(f);
              isToken[id] = 1;
              const pl = (posting[id] ??= []);
              if (pl[pl.length - 1] !== row) pl.push(row);
            }
          }
          // short neighbouring parts joined ("Yo Jong" → yojong): a query that writes them as one word
          // (ヨジョン, 여정) meets them in blocking without the common parts ("Jong") flooding the candidates
          for (let k = 0; k + 1 < v.tokens.length; k++) {
            const a = v.tokens[k]!;
            const b = v.tokens[k + 1]!;
            if (a.role !== "name" || b.role !== "name" || a.text.length > 4 || b.text.length > 4) continue;
            const id = this.intern(a.text + b.text);
            const pl = (posting[id] ??= []);
            if (pl[pl.length - 1] !== row) pl.push(row);
          }
        }
      });
    });
    this.postings = arrayLists(
      Array.from({ length: this.vocab.length }, (_, v) => Int32Array.from(posting[v] ?? [])),
    );
    this.computeWeights(rowVariant.length, variantTable);
    const rowNameWeight = new Float32Array(rowVariant.length);
    rowVariant.forEach((vid, r) => {
      let s = 0;
      for (const t of variantTable[vid]!.tokens) if (t.role === "name") s += t.w;
      rowNameWeight[r] = s;
    });
    this.buildKeys((v) => isToken[v] !== 1, keys);
    return {
      rowEntity: Int32Array.from(rowEntity),
      rowName: Int32Array.from(rowName),
      rowVariant: Int32Array.from(rowVariant),
      variants: arrayRows(variantTable),
      rowNameWeight,
    };
  }

  /** Build the index over the entities of all lists (names prepared with the given transliterator). */
  static build(entities: readonly ListEntity[], opts: IndexOptions): ScreeningIndex {
    return new ScreeningIndex({ entities }, opts);
  }

  /**
   * Open an index written by `toSnapshot` (the same code and transliterator data must have built it: the
   * adapter keys the file by both). Names and entities are decoded when a screen first needs them.
   */
  static open(snapshot: SnapshotReader, opts: IndexOptions): ScreeningIndex {
    return new ScreeningIndex({ snapshot }, opts);
  }

  /** The index as the chunks of one snapshot file; `meta` is kept in its header for the adapter. */
  toSnapshot(meta: unknown): Uint8Array[] {
    const gramKeys = [...this.grams.keys()];
    const metaKeys = [...this.metaKeys.keys()];
    const skelKeys = [...this.skelKeys.keys()];
    const groupRoots = [...this.groups.members.keys()];
    const sections: Record<string, Int32Array | Uint32Array | Float32Array | Float64Array | Uint8Array> = {};
    const lists = (name: string, l: readonly ArrayLike<number>[]) => {
      const { offsets, data } = flatLists(l);
      sections[`${name}.off`] = offsets;
      sections[`${name}.data`] = data;
    };
    const records = (name: string, rows: Rows<unknown>, replacer?: (k: string, v: unknown) => unknown) => {
      const { offsets, bytes } = recordTable(
        Array.from({ length: rows.length }, (_, i) => rows.get(i)),
        replacer,
      );
      sections[`${name}.off`] = offsets;
      sections[`${name}.json`] = bytes;
    };
    sections.rowEntity = this.rowEntity;
    sections.rowName = this.rowName;
    sections.rowVariant = this.rowVariant;
    sections.rowNameWeight = this.rowNameWeight;
    sections.weights = this.weights;
    sections.entityList = this.entityList;
    sections.groupOf = this.groups.of;
    const all = (l: IdLists) => Array.from({ length: l.length }, (_, i) => l.get(i) ?? new Int32Array(0));
    lists("postings", all(this.postings));
    lists(
      "grams",
      gramKeys.map((k) => this.grams.get(k)!),
    );
    lists(
      "metaKeys",
      metaKeys.map((k) => this.metaKeys.get(k)!),
    );
    lists(
      "skelKeys",
      skelKeys.map((k) => this.skelKeys.get(k)!),
    );
    lists("byLength", all(this.byLength));
    sections["vocab"] = stringSection(this.vocab);
    sections["grams.keys"] = stringSection(gramKeys);
    sections["metaKeys.keys"] = stringSection(metaKeys);
    sections["skelKeys.keys"] = stringSection(skelKeys);
    sections.groupRoots = Int32Array.from(groupRoots);
    lists(
      "groupMembers",
      groupRoots.map((g) => this.groups.members.get(g)!),
    );
    const del = this.deletions.parts();
    sections["deletions.hashes"] = del.hashes;
    sections["deletions.ids"] = del.ids;
    // the scorer's memo of joined tokens is rebuilt on use
    records("variants", this.variants, (k, v) => (k === "joins" ? undefined : v));
    records("entities", this.ents);
    const header: SnapshotHeader = {
      rows: this.rowEntity.length,
      entities: this.ents.length,
      listNames: this.listNames,
      deletionMask: del.mask,
      meta,
    };
    return encodeSnapshot(header, sections);
  }

  /** Number of listed entities. */
  get entityCount(): number {
    return this.ents.length;
  }

  /** The listed entity at `i`. */
  entity(i: number): ListEntity {
    return this.ents.get(i);
  }

  private rowStart?: Int32Array;

  /** The normalised names of entity i that can identify it (not weak aliases; a distinctive word in them). */
  private namesOf(i: number): { key: string; words: number }[] {
    if (!this.rowStart) {
      const start = new Int32Array(this.ents.length + 1).fill(-1);
      for (let r = this.rowEntity.length - 1; r >= 0; r--) start[this.rowEntity[r]!] = r;
      start[this.ents.length] = this.rowEntity.length;
      for (let e = this.ents.length - 1; e >= 0; e--) if (start[e] === -1) start[e] = start[e + 1]!;
      this.rowStart = start;
    }
    const out: { key: string; words: number }[] = [];
    const e = this.ents.get(i);
    for (let r = this.rowStart[i]!; r < this.rowStart[i + 1]!; r++) {
      if (e.names[this.rowName[r]!]?.kind === "weak") continue;
      const v = this.variants.get(this.rowVariant[r]!);
      const words = v.tokens.filter((t) => t.role === "name").length;
      if (words > 0) out.push({ key: v.key, words });
    }
    // "Semiconductor Manufacturing International Corporation (SMIC)" is the same name as without its acronym
    for (const n of e.names) {
      if (n.kind === "weak" || !n.name.includes("(") || !ACRONYM_AFTER.test(n.name)) continue;
      const bare = n.name.replace(ACRONYM_AFTER, "").trim();
      const v = bare ? prepareName(bare, this.tr).variants[0] : undefined;
      const words = v ? v.tokens.filter((t) => t.role === "name").length : 0;
      if (v && words > 0) out.push({ key: v.key, words });
    }
    return out;
  }

  /** Number of indexed name variants. */
  get names(): number {
    return this.rowEntity.length;
  }

  /** Number of distinct token spellings. */
  get vocabularySize(): number {
    return this.vocab.length;
  }

  private intern(f: string): number {
    let id = this.vocabId.get(f);
    if (id === undefined) {
      id = this.vocab.length;
      this.vocab.push(f);
      this.vocabId.set(f, id);
    }
    return id;
  }

  /** Rarity weight: 1 for tokens in few names, down to 0.2 for the most common ones (Mohammad, Ali). */
  private computeWeights(rows: number, variants: readonly NameVariant[]): void {
    const n = rows + 1;
    const ref = Math.log(n / 20);
    this.weights = new Float32Array(this.vocab.length);
    for (let v = 0; v < this.vocab.length; v++) {
      const df = this.postings.get(v)?.length ?? 0;
      const idf = Math.log(n / (df + 0.5));
      this.weights[v] = Math.max(0.2, Math.min(1, ref > 0 ? idf / ref : 1));
    }
    for (const variant of variants)
      for (const t of variant.tokens) {
        if (t.role !== "name") continue;
        const id = this.vocabId.get(t.text);
        if (id !== undefined) t.w = Math.min(roleWeight("name", t.text), this.weights[id]!);
      }
  }

  private buildKeys(skip: (v: number) => boolean, out: BuiltKeys): void {
    const grams = new Map<string, number[]>();
    const meta = new Map<string, number[]>();
    const skel = new Map<string, number[]>();
    const byLen: number[][] = [];
    const push = (m: Map<string, number[]>, k: string, v: number) => {
      const a = m.get(k);
      if (a) a.push(v);
      else m.set(k, [v]);
    };
    // every spelling is found as itself (a listed spelling one letter shorter than a query's); listed tokens
    // of 4 to MAX_DELETION_LEN letters also with one letter removed
    this.deletions = DeletionTable.build(
      this.vocab,
      () => true,
      (v) => !skip(v) && this.vocab[v]!.length >= 4 && this.vocab[v]!.length <= MAX_DELETION_LEN,
    );
    for (let v = 0; v < this.vocab.length; v++) {
      if (skip(v)) continue;
      const s = this.vocab[v]!;
      (byLen[s.length] ??= []).push(v);
      if (s.length >= 3) for (const g of trigrams(s)) push(grams, g, v);
      const k = phoneticKeys(s);
      for (const m of k.meta) if (m.length >= 2) push(meta, m, v);
      if (k.skel.length > 0) push(skel, k.skel, v);
    }
    for (const [k, a] of grams) out.grams.set(k, Int32Array.from(new Set(a)));
    for (const [k, a] of meta) out.metaKeys.set(k, Int32Array.from(a));
    for (const [k, a] of skel) out.skelKeys.set(k, Int32Array.from(a));
    for (let i = 0; i < byLen.length; i++) out.byLength[i] = Int32Array.from(byLen[i] ?? []);
  }

  /** Vocabulary spellings near one query spelling (cached: names repeat their parts). */
  private lookup(form: string, tok: Tok, joined: boolean): Hits {
    const abjad = ABJADS.has(tok.script) && tok.skel.length > 0;
    const key = `${joined ? "+" : ""}${form}${abjad ? `\u0000${tok.skel}` : ""}`;
    const hit = this.lookupCache.get(key);
    if (hit) return hit;
    const r = this.computeLookup(form, tok, abjad, joined);
    if (this.lookupCache.size >= LOOKUP_CACHE) this.lookupCache.clear();
    this.lookupCache.set(key, r);
    return r;
  }

  private static readonly NO_HITS: Hits = { v: new Int32Array(0), s: new Float32Array(0) };

  private exactHit(form: string): Hits {
    const v = this.vocabId.get(form);
    return v === undefined ? ScreeningIndex.NO_HITS : { v: Int32Array.of(v), s: Float32Array.of(1) };
  }

  private readonly touchedScratch: number[] = [];
  private hitIds: number[] = [];
  private hitSims: number[] = [];

  private add(v: number, sim: number): void {
    if (this.vocabStamp[v] !== this.vocabCounter) {
      this.vocabStamp[v] = this.vocabCounter;
      this.vocabSlot[v] = this.hitIds.length;
      this.hitIds.push(v);
      this.hitSims.push(sim);
    } else {
      const slot = this.vocabSlot[v]!;
      if (sim > this.hitSims[slot]!) this.hitSims[slot] = sim;
    }
  }

  private computeLookup(form: string, tok: Tok, abjad: boolean, joined: boolean): Hits {
    const ids = (this.hitIds = []);
    const sims = (this.hitSims = []);
    const mark = ++this.vocabCounter;
    const vStamp = this.vocabStamp;
    const vocabLen = this.vocabLen;
    const add = (v: number, sim: number) => this.add(v, sim);
    const exact = this.vocabId.get(form);
    if (exact !== undefined) add(exact, 1);
    const len = form.length;
    const maxDiff = Math.max(2, Math.ceil(len * 0.4));
    if (len >= 3) {
      // trigram blocking over the vocabulary
      const gs = trigrams(form);
      const touched = this.touchedScratch;
      touched.length = 0;
      const counts = this.gramCount;
      // very common trigrams ("an$", "^al") say little and cost much: left out of the count
      const lists: Int32Array[] = [];
      for (const g of gs) {
        const pl = this.grams.get(g);
        if (pl && pl.length <= STOP_GRAM) lists.push(pl);
      }
      const usable = lists.length;
      const need = Math.max(2, Math.ceil(usable * 0.4));
      // the fewest shared trigrams with which a spelling can still be taken (similar, or contained: 3)
      const least = joined ? need : Math.min(need, 3);
      // prefix filter: a spelling in none of the usable - least + 1 shortest lists shares fewer than `least`
      // trigrams, so the longest lists only count spellings already met
      lists.sort((a, b) => a.length - b.length);
      const open = usable - least + 1;
      for (let g = 0; g < usable; g++) {
        const pl = lists[g]!;
        if (g < open)
          for (let k = 0; k < pl.length; k++) {
            const v = pl[k]!;
            const c = counts[v]!;
            if (c === 0) touched.push(v);
            counts[v] = c + 1;
          }
        else
          for (let k = 0; k < pl.length; k++) {
            const v = pl[k]!;
            const c = counts[v]!;
            if (c !== 0) counts[v] = c + 1;
          }
      }
      for (let t = 0; t < touched.length; t++) {
        const v = touched[t]!;
        const c = counts[v]!;
        counts[v] = 0;
        if (c < least) continue;
        const vl = vocabLen[v]!;
        if (c < need) {
          // a short listed spelling wholly inside a long query one ("putin" in "vladimirputin")
          if (!joined && vl >= 4 && len > vl && c >= vl - 1 && form.includes(this.vocab[v]!))
            add(v, CONTAINED);
          continue;
        }
        const s = this.vocab[v]!;
        if (Math.abs(vl - len) <= maxDiff) {
          const sim = formSimilarityAtLeast(form, s, MIN_HIT);
          if (sim >= MIN_HIT) {
            add(v, sim);
            continue;
          }
        }
        // a joined list token ("vladimirputin") may contain the query spelling, or the reverse ("siemensag")
        if (
          !joined &&
          Math.min(len, vl) >= 4 &&
          c >= Math.min(len, vl) - 1 &&
          (s.includes(form) || form.includes(s))
        )
          add(v, CONTAINED);
      }
      // one edit anywhere (a transposed pair kills most trigrams: dnenis / dennis): deletion neighbourhood
      if (len >= 4 && len <= MAX_DELETION_LEN + 1) {
        // the query spelling, and it with each letter removed: listed spellings equal to it (one letter
        // shorter than the query) or one letter longer that shorten to it
        const hit = (v: number) => {
          if (vStamp[v] !== mark)
            add(v, Math.max(MIN_HIT, formSimilarityAtLeast(form, this.vocab[v]!, MIN_HIT)));
        };
        this.deletions.probe(form, -1, hit);
        for (let i = 0; i < len; i++)
          if (i === 0 || form[i] !== form[i - 1]) this.deletions.probe(form, i, hit);
      }
    } else {
      // very short spellings: scan the vocabulary of nearby lengths (edit distance 1)
      for (let l = Math.max(1, len - 1); l <= len + 1; l++) {
        const bucket = this.byLength.get(l);
        if (!bucket) continue;
        for (let k = 0; k < bucket.length; k++) {
          const v = bucket[k]!;
          const s = this.vocab[v]!;
          if (osaDistance(form, s) <= 1) add(v, formSimilarity(form, s));
        }
      }
    }
    // phonetic keys
    for (const code of tok.meta) {
      const pl = this.metaKeys.get(code);
      if (!pl || pl.length > MAX_KEY_POSTING) continue;
      for (let k = 0; k < pl.length; k++) {
        const v = pl[k]!;
        if (Math.abs(vocabLen[v]! - len) > 3 || vStamp[v] === mark) continue;
        // 0.6 + 0.4 × similarity reaches MIN_HIT from a similarity of (MIN_HIT − 0.6) / 0.4
        const sim = 0.6 + 0.4 * formSimilarityAtLeast(form, this.vocab[v]!, (MIN_HIT - 0.6) / 0.4);
        if (sim >= MIN_HIT) add(v, sim);
      }
    }
    if (abjad) {
      const pl = this.skelKeys.get(tok.skel);
      if (pl) for (let k = 0; k < pl.length; k++) add(pl[k]!, tok.skel.length >= 3 ? 0.92 : 0.85);
    }
    // best first, so that a row meets its best hit first
    const order = ids.map((_, i) => i).sort((a, b) => sims[b]! - sims[a]! || ids[a]! - ids[b]!);
    return { v: Int32Array.from(order, (i) => ids[i]!), s: Float32Array.from(order, (i) => sims[i]!) };
  }

  /** Blocking + scoring of one query variant; best comparison per row goes into `best`. */
  private searchVariant(
    qv: NameVariant,
    allowed: ((entity: number) => boolean) | undefined,
    best: Map<number, ReturnType<typeof compareVariants>>,
    threshold: number,
  ): number {
    const toks = qv.tokens;
    const touched: number[] = [];
    let qWeight = 0;
    const probes: { forms: string[]; tok: Tok; parts: Tok[] }[] = [];
    // a name of company words around at most one name (조선광업개발무역회사 → Korea Mining Development …) is
    // also looked up by its words: the one name ("Korea") is in too many listed names to find it alone
    let names = 0;
    for (const t of toks) if (t.role === "name") names++;
    for (const t of toks)
      if (t.role === "name" || (names <= 1 && t.role === "generic" && t.word))
        probes.push({ forms: t.forms.slice(0, 12), tok: t, parts: [] });
    // rare words first: the posting budget is spent on the words that tell names apart ("Informtest"), not on
    // the words that hundreds of listed names share ("Obshchestvo", "Ogranichennoy")
    const spread = (p: (typeof probes)[number]) => {
      let n = 0;
      for (const f of p.forms) {
        const v = this.vocabId.get(f);
        if (v !== undefined) n = Math.max(n, this.postings.get(v)?.length ?? 0);
      }
      return n;
    };
    const order = probes.map((p) => [spread(p), p] as const).sort((a, b) => a[0] - b[0]);
    probes.length = 0;
    for (const [, p] of order) probes.push(p);
    // joined neighbours: "vladimir putin" also looks up "vladimirputin"
    for (let i = 0; i + 1 < toks.length; i++) {
      const a = toks[i]!;
      const b = toks[i + 1]!;
      if (a.role === "number" || b.role === "number" || a.role === "generic" || b.role === "generic")
        continue;
      if (a.role !== "name" && b.role !== "name") continue;
      const f = a.text + b.text;
      const k = phoneticKeys(f);
      // joined syllables (청 + 송) must spell a listed word exactly: every pair of their spellings is tried
      const forms =
        a.syllable && b.syllable
          ? a.forms.slice(0, 4).flatMap((x) => b.forms.slice(0, 4).map((y) => x + y))
          : [f];
      probes.push({
        forms,
        tok: { ...a, text: f, forms, meta: k.meta, skel: k.skel },
        parts: [a, b],
      });
    }
    let budget = POSTING_BUDGET;
    for (const probe of probes) {
      // a syllable read from Hangul / Han must meet one of its spellings exactly (see score.ts): no fuzzy lookup
      const all: Hits[] = probe.tok.syllable
        ? probe.forms.map((f) => this.exactHit(f))
        : probe.forms.map((f) => this.lookup(f, probe.tok, probe.parts.length > 0));
      // the query token's weight: the rarity of its best-matching listed spelling, 1 if unknown
      let bestSim = 0;
      let w = 1;
      for (const h of all)
        if (h.s.length > 0 && h.s[0]! > bestSim) {
          bestSim = h.s[0]!;
          w = this.weights[h.v[0]!]!;
        }
      if (probe.parts.length === 0 && probe.tok.role !== "name") {
        // a company word counts with its own weight (it is not a name whose rarity the index knows)
        w = probe.tok.w;
        qWeight += w;
      } else if (probe.parts.length === 0) {
        const t = probe.tok;
        w = Math.min(roleWeight("name", t.text), bestSim >= 0.8 ? w : 1);
        t.w = w;
        qWeight += w;
      } else {
        // a joined probe stands for both its parts (their weights are known: parts come first in `probes`)
        w = 0;
        for (const p of probe.parts) w += p.role === "name" ? p.w : 0;
      }
      // per row, this probe counts once, with its best hit (hits are sorted best first)
      const mark = ++this.stampCounter;
      for (const h of all) {
        for (let i = 0; i < h.v.length; i++) {
          const v = h.v[i]!;
          const s = h.s[i]!;
          const pl = this.postings.get(v);
          if (!pl) continue;
          const lw = this.weights[v]!;
          // past the budget, a weak hit of a common spelling only adds to rows already found
          const growing = budget > 0;
          budget -= pl.length;
          for (let k = 0; k < pl.length; k++) {
            const r = pl[k]!;
            const a = this.acc[r]!;
            const al = this.accList[r]!;
            if (a === 0 && al === 0) {
              if (!growing) continue;
              touched.push(r);
            }
            // the list side counts every listed token this probe meets ("vladimirputin" meets two)
            this.accList[r] = al + s * lw;
            // the query side counts the probe once per row, with its best hit
            if (this.stamp[r] === mark) continue;
            this.stamp[r] = mark;
            this.acc[r] = a + s * w;
          }
        }
      }
    }
    // rank rows by how much of either side blocking already explains
    const cands: { r: number; est: number }[] = [];
    for (const r of touched) {
      const qShare = qWeight > 0 ? Math.min(1, this.acc[r]! / qWeight) : 0;
      const lShare = this.rowNameWeight[r]! > 0 ? Math.min(1, this.accList[r]! / this.rowNameWeight[r]!) : 0;
      this.acc[r] = 0;
      this.accList[r] = 0;
      const est = Math.max(qShare, lShare);
      if (est < MIN_BLOCK_SHARE) continue;
      // the score the name could reach if blocking saw all that matches (with slack: joined tokens, particles)
      const uq = Math.max(0, 1 - qShare);
      const ul = Math.max(0, 1 - lShare);
      const bound =
        1 - this.params.conflict * Math.min(uq, ul) - this.params.extra * Math.max(uq, ul) + BOUND_SLACK;
      if (bound < threshold - ENTITY_BONUS) continue;
      if (allowed && !allowed(this.rowEntity[r]!)) continue;
      cands.push({ r, est: est + 0.3 * Math.min(qShare, lShare) });
    }
    cands.sort((a, b) => b.est - a.est);
    // the best MAX_CANDIDATES, and those tied with the last of them (up to MAX_TIED)
    let n = Math.min(cands.length, MAX_CANDIDATES);
    if (n > 0) {
      const last = cands[n - 1]!.est - 1e-6;
      while (n < cands.length && n < MAX_TIED && cands[n]!.est >= last) n++;
    }
    // rows of one spelling (a name on several lists) share its prepared variant: compared once
    const compared = new Map<number, ReturnType<typeof compareVariants>>();
    const tokenMemo: TokenMemo = new Map();
    for (let k = 0; k < n; k++) {
      const r = cands[k]!.r;
      const vid = this.rowVariant[r]!;
      let c = compared.get(vid);
      if (c === undefined) {
        c = compareVariants(qv, this.variants.get(vid), this.params, tokenMemo);
        compared.set(vid, c);
      }
      const prev = best.get(r);
      if (!prev || c.score > prev.score) best.set(r, c);
    }
    return n;
  }

  /** One card per party: the best match of each group, with the group's entries as its sources. */
  private cards(perEntity: Map<number, ScreenMatch>, allowed?: (entity: number) => boolean): ScreenMatch[] {
    const best = new Map<number, [number, ScreenMatch]>();
    for (const [ei, m] of perEntity) {
      const g = this.groups.of[ei]!;
      const prev = best.get(g);
      if (!prev || m.score > prev[1].score || (m.score === prev[1].score && m.entityId < prev[1].entityId))
        best.set(g, [ei, m]);
    }
    const out: ScreenMatch[] = [];
    for (const [g, [ei, m]] of best) {
      const members = this.groups.members.get(g)?.filter((x) => !allowed || allowed(x));
      if (members && members.length > 1) {
        const source = (x: number): GroupSource => {
          const e = this.ents.get(x);
          const own = perEntity.get(x)?.score;
          return {
            entityId: e.id,
            list: e.list,
            sourceId: e.sourceId,
            version: e.version,
            name: primaryName(e),
            type: e.type,
            ...(e.url ? { url: e.url } : {}),
            programs: e.programs,
            ...(own !== undefined ? { score: own } : {}),
          };
        };
        m.group = {
          id: `group:${this.ents.get(g).id}`,
          sources: [source(ei), ...members.filter((x) => x !== ei).map(source)],
        };
      }
      out.push(m);
    }
    return out;
  }

  /** Prepare a query name (exposed so a caller can reject names with nothing distinctive first). */
  prepare(name: string): PreparedName {
    return prepareName(name, this.tr);
  }

  /** Screen one party against the index. */
  screen(query: ScreenQuery, opts: ScreenOptions = {}): ScreenResult {
    const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
    const limit = opts.limit ?? 20;
    const prepared = this.prepare(query.name);
    if (prepared.variants.length === 0 || nothingDistinctive(prepared)) return { matches: [], candidates: 0 };
    const listSet = opts.lists ? new Set(opts.lists) : undefined;
    const allowed = listSet ? (e: number) => listSet.has(this.listNames[this.entityList[e]!]!) : undefined;
    const best = new Map<number, ReturnType<typeof compareVariants>>();
    let candidates = 0;
    for (const qv of prepared.variants) candidates += this.searchVariant(qv, allowed, best, threshold);
    // best row per entity, then entity adjustments
    const perEntity = new Map<number, ScreenMatch>();
    const qIds = (query.identifiers ?? []).map(normId).filter((s) => s.length > 0);
    for (const [r, c] of best) {
      if (c.score < threshold - 0.15) continue;
      const ei = this.rowEntity[r]!;
      const e = this.ents.get(ei);
      const adj = entityFeatures(query, e, qIds);
      if (e.names[this.rowName[r]!]?.kind === "weak") adj.weakAlias = ADJUST.weakAlias;
      const total = adj.weakAlias + adj.country + adj.type + adj.birthDate + adj.identifier;
      let score = Math.max(0, Math.min(c.identical ? 1 : 0.99, c.score + total));
      if (shapeConflict(prepared.shape, e.type) && score > KIND_CAP) {
        adj.kind = round(KIND_CAP - score);
        score = KIND_CAP;
      }
      if (score < threshold) continue;
      const prev = perEntity.get(ei);
      if (prev && prev.score >= score) continue;
      perEntity.set(ei, {
        entityId: e.id,
        list: e.list,
        name: primaryName(e),
        matchedName: e.names[this.rowName[r]!]!.name,
        score: round(score),
        features: {
          name: round(c.score),
          ...(Object.fromEntries(
            Object.entries(c.features).map(([k, v]) => [k, round(v)]),
          ) as unknown as NameFeatures),
          ...adj,
        },
        alignment: c.alignment.map((a) => [a.query, a.list] as [string, string]),
        ...(prepared.via ? { via: prepared.via } : {}),
        entity: e,
      });
    }
    const matches = this.cards(perEntity, allowed).sort(
      (a, b) => b.score - a.score || a.entityId.localeCompare(b.entityId),
    );
    return { matches: matches.slice(0, limit), candidates };
  }
}

/** A trailing parenthesised acronym or short name: "… Corporation (SMIC)", "… Co., Ltd. (Huawei)*". */
const ACRONYM_AFTER = /\s*\([^()]{2,24}\)\s*\*?\s*$/;

function trigrams(s: string): string[] {
  const p = `^${s}$`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= p.length; i++) out.push(p.slice(i, i + 3));
  return out;
}

function primaryName(e: ListEntity): string {
  return (e.names.find((n) => n.kind === "primary") ?? e.names[0])?.name ?? e.id;
}

function normId(s: string): string {
  return s.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

/** The highest score of a name whose shape disagrees with the entry's kind. */
const KIND_CAP = 0.7;

function shapeConflict(shape: PreparedName["shape"], type: EntityType): boolean {
  if (shape === "entity") return type === "person";
  if (shape === "person") return ORGLIKE.has(type);
  return false;
}

const PERSONLIKE: ReadonlySet<EntityType> = new Set(["person"]);
const ORGLIKE: ReadonlySet<EntityType> = new Set(["entity", "vessel", "aircraft"]);

/** Entity-level adjustments for one query and one listed entity. */
export function entityFeatures(query: ScreenQuery, e: ListEntity, qIds: string[] = []): EntityFeatures {
  const f: EntityFeatures = { weakAlias: 0, country: 0, type: 0, birthDate: 0, identifier: 0, kind: 0 };
  if (query.country && e.countries.length > 0)
    f.country = e.countries.includes(query.country.toUpperCase())
      ? ADJUST.countryMatch
      : ADJUST.countryConflict;
  if (query.type && e.type !== "unknown") {
    const conflict = query.type === "person" ? ORGLIKE.has(e.type) : PERSONLIKE.has(e.type);
    if (conflict) f.type = ADJUST.typeConflict;
  }
  if (query.birthDate && e.birthDates.length > 0)
    f.birthDate = birthDateAdjust(query.birthDate, e.birthDates);
  if (qIds.length > 0 && e.identifiers.some((i) => qIds.includes(normId(i.value))))
    f.identifier = ADJUST.identifier;
  return f;
}

function birthDateAdjust(q: string, listed: readonly string[]): number {
  const qy = Number(q.slice(0, 4));
  let bestAdj = ADJUST.birthConflict;
  for (const d of listed) {
    const y = Number(d.slice(0, 4));
    if (!Number.isFinite(y) || !Number.isFinite(qy)) return 0;
    if (q.length >= 10 && d.length >= 10 && q.slice(0, 10) === d.slice(0, 10)) return ADJUST.birthExact;
    if (y === qy) bestAdj = Math.max(bestAdj, q.length === 4 || d.length === 4 ? ADJUST.birthYear : 0);
    else if (Math.abs(y - qy) <= 1) bestAdj = Math.max(bestAdj, 0);
  }
  return bestAdj;
}

/** Rows read by index: an array, or records decoded on first use. */
interface Rows<T> {
  readonly length: number;
  get(i: number): T;
}

function arrayRows<T>(a: readonly T[]): Rows<T> {
  return { length: a.length, get: (i) => a[i]! };
}

/** The snapshot header's own fields (see toSnapshot). */
interface SnapshotHeader {
  rows: number;
  entities: number;
  listNames: string[];
  deletionMask: number;
  meta: unknown;
}

/** Lists of ids by key (a Map when built; keys and lists read from a snapshot when opened). */
interface KeyedLists {
  get(key: string): Int32Array | undefined;
  keys(): Iterable<string>;
}

function arrayLists(a: Int32Array[]): IdLists {
  return { length: a.length, get: (i) => a[i] };
}

function keyedLists(keys: string[], lists: IdLists): KeyedLists {
  const at = new Map<string, number>();
  keys.forEach((k, i) => at.set(k, i));
  return {
    get: (k) => {
      const i = at.get(k);
      return i === undefined ? undefined : lists.get(i);
    },
    keys: () => keys,
  };
}

/** The blocking structures the build fills. */
interface BuiltKeys {
  grams: Map<string, Int32Array>;
  metaKeys: Map<string, Int32Array>;
  skelKeys: Map<string, Int32Array>;
  byLength: Int32Array[];
}
