/** A link that downloads a printable PDF (licence, application, records) in the page's language. */
import { useTranslation } from "react-i18next";
import { query } from "./api.ts";
import { currentLang } from "./i18n.ts";

export function PdfLink(props: {
  path: string;
  params?: Record<string, string | undefined>;
  label: string;
  testId: string;
  small?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <a
      className={props.small ? "small" : "button secondary"}
      href={`${props.path}${query({ ...props.params, lang: currentLang() })}`}
      download
      title={t("documents.pdfHint")}
      data-testid={props.testId}
    >
      {props.label}
    </a>
  );
}
