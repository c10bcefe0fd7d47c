/** `tradectl check --lines`: the item lines of one shipment from a CSV (the web form's columns), the rest from options. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run, type Io } from "../../src/cli/main.ts";
import { itemsFromCsv } from "../../src/cli/check-lines.ts";
import { BadInputError } from "../../src/app/errors.ts";

const dir = mkdtempSync(join(tmpdir(), "tradectl-check-lines-"));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const io: Io = { stdout: (s) => (out += `${s}\n`), stderr: (s) => (err += `${s}\n`), stdin: () => "" };
  return { code: await run(args, io), out, err };
}

const three = file(
  "three.csv",
  [
    "Description,Control number,HS code,Qty,Unit,Value,Currency",
    'hydrogen fluoride,1C350.24,281111,"1,000",kg,1500000,jpy',
    "fluorinated polyimide,1C009.b,,12.5,kg,800000,JPY",
    "T-shirts,,610910,100,pcs,50000,JPY",
  ].join("\n"),
);

describe("tradectl check --lines", () => {
  it("decides every line of the CSV as one shipment, on the options' date and destination", async () => {
    const r = await cli(
      "check",
      "--lines",
      three,
      "--regime",
      "jp",
      "--date",
      "2019-08-01",
      "--destination",
      "kr",
      "--end-user",
      "Korea Chip Co.",
      "--json",
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const res = JSON.parse(r.out);
    expect(res).toMatchObject({ regime: "JP", date: "2019-08-01", destination: "KR" });
    expect(res.decisions.map((d: { id: string; outcome: string }) => [d.id, d.outcome])).toEqual([
      ["1", "licence-required"],
      ["2", "licence-required"],
      ["3", "no-licence-required"],
    ]);
    // the 2019 measure for the three items to Korea decides lines 1 and 2, not the polyimide's value
    expect(res.decisions[0].basis).toBe("special-measure");
    // after the measure was lifted (2023-03-23) and Korea back in Group A (2023-07-21), the same file differs
    const later = await cli(
      "check",
      "--lines",
      three,
      "--regime",
      "JP",
      "--date",
      "2023-08-01",
      "--destination",
      "KR",
      "--json",
    );
    expect(JSON.parse(later.out).decisions[0].basis).not.toBe("special-measure");
  });

  it("takes a technology transfer or a transit from the kind's options, and names a missing fact", async () => {
    const tech = file("tech.csv", ["Description,Control number", "process know-how,3E001"].join("\n"));
    const base = ["check", "--lines", tech, "--regime", "kr", "--date", "2025-03-01", "--json"];
    const r = await cli(
      ...base,
      "--destination",
      "us",
      "--kind",
      "technology",
      "--recipient",
      "foreign-national",
      "--place",
      "abroad",
      "--means",
      "email",
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).decisions[0]).toMatchObject({
      outcome: "licence-required",
      licenceOptions: ["individual"],
    });
    const t = await cli(
      ...base,
      "--destination",
      "ir",
      "--kind",
      "transit",
      "--origin",
      "cn",
      "--wmd",
      "suspected",
    );
    expect(t.code).toBe(0);
    expect(JSON.parse(t.out).decisions[0].licenceOptions).toEqual(["transit"]);
    const bad = await cli(
      ...base,
      "--destination",
      "us",
      "--kind",
      "technology",
      "--place",
      "abroad",
      "--means",
      "email",
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("$.technology.recipient");
  });

  it("prints the trace in Korean or Japanese with --lang, legal names as the pack gives them", async () => {
    const args = ["check", "--lines", three, "--regime", "JP", "--date", "2019-08-01", "--destination", "KR"];
    const en = await cli(...args);
    const ja = await cli(...args, "--lang", "ja");
    const ko = await cli(...args, "--lang", "ko", "--json");
    expect(ja.code).toBe(0);
    expect(en.out).toContain("KR is in");
    expect(ja.out).toContain("KRは、この日付で");
    expect(ja.out).toContain("韓国向けフッ化水素、フッ化ポリイミド及びレジストの契約ごとの個別許可");
    expect(ja.out).not.toContain("KR is in");
    const step = JSON.parse(ko.out).decisions[0].trace.find(
      (s: { kind: string }) => s.kind === "special-measure",
    );
    expect(step.result).toContain("한국에 대한 불화수소");
    expect(step.msg.id).toBeTruthy(); // the message stays beside its rendering
    const bad = await cli(...args, "--lang", "fr");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--lang: "fr" is not one of en, ko, ja');
  });

  it("names each bad line by file and line, and an option by its name; nothing is decided", async () => {
    const bad = file("bad.csv", "description,controlNumber,quantity,unit\nresist,3C002.a.1,ten,kg\n,,5,kg\n");
    const r = await cli("check", "--lines", bad, "--regime", "JP", "--destination", "KR");
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${bad} line 3: give a control number or an HS code`);
    const bad2 = file("bad2.csv", "description;controlNumber;quantity\nresist;3C002.a.1;ten\n");
    const r2 = await cli(
      "check",
      "--lines",
      bad2,
      "--regime",
      "JP",
      "--destination",
      "KR",
      "--date",
      "2019-02-30",
    );
    expect(r2.code).toBe(2);
    expect(r2.err).toContain(`${bad2} line 2: quantity must be a number`);
    expect(r2.err).toContain("--date:");
    expect(r2.out).toBe("");
    const missing = await cli("check", "--lines", three, "--destination", "KR");
    expect(missing.err).toContain("--regime is required with --lines");
    const both = await cli("check", "x.json", "--lines", three, "--regime", "JP", "--destination", "KR");
    expect(both.err).toContain("give either a shipment file (x.json) or --lines");
    const stray = await cli("check", "x.json", "--regime", "JP");
    expect(stray.err).toContain("--regime goes with --lines");
    const country = await cli(
      "check",
      "--lines",
      three,
      "--regime",
      "JP",
      "--destination",
      "XX",
      "--date",
      "2019-08-01",
    );
    expect(country.code).toBe(2);
    expect(country.err).toContain("--destination:");
  });

  it("reads the columns as the web form does: any order, names loosely, comma, semicolon or tab", () => {
    const { items, lineOf } = itemsFromCsv(
      "\uFEFFunit\tqty\tECCN\tdesc\n\nkg\t１２.５\t3C002.a.1\tresist\n",
      "t.csv",
    );
    expect(items).toEqual([
      { id: "1", description: "resist", controlNumber: "3C002.a.1", quantity: 12.5, unit: "kg" },
    ]);
    expect(lineOf).toEqual([3]);
    expect(itemsFromCsv("hs;value\n281111;1 500\n", "s.csv").items).toEqual([
      { id: "1", controlNumber: null, hsCode: "281111", value: 1500 },
    ]);
    for (const [text, message] of [
      ["", "t.csv: empty"],
      ["description,unit\nx,kg\n", "no controlNumber or hsCode column"],
      ["controlNumber\n", "no item lines"],
      ['controlNumber\n"3C002', "malformed CSV"],
    ] as const) {
      let thrown: unknown;
      try {
        itemsFromCsv(text, "t.csv");
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(BadInputError);
      expect((thrown as Error).message).toContain(message);
    }
  });
});
