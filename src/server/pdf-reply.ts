/**
 * A PDF answer: the document rendered, its media type and a file name for the browser's download (unsafe
 * characters dropped). No usable CJK font is a 503 problem naming the font and how to install one.
 */
import type { FastifyReply } from "fastify";
import { label } from "../app/document-labels.ts";
import type { PrintedDocument } from "../app/document-model.ts";
import { FontUnavailableError } from "../documents/fonts.ts";
import { renderPdf } from "../documents/pdf.ts";
import { HttpProblem } from "./problem.ts";

export async function sendPdf(reply: FastifyReply, d: PrintedDocument): Promise<FastifyReply> {
  let body: Buffer;
  try {
    const at = new Date().toISOString().slice(0, 16).replace("T", " ");
    body = await renderPdf({ ...d, stamp: `${label(d.lang, "printedOn")}: ${at} UTC` });
  } catch (e) {
    if (e instanceof FontUnavailableError) throw new HttpProblem(503, "PDF font unavailable", e.message);
    throw e;
  }
  const file = `${d.name.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 100)}.${d.lang}.pdf`;
  const headers: Record<string, string> = { "content-disposition": `attachment; filename="${file}"` };
  if (d.hash) headers["x-document-hash"] = d.hash;
  return reply.type("application/pdf").headers(headers).send(body);
}
