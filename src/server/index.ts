/** The HTTP server: app builder, main job and the pieces tests use. */
export { buildApp, BODY_LIMIT, type App, type AppOptions } from "./app.ts";
export { startServer, serveForever, type ServeOptions, type RunningServer } from "./serve.ts";
export { Recorder } from "./recorder.ts";
export { seedIfEmpty } from "./seed.ts";
export type { ServerContext } from "./context.ts";
