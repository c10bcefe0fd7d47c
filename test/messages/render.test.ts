// The engine's messages rendered in English, Korean and Japanese: templates, lists, nested messages, pack texts.
import { describe, expect, it } from "vitest";
import { EN } from "../../src/messages/catalogue-en.ts";
import { JA } from "../../src/messages/catalogue-ja.ts";
import { KO } from "../../src/messages/catalogue-ko.ts";
import { isLang, isMessageId, msg, packText, render } from "../../src/messages/index.ts";

const table3 = { en: "Group A", ko: "A그룹", ja: "グループA" };

describe("messages", () => {
  it("name the same ids in the three catalogues", () => {
    expect(Object.keys(KO).sort()).toEqual(Object.keys(EN).sort());
    expect(Object.keys(JA).sort()).toEqual(Object.keys(EN).sort());
  });

  it("render a pack's text in the reader's language, the English where the pack gives none", () => {
    const m = msg("dest.groups", { country: "KR", groups: [table3, { en: "Table 9" }] });
    expect(render(m, "en")).toBe("KR is in Group A, Table 9 on this date");
    expect(render(m, "ko")).toBe("KR: 이 날짜 현재 A그룹, Table 9에 속함");
    expect(render(m, "ja")).toBe("KRは、この日付でグループA、Table 9に属する");
    expect(packText({ en: "x", ko: "엑스" }, "ja")).toBe("x");
  });

  it("render nested messages and a list joined by the template's separator", () => {
    const m = msg("missing.limb", {
      label: { en: "WMD limb", ko: "대량파괴무기 요건", ja: "大量破壊兵器要件" },
      met: [msg("verdict.required", { lines: "1" }), "x"],
      undetermined: "ask",
    });
    expect(render(m, "en")).toBe("WMD limb: triggered by licence required: line 1; x — ask");
    expect(render(m, "ko")).toBe("대량파괴무기 요건: 허가 필요: 라인 1; x에 해당 — ask");
    expect(render(m, "ja")).toContain("大量破壊兵器要件: ");
    expect(render(m, "ja")).toContain("；x");
  });

  it("drop absent parameters and show an id it does not know as itself", () => {
    expect(msg("verdict.required", { lines: "2", extra: undefined }).p).toEqual({ lines: "2" });
    expect(render({ id: "future.message", p: {} }, "ko")).toBe("future.message");
    expect(isMessageId("verdict.clear")).toBe(true);
    expect(isMessageId("toString")).toBe(false);
    expect(isLang("ko")).toBe(true);
    expect(isLang("de")).toBe(false);
  });
});
