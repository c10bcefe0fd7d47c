/** Where the sourced alias table lies (its loader, ./aliases.ts, needs the YAML parser; this does not). */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
/** The table in the repository (from src/… or dist/…: ../../data; from dist/src/…: ../../../data). */
export const ALIAS_FILE = [
  join(here, "../../data/screening/native-aliases.yaml"),
  join(here, "../../../data/screening/native-aliases.yaml"),
];
