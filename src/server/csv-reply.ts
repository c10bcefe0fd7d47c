/** A CSV answer: its media type, and a file name for the browser's download (the name's unsafe characters dropped). */
import type { FastifyReply } from "fastify";

export function sendCsv(reply: FastifyReply, name: string, body: string): FastifyReply {
  const file = `${name.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 100)}.csv`;
  return reply
    .type("text/csv; charset=utf-8")
    .header("content-disposition", `attachment; filename="${file}"`)
    .send(body);
}
