/**
 * An application's attachments, comments and notifications through the API, and their e-mails through a local
 * SMTP sink (smtp-server), on PGlite and PostgreSQL: type read from the bytes, size and sha256 kept, refusals
 * that save nothing, the other side notified, e-mail in the reader's language, retried and never sent twice.
 */
import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  deliverDueMail,
  licenceNamesOf,
  MAX_MAIL_ATTEMPTS,
  startMailer,
  transportFor,
  type MailSettings,
} from "../../src/app/mail.ts";
import { auditLog, notifications } from "../../src/store/index.ts";
import { auth, backends, hfApplication, jsonCaller, makeWorld, type World } from "./harness.ts";

const application = hfApplication;

const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from("0000000d49484452000000010000000108060000001f15c489", "hex"),
]);
const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0x90)]);

/** A local SMTP sink: every message it accepts, parsed. */
async function smtpSink(): Promise<{ url: string; mails: ParsedMail[]; close: () => Promise<void> }> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream)
        .then((m) => {
          mails.push(m);
          done();
        })
        .catch(done);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

for (const backend of backends) {
  describe(`application thread on ${backend.name}`, () => {
    let w: World;
    beforeAll(async () => {
      w = await makeWorld(backend);
    }, 60_000);
    afterAll(async () => w?.close());
    const call = jsonCaller(() => w);
    const upload = (
      id: string,
      key: string,
      filename: string,
      data: Buffer,
      type = "application/octet-stream",
    ) =>
      w.app.inject({
        method: "POST",
        url: `/v1/applications/${id}/attachments?filename=${encodeURIComponent(filename)}`,
        headers: { ...auth(key), "content-type": type },
        payload: data,
      });
    const draft = async () =>
      (await call("POST", "/v1/applications", w.keys.exporter, application)).json().id as string;
    const auditCount = async () =>
      Number(
        (
          await w.database.db
            .select({ n: sql<number>`count(*)::int` })
            .from(auditLog)
            .where(sql`${auditLog.orgId} = ${w.orgId}`)
        )[0]!.n,
      );
    const unread = async (key: string) => (await call("GET", "/v1/notifications?unread=true", key)).json();

    it("stores an attachment with its type read from the bytes, size and sha256, and gives it back as it was", async () => {
      const id = await draft();
      const r = await upload(id, w.keys.exporter, "계약서 契約書.pdf", pdf, "text/plain");
      expect(r.statusCode, r.body).toBe(201);
      const meta = r.json();
      expect(meta).toMatchObject({
        filename: "계약서 契約書.pdf",
        contentType: "application/pdf", // the bytes, not the claimed text/plain
        bytes: pdf.length,
        sha256: createHash("sha256").update(pdf).digest("hex"),
      });
      const list = (await call("GET", `/v1/applications/${id}/attachments`, w.keys.exporter)).json();
      expect(list.items).toHaveLength(1);
      expect(list.items[0]).toMatchObject({
        id: meta.id,
        side: "applicant",
        author: { email: "exporter@example.com" },
      });
      const got = await call("GET", `/v1/applications/${id}/attachments/${meta.id}`, w.keys.exporter);
      expect(got.statusCode).toBe(200);
      expect(got.rawPayload.equals(pdf)).toBe(true);
      expect(got.headers["content-type"]).toBe("application/pdf");
      expect(got.headers["content-disposition"]).toContain(
        `filename*=UTF-8''${encodeURIComponent("계약서 契約書.pdf")}`,
      );
      expect(got.headers["x-content-type-options"]).toBe("nosniff");
      const csv = await upload(id, w.keys.exporter, "lines.csv", Buffer.from("品目,数量\nHF,1000\n"));
      expect(csv.statusCode, csv.body).toBe(201);
      expect(csv.json().contentType).toBe("text/csv");
    });

    it("refuses a refused type, a misnamed file, an empty or too large one, and a bad name — saving nothing", async () => {
      const id = await draft();
      const before = await auditCount();
      const cases: [string, Buffer, number, RegExp][] = [
        ["setup.exe", exe, 415, /exe .*not accepted/],
        ["photo.pdf", png, 415, /is png but is named \.pdf/],
        ["notes.txt", Buffer.from([0x61, 0x62, 0xc3, 0x28, 0x0a]), 415, /not plain UTF-8/],
        ["empty.pdf", Buffer.alloc(0), 415, /empty/],
        ["page.html", Buffer.from("<html><script>alert(1)</script></html>"), 415, /not recognised/],
        ["big.pdf", Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]), 413, /larger than 10 MiB/],
        ["../", pdf, 400, /name/],
      ];
      for (const [name, data, status, message] of cases) {
        const r = await upload(id, w.keys.exporter, name, data);
        expect(r.statusCode, `${name}: ${r.body}`).toBe(status);
        expect(r.headers["content-type"]).toContain("application/problem+json");
        expect(JSON.stringify(r.json()), name).toMatch(message);
      }
      expect((await call("GET", `/v1/applications/${id}/attachments`, w.keys.exporter)).json().items).toEqual(
        [],
      );
      expect(await auditCount()).toBe(before);
    });

    it("shows the thread only to who may see the application, and lets only its two sides add to it", async () => {
      const id = await draft();
      const att = (await upload(id, w.keys.exporter, "spec.pdf", pdf)).json();
      // another organisation, and the officer before submission, see nothing
      for (const key of [w.keys.otherOrg, w.keys.officer, w.keys.krOfficer]) {
        expect((await call("GET", `/v1/applications/${id}/attachments`, key)).statusCode).toBe(404);
        expect((await call("GET", `/v1/applications/${id}/attachments/${att.id}`, key)).statusCode).toBe(404);
        expect((await call("GET", `/v1/applications/${id}/comments`, key)).statusCode).toBe(404);
        expect((await upload(id, key, "x.pdf", pdf)).statusCode).toBe(404);
      }
      expect((await call("POST", `/v1/applications/${id}/submit`, w.keys.exporter, {})).statusCode).toBe(200);
      expect(
        (await call("GET", `/v1/applications/${id}/attachments`, w.keys.officer)).json().items,
      ).toHaveLength(1);
      expect((await call("GET", `/v1/applications/${id}/attachments`, w.keys.krOfficer)).statusCode).toBe(
        404,
      );
      const byOfficer = await upload(id, w.keys.officer, "review-memo.pdf", pdf);
      expect(byOfficer.statusCode).toBe(201);
      expect(
        (await call("GET", `/v1/applications/${id}/attachments`, w.keys.exporter))
          .json()
          .items.map((a: { side: string }) => a.side),
      ).toEqual(["applicant", "authority"]);
      // the auditor reads, and adds nothing
      expect((await call("GET", `/v1/applications/${id}/comments`, w.keys.auditor)).statusCode).toBe(200);
      expect(
        (await call("POST", `/v1/applications/${id}/comments`, w.keys.auditor, { body: "hi" })).statusCode,
      ).toBe(403);
      // a decided application takes no more files, but comments still
      await call("POST", `/v1/applications/${id}/review`, w.keys.officer, {});
      await call("POST", `/v1/applications/${id}/deny`, w.keys.officer, { note: "end use unclear" });
      expect((await upload(id, w.keys.exporter, "late.pdf", pdf)).statusCode).toBe(409);
      expect(
        (await call("POST", `/v1/applications/${id}/comments`, w.keys.exporter, { body: "we will re-apply" }))
          .statusCode,
      ).toBe(201);
    });

    it("keeps a comment thread between the applicant and the officer, each side notified of the other's acts", async () => {
      const id = await draft();
      const officerBefore = (await unread(w.keys.officer)).unread;
      // in draft the thread is the applicant's own: nobody is notified
      await call("POST", `/v1/applications/${id}/comments`, w.keys.exporter, { body: "draft note to self" });
      expect((await unread(w.keys.officer)).unread).toBe(officerBefore);
      await call("POST", `/v1/applications/${id}/submit`, w.keys.exporter, {});
      const submitted = await unread(w.keys.officer);
      expect(submitted.unread).toBe(officerBefore + 1);
      expect(submitted.items[0]).toMatchObject({
        kind: "application.submit",
        applicationId: id,
        params: { applicant: "Exporter K.K.", licenceType: "individual", destination: "KR" },
      });
      const ask = await call("POST", `/v1/applications/${id}/comments`, w.keys.officer, {
        body: "  最終需要者の誓約書を添付してください。\n\nPlease attach the end-user statement.  ",
      });
      expect(ask.statusCode).toBe(201);
      const exporterSees = await unread(w.keys.exporter);
      expect(exporterSees.items[0]).toMatchObject({
        kind: "application.comment",
        params: {
          actor: "officer@meti.example",
          excerpt: "最終需要者の誓約書を添付してください。 Please attach the end-user statement.",
        },
      });
      await upload(id, w.keys.exporter, "end-user-statement.pdf", pdf);
      expect((await unread(w.keys.officer)).items[0]).toMatchObject({
        kind: "application.attachment",
        params: { filename: "end-user-statement.pdf" },
      });
      const thread = (await call("GET", `/v1/applications/${id}/comments`, w.keys.officer)).json().items;
      expect(thread.map((c: { side: string; body: string }) => [c.side, c.body.slice(0, 8)])).toEqual([
        ["applicant", "draft no"],
        ["authority", "最終需要者の誓約"],
      ]);
      await call("POST", `/v1/applications/${id}/review`, w.keys.officer, {});
      expect((await unread(w.keys.exporter)).items[0].kind).toBe("application.review");
      // bad comments: named, nothing saved
      for (const body of [{ body: "   " }, { body: "あ".repeat(4001) }, { text: "x" }]) {
        const r = await call("POST", `/v1/applications/${id}/comments`, w.keys.exporter, body);
        expect(r.statusCode, JSON.stringify(body).slice(0, 40)).toBe(400);
      }
      expect(
        (await call("GET", `/v1/applications/${id}/comments`, w.keys.exporter)).json().items,
      ).toHaveLength(2);
      // read one, then all
      const mine = await unread(w.keys.exporter);
      const one = await call("POST", "/v1/notifications/read", w.keys.exporter, { ids: [mine.items[0].id] });
      expect(one.json().marked).toBe(1);
      expect((await unread(w.keys.exporter)).unread).toBe(mine.unread - 1);
      await call("POST", "/v1/notifications/read", w.keys.exporter, {});
      expect((await unread(w.keys.exporter)).unread).toBe(0);
      // another user's notification cannot be marked by me
      const officers = await unread(w.keys.officer);
      expect(
        (
          await call("POST", "/v1/notifications/read", w.keys.exporter, { ids: [officers.items[0].id] })
        ).json().marked,
      ).toBe(0);
      expect((await unread(w.keys.officer)).unread).toBe(officers.unread);
    });

    it("sends the notifications' e-mails through SMTP in the reader's language, once, retrying a failure", async () => {
      const sink = await smtpSink();
      w.ctx.mailEnabled = true;
      try {
        expect((await call("POST", "/v1/me/lang", w.keys.exporter, { lang: "ja" })).statusCode).toBe(200);
        expect((await call("POST", "/v1/me/lang", w.keys.exporter, { lang: "fr" })).statusCode).toBe(400);
        const id = await draft();
        await call("POST", `/v1/applications/${id}/submit`, w.keys.exporter, {});
        await call("POST", `/v1/applications/${id}/review`, w.keys.officer, {});
        await call("POST", `/v1/applications/${id}/comments`, w.keys.officer, {
          body: "契約書の写しをお送りください",
        });
        const settings: MailSettings = {
          smtpUrl: sink.url,
          from: "tradectl <no-reply@tradectl.test>",
          publicUrl: "https://portal.example",
        };
        const transport = transportFor(settings);
        // two senders at once (two workers): every e-mail goes exactly once
        const names = licenceNamesOf(w.ctx.policies);
        const [a, b] = await Promise.all([
          deliverDueMail(w.database.db, transport, settings, 20, names),
          deliverDueMail(w.database.db, transport, settings, 20, names),
        ]);
        // the licence type by the pack's Japanese name, not its id
        const ind = names("JP", "individual")!.ja!;
        expect(ind).toMatch(/個別許可/);
        expect(a.failed + b.failed).toBe(0);
        expect(a.sent + b.sent).toBe(sink.mails.length);
        const toExporter = sink.mails.filter((m) => JSON.stringify(m.to).includes("exporter@example.com"));
        const toOfficer = sink.mails.filter((m) => JSON.stringify(m.to).includes("officer@meti.example"));
        expect(toOfficer).toHaveLength(1);
        // the officer chose no language: the regime's (Japanese)
        expect(toOfficer[0]!.subject).toBe(
          `[tradectl] Exporter K.K.が許可申請を提出しました（${ind}、仕向地 KR）`,
        );
        // two senders deliver in either order: compare the set of subjects
        expect(toExporter.map((m) => m.subject).sort()).toEqual(
          [
            `[tradectl] 申請（${ind}、仕向地 KR）の審査が始まりました`,
            "[tradectl] officer@meti.exampleさんのコメント：契約書の写しをお送りください",
          ].sort(),
        );
        for (const m of toExporter) expect(m.text).toContain(`https://portal.example/licences?id=${id}`);
        expect((await deliverDueMail(w.database.db, transport, settings)).sent).toBe(0);
        transport.close();

        // an SMTP server that is down: the e-mail waits and is tried again, then given up
        await call("POST", `/v1/applications/${id}/comments`, w.keys.exporter, { body: "sent" });
        const down: MailSettings = { ...settings, smtpUrl: "smtp://127.0.0.1:1" };
        const broken = transportFor(down);
        expect((await deliverDueMail(w.database.db, broken, down)).failed).toBe(1);
        const [row] = await w.database.db
          .select()
          .from(notifications)
          .where(sql`${notifications.mailState} <> 'none' and ${notifications.mailState} <> 'sent'`);
        expect(row).toMatchObject({ mailState: "pending", mailAttempts: 1 });
        expect(row!.mailError).toMatch(/ECONNREFUSED|connect/i);
        expect(row!.mailAt!.getTime()).toBeGreaterThan(Date.now() + 30_000);
        expect((await deliverDueMail(w.database.db, broken, down)).failed).toBe(0); // not due yet
        for (let i = 1; i < MAX_MAIL_ATTEMPTS; i++) {
          await w.database.db
            .update(notifications)
            .set({ mailAt: new Date(0) })
            .where(sql`${notifications.id} = ${row!.id}`);
          await deliverDueMail(w.database.db, broken, down);
        }
        const [last] = await w.database.db
          .select()
          .from(notifications)
          .where(sql`${notifications.id} = ${row!.id}`);
        expect(last).toMatchObject({ mailState: "failed", mailAttempts: MAX_MAIL_ATTEMPTS });
        broken.close();
      } finally {
        w.ctx.mailEnabled = false;
        await sink.close();
      }
    });

    it("the worker's mailer sends a notification's e-mail soon after the act", async () => {
      const sink = await smtpSink();
      w.ctx.mailEnabled = true;
      const mailer = startMailer(
        w.database.db,
        { smtpUrl: sink.url, from: "tradectl <no-reply@tradectl.test>" },
        { everyMs: 100 },
      );
      try {
        await call("POST", "/v1/me/lang", w.keys.officer, { lang: "en" });
        const id = await draft();
        await call("POST", `/v1/applications/${id}/submit`, w.keys.exporter, {});
        for (let i = 0; i < 100 && sink.mails.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
        expect(sink.mails.map((m) => m.subject)).toEqual([
          "[tradectl] Exporter K.K. submitted an application (individual, to KR)",
        ]);
      } finally {
        await mailer.stop();
        w.ctx.mailEnabled = false;
        await sink.close();
      }
    });
  });
}
