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

/** The server's error handler: known errors to their 4xx problem; anything else a logged 500 problem. */
export function errorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof HttpProblem) return sendProblem(reply, req, error);
  if (error instanceof BadInputError)
    return sendProblem(reply, req, badRequest(error.message.split(":")[0]!, error.problems));
  if (error instanceof RefusalError) {
    const title = { 403: "Forbidden", 404: "Not found", 409: "Conflict", 422: "Unprocessable" }[error.status];
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
        status === 413 ? "Payload too large" : status === 429 ? "Too many requests" : "Bad request",
        detail,
      ),
    );
  }
  req.log.error({ err: error }, "unhandled error");
  return sendProblem(
    reply,
    req,
    new HttpProblem(500, "Internal server error", `request ${req.id} failed; see the server log`),
  );
}
