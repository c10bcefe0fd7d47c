/**
 * Renders a PrintedDocument (src/app/document-model.ts) as an A4 PDF with pdfkit: the title, labelled fields,
 * tables that break across pages with their heading repeated, and on every page the verification hash and
 * "page n of m". The CJK font is embedded as a subset (only the glyphs used). Every character must be in the
 * font: one that is not refuses the document (FontUnavailableError) rather than print a blank box.
 */
import type { DocColumn, DocField, DocSection, PrintedDocument } from "../app/document-model.ts";
import { cjkFont, FontUnavailableError, type FontChoice } from "./fonts.ts";

const MARGIN = 48;
const FOOTER = 44;
const BODY = 9;
const SMALL = 7;

type Doc = PDFKit.PDFDocument;

/** pdfkit (a quarter of a second to load) is loaded with the first document, not with the server. */
const loadPdfkit = () => import("pdfkit");
let pdfkit: ReturnType<typeof loadPdfkit> | undefined;

/** The text of every part of the document, to check the font covers it. */
function textsOf(d: PrintedDocument): string[] {
  const out = [d.title, d.pageTemplate, d.stamp ?? "", ...d.footer];
  for (const s of d.sections) {
    if (s.title) out.push(s.title);
    if (s.kind === "fields") for (const f of s.fields) out.push(f.label, f.value);
    else {
      out.push(...s.columns.map((c) => c.label), ...s.rows.flat());
      if (s.note) out.push(s.note);
    }
  }
  return out;
}

/** The font's glyph test (pdfkit keeps fontkit's font on the current font; absent on other font kinds). */
function glyphTest(doc: Doc): ((cp: number) => boolean) | undefined {
  const f = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?: (cp: number) => boolean } } })
    ._font?.font;
  return f?.hasGlyphForCodePoint ? (cp) => f.hasGlyphForCodePoint!(cp) : undefined;
}

function useFont(doc: Doc, d: PrintedDocument, font: FontChoice): void {
  try {
    doc.registerFont("body", font.path, font.face);
    doc.font("body");
  } catch (e) {
    throw new FontUnavailableError(
      `the font ${font.path}${font.face ? `#${font.face}` : ""} cannot be read (${(e as Error).message})`,
    );
  }
  const has = glyphTest(doc);
  if (!has) return;
  const missing = new Set<string>();
  for (const t of textsOf(d))
    for (const ch of t) if (/\S/u.test(ch) && !has(ch.codePointAt(0)!)) missing.add(ch);
  if (missing.size > 0)
    throw new FontUnavailableError(
      `the font ${font.path} lacks ${[...missing].slice(0, 10).join(" ")} (U+${[...missing][0]!.codePointAt(0)!.toString(16).toUpperCase()})`,
    );
}

const bottom = (doc: Doc) => doc.page.height - MARGIN - FOOTER;
const width = (doc: Doc) => doc.page.width - 2 * MARGIN;

function ensure(doc: Doc, height: number): boolean {
  if (doc.y + height <= bottom(doc)) return false;
  doc.addPage();
  return true;
}

function fields(doc: Doc, list: DocField[]): void {
  const labelW = 150;
  const valueW = width(doc) - labelW - 8;
  doc.fontSize(BODY);
  for (const f of list) {
    const h = Math.max(
      doc.heightOfString(f.label, { width: labelW }),
      doc.heightOfString(f.value, { width: valueW }),
    );
    ensure(doc, h + 4);
    const y = doc.y;
    doc.fillColor("#555").text(f.label, MARGIN, y, { width: labelW });
    doc.fillColor("#000").text(f.value, MARGIN + labelW + 8, y, { width: valueW });
    doc.y = y + h + 4;
  }
}

const cellWidths = (doc: Doc, cols: DocColumn[]) => cols.map((c) => c.width * width(doc) - 6);

function rowHeight(doc: Doc, cols: DocColumn[], cells: string[]): number {
  const widths = cellWidths(doc, cols);
  return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! })));
}

function drawRow(doc: Doc, cols: DocColumn[], cells: string[], h: number, head: boolean): void {
  const w = width(doc);
  const widths = cellWidths(doc, cols);
  const y = doc.y;
  if (head) doc.rect(MARGIN, y - 2, w, h + 4).fill("#eeeeee");
  doc.fillColor(head ? "#333" : "#000");
  let x = MARGIN;
  cells.forEach((c, i) => {
    doc.text(c, x + 3, y, { width: widths[i]!, align: cols[i]!.align ?? "left" });
    x += cols[i]!.width * w;
  });
  doc
    .moveTo(MARGIN, y + h + 2)
    .lineTo(MARGIN + w, y + h + 2)
    .lineWidth(0.3)
    .strokeColor("#bbbbbb")
    .stroke();
  doc.y = y + h + 5;
}

/** Rows between two turns of the event loop: a long table does not hold up the server's other requests. */
const ROWS_PER_TURN = 100;

async function table(doc: Doc, s: Extract<DocSection, { kind: "table" }>): Promise<void> {
  doc.fontSize(SMALL + 1);
  const heading = s.columns.map((c) => c.label);
  const headH = rowHeight(doc, s.columns, heading);
  ensure(doc, headH * 2 + 10);
  drawRow(doc, s.columns, heading, headH, true);
  for (let i = 0; i < s.rows.length; i++) {
    if (i > 0 && i % ROWS_PER_TURN === 0) await new Promise((r) => setImmediate(r));
    const row = s.rows[i]!;
    const h = rowHeight(doc, s.columns, row);
    if (ensure(doc, h + 5)) drawRow(doc, s.columns, heading, headH, true);
    drawRow(doc, s.columns, row, h, false);
  }
  if (s.note) {
    ensure(doc, 14);
    doc
      .fontSize(SMALL)
      .fillColor("#555")
      .text(s.note, MARGIN, doc.y, { width: width(doc) });
  }
}

/** The footer of every page: the hash lines and the page number, written in the bottom margin. */
function footers(doc: Doc, d: PrintedDocument): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN - FOOTER + 12;
    doc.fontSize(SMALL).fillColor("#444");
    d.footer.forEach((line, k) =>
      doc.text(line, MARGIN, y + k * 10, { width: width(doc), lineBreak: false }),
    );
    const page = d.pageTemplate.replace("{n}", String(i + 1)).replace("{total}", String(range.count));
    if (d.stamp) doc.text(d.stamp, MARGIN, y + 24, { width: width(doc) / 2, lineBreak: false });
    doc.text(page, MARGIN, y + 24, { width: width(doc), align: "right", lineBreak: false });
    doc.page.margins.bottom = keep;
  }
}

/** The document as PDF bytes; `font` defaults to the configured CJK font for the document's language. */
export async function renderPdf(d: PrintedDocument, font: FontChoice = cjkFont(d.lang)): Promise<Buffer> {
  const { default: PDFDocument } = await (pdfkit ??= loadPdfkit());
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN + FOOTER, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: d.lang,
    info: { Title: d.title, Creator: "tradectl", ...(d.hash ? { Subject: `sha256:${d.hash}` } : {}) },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });
  useFont(doc, d, font);
  doc
    .fontSize(16)
    .fillColor("#000")
    .text(d.title, { width: width(doc) });
  doc.moveDown(0.6);
  for (const s of d.sections) {
    if (s.title) {
      ensure(doc, 40);
      doc
        .moveDown(0.5)
        .fontSize(11)
        .fillColor("#000")
        .text(s.title, MARGIN, doc.y, { width: width(doc) });
      doc.moveDown(0.3);
    }
    if (s.kind === "fields") fields(doc, s.fields);
    else await table(doc, s);
  }
  footers(doc, d);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
