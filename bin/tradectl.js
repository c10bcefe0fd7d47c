#!/usr/bin/env node
// The `tradectl` executable: registers tsx so the TypeScript sources run as they are, then runs the CLI.
import { register } from "tsx/esm/api";

register();
const { run } = await import("../src/cli/main.ts");
process.exitCode = await run(process.argv.slice(2));
