/**
 * Printable documents through the API: a licence and an application as PDF in Korean and Japanese (text read
 * back with pdf.js, the CJK font embedded as a subset), the verification of the printed hash (and its failure
 * after a change and for another organisation), the records as PDF tables, and the missing-font answer.
 */
import { existsSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FONT_ENV } from "../../src/documents/fonts.ts";
import { auth, backends, makeWorld, type World } from "./harness.ts";
import { application, licence } from "./document-fixtures.ts";
import { embeddedFonts, pdfText } from "./pdf-text.ts";

for (const backend of backends) {
  describe(`documents on ${backend.name}`, () => {
    let w: World;
    beforeAll(async () => {
      w = await makeWorld(backend);
    }, 60_000);
    afterAll(async () => w?.close());
    const saved = process.env[FONT_ENV];
    afterEach(() => {
      if (saved === undefined) delete process.env[FONT_ENV];
      else process.env[FONT_ENV] = saved;
    });
    const call = (
      method: "GET" | "POST",
      url: string,
      key: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) =>
      w.app.inject({
        method,
        url,
        headers: {
          ...auth(key),
          ...headers,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
    const verify = async (key: string, hash: string) =>
      (await call("GET", `/v1/documents/verify?hash=${hash}`, key)).json();

    it("prints a licence in Korean and Japanese with the CJK font embedded and the hash on the page", async () => {
      const id = (await call("POST", "/v1/licences", w.keys.exporter, licence("SGB-PDF-0001"))).json().id;
      const ko = await call("GET", `/v1/licences/${id}/document.pdf?lang=ko`, w.keys.exporter);
      expect(ko.statusCode).toBe(200);
      expect(ko.headers["content-type"]).toBe("application/pdf");
      expect(ko.headers["content-disposition"]).toBe('attachment; filename="licence-SGB-PDF-0001.ko.pdf"');
      expect(ko.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
      const hash = String(ko.headers["x-document-hash"]);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      const [koText] = await pdfText(ko.rawPayload);
      for (const s of [
        "수출허가서",
        "허가번호",
        "SGB-PDF-0001",
        "유효기간 만료일",
        "2027년 7월 20일",
        hash,
        "1쪽 중 1쪽",
      ])
        expect(koText).toContain(s);
      expect(embeddedFonts(ko.rawPayload)).toEqual([expect.stringMatching(/\+NotoSansCJKkr-Regular$/)]);
      // a subset: far smaller than the 19 MB collection
      expect(ko.rawPayload.length).toBeLessThan(400_000);

      const ja = await call("GET", `/v1/licences/${id}/document.pdf`, w.keys.exporter, undefined, {
        "accept-language": "ja-JP,ja;q=0.9,en;q=0.5",
      });
      const [jaText] = await pdfText(ja.rawPayload);
      for (const s of ["輸出許可証", "許可番号", "有効期限", "2027年7月20日", "経済産業省", hash])
        expect(jaText).toContain(s);
      expect(embeddedFonts(ja.rawPayload)).toEqual([expect.stringMatching(/\+NotoSansCJKjp-Regular$/)]);
      expect(ja.headers["x-document-hash"]).toBe(hash);
    });

    it("verifies a printed licence for its organisation only, and not once it has changed", async () => {
      const id = (await call("POST", "/v1/licences", w.keys.exporter, licence("SGB-PDF-0002"))).json().id;
      const hash = String(
        (await call("GET", `/v1/licences/${id}/document.pdf?lang=en`, w.keys.exporter)).headers[
          "x-document-hash"
        ],
      );
      expect(await verify(w.keys.exporter, hash)).toEqual({
        hash,
        match: true,
        kind: "licence",
        id,
        number: "SGB-PDF-0002",
        status: "active",
      });
      expect(await verify(w.keys.exporter, hash.toUpperCase())).toMatchObject({ match: true, id });
      expect(await verify(w.keys.otherOrg, hash)).toEqual({ hash, match: false });
      expect((await call("GET", `/v1/licences/${id}/document.pdf`, w.keys.otherOrg)).statusCode).toBe(404);
      await call("POST", `/v1/licences/${id}/status`, w.keys.exporter, { status: "suspended" });
      expect(await verify(w.keys.exporter, hash)).toEqual({ hash, match: false });
      const now = (await call("GET", `/v1/licences/${id}/document.pdf`, w.keys.exporter)).headers[
        "x-document-hash"
      ];
      expect(now).not.toBe(hash);
      expect(await verify(w.keys.exporter, String(now))).toMatchObject({ match: true, status: "suspended" });
      expect((await call("GET", "/v1/documents/verify?hash=abc", w.keys.exporter)).statusCode).toBe(400);
      expect((await call("GET", `/v1/licences/${id}/document.pdf?lang=fr`, w.keys.exporter)).statusCode).toBe(
        400,
      );
    });

    it("prints an application for the officer who reviews it, with the determination attached", async () => {
      const id = (await call("POST", "/v1/applications", w.keys.exporter, application)).json().id;
      expect((await call("GET", `/v1/applications/${id}/document.pdf`, w.keys.officer)).statusCode).toBe(404);
      await call("POST", `/v1/applications/${id}/submit`, w.keys.exporter, {});
      await call("POST", `/v1/applications/${id}/review`, w.keys.officer, {});
      const r = await call("GET", `/v1/applications/${id}/document.pdf?lang=ja`, w.keys.officer);
      expect(r.statusCode).toBe(200);
      const text = (await pdfText(r.rawPayload)).join(" ");
      for (const s of [
        "輸出許可申請書",
        "申請者",
        "Exporter K.K.",
        "荷受人",
        "Shanghai Etch Ltd.",
        "需要者",
        "Wuxi Fab Co.",
        "中華人民共和国 (CN)",
        "用途",
        "2024年3月15日",
        "審査中",
        "申請時の判定結果",
        "許可必要",
        "1C350",
        "3C002.a.1",
        "end-use statement",
        "取引当事者の審査",
      ])
        expect(text).toContain(s);
      const hash = String(r.headers["x-document-hash"]);
      expect(await verify(w.keys.officer, hash)).toMatchObject({
        match: true,
        kind: "application",
        id,
        version: 3,
      });
      expect(await verify(w.keys.exporter, hash)).toMatchObject({ match: true, id });
      expect(await verify(w.keys.krOfficer, hash)).toEqual({ hash, match: false });
      expect((await call("GET", `/v1/applications/${id}/document.pdf`, w.keys.otherOrg)).statusCode).toBe(
        404,
      );
      await call("POST", `/v1/applications/${id}/notes`, w.keys.officer, { note: "checking the end use" });
      expect(await verify(w.keys.officer, hash)).toEqual({ hash, match: false });
    });

    it("breaks a long table across pages with the hash and the page number on every page", async () => {
      const id = (await call("POST", "/v1/licences", w.keys.exporter, licence("SGB-PDF-0003", 120))).json()
        .id;
      const r = await call("GET", `/v1/licences/${id}/document.pdf?lang=en`, w.keys.exporter);
      const pages = await pdfText(r.rawPayload);
      expect(pages.length).toBeGreaterThan(1);
      pages.forEach((p, i) => {
        expect(p).toContain(String(r.headers["x-document-hash"]));
        expect(p).toContain(`Page ${i + 1} of ${pages.length}`);
      });
      expect(pages.join(" ")).toContain("ArF resist, grade 120");
    });

    it("exports checks, the audit log and a ledger as PDF tables", async () => {
      await call("POST", "/v1/checks", w.keys.exporter, {
        regime: "JP",
        date: "2019-08-01",
        destination: "KR",
        items: [{ id: "1", controlNumber: "1C350", hsCode: "281111" }],
      });
      const checks = await call("GET", "/v1/checks/export.pdf?destination=KR&lang=ja", w.keys.exporter);
      expect(checks.statusCode).toBe(200);
      expect(checks.headers["content-disposition"]).toBe('attachment; filename="checks.ja.pdf"');
      const ct = (await pdfText(checks.rawPayload)).join(" ");
      expect(ct).toContain("該非判定の記録");
      expect(ct).toContain("2019年8月1日");
      expect(ct).toContain("許可必要");
      const none = (
        await pdfText((await call("GET", "/v1/checks/export.pdf?destination=CN", w.keys.exporter)).rawPayload)
      ).join(" ");
      expect(none).toContain("No entries.");
      expect((await call("GET", "/v1/checks/export.pdf?destination=Korea", w.keys.exporter)).statusCode).toBe(
        400,
      );

      const audit = await call("GET", "/v1/audit/export.pdf?limit=2&lang=ko", w.keys.auditor);
      const at = (await pdfText(audit.rawPayload)).join(" ");
      expect(at).toContain("감사 기록");
      expect(at).toContain("처음 2건만 표시했습니다");
      expect((await call("GET", "/v1/audit/export.pdf", w.keys.exporter)).statusCode).toBe(403);

      const id = (await call("POST", "/v1/licences", w.keys.exporter, licence("SGB-PDF-0004"))).json().id;
      await call("POST", `/v1/licences/${id}/usage`, w.keys.exporter, {
        line: 1,
        quantity: 2.5,
        value: 1000,
        shipmentRef: '=HYPERLINK("x")',
        shipmentDate: "2024-01-10",
        destination: "KR",
        party: "Korea Chip Co.",
      });
      const ledger = await call("GET", `/v1/licences/${id}/ledger.pdf?lang=ko`, w.keys.exporter);
      const lt = (await pdfText(ledger.rawPayload)).join(" ");
      for (const s of ["허가 사용 내역 대장", "SGB-PDF-0004", "사용", "2.5", "2024년 1월 10일"])
        expect(lt).toContain(s);
      expect((await call("GET", `/v1/licences/${id}/ledger.pdf`, w.keys.otherOrg)).statusCode).toBe(404);
    });

    it("answers a clear 503 when the CJK font is missing or lacks the script", async () => {
      const id = (await call("POST", "/v1/licences", w.keys.exporter, licence("SGB-PDF-0005"))).json().id;
      process.env[FONT_ENV] = "/nonexistent/NotoSansCJK-Regular.ttc";
      const r = await call("GET", `/v1/licences/${id}/document.pdf?lang=ko`, w.keys.exporter);
      expect(r.statusCode).toBe(503);
      expect(r.headers["content-type"]).toContain("application/problem+json");
      expect(r.json().detail).toContain("/nonexistent/NotoSansCJK-Regular.ttc");
      expect(r.json().detail).toContain("fonts-noto-cjk");
      const latin = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
      if (existsSync(latin)) {
        process.env[FONT_ENV] = latin;
        const l = await call("GET", `/v1/licences/${id}/document.pdf?lang=ko`, w.keys.exporter);
        expect(l.statusCode).toBe(503);
        expect(l.json().detail).toContain("lacks");
      }
    });
  });
}
