/** The notifications' e-mail words: the reader's language, else the regime's; every kind in three languages. */
import { describe, expect, it } from "vitest";
import { catalogs, mailLangOf, mailText } from "../../src/app/notification-text.ts";
import { notificationKinds } from "../../src/permits/notify.ts";

const n = (kind: string, params: Record<string, string> = {}) => ({
  kind,
  params: { applicant: "SK hynix Inc.", licenceType: "individual", destination: "KR", ...params },
  applicationId: "0f0e0d0c-0000-4000-8000-000000000001",
  name: "Kim",
});

describe("notification e-mails", () => {
  it("writes in the reader's language, else the regime's, else English", () => {
    expect(mailLangOf("ko", "JP")).toBe("ko");
    expect(mailLangOf(null, "KR")).toBe("ko");
    expect(mailLangOf(null, "JP")).toBe("ja");
    expect(mailLangOf("fr", null)).toBe("en");
  });

  it("has every kind in every language, each naming the application's facts", () => {
    for (const lang of ["en", "ko", "ja"] as const)
      for (const kind of notificationKinds) {
        const m = mailText(
          n(kind, {
            actor: "Tanaka",
            excerpt: "ok",
            filename: "a.pdf",
            product: "RES-1 resist",
            entry: "3C002.a",
          }),
          lang,
        );
        expect(m.subject.startsWith("[tradectl] "), `${lang} ${kind}`).toBe(true);
        expect(m.text).toContain(catalogs[lang].footer);
        if (kind.startsWith("classification.")) expect(m.subject, `${lang} ${kind}`).toContain("RES-1");
        else if (!kind.endsWith("comment") && !kind.endsWith("attachment"))
          expect(m.subject).toContain("individual");
      }
    expect(mailText(n("application.approve"), "ko").subject).toBe(
      "[tradectl] 신청서(individual, 목적지 KR)가 허가되었습니다",
    );
  });

  it("tells of a classification request's answer with its entry and links the product master", () => {
    const m = mailText(
      {
        kind: "classification.answer",
        params: { product: "RES-1 ArF 레지스트", entry: "3C002.a.1" },
        applicationId: null,
        classificationRequestId: "0f0e0d0c-0000-4000-8000-000000000002",
        name: "Kim",
      },
      "ko",
      "https://p.example",
    );
    expect(m.subject).toBe("[tradectl] RES-1 ArF 레지스트의 전문판정 결과: 3C002.a.1");
    expect(m.text).toContain("https://p.example/products");
  });

  it("links the application when the portal's address is known, and keeps a subject on one line", () => {
    const m = mailText(
      n("application.comment", { actor: "Sato", excerpt: "line one\r\nBcc: x@y" }),
      "en",
      "https://p.example/",
    );
    expect(m.subject).toBe("[tradectl] Sato commented: line one Bcc: x@y");
    expect(m.text).toContain("https://p.example/licences?id=0f0e0d0c-0000-4000-8000-000000000001");
    expect(mailText(n("application.comment"), "en").text).not.toContain("http");
    // a parameter the notification lacks prints as nothing, not as a placeholder
    expect(mailText({ ...n("application.attachment"), params: {} }, "en").subject).toBe(
      "[tradectl]  attached ",
    );
  });
});
