/**
 * Errors as RFC 9457 problem documents (`application/problem+json`), each naming what is wrong; validation
 * problems list every field by its JSON path. Nothing reaches the client as a 500 unless it is a real fault.
 */
import { BadInputError, RefusalError } from "../app/errors.ts";
import { ZodError } from "zod";
import { ScreeningUnavailableError } from "../app/screening.ts";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";

export interface FieldProblem {
  path: string;
  message: string;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldProblem[],
  ) {
    super(detail ?? title);
  }
}

export const badRequest = (detail: string, errors?: FieldProblem[]) =>
  new HttpProblem(400, "Bad request", detail, errors);
export const notFound = (detail: string) => new HttpProblem(404, "Not found", detail);
export const unauthorized = (
  detail = "authentication required: send an API key (Authorization: Bearer …) or log in",
) => new HttpProblem(401, "Unauthorized", detail);
export const forbidden = (detail: string) => new HttpProblem(403, "Forbidden", detail);

/** `/items/0/quantity` → `$.items[0].quantity`. */
export function jsonPath(pointer: string): string {
  if (!pointer || pointer === "/") return "$";
  return pointer
    .split("/")
    .slice(1)
    .reduce(
      (acc, k) => (/^\d+$/.test(k) ? `${acc}[${k}]` : `${acc}.${k.replace(/~1/g, "/").replace(/~0/g, "~")}`),
      "$",
    );
}

export function sendProblem(reply: FastifyReply, req: FastifyRequest, p: HttpProblem): FastifyReply {
  const body: Record<string, unknown> = {
    type: "about:blank",
    title: p.title,
    status: p.status,
    instance: req.url,
    requestId: req.id,
  };
  if (p.detail) body.detail = p.detail;
  if (p.errors) body.errors = p.errors;
  return reply.code(p.status).type("application/problem+json").send(body);
}

/** The database's own error behind an error (drizzle wraps it as its cause), with its SQLSTATE code. */
function databaseError(e: unknown): { code: string; message: string; constraint?: string } | undefined {
  for (
    let x = e as { code?: unknown; cause?: unknown; message?: unknown } | undefined, i = 0;
    x && i < 5;
    i++
  ) {
    if (typeof x.code === "string" && /^[0-9A-Z]{5}$/.test(x.code))
      return {
        code: x.code,
        message: String(x.message ?? ""),
        ...(typeof (x as { constraint?: unknown }).constraint === "string"
          ? { constraint: (x as { constraint: string }).constraint }
          : {}),
      };
    x = x.cause as typeof x;
  }
  return undefined;
}

const UNIQUE: Record<string, string> = {
  users_email_key: "a user with this e-mail address exists already (in any letter case)",
  licences_org_number: "a licence with this number exists already for this regime",
  products_org_code: "a product with this code exists already",
  api_keys_hash_key: "this API key exists already",
};

/** A database refusal as the client's problem: a duplicate is 409, bad data 400, a full disk or lost database 503. */
function databaseProblem(e: unknown): HttpProblem | undefined {
  for (
    let x = e as { code?: unknown; cause?: unknown } | undefined, i = 0;
    x && i < 5;
    i++, x = x.cause as typeof x
  )
    if (x.code === "ENOSPC")
      return new HttpProblem(
        503,
        "Service unavailable",
        "the disk is full: nothing was written; try again when space is freed",
      );
  const d = databaseError(e);
  if (!d) return undefined;
  if (d.code === "23505") {
    const which = Object.keys(UNIQUE).find((k) => d.constraint === k || d.message.includes(k));
    return new HttpProblem(409, "Conflict", which ? UNIQUE[which] : "this exists already");
  }
  if (d.code.startsWith("22") || d.code === "54000")
    return badRequest(`the database refused a value: ${d.message.split("\n")[0]}`);
  if (["53100", "53200", "53300", "57P03", "57P01"].includes(d.code) || d.code.startsWith("08"))
    return new HttpProblem(
      503,
      "Service unavailable",
      d.code === "53100"
        ? "the database's disk is full: nothing was written; try again when space is freed"
        : `the database cannot take the request now (${d.code}); nothing was written`,
    );
  return undefined;
}

/** What may be logged of an error: its class, code and the database's own message — never a query's parameters. */
export function loggable(e: unknown): Record<string, unknown> {
  const d = databaseError(e);
  const err = e as { name?: string; message?: string; stack?: string };
  if (d) return { name: err.name, code: d.code, message: d.message };
  return { name: err.name, message: err.message, stack: err.stack };
}

/** The server's error handler: known errors to their 4xx problem; anything else a logged 500 problem. */
export function errorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof HttpProblem) return sendProblem(reply, req, error);
  if (error instanceof BadInputError)
    return sendProblem(reply, req, badRequest(error.message.split(":")[0]!, error.problems));
  if (error instanceof RefusalError) {
    const title = {
      403: "Forbidden",
      404: "Not found",
      409: "Conflict",
      413: "Content too large",
      415: "Unsupported media type",
      422: "Unprocessable",
    }[error.status];
    return sendProblem(reply, req, new HttpProblem(error.status, title, error.message));
  }
  if (error instanceof ScreeningUnavailableError)
    return sendProblem(reply, req, new HttpProblem(503, "Service unavailable", error.message));
  if (error instanceof ZodError) {
    const issues = error.issues;
    return sendProblem(
      reply,
      req,
      badRequest(
        "the request body is invalid",
        issues.map((i) => ({
          path: i.path.reduce<string>(
            (a, k) => (typeof k === "number" ? `${a}[${k}]` : `${a}.${String(k)}`),
            "$",
          ),
          message: i.message,
        })),
      ),
    );
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? "body";
    const errors = error.validation.map((v) => {
      const params = v.params as { issue?: { code?: string; keys?: string[] } } | undefined;
      const issue = params?.issue;
      const message =
        issue?.code === "unrecognized_keys" && issue.keys
          ? `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`
          : (v.message ?? "invalid");
      return { path: `${where === "body" ? "" : `${where}:`}${jsonPath(v.instancePath)}`, message };
    });
    return sendProblem(reply, req, badRequest(`the request ${where} is invalid`, errors));
  }
  const db = databaseProblem(error);
  if (db) {
    if (db.status >= 500) req.log.warn({ err: loggable(error) }, "database unavailable");
    return sendProblem(reply, req, db);
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const detail =
      error.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error instanceof SyntaxError
        ? `malformed JSON: ${error.message}`
        : error.code === "FST_ERR_CTP_BODY_TOO_LARGE"
          ? `the body is larger than the limit (${error.message})`
          : error.message;
    return sendProblem(
      reply,
      req,
      new HttpProblem(
        status,
        (
          {
            413: "Payload too large",
            414: "URI too long",
            415: "Unsupported media type",
            429: "Too many requests",
          } as Record<number, string>
        )[status] ?? "Bad request",
        detail,
      ),
    );
  }
  req.log.error({ err: loggable(error) }, "unhandled error");
  return sendProblem(
    reply,
    req,
    new HttpProblem(500, "Internal server error", `request ${req.id} failed; see the server log`),
  );
}
