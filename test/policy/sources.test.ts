// The packs cite no forum, personal blog, wiki or document-sharing site (review-2026-12: they are not sources),
// and every verified fact of the shipped packs cites a primary source named in its regime header (the loader's
// rule, checked here on the real packs as a whole).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadPolicies } from "../../src/policy/index.ts";
import { urlUnder } from "../../src/policy/load.ts";

const root = fileURLToPath(new URL("../../policy", import.meta.url));

/** Hosts and patterns of pages that are not sources: forums, personal blogs, wikis, document-sharing sites. */
const NOT_SOURCES: RegExp[] = [
  /(^|\.)5ch\.net$/,
  /(^|\.)2ch\.(net|sc)$/,
  /(^|\.)ameblo\.jp$/,
  /(^|\.)tistory\.com$/,
  /(^|\.)blogspot\.[a-z.]+$/,
  /(^|\.)hatenablog\.(com|jp)$/,
  /(^|\.)hatena\.ne\.jp$/,
  /(^|\.)blog\.naver\.com$/,
  /(^|\.)note\.com$/,
  /(^|\.)medium\.com$/,
  /(^|\.)wordpress\.com$/,
  /^blog\./,
  /(^|\.)wdic\.org$/,
  /(^|\.)wikipedia\.org$/,
  /(^|\.)namu\.wiki$/,
  /(^|\.)vdocuments\.[a-z]+$/,
  /(^|\.)docslib\.org$/,
  /(^|\.)dokumen\.(tips|pub)$/,
  /(^|\.)scribd\.com$/,
  /(^|\.)slideplayer\.[a-z.]+$/,
  /(^|\.)slideshare\.net$/,
  /(^|\.)123deta\.com$/,
  /(^|\.)docsplayer\.[a-z]+$/,
];

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const f = join(dir, n);
    return statSync(f).isDirectory() ? yamlFiles(f) : n.endsWith(".yaml") ? [f] : [];
  });
}

describe("sources in policy/", () => {
  const urls = yamlFiles(root).flatMap((f) =>
    [...readFileSync(f, "utf8").matchAll(/https?:\/\/[^\s"',}\]]+/g)].map((m) => ({ file: f, url: m[0] })),
  );

  it("finds the packs' URLs (the test reads something)", () => {
    expect(urls.length).toBeGreaterThan(50);
  });

  it("no URL points at a forum, personal blog, wiki or document-sharing site", () => {
    const bad = urls.filter(({ url }) => {
      const host = new URL(url.replace(/\.$/, "")).hostname.toLowerCase();
      return NOT_SOURCES.some((re) => re.test(host));
    });
    expect(bad.map((b) => `${b.file}: ${b.url}`)).toEqual([]);
  });

  it("the pattern list catches the kinds it names (a test that can fail)", () => {
    for (const u of [
      "http://lavender.5ch.net/x",
      "https://ameblo.jp/x",
      "https://x.tistory.com/25",
      "https://x.blogspot.com/y",
      "https://wdic.org/w",
      "https://vdocuments.pub/x",
    ])
      expect(NOT_SOURCES.some((re) => re.test(new URL(u).hostname))).toBe(true);
    expect(NOT_SOURCES.some((re) => re.test("www.meti.go.jp"))).toBe(false);
  });

  it("every verified fact of the shipped packs cites a primary source of its regime", () => {
    for (const policy of loadPolicies(root).values()) {
      const primary = policy.regime.primarySources;
      for (const snapDate of policy.boundaries()) {
        const snap = policy.asOf(snapDate);
        const facts = [
          ...snap.groups.map((g) => g.ref),
          ...snap.embargoes.map((e) => e.ref),
          ...snap.cautions.map((e) => e.ref),
          ...snap.measures.map((e) => e.ref),
          ...snap.limbs.map((e) => e.ref),
          ...snap.exemptions.map((e) => e.ref),
        ];
        for (const f of facts)
          if (f.evidence === "verified")
            expect(
              f.cite.some((c) => c.url !== undefined && primary.some((p) => urlUnder(c.url!, p))),
              `${policy.regime.id} ${f.id} ${f.from}`,
            ).toBe(true);
      }
    }
  });
});
