/**
 * An application's thread: `GET|POST /v1/applications/:id/comments` (the exchange between the applicant and the
 * officers), `GET|POST /v1/applications/:id/attachments` (a file as the raw body, `?filename=`; at most 10 MiB,
 * its type read from its bytes) and `GET /v1/applications/:id/attachments/:attachmentId` (the file as stored,
 * always as a download).
 */
import type { FastifyPluginAsyncZod, ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  attach,
  attachmentFile,
  attachments,
  comment,
  comments,
  MAX_COMMENT_CHARS,
} from "../../app/application-thread.ts";
import { ACCEPTED_ENDINGS, MAX_ATTACHMENT_BYTES } from "../../app/attachment-type.ts";
import { requireAuth } from "../auth.ts";
import type { ServerContext } from "../context.ts";

const appId = z.object({ id: z.string().uuid() });

/** `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266), so any name downloads as itself. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function applicationThreadRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/v1/applications/:id/comments",
      {
        preHandler: requireAuth(ctx.db),
        schema: {
          summary: "The application's comments, oldest first",
          tags: ["applications"],
          params: appId,
        },
      },
      async (req) => ({ items: await comments(ctx, req.principal!, req.params.id) }),
    );
    app.post(
      "/v1/applications/:id/comments",
      {
        preHandler: requireAuth(ctx.db, ["exporter", "officer", "admin"]),
        schema: {
          summary:
            "Comment on the application (the applicant or the reviewing officers); the other side is notified",
          tags: ["applications"],
          params: appId,
          body: z.strictObject({ body: z.string().max(MAX_COMMENT_CHARS * 4) }),
        },
      },
      async (req, reply) => {
        const r = await comment(ctx, req.principal!, req.params.id, req.body.body);
        reply.code(201);
        return r;
      },
    );
    app.get(
      "/v1/applications/:id/attachments",
      {
        preHandler: requireAuth(ctx.db),
        schema: {
          summary: "The application's attachments: name, type, size, sha256, who attached them and when",
          tags: ["applications"],
          params: appId,
        },
      },
      async (req) => ({
        items: await attachments(ctx, req.principal!, req.params.id),
        maxBytes: MAX_ATTACHMENT_BYTES,
        accepted: ACCEPTED_ENDINGS,
      }),
    );
    app.get(
      "/v1/applications/:id/attachments/:attachmentId",
      {
        preHandler: requireAuth(ctx.db),
        schema: {
          summary: "Download an attachment as it was stored",
          tags: ["applications"],
          params: z.object({ id: z.string().uuid(), attachmentId: z.string().uuid() }),
        },
      },
      async (req, reply) => {
        const f = await attachmentFile(ctx, req.principal!, req.params.id, req.params.attachmentId);
        return reply
          .type(f.contentType)
          .header("content-disposition", contentDisposition(f.filename))
          .header("x-content-type-options", "nosniff")
          .header("content-security-policy", "default-src 'none'; sandbox")
          .header("digest", `sha-256=${Buffer.from(f.sha256, "hex").toString("base64")}`)
          .send(f.data);
      },
    );

    // The file is the raw body, read up to the limit (no parsing).
    app.register(async (scope) => {
      const r = scope.withTypeProvider<ZodTypeProvider>();
      r.removeAllContentTypeParsers();
      r.addContentTypeParser("*", (_req, _payload, done) => done(null));
      r.post(
        "/v1/applications/:id/attachments",
        {
          preHandler: requireAuth(ctx.db, ["exporter", "officer", "admin"]),
          // a little above the file limit, so the service answers 413 with its own message
          bodyLimit: MAX_ATTACHMENT_BYTES + 1,
          schema: {
            summary: `Attach a file to the application (the raw body; ?filename=…; at most ${MAX_ATTACHMENT_BYTES / 2 ** 20} MiB; ${ACCEPTED_ENDINGS.join(", ")})`,
            tags: ["applications"],
            params: appId,
            querystring: z.strictObject({ filename: z.string().min(1).max(1000) }),
          },
        },
        async (req, reply) => {
          const length = Number(req.headers["content-length"]);
          const meta = await attach(
            ctx,
            req.principal!,
            req.params.id,
            req.query.filename,
            req.raw,
            Number.isFinite(length) ? length : undefined,
          );
          reply.code(201);
          return meta;
        },
      );
    });
  };
}
