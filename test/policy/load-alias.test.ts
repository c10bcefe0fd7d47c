/** A YAML alias used before its anchor is a loader error with file and line, not a crash. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { loadPolicy, PolicyLoadError } from "../../src/policy/index.ts";

it("reports an unresolved alias with its line", () => {
  const dir = mkdtempSync(join(tmpdir(), "tradectl-alias-"));
  writeFileSync(
    join(dir, "regime.yaml"),
    [
      "regime:",
      "  id: XX",
      "  name: Test",
      "  timeZone: UTC",
      "  dataFrom: 2020-01-01",
      "  currency: USD",
      "  cite: [*missing]",
      "",
    ].join("\n"),
  );
  try {
    loadPolicy(dir);
    expect.unreachable();
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyLoadError);
    const p = (e as PolicyLoadError).problems[0]!;
    expect(p.file).toContain("regime.yaml");
    expect(p.line).toBe(7);
    expect(p.message).toContain("alias");
  }
});
