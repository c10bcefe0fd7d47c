/**
 * The security headers of every response (helmet's: content security policy, no sniffing, frame and referrer
 * policies, HSTS …). helmet works out the header values from its options; they do not depend on the request,
 * so they are worked out once when the server starts and set on each reply, instead of helmet being built
 * again for every request (which the fastify plugin does, at a measurable cost per request).
 */
import type { FastifyInstance } from "fastify";
import helmet, { type HelmetOptions } from "helmet";

/** The headers helmet sets with these options, found by running its middleware once against a recorder. */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let failed: unknown;
  helmet(options)({} as never, recorder as never, (e?: unknown) => (failed = e));
  if (failed) throw failed;
  return headers;
}

export function addSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const headers = securityHeaders(options);
  app.addHook("onRequest", (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
}
