// The packs' translations: every text a pack shows users has its Korean and Japanese, and Korea's red flags
// read in Korean as the Act words them.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadPolicy } from "../../src/policy/index.ts";
import { translatableTexts } from "../../src/policy/texts.ts";

const root = fileURLToPath(new URL("../../policy", import.meta.url));

describe.each(["jp", "kr"])("the %s pack's texts", (id) => {
  const p = loadPolicy(`${root}/${id}`);

  it("render every text shown to users in Korean and Japanese", () => {
    const shown = [...translatableTexts(p.data)];
    expect(shown.length).toBeGreaterThan(50);
    const untranslated = shown.filter((en) => !p.text(en).ko || !p.text(en).ja);
    expect(untranslated).toEqual([]);
  });

  it("render them in the script of the language (a Korean text has Hangul, a Japanese one kana or kanji)", () => {
    for (const t of p.data.texts ?? []) {
      expect(t.ko, t.en).toMatch(/[\uac00-\ud7a3]|^[\x20-\x7e]+$/);
      expect(t.ja, t.en).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]|^[\x20-\x7e]+$/);
    }
  });
});

describe("Korea's red flags", () => {
  it("read in Korean as the Act's current wording (a trace quotes the wording of its date)", () => {
    const p = loadPolicy(`${root}/kr`);
    // each flag's periods, the last of them the wording in force
    const latest = new Map<string, (typeof p.data.redFlags)[number]>();
    for (const f of p.data.redFlags) if ((latest.get(f.id)?.from ?? "") < f.from) latest.set(f.id, f);
    expect(latest.size).toBe(13);
    for (const f of latest.values()) expect(p.text(f.english).ko, f.id).toBe(f.text);
  });
});
