/**
 * The parametric check against the shipped packs: meets, does not meet, or unknown with what is missing; its
 * reasons and caveats as messages, rendered in English (as they were), Korean and Japanese.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { localiseHits } from "../../src/app/localise.ts";
import { checkParameters } from "../../src/classify/index.ts";
import { render, type Lang } from "../../src/messages/index.ts";
import { loadPolicies, type Entry } from "../../src/policy/index.ts";

const root = fileURLToPath(new URL("../../policy", import.meta.url));
const policies = loadPolicies(root);
const entry = (regime: string, id: string): Entry => {
  const e = policies.get(regime)!.data.controlList.entries!.find((x) => x.id === id);
  if (!e) throw new Error(`no entry ${regime}/${id}`);
  return e;
};

describe("hydrogen fluoride (JP 3(1): more than 30 wt%; KR 1C350.24)", () => {
  const jp = entry("JP", "jp-3-1-hydrogen-fluoride");
  const kr = entry("KR", "kr-1c350");

  it("40 wt% meets, 20 wt% does not", () => {
    expect(checkParameters(jp, { "hydrogen fluoride content": "40 wt%" }).result).toBe("meets");
    expect(checkParameters(jp, { "HF content": "20wt%" }).result).toBe("does-not-meet");
    const k = checkParameters(kr, { "HF concentration": "40 wt%" });
    expect(k).toMatchObject({ result: "meets", subItem: "1C350.24" });
    expect(k.caveats.length).toBeGreaterThan(0); // the Korean mixture threshold is unverified
    // Korea's mixture threshold is unverified: missing it does not clear the item.
    const k20 = checkParameters(kr, { "HF concentration": "20 wt%" });
    expect(k20.result).toBe("unknown");
    expect(k20.reasons.some((r) => r.includes("unverified — it does not clear the item"))).toBe(true);
  });

  it("exactly 30 wt%: JP (more than 30) does not meet; KR readings disagree → unknown", () => {
    expect(checkParameters(jp, { "hf-content": "30 wt%" }).result).toBe("does-not-meet");
    const k = checkParameters(kr, { "hf-content": "30 wt%" });
    expect(k.result).toBe("unknown");
    expect(k.reasons.some((r) => r.includes("readings"))).toBe(true);
  });

  it("missing concentration → unknown with 'hydrogen fluoride content' missing", () => {
    const j = checkParameters(jp, {});
    expect(j.result).toBe("unknown");
    expect(j.missing).toEqual(["hydrogen fluoride content"]);
    const k = checkParameters(kr, { cas: "7664-39-3" });
    expect(k.result).toBe("unknown");
    expect(k.missing).toEqual(["hydrogen fluoride content"]);
    expect(checkParameters(kr, {}, { subItem: "1C350.24" }).missing).toEqual(["hydrogen fluoride content"]);
  });

  it("a bare % is not read as % by weight", () => {
    const r = checkParameters(jp, { "HF content": "40%" });
    expect(r.result).toBe("unknown");
    expect(r.missing).toEqual(["hydrogen fluoride content"]);
    expect(r.reasons.join(" ")).toContain("give it as wt%");
  });

  it("a CAS number not listed in the entry does not meet it", () => {
    expect(checkParameters(kr, { cas: "64-17-5" }).result).toBe("does-not-meet");
  });
});

describe("resists (3C002; JP 7(19))", () => {
  const kr = entry("KR", "kr-3c002");
  const jp = entry("JP", "jp-7-19-resist");

  it("193 nm positive resist meets 3C002.a.1 (2019 wording: < 245 nm)", () => {
    const r = checkParameters(kr, { wavelength: "193 nm", tone: "positive" }, { date: "2019-08-01" });
    expect(r).toMatchObject({ result: "meets", subItem: "3C002.a.1" });
    expect(
      checkParameters(kr, { wavelength: "193nm" }, { date: "2019-08-01", subItem: "3C002.a.1" }),
    ).toMatchObject({
      result: "meets",
      subItem: "3C002.a.1",
    });
    expect(
      checkParameters(jp, { wavelength: "193 nm" }, { date: "2019-08-01", subItem: "3C002.a.1" }).result,
    ).toBe("meets");
  });

  it("365 nm does not meet 3C002.a (a.1 and a.2), and says b, d and e were not assessed", () => {
    const r = checkParameters(kr, { wavelength: "365 nm" }, { date: "2019-08-01" });
    expect(r.result).toBe("does-not-meet");
    expect(r.assessed).toEqual(["3C002.a.1", "3C002.a.2"]);
    expect(r.notAssessed).toEqual(expect.arrayContaining(["3C002.b", "3C002.d", "3C002.e"]));
    expect(checkParameters(jp, { wavelength: "365 nm" }, { subItem: "3C002.a" }).result).toBe(
      "does-not-meet",
    );
  });

  it("the tone is needed unless the sub-item is chosen: unknown, with 'resist tone' missing", () => {
    const r = checkParameters(kr, { wavelength: "248 nm" }, { date: "2019-08-01" });
    expect(r.result).toBe("does-not-meet");
    const u = checkParameters(kr, { wavelength: "193 nm" }, { date: "2019-08-01" });
    expect(u.result).toBe("unknown");
    expect(u.missing).toEqual(["resist tone"]);
  });

  it("after the EU's < 193 nm wording (unverified date for Korea and Japan), 193 nm is unknown, 13.5 nm still meets a.2", () => {
    const r = checkParameters(kr, { wavelength: "193 nm", tone: "positive" }, { date: "2026-01-01" });
    expect(r.result).toBe("unknown");
    expect(r.caveats.join(" ")).toContain("unverified");
    expect(checkParameters(kr, { wavelength: "193 nm", tone: "positive" }).result).toBe("unknown"); // all periods
    expect(checkParameters(kr, { wavelength: "13.5 nm" }, { date: "2026-01-01" })).toMatchObject({
      result: "meets",
      subItem: "3C002.a.2",
    });
    expect(
      checkParameters(kr, { wavelength: "157 nm", tone: "positive" }, { date: "2026-01-01" }).result,
    ).toBe("meets");
  });

  it("units convert (0.2 µm = 200 nm); e-beam resists are checked on sensitivity", () => {
    expect(
      checkParameters(kr, { wavelength: "0.2 µm", tone: "positive" }, { date: "2019-08-01" }).result,
    ).toBe("meets");
    expect(checkParameters(kr, { "electron beam": "yes", sensitivity: "0.5 µC/cm²" }).result).toBe("meets"); // 0.5 µC/cm² = 0.005 µC/mm²
    expect(checkParameters(kr, { "electron beam": "yes", sensitivity: "2 µC/cm²" }).result).toBe(
      "does-not-meet",
    );
  });
});

describe("fluorinated polyimide (1C009.b; JP 5(17))", () => {
  const jp = entry("JP", "jp-5-17-fluorinated-polyimide");
  const kr = entry("KR", "kr-1c009");

  it("12 wt% combined fluorine meets, 8 wt% does not", () => {
    expect(checkParameters(jp, { "combined fluorine": "12 wt%" }).result).toBe("meets");
    expect(checkParameters(jp, { fluorine: "8 wt%" }).result).toBe("does-not-meet");
    expect(checkParameters(kr, { fluorine: "12 wt%" }, { subItem: "1C009.b" })).toMatchObject({
      result: "meets",
      subItem: "1C009.b",
    });
    expect(checkParameters(kr, { fluorine: "8 wt%" }, { subItem: "1C009.b" }).result).toBe("does-not-meet");
    expect(checkParameters(jp, { fluorine: "10 wt%" }).result).toBe("meets"); // 10 % or more
  });

  it("without saying what the material is, 12 wt% is unknown (polyimide under b, or a phosphazene under c?)", () => {
    const r = checkParameters(kr, { fluorine: "12 wt%" });
    expect(r.result).toBe("unknown");
    expect(r.missing).toEqual(["material"]);
    expect(checkParameters(kr, { fluorine: "12 wt%", material: "fluorinated polyimide" }).result).toBe(
      "meets",
    );
  });
});

describe("other entries", () => {
  it("power semiconductors: all three thresholds of 3A001.h must hold", () => {
    const e = entry("KR", "kr-3a001");
    const ok = { "junction temperature": "250 °C", "blocking voltage": "1200 V", current: "10 A" };
    expect(checkParameters(e, ok)).toMatchObject({ result: "meets", subItem: "3A001.h" });
    expect(checkParameters(e, { ...ok, "junction temperature": "175 °C" }).result).toBe("does-not-meet");
    const u = checkParameters(e, { "junction temperature": "250 °C" });
    expect(u.result).toBe("unknown");
    expect(u.missing).toEqual(["repetitive peak off-state voltage", "continuous current"]);
  });

  it("an entry without encoded thresholds is unknown, never a guess", () => {
    const r = checkParameters(entry("KR", "kr-2b001"), { axes: "5" });
    expect(r.result).toBe("unknown");
    expect(r.reasons[0]).toContain("no encoded thresholds");
  });

  it("a sub-item that is not in the entry is refused", () => {
    expect(checkParameters(entry("KR", "kr-3c002"), {}, { subItem: "1C350.24" }).result).toBe("unknown");
  });
});

describe("resist 3C002.a.1 (< 245 nm, and < 193 nm in the EU text from 2025-11-15): each wording on its own dates", () => {
  for (const [regime, id] of [
    ["JP", "jp-7-19-resist"],
    ["KR", "kr-3c002"],
  ] as const) {
    const e = entry(regime, id);
    it(`${regime}: 193 nm on 2025-01-01 meets the < 245 nm wording, and no < 193 nm wording is shown`, () => {
      const r = checkParameters(e, { wavelength: "193nm", tone: "positive" }, { date: "2025-01-01" });
      expect(r.result).toBe("meets");
      expect(r.reasons.join("\n")).toMatch(/245/);
      expect(r.reasons.join("\n")).not.toMatch(/< 193|\b193\) nm/);
    });
    it(`${regime}: 193 nm on 2026-06-01 — only the later wording, unverified, so it does not clear the item`, () => {
      const r = checkParameters(e, { wavelength: "193nm", tone: "positive" }, { date: "2026-06-01" });
      expect(r.result).toBe("unknown");
      expect(r.reasons.join("\n")).not.toMatch(/245\)/);
      expect(r.caveats.join("\n")).toMatch(/unverified/);
    });
  }
});

const kr3c002 = entry("KR", "kr-3c002");
const kr1c350 = entry("KR", "kr-1c350");
const jpHf = entry("JP", "jp-3-1-hydrogen-fluoride");
const said = (r: ReturnType<typeof checkParameters>, lang: Lang) => r.reasonsMsg.map((m) => render(m, lang));

describe("the check's sentences", () => {
  it("keep their English beside the messages, and render them as that English", () => {
    for (const r of [
      checkParameters(kr3c002, { wavelength: "193 nm", tone: "positive" }),
      checkParameters(kr1c350, { "HF concentration": "20 wt%" }),
      checkParameters(jpHf, { "HF content": "40%" }),
      checkParameters(kr1c350, { cas: "64-17-5" }),
      checkParameters(kr3c002, {}, { subItem: "1C350.24" }),
    ]) {
      expect(r.reasonsMsg.length).toBe(r.reasons.length);
      expect(said(r, "en")).toEqual(r.reasons);
      expect(r.caveatsMsg.map((m) => render(m, "en"))).toEqual(r.caveats);
    }
  });

  it("render a threshold met or missed, with its dates and evidence, in Korean and Japanese", () => {
    const r = checkParameters(kr3c002, { wavelength: "193 nm", tone: "positive" });
    expect(r.reasons[0]).toBe(
      "3C002.a.1: wavelength: 193 nm meets wavelength ≥ 15 nm and < 245 nm [2017-01-01 to 2025-11-15; reported]",
    );
    expect(said(r, "ko")[0]).toBe(
      "3C002.a.1: wavelength: 193 nm은(는) 기준(wavelength ≥ 15 nm 및 < 245 nm)을 충족함 [2017-01-01 ~ 2025-11-15; 2차 자료]",
    );
    expect(said(r, "ja")[0]).toBe(
      "3C002.a.1: wavelength: 193 nmは基準（wavelength ≥ 15 nm かつ < 245 nm）を満たす [2017-01-01～2025-11-15、二次資料]",
    );
    expect(said(r, "ko")[1]).toBe(
      "3C002.a.1: wavelength: 193 nm은(는) 기준(wavelength ≥ 15 nm 및 < 193 nm)을 충족하지 않음 [2025-11-15부터; 미검증]",
    );
    expect(said(r, "ja")[2]).toBe(
      "3C002.a.1: 「wavelength」の文言によってこの品目の結果が異なる。適用される基準によって結論が決まるが、いずれが適用されるかは不明",
    );
    expect(said(r, "ko").at(-1)).toMatch(
      /^평가하지 않음 \(해당 파라미터가 하나도 입력되지 않음\): 3C002\.b \(/,
    );
    expect(said(r, "ja").at(-1)).toMatch(
      /^評価せず（それらのパラメータが一つも入力されていない）: 3C002\.b（.*）；3C002\.d（/,
    );
    expect(r.caveatsMsg.map((m) => render(m, "ja"))[0]).toMatch(
      /^3C002\.a\.1: 基準（wavelength ≥ 15 nm かつ < 193 nm）は未検証 — EU text/,
    );
  });

  it("render an unverified miss, a bare %, CAS numbers and a sub-item taken as given", () => {
    const miss = checkParameters(kr1c350, { "HF concentration": "20 wt%" });
    expect(said(miss, "ko")).toContain(
      "1C350.24: 품목이 기준에 미달하나 그 기준이 미검증이므로 비해당으로 판단할 수 없음",
    );
    expect(said(miss, "ja")).toContain(
      "1C350.24: 品目は基準を満たさないが、その基準は未検証のため、非該当とは判断できない",
    );
    const bare = checkParameters(jpHf, { "HF content": "40%" });
    expect(said(bare, "ko")[0]).toBe(
      "3(1) (1C350.24): hydrogen fluoride content: 40%은(는) wt% 단위(질량분율)의 기준과 비교할 수 없음 — wt%로 입력할 것 (%만으로는 중량 기준인지 알 수 없음) [2차 자료]",
    );
    expect(said(bare, "ja")[0]).toContain("wt%（質量分率）の基準と比較できない — wt%で入力すること");
    expect(said(checkParameters(kr1c350, { cas: "64-17-5" }), "ja")).toEqual([
      "CAS 64-17-5は1C350に掲載された化学物質に含まれない",
    ]);
    const cas = checkParameters(kr1c350, { cas: "7664-39-3" });
    expect(said(cas, "ko")).toEqual([
      "CAS 7664-39-3은(는) 1C350.24에 등재되어 있음",
      "1C350.24: hydrogen fluoride content이(가) 입력되지 않음 (기준: hydrogen fluoride content > 30 wt%, 문언이 둘 이상 있음)",
    ]);
    const chosen = checkParameters(
      kr3c002,
      { wavelength: "193nm" },
      { date: "2019-08-01", subItem: "3C002.a.1" },
    );
    expect(said(chosen, "ja")[0]).toMatch(
      /^指定どおり、品目を3C002\.a\.1（Positive resists .*）に該当するものとみなす$/,
    );
    expect(said(chosen, "ko")[2]).toBe(
      "3C002.a.1: 3C002.a.1을(를) 선택하였으므로 기준(resist tone = positive)은 충족된 것으로 봄",
    );
  });

  it("render yes/no conditions and a number read in the threshold's unit", () => {
    const eb = checkParameters(kr3c002, { "electron beam": "no", sensitivity: "2 µC/cm²" });
    expect(said(eb, "ko")[0]).toBe(
      "3C002.b: designed for electron or ion beams: 아니오 (기준에서 요구하는 값: 예) [2차 자료]",
    );
    expect(said(eb, "ja")[0]).toBe(
      "3C002.b: designed for electron or ion beams: いいえ（基準が求める値: はい） [二次資料]",
    );
    const n = checkParameters(entry("KR", "kr-1c009"), { fluorine: 12, material: "non-polyimide" });
    expect(said(n, "ja")[0]).toBe(
      "1C009.b: combined fluorine: 12（単位の記載なし。基準の単位wt%で読む）は基準（combined fluorine ≥ 10 wt%）を満たす [二次資料]",
    );
    expect(said(n, "ko")[1]).toBe(
      '1C009.b: material: "non-polyimide"은(는) polyimide에 해당하지 않음 [2차 자료]',
    );
    expect(said(checkParameters(entry("KR", "kr-2b001"), { axes: "5" }), "ko")).toEqual([
      "2B001에는 입력된 기준값이 없음; 원문에 비추어 판단할 것",
    ]);
  });

  it("localise search hits: reasons and caveats in the reader's language, English untouched", () => {
    const check = checkParameters(kr1c350, { "HF concentration": "20 wt%" });
    const hits = [{ entry: { number: "1C350" }, check }, { entry: { number: "1C351" } }];
    expect(localiseHits(hits, "en")).toBe(hits);
    const [hit, plain] = localiseHits(hits, "ko");
    expect(plain).toBe(hits[1]);
    const ko = (hit as { check: typeof check }).check;
    expect(ko.reasons).toEqual(check.reasonsMsg.map((m) => render(m, "ko")));
    expect(ko.caveats[0]).toMatch(/^1C350\.24: 기준\(hydrogen fluoride content > 30 wt%\)은 미검증임 — /);
    expect(ko.reasonsMsg).toBe(check.reasonsMsg);
    expect(check.reasons[0]).toContain("does not meet"); // the original is not changed
  });
});
