#!/usr/bin/env node
// The `tradectl` executable: runs the compiled CLI, bundled in dist/bundle (built by `npm run build`, which
// `npm ci`, `npm start`, `npm run tradectl` and `npm test` run first). TypeScript is not loaded at run time.
import { existsSync } from "node:fs";
import { URL } from "node:url";

const main = new URL("../dist/bundle/main.js", import.meta.url);
if (!existsSync(main)) {
  process.stderr.write("tradectl: the compiled program is missing (dist/): run `npm run build` first\n");
  process.exit(1);
}
const { run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
