// Layering rules (docs/ARCHITECTURE.md): the pure core imports no adapter; adapters sit around it.
const core = "^src/(policy|determine|classify|screen|impact)/";
module.exports = {
  forbidden: [
    {
      name: "core-imports-no-adapter",
      comment: "The pure core (policy, determine, classify, screen, impact) must not import adapters.",
      severity: "error",
      from: { path: core },
      to: { path: "^src/(store|permits|server|cli|worker|lists|screen-runtime)/|^web/" },
    },
    {
      name: "determine-does-no-io",
      comment: "determine, classify, screen and impact are pure: no file system, network or process access.",
      severity: "error",
      from: { path: "^src/(determine|classify|screen|impact)/" },
      to: {
        path: "^(node:)?(fs|fs/promises|net|http|https|child_process|worker_threads)$",
        dependencyTypes: ["core"],
      },
    },
    {
      name: "policy-below-determine",
      comment: "policy is the lowest layer: it does not know the engine.",
      severity: "error",
      from: { path: "^src/policy/" },
      to: { path: "^src/(determine|classify|screen|impact)/" },
    },
    {
      name: "server-imports-no-cli",
      comment: "The server and the CLI are adapters side by side: shared flows live in src/app.",
      severity: "error",
      from: { path: "^src/(server|worker)/" },
      to: { path: "^src/cli/" },
    },
    {
      name: "routes-write-no-sql",
      comment:
        "A route parses, calls a service and serialises: it imports neither the query builder nor the schema or " +
        "the connection; repositories (src/store/<table>.ts, src/permits/service.ts) own the queries.",
      severity: "error",
      from: { path: "^src/server/routes/" },
      to: {
        path: "^src/store/(schema|db|index)\\.ts$|(^|node_modules/)(drizzle-orm|pg|@electric-sql/pglite)(/|$)",
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "app-below-adapters",
      comment:
        "The application layer (src/app) is used by the server, the CLI and the jobs; it imports none of them, " +
        "nor the PDF renderer (src/documents): it builds what a document shows, the server renders it.",
      severity: "error",
      from: { path: "^src/app/" },
      to: { path: "^src/(server|cli|worker|documents)/|^web/" },
    },
    {
      name: "document-model-is-pure",
      comment:
        "What a printed document shows (src/app/document-*.ts, records-document.ts) does no I/O and knows no PDF.",
      severity: "error",
      from: { path: "^src/app/(document-[^/]+|records-document)\\.ts$" },
      to: {
        path: "^src/(store/(db|index)|permits/service)\\.ts$|(^|node_modules/)(pdfkit|drizzle-orm|pg)(/|$)|^(node:)?(fs|fs/promises|net|http|https|child_process|worker_threads)$",
      },
    },
    {
      name: "messages-stand-alone",
      comment:
        "The engine's message catalogues (src/messages) import nothing outside themselves: the core, the CLI and the web app all render them.",
      severity: "error",
      from: { path: "^src/messages/" },
      to: { pathNot: "^src/messages/" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "src-not-to-test",
      severity: "error",
      from: { path: "^src/", pathNot: "\\.test\\.ts$" },
      to: { path: "^(test|bench)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
