/**
 * The records a printed document may be verified against: every application the caller may see (its own
 * organisation's; for an officer, also those under review by the officer's authority, drafts excepted — the
 * rule of getApplication), each with its applicant's name. At most MAX_VERIFIED of them, newest first.
 */
import { and, desc, eq, ne, or } from "drizzle-orm";
import { applications, organisations, type Db, type Principal } from "../store/index.ts";

/** The most applications one verification compares (newest changed first). */
export const MAX_VERIFIED = 20_000;

export async function visibleApplications(db: Db, p: Principal) {
  const [org] = await db
    .select({ authorityFor: organisations.authorityFor })
    .from(organisations)
    .where(eq(organisations.id, p.orgId));
  const authority = p.role === "officer" ? (org?.authorityFor ?? null) : null;
  const rows = await db
    .select({ app: applications, applicant: organisations.name })
    .from(applications)
    .innerJoin(organisations, eq(organisations.id, applications.orgId))
    .where(
      authority
        ? or(
            eq(applications.orgId, p.orgId),
            and(eq(applications.regime, authority), ne(applications.status, "draft")),
          )
        : eq(applications.orgId, p.orgId),
    )
    .orderBy(desc(applications.updatedAt))
    .limit(MAX_VERIFIED);
  return rows.map((r) => ({ ...r.app, applicant: r.applicant }));
}
