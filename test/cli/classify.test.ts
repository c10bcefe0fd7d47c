/** `tradectl classify` and `GET /v1/control-list/search`: the example queries, with the parametric check. */
import { describe, expect, it } from "vitest";
import { run, type Io } from "../../src/cli/main.ts";
import { backends, makeWorld } from "../server/harness.ts";

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const io: Io = { stdout: (s) => (out += `${s}\n`), stderr: (s) => (err += `${s}\n`), stdin: () => "" };
  return { code: await run(args, io), out, err };
}

/** The check of a photoresist at 193 nm in Korea on 2026-06-01 (the < 193 nm wording, unverified), in ko and ja. */
const RESIST_193: Record<"ko" | "ja", { reasons: string[]; miss: string; caveat: RegExp }> = {
  ko: {
    reasons: [
      "지정한 대로 품목을 3C002에 해당하는 것으로 봄",
      "3C002.a.1: wavelength: 193nm은(는) 기준(wavelength ≥ 15 nm 및 < 193 nm)을 충족하지 않음 [미검증]",
    ],
    miss: "3C002.a.1: 품목이 기준에 미달하나 그 기준이 미검증이므로 비해당으로 판단할 수 없음",
    caveat: /^3C002\.a\.1: 기준\(wavelength ≥ 15 nm 및 < 193 nm\)은 미검증임 — /,
  },
  ja: {
    reasons: [
      "指定どおり、品目を3C002に該当するものとみなす",
      "3C002.a.1: wavelength: 193nmは基準（wavelength ≥ 15 nm かつ < 193 nm）を満たさない [未検証]",
    ],
    miss: "3C002.a.1: 品目は基準を満たさないが、その基準は未検証のため、非該当とは判断できない",
    caveat: /^3C002\.a\.1: 基準（wavelength ≥ 15 nm かつ < 193 nm）は未検証 — /,
  },
};
const ENGLISH_193 = [
  "the item is taken to be 3C002, as given",
  "3C002.a.1: wavelength: 193nm does not meet wavelength ≥ 15 nm and < 193 nm [unverified]",
];

type Check = { result: string; reasons: string[]; caveats: string[]; reasonsMsg: unknown[] };
function expectResist193(got: Check, english: Check, lang: "ko" | "ja") {
  expect(english.reasons.slice(0, 2)).toEqual(ENGLISH_193);
  expect(got.result).toBe(english.result);
  expect(got.reasons.slice(0, 2)).toEqual(RESIST_193[lang].reasons);
  expect(got.reasons).toContain(RESIST_193[lang].miss);
  expect(got.caveats[0]).toMatch(RESIST_193[lang].caveat);
  expect(got.reasonsMsg).toEqual(english.reasonsMsg);
}

describe("tradectl classify", () => {
  it.each([
    ["hydrogen fluoride", "1C350"],
    ["불화수소", "1C350"],
    ["フッ化水素", "1C350"],
    ["polyimide fluorine", "1C009.b"],
  ])("finds %s under %s first", async (text, number) => {
    const r = await cli("classify", text, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).results[0].entry.number.startsWith(number)).toBe(true);
  });
  it("checks parameters: resist at 193 nm on 2019-06-01 meets 3C002.a.1; HF at 20 wt% does not meet", async () => {
    const resist = JSON.parse(
      (
        await cli(
          "classify",
          "photoresist",
          "--param",
          "wavelength=193nm",
          "--date",
          "2019-06-01",
          "--regime",
          "JP",
          "--json",
        )
      ).out,
    );
    expect(resist.results[0].entry.number).toBe("3C002.a.1");
    expect(resist.results[0].check.result).toBe("meets");
    const hf = JSON.parse(
      (
        await cli(
          "classify",
          "--cas",
          "7664-39-3",
          "--param",
          "hydrogen fluoride content=20wt%",
          "--regime",
          "JP",
          "--json",
        )
      ).out,
    );
    expect(hf.results[0].regimeNumbering.jp).toBe("3(1)");
    expect(hf.results[0].check.result).toBe("does-not-meet");
  });
  it("--lang ko gives the explanations and the check's reasons and caveats in Korean (English by default); a bad --lang is exit 2", async () => {
    const args = [
      "classify",
      "photoresist",
      "--param",
      "wavelength=193nm",
      "--date",
      "2026-06-01",
      "--regime",
      "KR",
    ];
    const en = JSON.parse((await cli(...args, "--json")).out);
    expect(en.query.lang).toBeUndefined();
    const ko = JSON.parse((await cli(...args, "--lang", "ko", "--json")).out);
    expect(ko.query.lang).toBe("ko");
    expectResist193(ko.results[0].check, en.results[0].check, "ko");
    const text = await cli(...args, "--lang", "ko");
    expect(text.code).toBe(0);
    expect(text.out).toContain(
      "caveat [UNVERIFIED]: 3C002.a.1: 기준(wavelength ≥ 15 nm 및 < 193 nm)은 미검증임",
    );
    // The search's explanations too, in Korean (the English is whyMsg rendered in English).
    expect(text.out).toContain('    why: "photoresist"은(는) 항목 3C002의 명칭임\n');
    expect(text.out).toContain(
      "    why: JP: 3C002은(는) 7(19) (エレクトロニクス (electronics) — WA Category 3)에 해당함\n",
    );
    expect(en.results[0].why).toContain('"photoresist" is a name of entry 3C002');
    expect(ko.results[0].why).toHaveLength(en.results[0].why.length);
    const bad = await cli(...args, "--lang", "de");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--lang: "de" is not one of en, ko, ja');
  });

  it("refuses an empty query and a bad parameter with exit 2", async () => {
    expect((await cli("classify")).code).toBe(2);
    expect((await cli("classify", "resist", "--param", "nonsense")).err).toContain("is not name=value");
    expect((await cli("classify", "resist", "--regime", "EU")).code).toBe(2);
  });
});

describe("GET /v1/control-list/search", () => {
  it("answers the same queries over HTTP, with reasons and numbering", async () => {
    const w = await makeWorld(backends[0]!);
    try {
      const r = await w.app.inject(
        "/v1/control-list/search?q=%EB%B6%88%ED%99%94%EC%88%98%EC%86%8C&regime=KR",
      );
      expect(r.statusCode).toBe(200);
      const hit = r.json().results[0];
      expect(hit.entry.number.startsWith("1C350")).toBe(true);
      expect(hit.why.length).toBeGreaterThan(0);
      expect(
        (await w.app.inject("/v1/control-list/search?hs=281111"))
          .json()
          .results[0].entry.number.startsWith("1C350"),
      ).toBe(true);
      expect((await w.app.inject("/v1/control-list/search")).statusCode).toBe(400);
      expect((await w.app.inject("/v1/control-list/search?q=x&date=2019-02-30")).statusCode).toBe(400);
    } finally {
      await w.close();
    }
  }, 60_000);

  it("answers the check's reasons and caveats in the language of Accept-Language, with Content-Language", async () => {
    const w = await makeWorld(backends[0]!);
    try {
      const url =
        "/v1/control-list/search?q=photoresist&regime=KR&param=wavelength%3D193nm&date=2026-06-01&limit=1";
      const en = await w.app.inject(url);
      expect(en.headers["content-language"]).toBe("en");
      const ja = await w.app.inject({ url, headers: { "accept-language": "ja-JP,ja;q=0.9,en;q=0.8" } });
      expect(ja.statusCode).toBe(200);
      expect(ja.headers["content-language"]).toBe("ja");
      expect(ja.headers.vary).toContain("Accept-Language");
      const j = ja.json().results[0].check;
      expectResist193(j, en.json().results[0].check, "ja");
      expect(j.reasons).toContain(
        "3C002.b: designed for electron or ion beamsが入力されていない（基準: designed for electron or ion beams = はい）",
      );
    } finally {
      await w.close();
    }
  }, 60_000);
});
