// The stored index answers as the index it was made from: the same matches, scores, features, alignments and
// cards for every query, with names and entities decoded only when a screen needs them; a damaged or foreign
// file is refused with a reason.
import { describe, expect, it } from "vitest";
import { ScreeningIndex, Transliterator } from "../../src/screen/index.ts";
import { SnapshotFormatError, SnapshotReader, type SnapshotBytes } from "../../src/screen/index-snapshot.ts";
import { entity } from "./helpers.ts";

const entities = [
  entity("1", ["KIM, Jong Un", "김정은", "金正恩"], {
    list: "sdn",
    type: "person",
    birthDates: ["1984-01-08"],
  }),
  entity("2", ["KIM JONG UN"], { list: "csl", type: "person", birthDates: ["1984"] }),
  entity("H1", ["Huawei Technologies Co., Ltd.", "华为技术有限公司"], {
    list: "csl",
    type: "entity",
    countries: ["CN"],
    url: "https://example.test/entry/H1",
  }),
  entity("H3", ["Huawei Technologies Co., Ltd."], { list: "ofac-cons", type: "unknown" }),
  entity("R1", ["Rosoboronexport", "Рособоронэкспорт"], { list: "sdn", type: "entity", countries: ["RU"] }),
  entity("K1", ["Korea Mining Development Trading Corporation", "KOMID"], {
    list: "un",
    type: "entity",
    countries: ["KP"],
    weak: ["Changgwang Sinyong Corporation"],
  }),
  entity("P1", ["Vladimir Vladimirovich PUTIN"], { list: "eu", type: "person", birthDates: ["1952-10-07"] }),
  entity("A1", ["Islamic Revolutionary Guard Corps", "سپاه پاسداران انقلاب اسلامی"], { list: "sdn" }),
];
const queries = [
  "Kim Jong Un",
  "김정은",
  "金正恩",
  "Huawei Technologies",
  "华为技术有限公司",
  "Rosoboronexprt",
  "Рособоронэкспорт",
  "KOMID",
  "Changgwang Sinyong",
  "VladimirPutin",
  "سپاه پاسداران",
  "Samsung Electronics",
];

const tr = () => new Transliterator({});
const built = ScreeningIndex.build(entities, { transliterator: tr() });

function bytesOf(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Reads ranges of `b`, counting them (and starting each at an odd place in memory to test alignment). */
function reader(b: Uint8Array) {
  const reads: [number, number][] = [];
  const src: SnapshotBytes = {
    size: b.length,
    read(offset, length) {
      reads.push([offset, length]);
      const copy = new Uint8Array(length + 1);
      copy.set(b.subarray(offset, offset + length), 1);
      return copy.subarray(1);
    },
  };
  return { src, reads };
}

const answer = (index: ScreeningIndex, q: string) =>
  index.screen({ name: q, country: "KP" }, { threshold: 0.6, limit: 10 });

describe("screening index snapshot", () => {
  const file = bytesOf(built.toSnapshot({ lists: ["sdn@1"] }));

  it("answers every query exactly as the index it was made from", () => {
    const opened = ScreeningIndex.open(new SnapshotReader(reader(file).src), { transliterator: tr() });
    expect(opened.names).toBe(built.names);
    expect(opened.vocabularySize).toBe(built.vocabularySize);
    expect(opened.entityCount).toBe(entities.length);
    let matched = 0;
    for (const q of queries) {
      const a = answer(built, q);
      const b = answer(opened, q);
      expect(b, q).toEqual(a);
      matched += a.matches.length;
    }
    expect(matched).toBeGreaterThan(8);
    // a screen restricted to lists reads the entity's list without decoding it
    expect(opened.screen({ name: "Kim Jong Un" }, { lists: ["csl"] }).matches.map((m) => m.entityId)).toEqual(
      ["csl:2"],
    );
  });

  it("keeps the adapter's header and decodes only the records a screen touches", () => {
    const { src, reads } = reader(file);
    const r = new SnapshotReader(src);
    expect((r.header as { meta: unknown }).meta).toEqual({ lists: ["sdn@1"] });
    const opened = ScreeningIndex.open(r, { transliterator: tr() });
    const before = reads.length;
    opened.screen({ name: "Rosoboronexport" });
    const recordReads = reads.length - before;
    expect(recordReads).toBeGreaterThan(0);
    expect(recordReads).toBeLessThan(built.names);
  });

  it("refuses a file that is not an index, is truncated or has another format", () => {
    const open = (b: Uint8Array) => new SnapshotReader(reader(b).src);
    expect(() => open(new TextEncoder().encode("not an index at all"))).toThrow(SnapshotFormatError);
    expect(() => open(file.subarray(0, file.length - 16))).toThrow(/truncated/);
    const other = file.slice();
    new DataView(other.buffer).setUint32(4, 999, true);
    expect(() => open(other)).toThrow(/format 999/);
  });
});
