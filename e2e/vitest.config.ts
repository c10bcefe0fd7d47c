// Vitest configuration for the browser tests (`vitest run --config e2e/vitest.config.ts`): one file, run alone,
// with time for the UI build, the server's first start and Chromium.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: fileURLToPath(new URL("..", import.meta.url)),
    include: ["e2e/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
