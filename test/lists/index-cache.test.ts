// The screening index kept beside the lists of a data directory: built and written on first use, opened on
// the next, taken anew when a list changes, rebuilt when its file is damaged; the Japanese reader is added
// only for names with kanji.
import { readdirSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { homeIndex, readJapaneseFor } from "../../src/lists/index-cache.ts";
import { saveList } from "../../src/lists/store.ts";
import { Transliterator } from "../../src/screen/index.ts";
import { entity } from "../screen/helpers.ts";

const file = { name: "x.csv", modified: "2026-01-01T00:00:00.000Z", sha256: "0".repeat(64), bytes: 1 };
const save = (home: string, list: string, names: string[][]) =>
  saveList(
    home,
    {
      list,
      format: "csv",
      entities: names.map((n, i) => entity(String(i + 1), n, { list, type: "entity" })),
      skipped: [],
    },
    { files: [file] },
  );

const indexFiles = (home: string) => readdirSync(join(home, "index")).filter((n) => n.endsWith(".tdsi"));
const ids = (r: Awaited<ReturnType<typeof homeIndex>>, q: string) =>
  r.index!.screen({ name: q }).matches.map((m) => [m.entityId, m.score]);

describe("the index kept in a data directory", () => {
  it("is built and written once, then opened, and answers as the built one", async () => {
    const home = mkdtempSync(join(tmpdir(), "tradectl-index-cache-"));
    expect((await homeIndex(home, { japanese: false })).from).toBe("none");
    save(home, "sdn", [
      ["Rosoboronexport", "Рособоронэкспорт"],
      ["Korea Mining Development Trading Corporation"],
    ]);
    save(home, "csl", [["Huawei Technologies Co., Ltd.", "华为技术有限公司"]]);
    const built = await homeIndex(home, { japanese: false });
    expect(built.from).toBe("built");
    expect(indexFiles(home)).toHaveLength(1);
    const opened = await homeIndex(home, { japanese: false });
    expect(opened.from).toBe("file");
    expect(opened.lists.map((l) => l.list)).toEqual(["csl", "sdn"]);
    for (const q of [
      "Rosoboronexprt",
      "Рособоронэкспорт",
      "华为技术有限公司",
      "KOMID Korea Mining Development",
    ])
      expect(ids(opened, q), q).toEqual(ids(built, q));
    expect(ids(opened, "Rosoboronexprt")[0]?.[0]).toBe("sdn:1");
  });

  it("is taken anew when a list changes, and the old file is removed", async () => {
    const home = mkdtempSync(join(tmpdir(), "tradectl-index-cache-"));
    save(home, "sdn", [["Rosoboronexport"]]);
    await homeIndex(home, { japanese: false });
    const before = indexFiles(home);
    save(home, "sdn", [["Rosoboronexport"], ["Rostec"]]);
    const again = await homeIndex(home, { japanese: false });
    expect(again.from).toBe("built");
    expect(ids(again, "Rostec")[0]?.[0]).toBe("sdn:2");
    const after = indexFiles(home);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before[0]);
  });

  it("is built again when its file is damaged", async () => {
    const home = mkdtempSync(join(tmpdir(), "tradectl-index-cache-"));
    save(home, "sdn", [["Rosoboronexport"]]);
    await homeIndex(home, { japanese: false });
    const path = join(home, "index", indexFiles(home)[0]!);
    writeFileSync(path, "damaged");
    const r = await homeIndex(home, { japanese: false });
    expect(r.from).toBe("built");
    expect(ids(r, "Rosoboronexport")[0]?.[0]).toBe("sdn:1");
    expect((await homeIndex(home, { japanese: false })).from).toBe("file");
  });
});

describe("the Japanese reader on demand", () => {
  it("is added for a name with kanji only", async () => {
    const tr = new Transliterator({});
    expect(await readJapaneseFor(tr, ["Toshiba", "キム・ジョンウン", "김정은"])).toBe(false);
    expect(tr.readsJapanese).toBe(false);
    expect(await readJapaneseFor(tr, ["株式会社東芝"])).toBe(true);
    expect(tr.readsJapanese).toBe(true);
    expect(tr.readings("東芝", "han").some((r) => r.map((t) => t.forms[0]).join("") === "toshiba")).toBe(
      true,
    );
  }, 60_000);
});
