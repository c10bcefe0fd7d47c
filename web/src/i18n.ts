/**
 * Languages: English, Korean and Japanese. The language follows the browser (navigator.languages) until the
 * user picks one, which is remembered in localStorage; `?lang=ko` also works for links.
 */
import i18n from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import { en } from "./locales/en.ts";
import { ja } from "./locales/ja.ts";
import { ko } from "./locales/ko.ts";

export const LANGUAGES = [
  { code: "en", label: "English" },
  { code: "ko", label: "한국어" },
  { code: "ja", label: "日本語" },
] as const;
export type Lang = (typeof LANGUAGES)[number]["code"];

export function currentLang(): Lang {
  const l = (i18n.resolvedLanguage ?? i18n.language ?? "en").slice(0, 2);
  return l === "ko" || l === "ja" ? l : "en";
}

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en }, ko: { translation: ko }, ja: { translation: ja } },
    supportedLngs: ["en", "ko", "ja"],
    nonExplicitSupportedLngs: true,
    load: "languageOnly",
    fallbackLng: "en",
    interpolation: { escapeValue: false },
    detection: {
      order: ["querystring", "localStorage", "navigator"],
      lookupQuerystring: "lang",
      lookupLocalStorage: "tradectl.lang",
      // Only an explicit choice is remembered (setLanguage), so that the browser's language keeps leading.
      caches: [],
    },
    returnNull: false,
  });

/** The user's explicit choice: switch now and remember it. */
export function setLanguage(lang: Lang): void {
  try {
    localStorage.setItem("tradectl.lang", lang);
  } catch {
    // storage may be disabled; the switch still applies to this page
  }
  void i18n.changeLanguage(lang);
}

function syncHtmlLang() {
  document.documentElement.lang = currentLang();
}
syncHtmlLang();
i18n.on("languageChanged", syncHtmlLang);

export default i18n;
