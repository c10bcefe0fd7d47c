/** Where tradectl finds its packs and the build's cache of them, relative to the running program. */
import { fileURLToPath } from "node:url";

/** The packs shipped with tradectl: `<repo>/policy` (from `src/policy`, `dist/policy` or `dist/bundle`). */
export const defaultPolicyRoot = fileURLToPath(new URL("../../policy", import.meta.url));

/**
 * Where the build keeps the packs' validated data (`dist/packs`, beside the compiled program); from the
 * TypeScript sources there is none and the YAML is read.
 */
export const defaultPackCache = fileURLToPath(new URL("../packs", import.meta.url));
