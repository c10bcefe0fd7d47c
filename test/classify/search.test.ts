/** The control-list search over the shipped packs: the example queries of the issue find the right entry first. */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  buildClassifyIndex,
  checkParameters,
  entryForHit,
  searchControlList,
  type SearchHit,
} from "../../src/classify/index.ts";
import { localiseHits } from "../../src/app/localise.ts";
import { render } from "../../src/messages/index.ts";
import { loadPolicies } from "../../src/policy/index.ts";

const root = fileURLToPath(new URL("../../policy", import.meta.url));
const policies = loadPolicies(root);
const index = buildClassifyIndex(policies.values());

const first = (hits: SearchHit[]) => {
  expect(hits.length).toBeGreaterThan(0);
  return hits[0]!;
};

describe("free text", () => {
  it.each(["hydrogen fluoride", "Hydrogen Fluoride", "불화수소", "フッ化水素", "弗化水素", "HF"])(
    "%s → 1C350 (.24), JP row 3(1)",
    (q) => {
      const h = first(searchControlList(index, q));
      expect(h.entry.entryNumber).toBe("1C350");
      expect(h.entry.number).toBe("1C350.24");
      expect(h.regimeNumbering).toMatchObject({ wa: "1C350.24", jp: "3(1)", kr: "1C350.24" });
      expect(h.entry.regime).toBe("AG");
      expect(h.why.length).toBeGreaterThan(0);
    },
  );

  it("photoresist 193 nm → 3C002.a.1 (JP 7(19)), and says the value is within the wavelength range", () => {
    const h = first(searchControlList(index, "photoresist 193 nm"));
    expect(h.entry.number).toBe("3C002.a.1");
    expect(h.regimeNumbering).toMatchObject({ wa: "3C002.a.1", jp: "7(19)", kr: "3C002.a.1" });
    expect(h.why.some((w) => w.includes("193 nm is within wavelength"))).toBe(true);
  });

  it.each(["포토레지스트", "フォトレジスト", "EUV resist"])("%s → 3C002", (q) => {
    expect(first(searchControlList(index, q)).entry.entryNumber).toBe("3C002");
  });

  it("polyimide fluorine → 1C009.b, JP row 5(17)", () => {
    const h = first(searchControlList(index, "polyimide fluorine"));
    expect(h.entry.number).toBe("1C009.b");
    expect(h.regimeNumbering).toMatchObject({ wa: "1C009.b", jp: "5(17)", kr: "1C009.b" });
  });

  it.each([
    ["불화 폴리이미드", "1C009"],
    ["フッ化ポリイミド", "1C009"],
    ["반도체 제조장비", "3B001"],
    ["半導体製造装置", "3B001"],
    ["silicon carbide substrate", "3C005"],
    ["machine tool", "2B001"],
    ["集積回路", "3A001"],
  ])("%s → %s", (q, want) => {
    expect(first(searchControlList(index, q)).entry.entryNumber).toBe(want);
  });

  it("a JP row only known by number map is marked as derived", () => {
    const h = first(searchControlList(index, "silicon carbide substrate"));
    expect(h.regimeNumbering.jp).toBe("7");
    expect(h.why.some((w) => w.startsWith("JP: 7 by the number map only"))).toBe(true);
  });
});

describe("CAS, HS, control numbers and parameters", () => {
  it("CAS 7664-39-3 → 1C350.24", () => {
    const h = first(searchControlList(index, { cas: ["7664-39-3"] }));
    expect(h.entry.number).toBe("1C350.24");
    expect(h.why[0]).toContain("CAS 7664-39-3 is listed in 1C350.24");
  });

  it("a CAS number typed in the text is recognised; a wrong check digit is reported", () => {
    expect(first(searchControlList(index, "7664-39-3")).entry.number).toBe("1C350.24");
    const bad = searchControlList(index, "7664-39-4 hydrogen fluoride");
    expect(first(bad).why.some((w) => w.includes("not a valid CAS number"))).toBe(true);
  });

  it("CAS 142-84-7 (dipropylamine) is 1C350.90 only from 2024-09-21", () => {
    expect(first(searchControlList(index, { cas: ["142-84-7"] }, { date: "2024-09-21" })).entry.number).toBe(
      "1C350.90",
    );
    expect(searchControlList(index, { cas: ["142-84-7"] }, { date: "2024-09-20" })).toEqual([]);
  });

  it.each(["281111", "2811.11", "HS 2811.11"])("HS %s → 1C350.24", (hs) => {
    const h = first(searchControlList(index, { hs: [hs] }));
    expect(h.entry.number).toBe("1C350.24");
    expect(h.why[0]).toContain("HS 281111");
  });

  it("an HS code in the query text, and 10-digit national codes, fall back to their 6-digit subheading", () => {
    expect(first(searchControlList(index, "2811110000")).entry.number).toBe("1C350.24");
    expect(first(searchControlList(index, { hs: ["848620"] })).entry.entryNumber).toBe("3B001");
  });

  it("control numbers and Japanese rows", () => {
    expect(first(searchControlList(index, "3c002.A.1")).entry.number).toBe("3C002.a.1");
    const row = first(searchControlList(index, "7(19)"));
    expect(row.entry.entryNumber).toBe("3C002");
    expect(row.regimeNumbering.jp).toBe("7(19)");
  });

  it("--param wavelength=193nm → 3C002.a.1", () => {
    const h = first(searchControlList(index, { params: [{ name: "wavelength", value: "193nm" }] }));
    expect(h.entry.number).toBe("3C002.a.1");
  });

  it("regime filter ranks and numbers for that regime", () => {
    const jp = searchControlList(index, "hydrogen fluoride", { regime: "JP" });
    expect(first(jp).regimeNumbering.jp).toBe("3(1)");
    for (const h of jp) expect(h.regimeNumbering.jp).toBeDefined();
  });

  it("results are pure: the same query twice gives the same answer, and the policies are not changed", () => {
    const v = policies.get("KR")!.version;
    const a = searchControlList(index, "photoresist 193 nm");
    const b = searchControlList(buildClassifyIndex(policies.values()), "photoresist 193 nm");
    expect(b).toEqual(a);
    expect(policies.get("KR")!.version).toBe(v);
  });

  it("a hit leads to each regime's encoded entry, for the parametric check", () => {
    const h = first(searchControlList(index, "hydrogen fluoride"));
    expect(entryForHit(index, h, "JP")?.id).toBe("jp-3-1-hydrogen-fluoride");
    expect(entryForHit(index, h, "KR")?.id).toBe("kr-1c350");
    const r = checkParameters(
      entryForHit(index, h, "KR")!,
      { "HF content": "40 wt%" },
      { subItem: h.entry.number },
    );
    expect(r).toMatchObject({ result: "meets", subItem: "1C350.24" });
  });

  it("no match is an empty list, not a guess", () => {
    expect(searchControlList(index, "zzzz qqqq")).toEqual([]);
  });
});

describe("explanations as messages (whyMsg), rendered in Korean and Japanese", () => {
  const queries: Parameters<typeof searchControlList>[1][] = [
    { cas: ["7664-39-3"] },
    "7664-39-4 hydrogen fluoride",
    "silicon carbide substrate",
    "3(1)",
    "3B001.a",
    { hs: ["281111"] },
    {
      text: "photoresist",
      params: [
        { name: "wavelength", value: "193nm" },
        { name: "tone", value: "positive" },
      ],
    },
  ];

  it.each(queries)("the English why is whyMsg rendered in English (%j)", (q) => {
    for (const h of searchControlList(index, q)) {
      expect(h.whyMsg).toHaveLength(h.why.length);
      expect(h.whyMsg.map((m) => render(m, "en"))).toEqual(h.why);
    }
  });

  it("CAS, an invalid CAS number, a name and the JP numbering in ko and ja", () => {
    const cas = first(searchControlList(index, { cas: ["7664-39-3"] }));
    expect(render(cas.whyMsg[0]!, "ko")).toBe(
      "CAS 7664-39-3은(는) 1C350.24 (Hydrogen fluoride (CAS 7664-39-3))에 등재되어 있음",
    );
    expect(render(cas.whyMsg[0]!, "ja")).toBe(
      "CAS 7664-39-3は1C350.24（Hydrogen fluoride (CAS 7664-39-3)）に掲載されている",
    );
    const [ko] = localiseHits([first(searchControlList(index, "7664-39-4 hydrogen fluoride"))], "ko");
    expect(ko!.why).toContain('"hydrogen fluoride"은(는) 1C350.24의 명칭임');
    expect(ko!.why).toContain(
      "JP: 1C350.24은(는) 3(1) (化学兵器 (chemical weapons, incl. precursors) — AG, CWC)에 해당함",
    );
    expect(ko!.why).toContain("7664-39-4은(는) 유효한 CAS 번호가 아님 (검증 숫자 불일치)");
    const [ja] = localiseHits([first(searchControlList(index, "silicon carbide substrate"))], "ja");
    expect(ja!.why).toContain("「silicon carbide substrate」は項目3C005の名称である");
    expect(ja!.why).toContain(
      "JP：番号対応表のみによると7（エレクトロニクス (electronics) — WA Category 3）に当たる；3C005を収録したJPの項目はない",
    );
  });

  it("a quantity within a threshold, with its period and evidence, in ko and ja", () => {
    const h = first(
      searchControlList(index, { text: "photoresist", params: [{ name: "wavelength", value: "193nm" }] }),
    );
    const i = h.why.indexOf(
      "193nm is within wavelength [15, 245) nm of 3C002.a.1 (KR, 2017-01-01 to 2025-11-15; reported)",
    );
    expect(i).toBeGreaterThanOrEqual(0);
    expect(render(h.whyMsg[i]!, "ko")).toBe(
      "193nm은(는) 3C002.a.1의 wavelength 기준([15, 245) nm) 범위에 있음 (KR, 2017-01-01 ~ 2025-11-15; 2차 자료)",
    );
    expect(render(h.whyMsg[i]!, "ja")).toBe(
      "193nmは3C002.a.1のwavelengthの基準（[15, 245) nm）の範囲内（KR、2017-01-01～2025-11-15；二次資料）",
    );
    expect(localiseHits([h], "en")[0]!.why).toBe(h.why);
  });
});
