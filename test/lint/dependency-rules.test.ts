// The dependency rules of `npm test` fail the build on a route that imports the database layer or the query
// builder, and on the server importing the CLI: dependency-cruiser is run with the project's rules over a small
// tree of probe files laid out like src/.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const dirs: string[] = [];

function cruise(files: Record<string, string>): { code: number; out: string } {
  const dir = mkdtempSync(join(tmpdir(), "tradectl-deprules-"));
  dirs.push(dir);
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { allowImportingTsExtensions: true } }),
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  try {
    const out = execFileSync(
      process.execPath,
      [
        join(repo, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs"),
        "src",
        "--config",
        join(repo, ".dependency-cruiser.cjs"),
      ],
      { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    return { code: 0, out };
  } catch (e) {
    const x = e as { status: number; stdout: string; stderr: string };
    return { code: x.status, out: `${x.stdout}${x.stderr}` };
  }
}

const store = {
  "src/store/schema.ts": "export const checks = 1;\n",
  "src/store/db.ts": 'import { checks } from "./schema.ts";\nexport const db = checks;\n',
  "src/store/checks.ts": 'import { db } from "./db.ts";\nexport const getCheck = () => db;\n',
};

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("dependency rules", () => {
  it("let a route call a repository", () => {
    const r = cruise({
      ...store,
      "src/server/routes/checks.ts":
        'import { getCheck } from "../../store/checks.ts";\nexport const r = getCheck;\n',
    });
    expect(r.out).not.toMatch(/routes-write-no-sql/);
    expect(r.code).toBe(0);
  });

  it("fail a route that imports the schema, the connection or the query builder", () => {
    const r = cruise({
      ...store,
      "src/server/routes/a.ts": 'import { checks } from "../../store/schema.ts";\nexport const a = checks;\n',
      "src/server/routes/b.ts": 'import { db } from "../../store/db.ts";\nexport const b = db;\n',
      "src/server/routes/c.ts": 'import { eq } from "drizzle-orm";\nexport const c = eq;\n',
    });
    expect(r.code).not.toBe(0);
    for (const f of ["a.ts", "b.ts", "c.ts"])
      expect(r.out).toMatch(new RegExp(`routes-write-no-sql: src/server/routes/${f.replace(".", "\\.")}`));
  });

  it("fail the server importing the CLI, and the application layer importing an adapter", () => {
    const r = cruise({
      "src/cli/main.ts": "export const run = 1;\n",
      "src/server/serve.ts": 'import { run } from "../cli/main.ts";\nexport const s = run;\n',
      "src/app/check.ts": 'import { s } from "../server/serve.ts";\nexport const c = s;\n',
    });
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/server-imports-no-cli: src\/server\/serve\.ts/);
    expect(r.out).toMatch(/app-below-adapters: src\/app\/check\.ts/);
  });
});
