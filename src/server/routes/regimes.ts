/** `GET /v1/regimes`, `/v1/regimes/{regime}/groups?country&date` and `/v1/regimes/{regime}/timeline?country`. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { countryName, dateProblem, isCountryCode, NoPolicyDataError, todayIn } from "../../policy/index.ts";
import { badRequest, notFound } from "../problem.ts";
import type { ServerContext } from "../context.ts";

const country = z
  .string()
  .refine((c) => isCountryCode(c), { message: "unknown country code (ISO 3166 alpha-2, e.g. KR)" });

export function regimesRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const policyOf = (regime: string) => {
    const p = ctx.policies.get(regime.toUpperCase());
    if (!p) throw notFound(`unknown regime ${regime} (known: ${[...ctx.policies.keys()].join(", ")})`);
    return p;
  };
  return async (app) => {
    app.get(
      "/v1/regimes",
      { schema: { summary: "The regimes and their policy versions", tags: ["regimes"] } },
      async () => ({
        regimes: [...ctx.policies.values()].map((p) => ({
          id: p.regime.id,
          name: p.regime.name,
          timeZone: p.regime.timeZone,
          dataFrom: p.regime.dataFrom,
          // the pack's law was checked against the sources up to this date: later changes are not known
          reviewedThrough: p.regime.reviewedThrough,
          policyVersion: p.version,
          groups: [...new Set(p.data.groups.map((g) => g.id))],
          // the recipient categories of technology transfers the pack's rules tell apart, with their renderings
          recipients: (p.data.recipients ?? []).map((r) => ({ id: r.id, label: p.text(r.label) })),
          kinds: ["goods", ...new Set((p.data.transactions ?? []).map((t) => t.kind))],
        })),
      }),
    );

    app.get(
      "/v1/regimes/:regime/groups",
      {
        schema: {
          summary:
            "The groups a regime puts a country in on a date (default: today in the regime's time zone)",
          tags: ["regimes"],
          params: z.object({ regime: z.string() }),
          querystring: z.strictObject({
            country,
            date: z
              .string()
              .refine((v) => dateProblem(v) === null, { message: "must be a calendar date YYYY-MM-DD" })
              .optional(),
          }),
        },
      },
      async (req) => {
        const policy = policyOf(req.params.regime);
        const date = req.query.date ?? todayIn(policy.regime.timeZone);
        try {
          const { groups, facts } = policy.asOf(date).groupsOf(req.query.country);
          return {
            regime: policy.regime.id,
            country: req.query.country,
            date,
            groups,
            facts,
            policyVersion: policy.version,
          };
        } catch (e) {
          if (e instanceof NoPolicyDataError)
            throw badRequest(e.message, [{ path: "query:$.date", message: e.message }]);
          throw e;
        }
      },
    );

    app.get(
      "/v1/regimes/:regime/measures",
      {
        schema: {
          summary: "A regime's special measures, with their periods and sources",
          tags: ["regimes"],
          params: z.object({ regime: z.string() }),
          querystring: z.strictObject({ country: country.optional() }),
        },
      },
      async (req) => {
        const policy = policyOf(req.params.regime);
        const c = req.query.country;
        return {
          regime: policy.regime.id,
          policyVersion: policy.version,
          measures: policy.data.measures
            .filter((m) => !c || !m.destinations.countries || m.destinations.countries.includes(c))
            .map(({ id, title, from, to, evidence, cite, note, destinations, items, effect }) => ({
              id,
              title,
              from,
              to,
              evidence,
              cite,
              note,
              destinations,
              items,
              effect,
            })),
        };
      },
    );

    app.get(
      "/v1/regimes/:regime/timeline",
      {
        schema: {
          summary: "A country's classification by a regime over time, with sources",
          tags: ["regimes"],
          params: z.object({ regime: z.string() }),
          querystring: z.strictObject({ country }),
        },
      },
      async (req) => {
        const policy = policyOf(req.params.regime);
        return {
          regime: policy.regime.id,
          country: req.query.country,
          countryName: {
            en: countryName(req.query.country, "en"),
            ja: countryName(req.query.country, "ja"),
            ko: countryName(req.query.country, "ko"),
          },
          policyVersion: policy.version,
          periods: policy.timeline(req.query.country),
        };
      },
    );
  };
}
