/**
 * The caller's notifications: `GET /v1/notifications` (newest first, with the unread count),
 * `POST /v1/notifications/read` (the given ones, or all), and `POST /v1/me/lang` (the language the portal is
 * used in, which the user's e-mails are written in).
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { markMineRead, myNotifications, setMyLang } from "../../app/notifications.ts";
import { requireAuth } from "../auth.ts";
import type { ServerContext } from "../context.ts";

export function notificationsRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/v1/notifications",
      {
        preHandler: requireAuth(ctx.db),
        schema: {
          summary: "Your notifications, newest first, and how many are unread",
          tags: ["notifications"],
          querystring: z.strictObject({
            unread: z.enum(["true", "false"]).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(30),
          }),
        },
      },
      async (req) =>
        myNotifications(ctx.db, req.principal!, {
          unread: req.query.unread === "true",
          limit: req.query.limit,
        }),
    );
    app.post(
      "/v1/notifications/read",
      {
        preHandler: requireAuth(ctx.db),
        schema: {
          summary: "Mark your notifications read: the given ids, or all when none are given",
          tags: ["notifications"],
          body: z.strictObject({ ids: z.array(z.string().uuid()).max(200).optional() }),
        },
      },
      async (req) => ({ marked: await markMineRead(ctx.db, req.principal!, req.body.ids) }),
    );
    app.post(
      "/v1/me/lang",
      {
        preHandler: requireAuth(ctx.db),
        schema: {
          summary: "The language you use the portal in (your e-mails are written in it)",
          tags: ["auth"],
          body: z.strictObject({ lang: z.enum(["en", "ko", "ja"]) }),
        },
      },
      async (req) => {
        await setMyLang(ctx.db, req.principal!, req.body.lang);
        return { lang: req.body.lang };
      },
    );
  };
}
