/** Reads a PDF back for the tests with Mozilla's pdf.js: its pages' text and its embedded fonts' names. */
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export async function pdfText(bytes: Buffer): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const c = await (await pdf.getPage(i)).getTextContent();
    pages.push(c.items.map((x) => ("str" in x ? x.str : "")).join(" "));
  }
  await pdf.destroy();
  return pages;
}

/** The subset fonts' names (ABCDEF+NotoSansCJKkr-Regular) as the PDF's font dictionaries give them. */
export function embeddedFonts(bytes: Buffer): string[] {
  return [
    ...new Set(
      [...bytes.toString("latin1").matchAll(/\/BaseFont \/([A-Z]{6}\+[A-Za-z0-9-]+)/g)].map((m) => m[1]!),
    ),
  ];
}
