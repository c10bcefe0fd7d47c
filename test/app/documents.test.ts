/** The printed documents' pure parts: the canonical hash, the labels in three languages, the layouts. */
import { describe, expect, it } from "vitest";
import { calendarDate, documentCatalogs, documentLanguage, label } from "../../src/app/document-labels.ts";
import {
  applicationDocument,
  canonicalJson,
  licenceDocument,
  recordHash,
  type LicenceRecord,
} from "../../src/app/document-model.ts";
import { recordsDocument, ledgerPdfColumns } from "../../src/app/records-document.ts";

const licence: LicenceRecord = {
  id: "7b0c0f4e-2d55-4f4f-9a43-3f1d2c0a9e10",
  regime: "KR",
  type: "individual",
  number: "KR-IND-2026-0001",
  holder: "Hanbit Semiconductor Co., Ltd.",
  applicationId: null,
  destinations: ["JP", "US"],
  permittedParties: ["Tokyo Etch K.K."],
  lines: [
    {
      controlNumber: "3C002.a.1",
      description: "ArF resist",
      quantityLimit: 12.5,
      valueLimit: null,
      unit: "kg",
      currency: "USD",
    },
  ],
  validFrom: "2026-12-01",
  validUntil: "2028-11-30",
  conditions: null,
  status: "active",
};
const names = {
  regimeName: "South Korea (대외무역법)",
  licenceTypeName: "개별수출허가 (individual export permit)",
};

describe("the canonical hash", () => {
  it("does not depend on key order or undefined members", () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }], e: null })).toBe(
      '{"a":[{"d":2}],"b":1,"e":null}',
    );
    const shuffled = Object.fromEntries(Object.entries(licence).reverse()) as unknown as LicenceRecord;
    expect(recordHash("licence", shuffled)).toBe(recordHash("licence", licence));
  });

  it("is the same in every language and changes when the record does", () => {
    const en = licenceDocument("en", licence, names).hash;
    expect(en).toMatch(/^[0-9a-f]{64}$/);
    expect(licenceDocument("ko", licence, names).hash).toBe(en);
    expect(licenceDocument("ja", licence, names).hash).toBe(en);
    expect(licenceDocument("en", { ...licence, validUntil: "2028-12-01" }, names).hash).not.toBe(en);
    expect(licenceDocument("en", { ...licence, status: "suspended" }, names).hash).not.toBe(en);
    const line = { ...licence.lines[0]!, quantityLimit: 12.6 };
    expect(licenceDocument("en", { ...licence, lines: [line] }, names).hash).not.toBe(en);
    // display names are not the record
    expect(licenceDocument("en", licence, { ...names, regimeName: "KR" }).hash).toBe(en);
  });

  it("separates kinds: the same fields as a licence and as an application differ", () => {
    expect(recordHash("licence", { id: "x" })).not.toBe(recordHash("application", { id: "x" }));
  });
});

describe("the labels", () => {
  it("give every key in the three languages, none left empty or English in Korean and Japanese", () => {
    const keys = Object.keys(documentCatalogs.en).sort();
    for (const l of ["ko", "ja"] as const) {
      expect(Object.keys(documentCatalogs[l]).sort()).toEqual(keys);
      for (const k of keys) {
        const v = (documentCatalogs[l] as Record<string, string>)[k]!;
        expect(v.trim().length, `${l}.${k}`).toBeGreaterThan(0);
        expect(v, `${l}.${k}`).not.toBe((documentCatalogs.en as Record<string, string>)[k]);
      }
    }
    expect(label("ko", "licenceTitle")).toBe("수출허가서");
    expect(label("ja", "licenceTitle")).toBe("輸出許可証");
    expect(label("ja", "page", { n: 2, total: 3 })).toBe("2 / 3 ページ");
    expect(label("en", "status.unheard-of")).toBe("unheard-of");
  });

  it("picks the language from ?lang, else Accept-Language by weight, else English", () => {
    expect(documentLanguage("ko", "ja")).toBe("ko");
    expect(documentLanguage(undefined, "fr;q=1, ja-JP;q=0.8, ko;q=0.9")).toBe("ko");
    expect(documentLanguage(undefined, "ja-JP,en;q=0.5")).toBe("ja");
    expect(documentLanguage(undefined, "fr, de")).toBe("en");
    expect(documentLanguage(undefined, undefined)).toBe("en");
  });

  it("writes calendar dates from their text, never through a UTC Date", () => {
    expect(calendarDate("ko", "2026-01-01")).toBe("2026년 1월 1일");
    expect(calendarDate("ja", "2026-12-31")).toBe("2026年12月31日");
    expect(calendarDate("en", "2026-12-31")).toBe("2026-12-31");
  });
});

describe("the layouts", () => {
  it("show a licence's fields in the language, with the stored dates and the hash in the footer", () => {
    const d = licenceDocument("ja", licence, names);
    const fields = d.sections.flatMap((s) => (s.kind === "fields" ? s.fields : []));
    expect(d.title).toBe("輸出許可証");
    expect(fields.find((f) => f.label === "有効期限")?.value).toBe("2028年11月30日");
    expect(fields.find((f) => f.label === "仕向地")?.value).toContain("(JP)");
    expect(fields.find((f) => f.label === "許可機関")?.value).toBe("韓国 産業通商部 (산업통상부)");
    // the ministry of the grant's date: 산업통상자원부 until 2025-10-01 (Act No. 21065)
    const authorityOn = (validFrom: string) =>
      licenceDocument("ko", { ...licence, validFrom }, names)
        .sections.flatMap((s) => (s.kind === "fields" ? s.fields : []))
        .find((f) => f.label === label("ko", "authority"))?.value;
    expect(authorityOn("2025-09-30")).toBe("산업통상자원부");
    expect(authorityOn("2025-10-01")).toBe("산업통상부");
    expect(d.footer[0]).toContain(d.hash);
    const rows = d.sections.flatMap((s) => (s.kind === "table" ? s.rows : []));
    expect(rows[0]).toEqual(["1", "3C002.a.1", "ArF resist", "12.5 kg", "制限なし"]);
  });

  it("show an application not yet submitted as such", () => {
    const d = applicationDocument(
      "ko",
      {
        id: "0d7c1f2a-0000-4000-8000-000000000001",
        version: 1,
        applicant: "Hanbit",
        regime: "KR",
        licenceType: "individual",
        status: "draft",
        destination: "JP",
        shipmentDate: "2026-12-24",
        dueDate: null,
        consignee: { name: "Tokyo Etch K.K.", country: "JP" },
        endUser: { name: "Tokyo Etch K.K.", country: "JP" },
        endUseStatement: "etching",
        lines: [],
        documents: [],
        decision: null,
        screening: null,
        reason: null,
        conditions: null,
      },
      names,
    );
    expect(d.title).toBe("수출허가 신청서");
    const all = JSON.stringify(d.sections);
    expect(all).toContain("아직 제출되지 않음");
    expect(all).toContain("2026년 12월 24일");
  });

  it("say under a records table that it was cut", () => {
    const d = recordsDocument("en", "ledgerTitle", "ledger", ledgerPdfColumns, [], true);
    expect(d.sections[0]).toMatchObject({ kind: "table", rows: [], note: label("en", "moreRows", { n: 0 }) });
    expect(recordsDocument("ko", "ledgerTitle", "ledger", ledgerPdfColumns, []).sections[0]).toMatchObject({
      note: "내역이 없습니다.",
    });
  });
});
