// Vite build of the web UI: `vite build web` writes web/dist, served by the API server at `/` (src/server/static.ts).
// The output keeps to the server's CSP (script-src 'self'): one module script file, no inline scripts.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  base: "/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    // The CSP allows no inline scripts, and small assets stay files rather than data: URLs for scripts.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    // `vite web` during development: the API runs on `npm start` (port 3000) and is proxied here.
    proxy: {
      "/v1": "http://127.0.0.1:3000",
      "/openapi.json": "http://127.0.0.1:3000",
    },
  },
});
