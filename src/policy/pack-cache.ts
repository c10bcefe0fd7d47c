/**
 * A pack's validated data kept as JSON beside the compiled program (`dist/packs/<pack>.json`, written by
 * `npm run build`), so that a start does not parse and validate the YAML again. It is used only while the
 * pack's YAML files are byte for byte the ones it was made from (a SHA-256 over their names and contents);
 * anything else loads the YAML as usual. `index.json` beside them names each pack's regime, so that a command
 * loads only the regimes it uses.
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, join, relative } from "node:path";
import { loadPolicy, yamlFiles } from "./load.ts";
import { Policy } from "./policy.ts";
import type { PolicyData } from "./model.ts";

interface CachedPack {
  fingerprint: string;
  version: string;
  data: PolicyData;
}

/** SHA-256 over the pack's YAML files: their paths inside the pack and their bytes. */
export function packFingerprint(dir: string): string {
  const h = createHash("sha256");
  for (const f of yamlFiles(dir)) {
    h.update(relative(dir, f)).update("\0");
    h.update(readFileSync(f)).update("\0");
  }
  return `sha256:${h.digest("hex")}`;
}

function cacheFile(cacheDir: string, dir: string): string {
  return join(cacheDir, `${basename(dir)}.json`);
}

/** The pack in `dir` from its cached data, or undefined when there is none or the YAML has changed. */
export function readCachedPolicy(dir: string, cacheDir: string): Policy | undefined {
  const file = cacheFile(cacheDir, dir);
  if (!existsSync(file)) return undefined;
  let cached: CachedPack;
  try {
    cached = JSON.parse(readFileSync(file, "utf8")) as CachedPack;
  } catch {
    return undefined;
  }
  if (cached.fingerprint !== packFingerprint(dir)) return undefined;
  return new Policy(cached.data, cached.version);
}

/** The regime of each cached pack (pack directory name → regime id), or undefined without an index. */
export function cachedRegimes(cacheDir: string): Map<string, string> | undefined {
  const file = join(cacheDir, "index.json");
  if (!existsSync(file)) return undefined;
  try {
    const index = JSON.parse(readFileSync(file, "utf8")) as { packs: { dir: string; regime: string }[] };
    return new Map(index.packs.map((p) => [p.dir, p.regime]));
  } catch {
    return undefined;
  }
}

/** Load every pack under `root` from its YAML and write its cache into `cacheDir`; returns the files written. */
export function writePackCaches(root: string, cacheDir: string): string[] {
  mkdirSync(cacheDir, { recursive: true });
  const written: string[] = [];
  const packs: { dir: string; regime: string }[] = [];
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    if (!statSync(dir).isDirectory()) continue;
    const policy = loadPolicy(dir);
    const body: CachedPack = {
      fingerprint: packFingerprint(dir),
      version: policy.version,
      data: policy.data,
    };
    const file = cacheFile(cacheDir, dir);
    writeFileSync(`${file}.tmp`, JSON.stringify(body));
    renameSync(`${file}.tmp`, file);
    written.push(file);
    packs.push({ dir: name, regime: policy.regime.id });
  }
  const index = join(cacheDir, "index.json");
  writeFileSync(`${index}.tmp`, JSON.stringify({ packs }));
  renameSync(`${index}.tmp`, index);
  written.push(index);
  return written;
}
