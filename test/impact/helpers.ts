// Test helpers for the what-if commands: the CLI, a temporary directory, and the packs.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { run, type Io } from "../../src/cli/main.ts";
import { loadPolicies, type PolicySet } from "../../src/policy/index.ts";

export const repo = fileURLToPath(new URL("../..", import.meta.url));
export const packJp = join(repo, "policy/jp");
export const demoOverlay = join(repo, "examples/demo/kr-leaves-group-a-2019-08-28.yaml");

let policies: PolicySet | undefined;
export const packs = (): PolicySet => (policies ??= loadPolicies());

/** Run `tradectl` (main.ts registers the what-if commands); resolves to exit code and output. */
export async function cli(args: string[]) {
  let out = "";
  let err = "";
  const io: Io = { stdout: (s) => (out += `${s}\n`), stderr: (s) => (err += `${s}\n`), stdin: () => "" };
  const code = await run(args, io);
  return { code, out, err };
}

/** A fresh temporary directory with the given files written into it; returns its path. */
export function tempFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "tradectl-impact-test-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
