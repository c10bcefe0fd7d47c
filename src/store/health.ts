/** Readiness: the database answers a query. */
import { sql } from "drizzle-orm";
import type { Db } from "./db.ts";

export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
export { diskProblem } from "./disk.ts";
