/**
 * Restricted-party lists in the database: `GET /v1/lists` (the versions in force for your organisation: every
 * organisation's and your own) and `POST /v1/lists?format=…` (admins: an official list file, or the generic
 * CSV with `listId`, as the raw body; stored as a new version for your organisation and screened against by
 * every process from the next request); `POST /v1/lists/from-url` fetches one from its publisher and
 * `POST /v1/lists/:list/refresh` fetches it again from there.
 */
import type { FastifyPluginAsyncZod, ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { importListFromUrl, importListVersion, listsFor, refreshList } from "../../app/lists.ts";
import { requireAuth } from "../auth.ts";
import type { ServerContext } from "../context.ts";

/** The largest list file the API takes (the US CSL is about 30 MB). */
export const MAX_LIST_BYTES = 512 * 2 ** 20;

export function listsRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/v1/lists",
      {
        preHandler: requireAuth(ctx.db),
        schema: {
          summary: "The restricted-party list versions in force for your organisation",
          tags: ["screening"],
        },
      },
      async (req) => ({
        items: (await listsFor(ctx.db, req.principal!.orgId)).map((l) => ({
          list: l.list,
          format: l.format,
          scope: l.scope === "*" ? "all organisations" : "your organisation",
          version: l.version,
          sourceHash: l.sourceHash,
          count: l.count,
          importedAt: l.importedAt,
          // where the version was fetched from (a list fetched by URL can be refreshed from it)
          sourceUrl: (l.source as { url?: string } | null)?.url ?? null,
          fileName: (l.source as { fileName?: string } | null)?.fileName ?? null,
        })),
      }),
    );

    const listId = z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
      .optional();
    app.post(
      "/v1/lists/from-url",
      {
        preHandler: requireAuth(ctx.db, ["admin"]),
        schema: {
          summary:
            "Import a list for your organisation from its publisher's URL (admins; allowed hosts only); the URL is kept for refreshes",
          tags: ["screening"],
          body: z.strictObject({ format: z.string().min(1).max(40), url: z.string().max(2000), listId }),
        },
      },
      async (req, reply) => {
        const p = req.principal!;
        const done = await importListFromUrl(
          ctx.db,
          { scope: p.orgId, userId: p.userId },
          req.body.format,
          req.body.url,
          { listId: req.body.listId },
        );
        reply.code(done.unchanged ? 200 : 201);
        const { skipped, ...rest } = done;
        return { ...rest, skipped: skipped.slice(0, 20) };
      },
    );
    app.post(
      "/v1/lists/:list/refresh",
      {
        preHandler: requireAuth(ctx.db, ["admin"]),
        schema: {
          summary: "Fetch your organisation's list again from the URL it was imported from (admins); audited",
          tags: ["screening"],
          params: z.object({ list: z.string().max(64) }),
        },
      },
      async (req, reply) => {
        const p = req.principal!;
        const done = await refreshList(ctx.db, { scope: p.orgId, userId: p.userId }, req.params.list);
        reply.code(done.unchanged ? 200 : 201);
        const { skipped, ...rest } = done;
        return { ...rest, skipped: skipped.slice(0, 20) };
      },
    );

    // The list file is the raw body, parsed as it streams in.
    app.register(async (scope) => {
      const r = scope.withTypeProvider<ZodTypeProvider>();
      r.removeAllContentTypeParsers();
      r.addContentTypeParser("*", (_req, _payload, done) => done(null));
      r.post(
        "/v1/lists",
        {
          preHandler: requireAuth(ctx.db, ["admin"]),
          bodyLimit: MAX_LIST_BYTES,
          schema: {
            summary: "Import a list file for your organisation (admins): the file as the raw body",
            tags: ["screening"],
            querystring: z.strictObject({
              format: z.string().min(1),
              listId: z
                .string()
                .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
                .optional(),
              fileName: z.string().max(200).optional(),
              encoding: z.enum(["utf-8", "windows-1252"]).optional(),
            }),
          },
        },
        async (req, reply) => {
          const p = req.principal!;
          const q = req.query;
          const done = await importListVersion(
            ctx.db,
            { scope: p.orgId, userId: p.userId },
            q.format,
            req.raw,
            {
              listId: q.listId,
              fileName: q.fileName,
              ...(q.encoding ? { encoding: q.encoding } : {}),
            },
          );
          reply.code(done.unchanged ? 200 : 201);
          const { skipped, ...rest } = done;
          return { ...rest, skipped: skipped.slice(0, 20) };
        },
      );
    });
  };
}
