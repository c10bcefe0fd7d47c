/**
 * Printable documents in the browser: a Korean and a Japanese user download a licence as PDF from the licence
 * page (the file read back: its title in the language, the CJK font embedded, the hash that verifies), an
 * application and the past checks too; screenshots of the pages with their PDF buttons at 1280 and 390 px.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { application, licence } from "../test/server/document-fixtures.ts";
import { embeddedFonts, pdfText } from "../test/server/pdf-text.ts";
import {
  ARTIFACTS,
  CHROMIUM,
  chromiumAvailable,
  PASSWORD,
  startWorld,
  USERS,
  type World,
} from "./harness.ts";

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const haveChromium = chromiumAvailable();
if (!haveChromium) {
  const msg = `browser tests need Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk)`;
  if (process.env.CI) throw new Error(msg);
  console.warn(`SKIPPED: ${msg}`);
}

let world: World;
const problems: string[] = [];

async function browse(locale: string): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await world.browser.newContext({
    viewport: DESKTOP,
    locale,
    baseURL: world.url,
    acceptDownloads: true,
  });
  const page = await ctx.newPage();
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    // the page asks who is logged in before the log-in (a 401): refused requests are not page errors
    if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  await page.goto("/");
  await page.locator("#root input[type=email]").fill(USERS.exporter);
  await page.locator("#root input[type=password]").fill(PASSWORD);
  await page.locator("form button[type=submit]").click();
  await page.locator("nav").waitFor();
  return { ctx, page };
}

/** The page at 1280 and 390 px (the whole page, and the phone's first screen), with no sideways scrolling. */
async function shots(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}-1280.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  const [scroll, client] = (await page.evaluate(
    "[document.documentElement.scrollWidth, document.documentElement.clientWidth]",
  )) as [number, number];
  expect(scroll, `page is ${scroll}px wide in a ${client}px viewport`).toBeLessThanOrEqual(client + 1);
  await page.screenshot({ path: join(ARTIFACTS, `${name}-390.png`), fullPage: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}-390-screen.png`) });
  await page.setViewportSize(DESKTOP);
}

/** Clicks the link and reads the PDF it downloads: its file name, text per page and embedded fonts. */
async function download(page: Page, testId: string) {
  const [d] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  const bytes = readFileSync((await d.path())!);
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  return { name: d.suggestedFilename(), text: (await pdfText(bytes)).join(" "), fonts: embeddedFonts(bytes) };
}

const hashIn = (text: string) => /[0-9a-f]{64}/.exec(text)?.[0];

describe.skipIf(!haveChromium)("printable documents in the browser", () => {
  let licenceId: string;
  let applicationId: string;
  beforeAll(async () => {
    world = await startWorld();
    licenceId = (
      (await world.asAdmin("/v1/licences", licence("SGB-E2E-PDF-1", 1, "Demo Exporter K.K."))) as {
        id: string;
      }
    ).id;
    applicationId = ((await world.asAdmin("/v1/applications", application)) as { id: string }).id;
  }, 240_000);
  afterAll(async () => {
    await world?.close();
  }, 60_000);

  for (const [locale, lang, button, title, label, date] of [
    ["ko-KR", "ko", "허가서 인쇄 (PDF)", "수출허가서", "허가번호", "2027년 7월 20일"],
    ["ja-JP", "ja", "許可証を印刷 (PDF)", "輸出許可証", "許可番号", "2027年7月20日"],
  ] as const)
    it(`downloads a licence as PDF in ${lang} from the licence page, with a hash that verifies`, async () => {
      const { ctx, page } = await browse(locale);
      await page.goto(`/licences?tab=licences&id=${licenceId}`);
      await page.getByTestId("licence").getByRole("link", { name: button }).waitFor();
      const pdf = await download(page, "licence-pdf");
      expect(pdf.name).toBe(`licence-SGB-E2E-PDF-1.${lang}.pdf`);
      for (const s of [title, label, "SGB-E2E-PDF-1", date]) expect(pdf.text).toContain(s);
      expect(pdf.fonts).toEqual([expect.stringContaining(lang === "ko" ? "NotoSansCJKkr" : "NotoSansCJKjp")]);
      const hash = hashIn(pdf.text);
      expect(hash).toBeDefined();
      expect(await world.asAdmin(`/v1/documents/verify?hash=${hash}`)).toMatchObject({
        match: true,
        kind: "licence",
        id: licenceId,
      });
      await shots(page, `20-licence-pdf-${lang}`);
      await ctx.close();
    });

  it("downloads an application and the past checks as PDF in Japanese and Korean", async () => {
    const ja = await browse("ja-JP");
    await ja.page.goto(`/licences?tab=applications&id=${applicationId}`);
    await ja.page.getByTestId("application").getByRole("link", { name: "申請書を印刷 (PDF)" }).waitFor();
    const app = await download(ja.page, "application-pdf");
    for (const s of ["輸出許可申請書", "申請者", "下書き", "未提出", "Shanghai Etch Ltd.", "2024年3月15日"])
      expect(app.text).toContain(s);
    await shots(ja.page, "21-application-pdf-ja");
    await ja.ctx.close();

    await world.asAdmin("/v1/checks", {
      regime: "JP",
      date: "2019-08-01",
      destination: "KR",
      items: [{ id: "1", controlNumber: "1C350", hsCode: "281111" }],
    });
    const ko = await browse("ko-KR");
    await ko.page.goto("/checks");
    await ko.page.getByRole("link", { name: "이 판정 목록을 PDF로 내보내기" }).waitFor();
    const checks = await download(ko.page, "export-checks-pdf");
    expect(checks.name).toBe("checks.ko.pdf");
    for (const s of ["수출통제 판정 기록", "2019년 8월 1일", "허가 필요"]) expect(checks.text).toContain(s);
    await shots(ko.page, "22-checks-pdf-ko");
    await ko.ctx.close();
    expect(problems).toEqual([]);
  });
});
