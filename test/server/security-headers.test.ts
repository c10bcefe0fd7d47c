/** The security headers worked out once from helmet's options. */
import { describe, expect, it } from "vitest";
import { securityHeaders } from "../../src/server/security-headers.ts";

describe("security headers", () => {
  it("are helmet's headers for the options given", () => {
    const h = securityHeaders({ contentSecurityPolicy: { directives: { "img-src": ["'self'", "data:"] } } });
    expect(h["content-security-policy"]).toContain("img-src 'self' data:");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["x-powered-by"]).toBeUndefined();
    const without = securityHeaders({ contentSecurityPolicy: false, frameguard: { action: "deny" } });
    expect(without["content-security-policy"]).toBeUndefined();
    expect(without["x-frame-options"]).toBe("DENY");
  });

  it("refuses options helmet refuses", () => {
    expect(() =>
      securityHeaders({ contentSecurityPolicy: { directives: { "script-src": "bad;" } } } as never),
    ).toThrow();
  });
});
