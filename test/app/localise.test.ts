// A check's answer in Korean and Japanese: the trace, caveats, missing facts, licence details and the pack's
// own texts rendered from their messages, on a fresh result and on one read back as JSON.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { localiseResult } from "../../src/app/localise.ts";
import { decide } from "../../src/determine/index.ts";
import type { CheckResult, EndUse } from "../../src/determine/index.ts";
import { loadPolicy } from "../../src/policy/index.ts";

const root = fileURLToPath(new URL("../../policy", import.meta.url));
const jp = loadPolicy(`${root}/jp`);
const kr = loadPolicy(`${root}/kr`);
const none: EndUse = { wmd: "none", military: "none", informed: [], endUserListed: false, redFlags: [] };

const hf = (date: string): CheckResult =>
  decide(
    jp.asOf(date),
    { regime: "JP", date, destination: "KR", endUse: none, items: [{ id: "1", controlNumber: "1C350" }] },
    jp.version,
  );

describe("localiseResult", () => {
  it("returns the English answer as it is", () => {
    const r = hf("2019-08-01");
    expect(localiseResult(r, "en")).toBe(r);
  });

  it("renders Japan's 2019 measure in Korean and Japanese, from the pack's texts", () => {
    const r = hf("2019-08-01");
    const title = jp.text(
      "individual licence per contract for HF, fluorinated polyimide and resist to Korea (bulk licences not applied)",
    );
    expect(title.ko && title.ja).toBeTruthy();
    for (const lang of ["ko", "ja"] as const) {
      const d = localiseResult(r, lang).decisions[0]!;
      const step = d.trace.find((s) => s.kind === "special-measure")!;
      expect(step.result).toContain(title[lang]!);
      expect(step.result).not.toBe(r.decisions[0]!.trace.find((s) => s.kind === "special-measure")!.result);
      // the individual licence by its name in the language, its conditions too
      const ind = d.licenceDetails.find((l) => l.id === "individual")!;
      expect(ind.name).toBe(jp.text("個別許可 (individual licence)")[lang]);
      expect(ind.validity).toBe(jp.text("6 months from grant unless METI sets otherwise")[lang]);
      // no step still in the English of the engine's templates
      for (const s of d.trace) expect(s.result).not.toMatch(/ is in | on this date|falls under entry/);
    }
    // the original is left as it was
    expect(r.decisions[0]!.trace[0]!.result).toMatch(/on this date/);
  });

  it("works the same on an answer read back from JSON (a recorded check)", () => {
    const r = hf("2019-08-01");
    const back = JSON.parse(JSON.stringify(r)) as CheckResult;
    expect(localiseResult(back, "ja")).toEqual(JSON.parse(JSON.stringify(localiseResult(r, "ja"))));
  });

  it("keeps a sentence recorded without a message in its English", () => {
    const r = JSON.parse(JSON.stringify(hf("2019-08-01"))) as CheckResult;
    const s = r.decisions[0]!.trace[0]! as { msg?: unknown; result: string };
    delete s.msg;
    expect(localiseResult(r, "ko").decisions[0]!.trace[0]!.result).toBe(s.result);
  });

  it("quotes Korea's red flag in the Act's words in force on the date", () => {
    const at = (date: string) =>
      localiseResult(
        decide(
          kr.asOf(date),
          {
            regime: "KR",
            date,
            destination: "CN",
            endUse: { ...none, redFlags: ["motie-designated"] },
            items: [{ id: "1", hsCode: "847150" }],
          },
          kr.version,
        ),
        "ko",
      )
        .decisions[0]!.trace.map((s) => s.result)
        .join("\n");
    expect(at("2020-01-10")).toContain("산업통상자원부장관이나 관계 행정기관의 장이 상황허가를 받도록");
    expect(at("2026-01-10")).toContain("관계 행정기관의 장과 협의하여 산업통상부장관이 상황허가를 받도록");
  });
});
