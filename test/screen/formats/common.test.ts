/** Shared importer plumbing: dates, countries, the content hash, CSV line numbers, decoding and streaming. */
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  EntityBuilder,
  canonicalJson,
  contentHash,
  csvRecords,
  parseDates,
  textChunks,
} from "../../../src/screen/formats/common.ts";
import { toCountry } from "../../../src/screen/formats/countries.ts";

describe("parseDates", () => {
  it.each([
    ["1973-03-25", ["1973-03-25"]],
    ["1973-03", ["1973-03"]],
    ["1973", ["1973"]],
    ["25 Mar 1973", ["1973-03-25"]],
    ["06 Jan. 1952", ["1952-01-06"]],
    ["Mar 1973", ["1973-03"]],
    ["circa 1958", ["1958"]],
    ["approximately 1958", ["1958"]],
    ["1960 to 1962", ["1960", "1961", "1962"]],
    ["circa 1979-1982", ["1979", "1980", "1981", "1982"]],
    ["1900 to 1950", ["1900", "1950"]],
    ["31 Feb 1970", []],
    ["unknown", []],
  ])("%s → %j", (text, dates) => {
    expect(parseDates(text)).toEqual(dates);
  });

  it("reads numeric dates only in the order given, 00 meaning unknown", () => {
    expect(parseDates("04/05/1961", "dmy")).toEqual(["1961-05-04"]);
    expect(parseDates("04/05/1961", "mdy")).toEqual(["1961-04-05"]);
    expect(parseDates("00/00/1958", "dmy")).toEqual(["1958"]);
    expect(parseDates("00/05/1958", "dmy")).toEqual(["1958-05"]);
    expect(parseDates("04/05/1961")).toEqual([]);
  });
});

describe("toCountry", () => {
  it.each([
    ["IR", "IR"],
    ["ir", "IR"],
    ["Iran", "IR"],
    ["Iran (Islamic Republic of)", "IR"],
    ["Korea, North", "KP"],
    ["Democratic People's Republic of Korea", "KP"],
    ["Korea, South", "KR"],
    ["Russian Federation", "RU"],
    ["RUSSIAN FEDERATION", "RU"],
    ["United Kingdom of Great Britain and Northern Ireland", "GB"],
    ["UK", "GB"],
    ["Congo, Democratic Republic of the", "CD"],
    ["Bahamas, The", "BS"],
    ["Burma", "MM"],
    ["Türkiye", "TR"],
    ["Curaçao", "CW"],
    ["China, Hong Kong Special Administrative Region", "HK"],
  ])("%s → %s", (name, code) => {
    expect(toCountry(name)).toBe(code);
  });

  it.each([
    "Region: Crimea",
    "former Soviet Union",
    "Palestinian",
    "Atlantis",
    "UNKNOWN",
    "00",
    "XX",
    "",
    "-0-",
  ])("%s is not a country", (name) => {
    expect(toCountry(name)).toBeUndefined();
  });
});

describe("content hash", () => {
  it("does not depend on key order and changes with the content", () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 1, c: undefined }] })).toBe('{"a":[2,{"d":1}],"b":1}');
    expect(contentHash({ a: 1, b: 2 })).toBe(contentHash({ b: 2, a: 1 }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
  });

  it("is the entity's version, over everything but the version", () => {
    const e = new EntityBuilder("x", "1", "person").name("A", "primary").build();
    if ("error" in e) throw new Error(e.error);
    const { version, ...body } = e;
    expect(version).toBe(contentHash(body));
    const changed = new EntityBuilder("x", "1", "person").name("A", "primary").birthDate("1970").build();
    expect("version" in changed && changed.version).not.toBe(version);
  });

  it("keeps invalid dates and non-country codes out", () => {
    const e = new EntityBuilder("x", "1", "person").name("A").birthDate("1970-13").countryCode("XX").build();
    expect(e).toMatchObject({ birthDates: [], countries: [], names: [{ name: "A", kind: "primary" }] });
  });
});

describe("csvRecords", () => {
  const lines = async (text: string | Readable) => {
    const out: [number, string[]][] = [];
    for await (const r of csvRecords(text as never, "t")) out.push([r.line, r.fields]);
    return out;
  };

  it("gives the physical line each record starts on, with LF or CRLF and quoted newlines", async () => {
    const expected: [number, string[]][] = [
      [1, ["a", "b"]],
      [2, ["x\ny", "2"]],
      [5, ["3", "4"]],
    ];
    expect(await lines('a,b\n"x\ny",2\n\n3,4\n')).toEqual(expected);
    const crlf = await lines('a,b\r\n"x\r\ny",2\r\n\r\n3,4\r\n\u001a');
    expect(crlf.map(([l]) => l)).toEqual([1, 2, 5]);
  });

  it("reads a stream split at any byte, including inside a UTF-8 character", async () => {
    const bytes = Buffer.from("name\nÉcole Ĳ 日本\n", "utf8");
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    expect(await lines(Readable.from(chunks))).toEqual([
      [1, ["name"]],
      [2, ["École Ĳ 日本"]],
    ]);
  });

  it("names the line of broken quoting", async () => {
    await expect(lines('a,b\n1,2\n3,"4\n')).rejects.toThrow(/t: line 3: malformed CSV: Quote Not Closed/);
  });
});

describe("textChunks", () => {
  it("drops a byte order mark", async () => {
    let text = "";
    for await (const t of textChunks(Buffer.from("\ufeffname\n", "utf8"), "t")) text += t;
    expect(text).toBe("name\n");
  });
});
