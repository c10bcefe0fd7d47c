/**
 * The words of a notification's e-mail in English, Korean and Japanese (the portal renders the in-app list from
 * its own catalog). Pure: a kind and its parameters in, a subject and a body out. A reader with no language
 * chosen reads the language of the regime the application is under (KR Korean, JP Japanese).
 */
import type { NotificationKind } from "../permits/notify.ts";
import { packText, type PackText } from "../messages/index.ts";
import { withAllParams } from "./notification-params.ts";

export type MailLang = "en" | "ko" | "ja";

type Params = Record<string, string>;
type Catalog = {
  subject: (k: NotificationKind, p: Params) => string;
  greeting: (name: string) => string;
  open: string;
  footer: string;
  events: Record<NotificationKind, (p: Params) => string>;
};

const en: Catalog = {
  subject: (k, p) => `[tradectl] ${en.events[k](p)}`,
  greeting: (n) => `Dear ${n},`,
  open: "Open the application:",
  footer: "You receive this because you take part in this application in tradectl.",
  events: {
    "application.submit": (p) =>
      `${p.applicant} submitted an application (${p.licenceType}, to ${p.destination})`,
    "application.withdraw": (p) =>
      `${p.applicant} withdrew an application (${p.licenceType}, to ${p.destination})`,
    "application.review": (p) => `Your application (${p.licenceType}, to ${p.destination}) is under review`,
    "application.request-changes": (p) =>
      `Changes are requested to your application (${p.licenceType}, to ${p.destination})`,
    "application.approve": (p) => `Your application (${p.licenceType}, to ${p.destination}) is approved`,
    "application.deny": (p) => `Your application (${p.licenceType}, to ${p.destination}) is denied`,
    "application.comment": (p) => `${p.actor} commented: ${p.excerpt}`,
    "application.attachment": (p) => `${p.actor} attached ${p.filename}`,
    "classification.submit": (p) => `${p.applicant} asks for a classification of ${p.product}`,
    "classification.resubmit": (p) =>
      `${p.applicant} resubmitted its classification request for ${p.product}`,
    "classification.return": (p) =>
      `More information is asked for your classification request for ${p.product}`,
    "classification.answer": (p) => `Your classification request for ${p.product} is answered: ${p.entry}`,
  },
};

const ko: Catalog = {
  subject: (k, p) => `[tradectl] ${ko.events[k](p)}`,
  greeting: (n) => `${n} 님께,`,
  open: "신청서 열기:",
  footer: "tradectl에서 이 신청에 관여하고 있어 이 메일을 받으셨습니다.",
  events: {
    "application.submit": (p) =>
      `${p.applicant}이(가) 허가 신청서를 제출했습니다 (${p.licenceType}, 목적지 ${p.destination})`,
    "application.withdraw": (p) =>
      `${p.applicant}이(가) 허가 신청을 철회했습니다 (${p.licenceType}, 목적지 ${p.destination})`,
    "application.review": (p) => `신청서(${p.licenceType}, 목적지 ${p.destination})의 심사가 시작되었습니다`,
    "application.request-changes": (p) =>
      `신청서(${p.licenceType}, 목적지 ${p.destination})에 보완이 요청되었습니다`,
    "application.approve": (p) => `신청서(${p.licenceType}, 목적지 ${p.destination})가 허가되었습니다`,
    "application.deny": (p) => `신청서(${p.licenceType}, 목적지 ${p.destination})가 불허되었습니다`,
    "application.comment": (p) => `${p.actor} 님의 의견: ${p.excerpt}`,
    "application.attachment": (p) => `${p.actor} 님이 ${p.filename} 파일을 첨부했습니다`,
    "classification.submit": (p) => `${p.applicant}이(가) ${p.product}의 전문판정을 신청했습니다`,
    "classification.resubmit": (p) =>
      `${p.applicant}이(가) ${p.product} 전문판정 신청의 보완 자료를 제출했습니다`,
    "classification.return": (p) => `${p.product} 전문판정 신청에 보완이 요청되었습니다`,
    "classification.answer": (p) => `${p.product}의 전문판정 결과: ${p.entry}`,
  },
};

const ja: Catalog = {
  subject: (k, p) => `[tradectl] ${ja.events[k](p)}`,
  greeting: (n) => `${n} 様`,
  open: "申請を開く：",
  footer: "tradectl でこの申請に関わっているため、このメールをお送りしています。",
  events: {
    "application.submit": (p) =>
      `${p.applicant}が許可申請を提出しました（${p.licenceType}、仕向地 ${p.destination}）`,
    "application.withdraw": (p) =>
      `${p.applicant}が許可申請を取り下げました（${p.licenceType}、仕向地 ${p.destination}）`,
    "application.review": (p) => `申請（${p.licenceType}、仕向地 ${p.destination}）の審査が始まりました`,
    "application.request-changes": (p) =>
      `申請（${p.licenceType}、仕向地 ${p.destination}）に補正が求められました`,
    "application.approve": (p) => `申請（${p.licenceType}、仕向地 ${p.destination}）が許可されました`,
    "application.deny": (p) => `申請（${p.licenceType}、仕向地 ${p.destination}）は不許可となりました`,
    "application.comment": (p) => `${p.actor}さんのコメント：${p.excerpt}`,
    "application.attachment": (p) => `${p.actor}さんが ${p.filename} を添付しました`,
    "classification.submit": (p) => `${p.applicant}が${p.product}の該非判定を相談しました`,
    "classification.resubmit": (p) => `${p.applicant}が${p.product}の該非判定の相談を補足して再提出しました`,
    "classification.return": (p) => `${p.product}の該非判定の相談に補足が求められました`,
    "classification.answer": (p) => `${p.product}の該非判定の回答：${p.entry}`,
  },
};

export const catalogs: Record<MailLang, Catalog> = { en, ko, ja };

export function mailLangOf(lang: string | null, regime: string | null): MailLang {
  if (lang === "en" || lang === "ko" || lang === "ja") return lang;
  return regime === "KR" ? "ko" : regime === "JP" ? "ja" : "en";
}

const isKind = (k: string): k is NotificationKind => k in en.events;

/**
 * The e-mail of one notification, with a link to the application when the portal's address is known;
 * `licenceName` names a licence type in the pack's words (see licenceNamesOf).
 */
export function mailText(
  n: {
    kind: string;
    params: Params;
    applicationId: string | null;
    classificationRequestId?: string | null;
    name: string;
  },
  lang: MailLang,
  publicUrl?: string,
  licenceName?: (id: string) => PackText | undefined,
): { subject: string; text: string } {
  const c = catalogs[lang];
  const kind: NotificationKind = isKind(n.kind) ? n.kind : "application.comment";
  const p = withAllParams(n.params);
  // The licence type by its name in the reader's language (the pack's), not its id.
  const name = p.licenceType ? licenceName?.(p.licenceType) : undefined;
  if (name) p.licenceType = packText(name, lang);
  const base = publicUrl?.replace(/\/$/, "");
  const link = !base
    ? ""
    : n.applicationId
      ? `${base}/licences?id=${n.applicationId}`
      : n.classificationRequestId
        ? `${base}/products`
        : "";
  const lines = [
    c.greeting(n.name),
    "",
    c.events[kind](p),
    ...(link ? ["", c.open, link] : []),
    "",
    "—",
    c.footer,
  ];
  return { subject: c.subject(kind, p).replace(/[\r\n]+/g, " "), text: lines.join("\n") };
}
