/**
 * Places an item line in the regime's control list: a WA/EU number (`3C002.a.1`), a Japanese row (`7(19)`),
 * a munitions number (`ML8`), or no number at all (then only the HS code matters, for the catch-all).
 */
import { msg, type Msg } from "../messages/index.ts";
import type { FactRef, Snapshot } from "../policy/index.ts";

export interface ItemPlace {
  controlNumber: string | null;
  /** The control-list part, as precise as known: `7(19)`, `7`, `annex-2/3`; null when not listed. */
  part: string | null;
  partHead: string | null;
  entry: string | null;
  listed: boolean;
  hsChapter: number | null;
  /** The line's HS code, digits only (for HS selectors), or null. */
  hsCode: string | null;
  /**
   * Entries the item may be but is not shown to be: named only by its row or a parent number, without the HS
   * code that tells (row 3(1) may be hydrogen fluoride, or thiodiglycol). Rules on these apply cautiously.
   */
  mayBe: string[];
  facts: FactRef[];
  how: Msg;
}

const WA = /^([0-9])([A-E])([0-9]{3})((?:\.[a-z0-9]+)*)$/;
const ROW = /^(\d{1,2}(?:の\d)?)(\((\d{1,2}(?:の\d)?)\))?$/;
const ML = /^ML(\d{1,2})((?:\.[a-z0-9]+)*)$/;

/** Normalises a control number as typed: trims, folds `3c002.A.1` to `3C002.a.1`, `3-2` to `3の2`. */
export function normaliseControlNumber(raw: string): string {
  const s = raw.trim().replace(/\s+/g, "").normalize("NFKC");
  const wa = /^([0-9])([a-eA-E])([0-9]{3})(.*)$/.exec(s);
  if (wa) return `${wa[1]}${wa[2]!.toUpperCase()}${wa[3]}${wa[4]!.toLowerCase()}`;
  const ml = /^(ml)(\d.*)$/i.exec(s);
  if (ml) return `ML${ml[2]!.toLowerCase()}`;
  return s.replace(/^(\d{1,2})-(\d)(?=$|\()/, "$1の$2").replace(/(\(\d{1,2})-(\d\))/, "$1の$2");
}

/** Why a control number cannot be read at all, or null when its form is valid. */
export function controlNumberProblem(raw: string): string | null {
  const s = normaliseControlNumber(raw);
  if (WA.test(s) || ROW.test(s) || ML.test(s)) return null;
  return `"${raw}" is not a control number (expected a WA/EU number such as 3C002.a.1, a row such as 7(19), or ML8)`;
}

export function hsChapterOf(hs: string | undefined): number | null {
  if (!hs) return null;
  const digits = hs.replace(/[.\s]/g, "");
  return /^\d{6,10}$/.test(digits) ? Number(digits.slice(0, 2)) : null;
}

type EntryInForce = Snapshot["entries"][number];

/**
 * Among `candidates` (entries of one row, or under one parent number), the entry the line is: one that names
 * HS codes is chosen only when the line's HS code is one of them, and is only a possibility when the line
 * has no HS code; an entry without HS codes is the whole row.
 */
function pickEntry(candidates: EntryInForce[], hs: string | null): { entry?: EntryInForce; mayBe: string[] } {
  const mayBe: string[] = [];
  let whole: EntryInForce | undefined;
  for (const e of candidates) {
    if (e.hsCodes && hs !== null) {
      if (e.hsCodes.some((c) => hs.startsWith(c))) return { entry: e, mayBe: [] };
    } else if (e.hsCodes || e.partOfRow) mayBe.push(e.id);
    else whole ??= e;
  }
  return whole ? { entry: whole, mayBe } : { mayBe };
}

export function placeItem(
  snap: Snapshot,
  controlNumber: string | null | undefined,
  hsCode: string | undefined,
): ItemPlace {
  const hsChapter = hsChapterOf(hsCode);
  const hs = hsCode ? hsCode.replace(/[.\s]/g, "") : null;
  if (controlNumber === null || controlNumber === undefined || controlNumber === "")
    return {
      controlNumber: null,
      part: null,
      partHead: null,
      entry: null,
      listed: false,
      hsChapter,
      hsCode: hs,
      mayBe: [],
      facts: [],
      how: msg("class.notListed"),
    };
  const cn = normaliseControlNumber(controlNumber);
  const row = ROW.exec(cn);
  if (row && !WA.test(cn)) {
    const head = row[1]!;
    const p = snap.parts.get(head);
    if (p) {
      const { entry, mayBe } = pickEntry(
        snap.entries.filter((e) => e.part === cn),
        hs,
      );
      const facts = entry ? [entry.ref, p.ref] : [p.ref];
      return {
        controlNumber: cn,
        part: cn,
        partHead: head,
        entry: entry?.id ?? null,
        listed: p.listed,
        hsChapter,
        hsCode: hs,
        mayBe,
        facts,
        how: entry
          ? msg("class.row", { cn, title: entry.title, hs: entry.hsCodes ? String(hs) : undefined })
          : msg("class.rowOnly", { cn }),
      };
    }
  }
  // Longest entry whose number is the control number or a parent of it (3C002 covers 3C002.a.1).
  let best: (typeof snap.entries)[number] | undefined;
  let parentMayBe: string[] = [];
  for (const e of snap.entries) {
    if (!e.number) continue;
    if (
      (cn === e.number || cn.startsWith(`${e.number}.`)) &&
      (!best || e.number.length > (best.number?.length ?? 0))
    )
      best = e;
  }
  if (!best) {
    // A parent number (1C350) of encoded entries (1C350.24): the HS code tells which entry, if any.
    const { entry, mayBe } = pickEntry(
      snap.entries.filter((e) => e.number?.startsWith(`${cn}.`) && e.hsCodes),
      hs,
    );
    if (entry) best = entry;
    else parentMayBe = mayBe;
  }
  if (best) {
    const head = best.part.replace(/\(.*$/, "");
    const p = snap.parts.get(head);
    return {
      controlNumber: cn,
      part: best.part,
      partHead: head,
      entry: best.id,
      listed: p?.listed ?? true,
      hsChapter,
      hsCode: hs,
      mayBe: [],
      facts: p ? [best.ref, p.ref] : [best.ref],
      how: msg("class.entry", { cn, number: best.number ?? "", title: best.title, part: best.part }),
    };
  }
  for (const n of snap.numberMap) {
    if (n.re.test(cn)) {
      const p = snap.parts.get(n.part);
      return {
        controlNumber: cn,
        part: n.part,
        partHead: n.part,
        entry: null,
        listed: p?.listed ?? true,
        hsChapter,
        hsCode: hs,
        mayBe: parentMayBe,
        facts: p ? [n.ref, p.ref] : [n.ref],
        how: msg("class.numbering", { cn, part: n.part, title: p?.title }),
      };
    }
  }
  return {
    controlNumber: cn,
    part: null,
    partHead: null,
    entry: null,
    listed: true,
    hsChapter,
    hsCode: hs,
    mayBe: parentMayBe,
    facts: [],
    how: msg("class.unplaced", { cn }),
  };
}
