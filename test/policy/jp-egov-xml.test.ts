// Checks the JP pack's country lists against the official e-Gov XML texts of the Export Trade Control Order
// (輸出貿易管理令) in ../shared/data/jp-egov-law: on each text's effective date, the countries the pack holds on
// 別表第三, 別表第三の二 and 別表第四 must be exactly the countries the text names (both directions).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { isIsoDate } from "../../src/policy/dates.ts";
import { loadPolicy } from "../../src/policy/load.ts";

const dataDir = fileURLToPath(new URL("../../../shared/data/jp-egov-law/", import.meta.url));
const present = existsSync(dataDir);
if (!present)
  console.warn(
    `shared data absent: ../shared/data/jp-egov-law not found (${dataDir}); e-Gov XML membership check skipped`,
  );

/** The tables checked, by their title in the XML, and the pack list that must hold the same countries. */
const TABLES = [
  { title: "別表第三", list: "jp-appended-table-3" },
  { title: "別表第三の二", list: "jp-appended-table-3-2" },
  { title: "別表第四", list: "jp-appended-table-4" },
] as const;

interface Excerpt {
  file: string;
  effective: string;
  /** Table title -> the Sentence text(s) of the table. */
  tables: Map<string, string[]>;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ["AppdxTable", "Item", "Sentence"].includes(name),
});

type XmlNode = Record<string, unknown>;
const asArray = (v: unknown): XmlNode[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]) as XmlNode[];
const textOf = (v: unknown): string =>
  typeof v === "string" ? v : v && typeof v === "object" ? String((v as XmlNode)["#text"] ?? "") : "";

function readExcerpt(file: string): Excerpt {
  const xml = readFileSync(join(dataDir, file), "utf8");
  const root = parser.parse(xml) as XmlNode;
  const law = root["LawExcerpt"] as XmlNode | undefined;
  if (!law) throw new Error(`${file}: no <LawExcerpt> root element`);
  const effective = String(law["@_Effective"] ?? "");
  const tables = new Map<string, string[]>();
  for (const t of asArray(law["AppdxTable"])) {
    const title = textOf(t["AppdxTableTitle"]);
    const sentences = asArray(t["Item"]).flatMap((item) =>
      asArray((item["ItemSentence"] as XmlNode | undefined)?.["Sentence"]).map(textOf),
    );
    if (tables.has(title)) throw new Error(`${file}: table ${title} appears twice`);
    tables.set(title, sentences);
  }
  return { file, effective, tables };
}

const files = present
  ? readdirSync(dataDir)
      .filter((f) => f.endsWith(".xml"))
      .sort()
  : [];

describe.skipIf(!present)(
  "JP pack vs. e-Gov XML texts of 輸出貿易管理令 (../shared/data/jp-egov-law)",
  () => {
    const jp = loadPolicy(fileURLToPath(new URL("../../policy/jp", import.meta.url)));
    const codeOf = new Map(jp.data.countryNames.map((n) => [n.name, n.country]));

    /** The ISO codes of the names in a table's text; throws naming every name the pack cannot map. */
    function codesOf(sentences: string[], where: string): string[] {
      const names = sentences.flatMap((s) => s.split("、")).map((n) => n.trim());
      const unmapped = names.filter((n) => !codeOf.has(n));
      if (unmapped.length > 0)
        throw new Error(`${where}: names not in the JP pack's countryNames: ${unmapped.join(", ")}`);
      return names.map((n) => codeOf.get(n)!);
    }

    /** The countries the pack holds on `listId` on `date`. */
    function packMembers(listId: string, date: string): string[] {
      const byCountry = jp.memberships.get(listId);
      if (!byCountry) throw new Error(`the JP pack has no list ${listId}`);
      return [...byCountry.keys()].filter((c) => jp.membership(listId, c, date) !== undefined).sort();
    }

    it("the folder holds the four excerpts, each parsed with its effective date", () => {
      expect(files.length).toBeGreaterThanOrEqual(4);
      for (const f of files) {
        const x = readExcerpt(f);
        expect(isIsoDate(x.effective), `${f}: Effective="${x.effective}"`).toBe(true);
        expect(f, "the file name carries the effective date").toContain(
          `_${x.effective.replaceAll("-", "")}_`,
        );
        expect(x.effective >= jp.regime.dataFrom).toBe(true);
      }
    });

    it("the Japanese names of the JP pack are one-to-one with ISO codes", () => {
      const names = jp.data.countryNames.map((n) => n.name);
      const codes = jp.data.countryNames.map((n) => n.country);
      expect(new Set(names).size).toBe(names.length);
      expect(new Set(codes).size).toBe(codes.length);
    });

    for (const file of files) {
      describe(file, () => {
        const x = readExcerpt(file);

        for (const { title, list } of TABLES) {
          it(`${title} = pack list ${list} on ${x.effective}`, () => {
            const sentences = x.tables.get(title);
            expect(sentences, `${file}: no AppdxTable titled ${title}`).toBeDefined();
            expect(sentences, `${file}: ${title} should have exactly one Sentence`).toHaveLength(1);
            const fromText = codesOf(sentences!, `${file} ${title}`);
            expect(new Set(fromText).size, `${file} ${title}: a country is named twice`).toBe(
              fromText.length,
            );

            const text = new Set(fromText);
            const pack = new Set(packMembers(list, x.effective));
            const missingFromPack = [...text].filter((c) => !pack.has(c)).sort();
            const notInText = [...pack].filter((c) => !text.has(c)).sort();
            expect(
              missingFromPack,
              `named in ${title} of ${file} but not on ${list} on ${x.effective}`,
            ).toEqual([]);
            expect(notInText, `on ${list} on ${x.effective} but not named in ${title} of ${file}`).toEqual(
              [],
            );
            expect(pack.size).toBe(text.size);

            // The snapshot answers the same as the membership index.
            const snap = jp.asOf(x.effective);
            for (const c of text) expect(snap.onList(list, c), `${c} on ${list}`).toBeDefined();
          });
        }

        it("every name in every country table of this text is in the pack's countryNames", () => {
          const countryTables = [...x.tables.keys()].filter((t) => t !== "別表第三の三");
          expect(countryTables.length).toBeGreaterThanOrEqual(3);
          for (const t of countryTables)
            expect(codesOf(x.tables.get(t)!, `${file} ${t}`).length).toBeGreaterThan(0);
        });
      });
    }
  },
);
