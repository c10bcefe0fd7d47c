/**
 * Renders the engine's messages in English, Korean or Japanese: a message id with its parameters, a pack's
 * text in the language its `texts` give (else its English), lists joined by the language's comma. Pure.
 */
import { EN, type MessageId } from "./catalogue-en.ts";
import { JA } from "./catalogue-ja.ts";
import { KO } from "./catalogue-ko.ts";
import {
  LANGS,
  type Lang,
  type Msg,
  type PackText,
  type Param,
  type ParamRenderer,
  type Template,
} from "./types.ts";

const CATALOGUES: Record<Lang, Record<MessageId, Template>> = { en: EN, ko: KO, ja: JA };
const COMMA: Record<Lang, string> = { en: ", ", ko: ", ", ja: "、" };

export function isLang(v: unknown): v is Lang {
  return typeof v === "string" && (LANGS as readonly string[]).includes(v);
}

export function isMessageId(id: string): id is MessageId {
  return Object.prototype.hasOwnProperty.call(EN, id);
}

const isMsg = (v: object): v is Msg => "id" in v && "p" in v;

/** A pack's text in `lang`: its rendering there, else the pack's English. */
export function packText(v: PackText, lang: Lang): string {
  return (lang === "en" ? v.en : v[lang]) ?? v.en;
}

function renderer(lang: Lang): ParamRenderer {
  const t: ParamRenderer = (v, sep) => {
    if (v === undefined || v === null) return "";
    if (typeof v === "string") return v;
    if (typeof v === "number") return String(v);
    if (Array.isArray(v)) return (v as readonly Param[]).map((x) => t(x)).join(sep ?? COMMA[lang]);
    if (isMsg(v as object)) return render(v as Msg, lang);
    return packText(v as PackText, lang);
  };
  return t;
}

const RENDERERS: Record<Lang, ParamRenderer> = { en: renderer("en"), ko: renderer("ko"), ja: renderer("ja") };

/** The message in `lang`; an id this program does not know (a record from a later version) shows as itself. */
export function render(m: Msg, lang: Lang): string {
  const tpl = isMessageId(m.id) ? CATALOGUES[lang][m.id] : undefined;
  return tpl ? tpl(m.p, RENDERERS[lang]) : m.id;
}

/** A message built by the engine (the id checked against the catalogue). */
export function msg(id: MessageId, p: Record<string, Param | undefined> = {}): Msg {
  const out: Record<string, Param> = {};
  for (const k in p) if (p[k] !== undefined) out[k] = p[k]!;
  return { id, p: out };
}
