/**
 * First start: a demo organisation with an admin (password printed once, or `TRADECTL_ADMIN_PASSWORD`), the
 * admin's API key (`TRADECTL_ADMIN_API_KEY` when set, for automation, else a new one printed once) and a few
 * recorded demo checks from the worked examples.
 */
import { randomBytes } from "node:crypto";
import { check } from "../determine/index.ts";
import type { PolicySet } from "../policy/index.ts";
import {
  createApiKey,
  createOrganisation,
  createUser,
  organisationCount,
  checkRow,
  insertChecks,
  type Db,
  type RawQuery,
} from "../store/index.ts";

export interface SeedResult {
  seeded: boolean;
  email?: string;
  password?: string;
  apiKey?: string;
  officers?: string[];
}

const demoShipments = [
  {
    regime: "JP",
    date: "2019-06-01",
    destination: "KR",
    items: [
      {
        id: "hf",
        description: "hydrogen fluoride",
        controlNumber: "1C350",
        hsCode: "281111",
        value: 1500000,
        currency: "JPY",
      },
    ],
  },
  {
    regime: "JP",
    date: "2019-08-01",
    destination: "KR",
    items: [
      {
        id: "hf",
        description: "hydrogen fluoride",
        controlNumber: "1C350",
        hsCode: "281111",
        value: 1500000,
        currency: "JPY",
      },
    ],
  },
  {
    regime: "JP",
    date: "2020-01-15",
    destination: "KR",
    endUse: { endUserListed: true },
    items: [{ id: "1", description: "machine-tool parts", controlNumber: null, hsCode: "845961" }],
  },
  {
    regime: "JP",
    date: "2024-01-15",
    destination: "KP",
    items: [{ id: "1", description: "T-shirts", hsCode: "610910" }],
  },
  {
    regime: "KR",
    date: "2020-03-01",
    destination: "JP",
    endUse: { wmd: "suspected", redFlags: ["end-use-info-withheld"] },
    items: [{ id: "1", description: "non-strategic parts", hsCode: "846693" }],
  },
  {
    regime: "KR",
    date: "2023-05-01",
    destination: "JP",
    items: [{ id: "1", description: "Annex 2 electronics", controlNumber: "3A001.a.1" }],
  },
];

export async function seedIfEmpty(
  db: Db,
  raw: RawQuery,
  policies: PolicySet,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SeedResult> {
  if ((await organisationCount(db)) > 0) return { seeded: false };
  const org = await createOrganisation(db, "Demo Exporter Co.");
  const email = env.TRADECTL_ADMIN_EMAIL ?? "admin@demo.tradectl.local";
  const password = env.TRADECTL_ADMIN_PASSWORD ?? randomBytes(12).toString("base64url");
  const userId = await createUser(db, { orgId: org, email, name: "Demo admin", role: "admin", password });
  const key = await createApiKey(db, userId, "first start", env.TRADECTL_ADMIN_API_KEY || undefined);
  // Demo licensing authorities, so that the application workflow can be tried end to end.
  for (const [regime, name, mail] of [
    ["JP", "METI Security Export Licensing (demo)", "officer@meti.demo.tradectl.local"],
    ["KR", "MOTIE Trade Security (demo)", "officer@motie.demo.tradectl.local"],
  ] as const) {
    const authority = await createOrganisation(db, name, regime);
    await createUser(db, {
      orgId: authority,
      email: mail,
      name: `${regime} licensing officer (demo)`,
      role: "officer",
      password,
    });
  }
  const items = demoShipments.flatMap((input) => {
    const r = check(policies, input);
    return r.ok ? [{ input, result: r.result }] : [];
  });
  await insertChecks(
    raw,
    items.map((i) => checkRow({ orgId: org, userId }, i.input, i.result)),
  );
  return {
    seeded: true,
    email,
    password,
    apiKey: key.key,
    officers: ["officer@meti.demo.tradectl.local", "officer@motie.demo.tradectl.local"],
  };
}
