/** The importer registry: format ids, detection of a file's format, and wrong-format rejection. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FORMATS, FORMAT_IDS, ImportError, detect, importList } from "../../../src/screen/formats/index.ts";
import { fixture, stream } from "./helpers.ts";

const head = (path: string) => readFileSync(fixture(path), "utf8").slice(0, 4096);

describe("formats registry", () => {
  it("has the nine format ids of the CLI", () => {
    expect(FORMAT_IDS).toEqual(["csl", "sdn", "ofac-cons", "un", "dpl", "eu", "uk", "jp-eul", "csv"]);
    for (const id of FORMAT_IDS) expect(FORMATS[id].id).toBe(id);
  });

  it("imports through the registry, with the companions of a multi-file format", async () => {
    const r = await importList("sdn", {
      main: stream(fixture("sdn/sdn.csv")),
      parts: { aliases: stream(fixture("sdn/alt.csv")) },
    });
    expect(r.entities.find((e) => e.sourceId === "90101")!.names.map((n) => n.name)).toContain(
      "EXAMPLE TRADING CO.",
    );
    const csv = await importList("csv", "name\nACME\n", { listId: "meti-eul" });
    expect(csv.list).toBe("meti-eul");
  });

  it("rejects an unknown format and a list id given to an official format", async () => {
    await expect(importList("ofac", "x")).rejects.toThrow(/unknown format "ofac" \(known: csl, sdn/);
    await expect(importList("un", "<CONSOLIDATED_LIST/>", { listId: "x" })).rejects.toThrow(
      /--list-id applies to csv only/,
    );
  });
});

describe("detect", () => {
  it.each([
    ["csl/consolidated.csv", ["csl"]],
    ["csl/consolidated.json", ["csl"]],
    ["sdn/sdn.csv", ["sdn", "ofac-cons"]],
    ["ofac-cons/cons_prim.csv", ["sdn", "ofac-cons"]],
    ["un/consolidated.xml", ["un"]],
    ["dpl/dpl.txt", ["dpl"]],
    ["eu/xmlFullSanctionsList_1_1.xml", ["eu"]],
    ["eu/csvFullSanctionsList_1_1.csv", ["eu"]],
    ["uk/ConList.csv", ["uk"]],
    ["uk/UK-Sanctions-List.csv", ["uk"]],
    ["csv/end-user-list.csv", ["csv"]],
    ["csv/no-name-column.csv", []],
  ])("%s looks like %j", (path, formats) => {
    expect(detect(head(path))).toEqual(formats);
  });
});

describe("a file given with the wrong format id", () => {
  const cases: [string, string][] = [
    ["un", "sdn/sdn.csv"],
    ["csl", "un/consolidated.xml"],
    ["dpl", "csl/consolidated.csv"],
    ["sdn", "dpl/dpl.txt"],
    ["eu", "uk/ConList.csv"],
    ["uk", "eu/csvFullSanctionsList_1_1.csv"],
    ["csv", "un/consolidated.xml"],
    ["eu", "un/consolidated.xml"],
    ["ofac-cons", "csl/consolidated.csv"],
  ];
  it.each(cases)("%s rejects %s with an ImportError naming the line", async (format, path) => {
    const err = await importList(format, stream(fixture(path))).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ImportError);
    // Line 1, or line 2 for an XML root element after the XML declaration.
    expect((err as ImportError).location).toMatch(/line [12]\b/);
  });
});
