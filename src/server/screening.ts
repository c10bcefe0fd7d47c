/** The server's screening index (see src/lists/screening.ts): built from the lists in the data directory. */
export { screeningFromEntities, screeningFromHome, type ScreeningSource } from "../lists/screening.ts";
export type { Screening } from "../app/check.ts";
