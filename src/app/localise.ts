/**
 * A check's answer in the reader's language: the English sentences of the trace, caveats, missing facts,
 * licence details, the pack's notes and verdict replaced by their messages rendered in Korean or Japanese (the messages stay
 * beside them, so a client can render again). Works on a fresh result and on one read back from the
 * database; a sentence recorded before it had a message keeps its English. Pure.
 */
import { packText, render, type Lang, type Msg, type PackText } from "../messages/index.ts";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isMsg = (v: unknown): v is Msg => isObj(v) && typeof v.id === "string" && isObj(v.p);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** A list of messages rendered in `lang`; undefined when `v` is not one (a record from before its messages). */
const rendered = (v: unknown, lang: Lang): string[] | undefined =>
  Array.isArray(v) && v.every(isMsg) ? v.map((m) => render(m, lang)) : undefined;

/** A fact's note in `lang` (a fact recorded before its note had renderings keeps its English). */
function localiseFact(f: unknown, lang: Lang): unknown {
  return isObj(f) && isObj(f.noteText)
    ? { ...f, note: packText(f.noteText as unknown as PackText, lang) }
    : f;
}

function localiseDecision(d: Obj, lang: Lang): Obj {
  const out: Obj = { ...d };
  if (Array.isArray(d.trace))
    out.trace = d.trace.map((s: unknown) =>
      isObj(s) && isMsg(s.msg)
        ? {
            ...s,
            result: render(s.msg, lang),
            ...(isObj(s.noteText) ? { note: packText(s.noteText as unknown as PackText, lang) } : {}),
            ...(Array.isArray(s.facts) ? { facts: s.facts.map((f: unknown) => localiseFact(f, lang)) } : {}),
          }
        : s,
    );
  if (Array.isArray(d.caveats))
    out.caveats = d.caveats.map((c: unknown) =>
      isObj(c) && isMsg(c.msg) ? { ...c, message: render(c.msg, lang) } : c,
    );
  const missing = rendered(d.missingMsg, lang);
  if (missing) out.missing = missing;
  if (Array.isArray(d.licenceDetails))
    out.licenceDetails = d.licenceDetails.map((x: unknown) => {
      if (!isObj(x) || !isObj(x.text)) return x;
      const t = x.text as { name?: PackText; conditions?: PackText[]; validity?: PackText };
      const l: Obj = { ...x };
      if (t.name) l.name = packText(t.name, lang);
      if (t.conditions)
        l.conditions = t.conditions.map((c) => packText(c, lang)).join(lang === "ja" ? "。" : "; ");
      if (t.validity) l.validity = packText(t.validity, lang);
      return l;
    });
  return out;
}

/** `result` (a check's answer: decisions and verdict) with its sentences in `lang`; English returns it as is. */
export function localiseResult<T>(result: T, lang: Lang): T {
  if (lang === "en" || !isObj(result)) return result;
  const out: Obj = { ...result };
  if (Array.isArray(result.decisions))
    out.decisions = arr(result.decisions).map((d) => (isObj(d) ? localiseDecision(d, lang) : d));
  const v = result.verdict;
  const reasons = isObj(v) ? rendered(v.reasonsMsg, lang) : undefined;
  if (isObj(v) && reasons) out.verdict = { ...v, reasons };
  return out as T;
}

/**
 * Control-list search hits (`tradectl classify`, `GET /v1/control-list/search`) with their explanations
 * (`why`) and the parametric check's reasons and caveats in `lang`; English returns them as they are.
 */
export function localiseHits<T>(hits: T[], lang: Lang): T[] {
  if (lang === "en") return hits;
  return hits.map((h) => {
    if (!isObj(h)) return h;
    const why = rendered(h.whyMsg, lang);
    const hit: Obj = why ? { ...h, why } : h;
    if (!isObj(h.check)) return hit as T;
    const check: Obj = { ...h.check };
    const reasons = rendered(h.check.reasonsMsg, lang);
    const caveats = rendered(h.check.caveatsMsg, lang);
    if (reasons) check.reasons = reasons;
    if (caveats) check.caveats = caveats;
    return { ...hit, check } as T;
  });
}
