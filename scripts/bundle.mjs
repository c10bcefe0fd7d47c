// Part of `npm run build`: bundles the compiled CLI (dist/cli/main.js) with esbuild into dist/bundle/, which
// `bin/tradectl.js` runs. A cold start then reads a few files instead of hundreds of modules (zod alone is
// about a hundred): `tradectl check` loads the main file and the chunks of the check path only, each command
// and the server staying in chunks of their own (code splitting on the CLI's dynamic imports).
//
// Bundled: the pure-JavaScript libraries of the command paths and every user of zod (one zod in the process;
// fastify-type-provider-zod checks schemas by class). Everything else — native code (argon2, pg), packages that
// find files beside themselves (PGlite's WebAssembly, kuromoji's dictionary, swagger-ui's assets, pino's
// transports) and the server framework — stays external and is loaded by Node from node_modules.
//
// dist/bundle sits at the same depth as dist/<module>/, so paths the program takes relative to its own file
// (../../policy, ../packs, ../../web/dist, ../../drizzle, ../../data) resolve as they do unbundled.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath, URL } from "node:url";

const BUNDLED = new Set([
  "zod",
  "fastify-type-provider-zod",
  "commander",
  "cli-table3",
  "string-width",
  "strip-ansi",
  "ansi-regex",
  "emoji-regex",
  "is-fullwidth-code-point",
  "@colors/colors",
  "i18n-iso-countries",
  "diacritics",
  "yaml",
  "csv-parse",
  "saxes",
  "xmlchars",
  "any-ascii",
  "pinyin-pro",
  "es-hangul",
  "double-metaphone",
]);

/** The package a bare specifier names (`@scope/name/…` → `@scope/name`). */
const packageOf = (spec) =>
  spec
    .split("/")
    .slice(0, spec.startsWith("@") ? 2 : 1)
    .join("/");

const externalUnlessListed = {
  name: "external-unless-listed",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("node:")) return { external: true };
      return BUNDLED.has(packageOf(args.path)) ? undefined : { external: true };
    });
  },
};

const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = `${root}dist/bundle`;
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [`${root}dist/cli/main.js`],
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  minify: process.env.TRADECTL_BUNDLE_MINIFY !== "0",
  sourcemap: "linked",
  legalComments: "linked",
  logLevel: "warning",
  plugins: [externalUnlessListed],
  // bundled CommonJS (commander, cli-table3, i18n-iso-countries) calls require() for Node's own modules
  banner: {
    js: "import { createRequire as __tradectlRequire } from 'node:module'; const require = __tradectlRequire(import.meta.url);",
  },
});
// The build's id: what the program's caches (the screening index kept in a data directory) are keyed by.
const h = createHash("sha256");
for (const f of readdirSync(outdir).sort())
  h.update(f)
    .update("\0")
    .update(readFileSync(`${outdir}/${f}`));
writeFileSync(`${root}dist/build-id.json`, `${JSON.stringify({ build: h.digest("hex") })}\n`);
process.stdout.write(`bundled ${outdir}\n`);
