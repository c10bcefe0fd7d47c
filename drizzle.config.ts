// drizzle-kit configuration: migrations are generated offline from src/store/schema.ts into drizzle/ and committed.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./src/store/schema.ts",
  out: "./drizzle",
});
