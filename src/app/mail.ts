/**
 * E-mail through SMTP when configured: `TRADECTL_SMTP_URL` (smtp://user:pass@host:587, smtps://… for TLS),
 * `TRADECTL_MAIL_FROM` (default "tradectl <no-reply@localhost>") and `TRADECTL_PUBLIC_URL` (the portal's
 * address, for links). Nodemailer sends; the outbox is the notifications table, drained by every worker
 * (`deliverDueMail`): a failed e-mail is tried again after 1, 2, 4, 8 minutes, then marked failed. The SMTP
 * password is never logged (errors carry nodemailer's message, not the URL).
 */
import nodemailer, { type Transporter } from "nodemailer";
import { claimDueMail, settleMail } from "../store/notifications.ts";
import type { Db } from "../store/index.ts";
import { mailLangOf, mailText } from "./notification-text.ts";
import type { PackText } from "../messages/index.ts";
import type { PolicySet } from "../policy/registry.ts";

export interface MailSettings {
  smtpUrl: string;
  from: string;
  publicUrl?: string | undefined;
}

export const MAX_MAIL_ATTEMPTS = 5;

/** The mail settings from the environment, or undefined when e-mail is not configured; a bad value is an error. */
export function mailSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): MailSettings | undefined {
  const url = env.TRADECTL_SMTP_URL;
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("TRADECTL_SMTP_URL must be a URL such as smtp://user:password@mail.example.com:587");
  }
  if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:")
    throw new Error(`TRADECTL_SMTP_URL must start with smtp:// or smtps:// (got ${parsed.protocol}//)`);
  const publicUrl = env.TRADECTL_PUBLIC_URL;
  if (publicUrl && !/^https?:\/\//.test(publicUrl))
    throw new Error("TRADECTL_PUBLIC_URL must be the portal's http(s):// address");
  return { smtpUrl: url, from: env.TRADECTL_MAIL_FROM ?? "tradectl <no-reply@localhost>", publicUrl };
}

/** Where the SMTP server is, without its credentials (for logs). */
export const smtpHostOf = (s: MailSettings) => {
  const u = new URL(s.smtpUrl);
  return `${u.protocol}//${u.host}`;
};

export function transportFor(s: MailSettings): Transporter {
  return nodemailer.createTransport(s.smtpUrl);
}

/** A licence type's name under a regime, with the pack's renderings (undefined: not a type of that pack). */
export type LicenceNames = (regime: string, id: string) => PackText | undefined;

/** The licence names of the loaded packs, for the e-mails. */
export function licenceNamesOf(policies: PolicySet): LicenceNames {
  return (regime, id) => {
    const p = policies.get(regime);
    const l = p?.data.licences.find((x) => x.id === id);
    return l && p ? p.text(l.name) : undefined;
  };
}

/** Sends the e-mails that are due (up to `batch`); answers how many were sent and how many failed. */
export async function deliverDueMail(
  db: Db,
  transport: Pick<Transporter, "sendMail">,
  s: MailSettings,
  batch = 20,
  names?: LicenceNames,
): Promise<{ sent: number; failed: number }> {
  const due = await claimDueMail(db, batch, 120_000);
  let sent = 0;
  let failed = 0;
  for (const m of due) {
    const named = names && m.regime ? (id: string) => names(m.regime!, id) : undefined;
    const { subject, text } = mailText(m, mailLangOf(m.lang, m.regime), s.publicUrl, named);
    try {
      await transport.sendMail({ from: s.from, to: { name: m.name, address: m.to }, subject, text });
      await settleMail(db, m.id, { sent: true });
      sent++;
    } catch (e) {
      failed++;
      const retryAt =
        m.attempts >= MAX_MAIL_ATTEMPTS ? null : new Date(Date.now() + 60_000 * 2 ** (m.attempts - 1));
      await settleMail(db, m.id, { sent: false, error: (e as Error).message, retryAt });
    }
  }
  return { sent, failed };
}

/** Drains the outbox every `everyMs` until stopped (in every worker, the embedded one included). */
export function startMailer(
  db: Db,
  s: MailSettings,
  o: { everyMs?: number; log?: (line: string) => void; names?: LicenceNames } = {},
): { stop: () => Promise<void> } {
  const transport = transportFor(s);
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    running = deliverDueMail(db, transport, s, 20, o.names)
      .then((r) => {
        if (r.failed > 0) o.log?.(`tradectl mail: ${r.failed} e-mail(s) failed, to be tried again`);
      })
      .catch((e: Error) => o.log?.(`tradectl mail: ${e.message}`))
      .finally(() => {
        busy = false;
      });
  };
  const timer = setInterval(tick, o.everyMs ?? 2_000);
  timer.unref();
  tick();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
      transport.close();
    },
  };
}
