/** The parametric check against the shipped packs: meets, does not meet, or unknown with what is missing. */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkParameters } from "../../src/classify/index.ts";
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
