// Part of `npm run build`: writes the validated data of every pack under policy/ to dist/packs (see
// src/policy/pack-cache.ts, pack-cache-write.ts), from the program just compiled.
import { writePackCaches } from "../dist/policy/pack-cache-write.js";
import { defaultPackCache, defaultPolicyRoot } from "../dist/policy/registry.js";

for (const f of writePackCaches(defaultPolicyRoot, defaultPackCache)) process.stdout.write(`wrote ${f}\n`);
