/** Writes the build's pack cache (see pack-cache.ts): every pack under a root loaded from its YAML. */
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadPolicy } from "./load.ts";
import { cacheFile, type CachedPack, type CachedPackEntry } from "./pack-cache.ts";
import { packFingerprint } from "./pack-files.ts";

/** Load every pack under `root` from its YAML and write its cache into `cacheDir`; returns the files written. */
export function writePackCaches(root: string, cacheDir: string): string[] {
  mkdirSync(cacheDir, { recursive: true });
  const written: string[] = [];
  const packs: CachedPackEntry[] = [];
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    if (!statSync(dir).isDirectory()) continue;
    const policy = loadPolicy(dir);
    const fingerprint = packFingerprint(dir);
    const body: CachedPack = { fingerprint, version: policy.version, data: policy.data };
    const file = cacheFile(cacheDir, dir);
    writeFileSync(`${file}.tmp`, JSON.stringify(body));
    renameSync(`${file}.tmp`, file);
    written.push(file);
    packs.push({ dir: name, regime: policy.regime.id, fingerprint });
  }
  const index = join(cacheDir, "index.json");
  writeFileSync(`${index}.tmp`, JSON.stringify({ packs }));
  renameSync(`${index}.tmp`, index);
  written.push(index);
  return written;
}
