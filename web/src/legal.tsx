/**
 * Legal terms keep their original form beside the translation: a Korean region stays 가의2, a Japanese
 * licence stays 特別一般包括許可, and the user's language adds what it means. Terms not known here are shown
 * as the law (or the server) names them.
 */
import type { ReactNode } from "react";
import { currentLang, type Lang } from "./i18n.ts";

interface Term {
  /** The law's own words and their language. */
  original: string;
  lang: "ja" | "ko";
  en: string;
  ko: string;
  ja: string;
}

const JP_GROUP = (g: string): Term => ({
  original: `グループ${g}`,
  lang: "ja",
  en: `Group ${g}`,
  ko: `${g}그룹`,
  ja: `グループ${g}`,
});

const KR_REGION: Record<string, Omit<Term, "original" | "lang">> = {
  가: { en: "Region Ga", ko: "가 지역", ja: "가地域" },
  가의1: { en: "Region Ga-1", ko: "가의1 지역", ja: "가の1地域" },
  가의2: { en: "Region Ga-2", ko: "가의2 지역", ja: "가の2地域" },
  나: { en: "Region Na", ko: "나 지역", ja: "나地域" },
  나의2: { en: "Region Na-2", ko: "나의2 지역", ja: "나の2地域" },
};

const LICENCES: Record<string, Record<string, Term>> = {
  JP: {
    individual: {
      original: "個別許可",
      lang: "ja",
      en: "individual licence",
      ko: "개별허가",
      ja: "個別許可",
    },
    "general-bulk": {
      original: "一般包括許可",
      lang: "ja",
      en: "general bulk licence",
      ko: "일반포괄허가",
      ja: "一般包括許可",
    },
    "special-general-bulk": {
      original: "特別一般包括許可",
      lang: "ja",
      en: "special general bulk licence",
      ko: "특별일반포괄허가",
      ja: "特別一般包括許可",
    },
    "specific-bulk": {
      original: "特定包括許可",
      lang: "ja",
      en: "specific bulk licence",
      ko: "특정포괄허가",
      ja: "特定包括許可",
    },
    "specific-subsidiary-bulk": {
      original: "特定子会社包括許可",
      lang: "ja",
      en: "specific subsidiary bulk licence",
      ko: "특정자회사포괄허가",
      ja: "特定子会社包括許可",
    },
    "special-returns-bulk": {
      original: "特別返品等包括許可",
      lang: "ja",
      en: "special returns bulk licence",
      ko: "특별반품등포괄허가",
      ja: "特別返品等包括許可",
    },
    "technology-individual": {
      original: "役務取引許可",
      lang: "ja",
      en: "licence to provide technology",
      ko: "역무거래허가",
      ja: "役務取引許可",
    },
    brokering: {
      original: "仲介貿易許可",
      lang: "ja",
      en: "brokering licence",
      ko: "중개무역허가",
      ja: "仲介貿易許可",
    },
  },
  KR: {
    individual: {
      original: "개별수출허가",
      lang: "ko",
      en: "individual export permit",
      ko: "개별수출허가",
      ja: "個別輸出許可",
    },
    comprehensive: {
      original: "포괄수출허가",
      lang: "ko",
      en: "comprehensive export permit",
      ko: "포괄수출허가",
      ja: "包括輸出許可",
    },
    situational: {
      original: "상황허가",
      lang: "ko",
      en: "situational permit",
      ko: "상황허가",
      ja: "状況許可",
    },
    transit: {
      original: "경유 또는 환적허가",
      lang: "ko",
      en: "transit or transshipment permit",
      ko: "경유 또는 환적허가",
      ja: "経由又は積替許可",
    },
    brokering: {
      original: "중개허가",
      lang: "ko",
      en: "brokering permit",
      ko: "중개허가",
      ja: "仲介許可",
    },
  },
};

const EXEMPTIONS: Record<string, Term> = {
  "jp-small-value": {
    original: "少額特例",
    lang: "ja",
    en: "small-value exemption",
    ko: "소액특례",
    ja: "少額特例",
  },
  "kr-small-value": {
    original: "소액 수출 특례",
    lang: "ko",
    en: "small-value exemption",
    ko: "소액 수출 특례",
    ja: "少額輸出特例",
  },
};

/** Korea's 13 statutory red flags (대외무역법 제19조의3), ids as the shipment contract names them. */
export const KR_RED_FLAGS: { id: string; ko: string; en: string; ja: string }[] = [
  {
    id: "end-use-info-withheld",
    ko: "최종용도 정보 제공 기피",
    en: "importer withholds end-use information",
    ja: "最終用途情報の提供を回避",
  },
  {
    id: "outside-line-of-business",
    ko: "최종사용자의 사업 분야에 활용되지 않음",
    en: "not used in the end user's line of business",
    ja: "最終需要者の事業分野で使用されない",
  },
  {
    id: "beyond-technology-level",
    ko: "수입국 기술수준과 현저한 격차",
    en: "far beyond the importing country's technology level",
    ja: "輸入国の技術水準と著しい格差",
  },
  {
    id: "no-field-experience",
    ko: "해당 분야 사업 경력 없음",
    en: "end user has no experience in the field",
    ja: "当該分野の事業経験なし",
  },
  {
    id: "lacks-expertise",
    ko: "전문지식 없이 수출 요구",
    en: "end user lacks expertise but asks for the goods",
    ja: "専門知識なしに輸出を要求",
  },
  {
    id: "refuses-services",
    ko: "설치·보수·교육훈련 서비스 거부",
    en: "refuses installation, maintenance or training",
    ja: "据付・保守・教育訓練を拒否",
  },
  {
    id: "consignee-is-carrier",
    ko: "최종수하인이 운송업자",
    en: "final consignee is a carrier",
    ja: "最終荷受人が運送業者",
  },
  {
    id: "unusual-price-or-payment",
    ko: "가격·지불조건이 통상 범위 밖",
    en: "unusual price or payment terms",
    ja: "価格・支払条件が通常の範囲外",
  },
  {
    id: "unusual-delivery-date",
    ko: "납기일이 통상 기간 밖",
    en: "unusual delivery date",
    ja: "納期が通常の期間外",
  },
  {
    id: "unusual-route",
    ko: "수송경로가 통상 경로 밖",
    en: "unusual shipping route",
    ja: "輸送経路が通常外",
  },
  {
    id: "unclear-use-or-reexport",
    ko: "수입국 내 사용 또는 재수출 여부 불명",
    en: "unclear whether used locally or re-exported",
    ja: "輸入国内使用か再輸出か不明",
  },
  {
    id: "excessive-secrecy",
    ko: "통상 범위를 벗어나는 보안 요구",
    en: "unusual secrecy demanded",
    ja: "通常を超える秘密保持の要求",
  },
  {
    id: "motie-designated",
    ko: "산업통상부장관이 고시하는 경우",
    en: "cases designated by MOTIE notice",
    ja: "産業通商部長官が告示する場合",
  },
];

function termFor(kind: "group" | "licence" | "exemption", regime: string, id: string): Term | undefined {
  if (kind === "licence") return LICENCES[regime]?.[id];
  if (kind === "exemption") return EXEMPTIONS[id];
  if (regime === "JP" && /^[A-D]$/.test(id)) return JP_GROUP(id);
  const r = KR_REGION[id];
  return r ? { original: id, lang: "ko", ...r } : undefined;
}

/** Plain text: "individual licence (個別許可)", "가의2 지역", "Region Ga-2 (가의2)". */
export function termText(
  kind: "group" | "licence" | "exemption",
  regime: string,
  id: string,
  lang: Lang = currentLang(),
): string {
  const term = termFor(kind, regime, id);
  if (!term) return id;
  const translated = term[lang];
  return translated.includes(term.original) ? translated : `${translated} (${term.original})`;
}

/** A legal term as markup: the translation, and the original in its own language beside it. */
export function LegalTerm(props: {
  kind: "group" | "licence" | "exemption";
  regime: string;
  id: string;
}): ReactNode {
  const lang = currentLang();
  const term = termFor(props.kind, props.regime, props.id);
  if (!term) return <span className="term">{props.id}</span>;
  const translated = term[lang];
  return (
    <span className="term" data-term={props.id}>
      {translated.includes(term.original) ? (
        <span lang={lang === term.lang ? term.lang : undefined}>{translated}</span>
      ) : (
        <>
          {translated}{" "}
          <span className="term-original" lang={term.lang}>
            ({term.original})
          </span>
        </>
      )}
    </span>
  );
}

/** The licence types a regime knows, for the application form. */
export function licenceTypes(regime: string): string[] {
  return Object.keys(LICENCES[regime] ?? {});
}

export function redFlagLabel(id: string, lang: Lang = currentLang()): string {
  const f = KR_RED_FLAGS.find((r) => r.id === id);
  if (!f) return id;
  return lang === "ko" ? f.ko : `${f[lang]} (${f.ko})`;
}

/** The destination groups a regime knows (Japan's A–D, Korea's regions), for the change builder. */
export function groupIds(regime: string): string[] {
  return regime === "JP" ? ["A", "B", "C", "D"] : Object.keys(KR_REGION);
}
