import { describe, expect, it } from "vitest";
import { DeletionTable } from "../../src/screen/deletion-table.ts";
import { formSimilarity, formSimilarityAtLeast } from "../../src/screen/score.ts";

const vocab = ["dennis", "denis", "putin", "ivan", "ivanov", "abc", "aabb"];
const all = () => true;
const table = DeletionTable.build(vocab, all, (v) => vocab[v]!.length >= 4);

function probe(s: string, skip = -1): string[] {
  const out = new Set<string>();
  table.probe(s, skip, (v) => out.add(vocab[v]!));
  return [...out].sort();
}

/** The same answer by brute force: spellings equal to the probe, or one letter longer and shortening to it. */
function brute(s: string, skip = -1): string[] {
  const p = skip < 0 ? s : s.slice(0, skip) + s.slice(skip + 1);
  return vocab
    .filter((w, v) => {
      if (w === p) return true;
      if (w.length !== p.length + 1 || vocab[v]!.length < 4) return false;
      for (let i = 0; i < w.length; i++) if (w.slice(0, i) + w.slice(i + 1) === p) return true;
      return false;
    })
    .sort();
}

describe("deletion table", () => {
  it("finds a spelling one letter longer that shortens to the probe", () => {
    expect(probe("denis")).toEqual(["dennis", "denis"].sort());
    expect(probe("ivan")).toEqual(["ivan"]);
    expect(probe("ivano")).toEqual(["ivanov"]);
  });

  it("probes a spelling with one letter left out without building it (a transposition meets: dnenis)", () => {
    // dnenis without its 2nd letter is "denis", which "dennis" shortens to and which is listed itself
    expect(probe("dnenis", 1)).toEqual(["dennis", "denis"].sort());
    // "putni" without its last letter is "putn", which "putin" shortens to
    expect(probe("putni", 4)).toEqual(["putin"]);
    expect(probe("putnin", 3)).toEqual(["putin"]);
  });

  it("gives the brute-force answer for every probe and every left-out letter", () => {
    const probes = [
      "dennis",
      "denis",
      "dnenis",
      "putin",
      "ptuin",
      "ivanvo",
      "abc",
      "abcd",
      "aabb",
      "abab",
      "xyz",
    ];
    for (const s of probes)
      for (let skip = -1; skip < s.length; skip++)
        expect(probe(s, skip), `${s} skip ${skip}`).toEqual(brute(s, skip));
  });

  it("leaves out the shortened forms of spellings not given them", () => {
    // "abc" is given itself only: "ab" does not find it
    expect(probe("ab")).toEqual([]);
    expect(probe("abc")).toEqual(["abc"]);
  });
});

describe("formSimilarityAtLeast", () => {
  it("is the similarity where it reaches the minimum, and below the minimum where it does not", () => {
    const pairs = [
      ["dennis", "denis"],
      ["putin", "puttin"],
      ["vladimir", "wladimir"],
      ["ivan", "smith"],
      ["abcdefgh", "a"],
    ] as const;
    for (const [a, b] of pairs)
      for (const min of [0, 0.25, 0.5, 0.7, 0.9]) {
        const exact = formSimilarity(a, b);
        const got = formSimilarityAtLeast(a, b, min);
        if (exact >= min) expect(got).toBeCloseTo(exact, 12);
        else expect(got).toBeLessThan(min);
      }
  });
});
