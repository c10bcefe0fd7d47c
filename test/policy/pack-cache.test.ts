import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadPolicies, loadPolicy } from "../../src/policy/index.ts";
import { packFingerprint, readCachedPolicy } from "../../src/policy/pack-cache.ts";
import { writePackCaches } from "../../src/policy/pack-cache-write.ts";
import { LazyPolicySet } from "../../src/policy/lazy-set.ts";
import { policyOpener } from "../../src/policy/open.ts";

const packs = fileURLToPath(new URL("../../policy", import.meta.url));

describe("pack cache", () => {
  let root: string;
  let cache: string;
  beforeAll(() => {
    const tmp = mkdtempSync(join(tmpdir(), "tradectl-packs-"));
    root = join(tmp, "policy");
    cache = join(tmp, "cache");
    cpSync(join(packs, "jp"), join(root, "jp"), { recursive: true });
    cpSync(join(packs, "kr"), join(root, "kr"), { recursive: true });
    writePackCaches(root, cache);
  });

  it("gives the same policy as the YAML while the YAML is unchanged, and loads each regime when asked", () => {
    const fromYaml = loadPolicy(join(root, "jp"));
    const cached = readCachedPolicy(join(root, "jp"), cache);
    expect(cached?.version).toBe(fromYaml.version);
    expect(cached?.data).toEqual(fromYaml.data);
    const set = loadPolicies(root, cache);
    expect(set.get("JP")?.version).toBe(fromYaml.version);
    expect([...set.keys()].sort()).toEqual(["JP", "KR"]);
    expect(set.size).toBe(2);
  });

  it("opens every pack from the cache, without the loader, while all of them are fresh", async () => {
    const set = (await policyOpener(root, cache))();
    expect(set).toBeInstanceOf(LazyPolicySet);
    expect(set.get("KR")?.data).toEqual(loadPolicy(join(root, "kr")).data);
    expect([...set.keys()].sort()).toEqual(["JP", "KR"]);
  });

  it("is not used once a pack file changes: the YAML is read again", async () => {
    const dir = join(root, "kr");
    const before = packFingerprint(dir);
    const file = join(dir, "exemptions.yaml");
    appendFileSync(file, "\n# a comment changes the bytes, not the law\n");
    expect(packFingerprint(dir)).not.toBe(before);
    expect(readCachedPolicy(dir, cache)).toBeUndefined();
    expect(loadPolicies(root, cache).get("KR")?.version).toBe(loadPolicy(dir).version);
    // the opener compares every pack's fingerprint first and falls back to the loader when one differs
    // (its cache-only set would refuse the changed pack)
    const opened = (await policyOpener(root, cache))();
    expect(opened.get("KR")?.data).toEqual(loadPolicy(dir).data);
  });

  it("is not used when its file is damaged", () => {
    const file = join(cache, "jp.json");
    const good = readFileSync(file, "utf8");
    writeFileSync(file, good.slice(0, 100));
    expect(readCachedPolicy(join(root, "jp"), cache)).toBeUndefined();
    expect(loadPolicies(root, cache).get("JP")?.version).toBe(loadPolicy(join(root, "jp")).version);
    writeFileSync(file, good);
  });
});
