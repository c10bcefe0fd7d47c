/**
 * Check a shipment: regime, date, destination, parties, end-use facts and item lines (control number or HS
 * code, with search as you type), or many lines at once from CSV; the answer per line with its trace.
 */
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import {
  get,
  post,
  type CheckResult,
  type Me,
  type Regime,
  type TransactionKind,
  type Shipment,
  type ShipmentItem,
} from "../api.ts";
import { ControlNumberInput, CountryInput } from "../combobox.tsx";
import { isCountryCode, resolveCountry } from "../countries.ts";
import { parseLinesCsv, type CsvLine, type CsvProblem } from "../csv.ts";
import {
  focusFirstError,
  isCalendarDate,
  loadDraft,
  parseNumber,
  saveDraft,
  useFieldErrors,
  type FieldErrorsApi,
} from "../forms.tsx";
import { currentLang } from "../i18n.ts";
import { KR_RED_FLAGS, redFlagLabel } from "../legal.tsx";
import { CheckResultView } from "../result.tsx";
import { navigate } from "../router.tsx";
import { DateInput } from "../date-input.tsx";
import {
  TECHNOLOGY_EXEMPTIONS,
  TECHNOLOGY_MEANS,
  TECHNOLOGY_PLACES,
  TRANSACTION_KINDS,
  transactionOf,
} from "../../../src/policy/transactions.ts";
import { ErrorNotice, Field, Loading, useAction, useLoad } from "../ui.tsx";

type Line = CsvLine;
const emptyLine = (): Line => ({
  description: "",
  controlNumber: "",
  hsCode: "",
  quantity: "",
  unit: "",
  value: "",
  currency: "",
});

export interface CheckForm {
  regime: string;
  /** goods (the default), technology, brokering or transit; the fields below them hold their facts. */
  kind?: TransactionKind;
  recipient?: string;
  place?: string;
  means?: string;
  exemption?: string;
  origin?: string;
  exportLicence?: boolean;
  date: string;
  destination: string;
  endUserName: string;
  endUserCountry: string;
  consigneeName: string;
  consigneeCountry: string;
  wmd: string;
  military: string;
  informedWmd: boolean;
  informedConventional: boolean;
  endUserListed: boolean;
  redFlags: string[];
  lines: Line[];
}

const emptyForm = (): CheckForm => ({
  regime: "JP",
  kind: "goods",
  recipient: "",
  place: "domestic",
  means: "email",
  exemption: "",
  origin: "",
  exportLicence: false,
  date: "",
  destination: "",
  endUserName: "",
  endUserCountry: "",
  consigneeName: "",
  consigneeCountry: "",
  wmd: "none",
  military: "none",
  informedWmd: false,
  informedConventional: false,
  endUserListed: false,
  redFlags: [],
  lines: [emptyLine()],
});

/** The draft key of the last form that was answered. */
const CHECKED = "check.answered";
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The form a visit to the page starts with: what was typed and not yet checked (kept across an error, a reload
 * or a login), or a clean form when the draft is the check already answered.
 */
function startForm(): CheckForm {
  const draft = loadDraft("check", emptyForm());
  const answered = loadDraft<CheckForm | null>(CHECKED, null);
  return answered && same(draft, { ...emptyForm(), ...answered }) ? emptyForm() : draft;
}

/** The last answered form, offered to edit again when the page starts with an empty form. */
function lastChecked(): CheckForm | null {
  const answered = loadDraft<CheckForm | null>(CHECKED, null);
  return answered && same(startForm(), emptyForm()) ? { ...emptyForm(), ...answered } : null;
}

/** The code of a country box: a code, or a name one country has exactly ("한국" → KR); else the text in capitals. */
const countryCode = (v: string) => resolveCountry(v, currentLang()) ?? v.trim().toUpperCase();

/** The shipment the form describes (the `tradectl check` contract). */
export function toShipment(f: CheckForm): Shipment {
  const party = (name: string, country: string) =>
    name.trim() || country.trim()
      ? {
          ...(name.trim() ? { name: name.trim() } : {}),
          ...(country.trim() ? { country: countryCode(country) } : {}),
        }
      : undefined;
  const endUser = party(f.endUserName, f.endUserCountry);
  const consignee = party(f.consigneeName, f.consigneeCountry);
  const informed = [...(f.informedWmd ? ["wmd"] : []), ...(f.informedConventional ? ["conventional"] : [])];
  const kind = f.kind ?? "goods";
  const to = countryCode(f.destination);
  // the kind's facts from the form's fields (the contract's shape, src/policy/transactions.ts); a goods export,
  // a technology transfer (to the recipient's country) have a destination, a brokering or transit only in facts
  const facts = {
    ...(kind === "goods" || kind === "technology" ? { destination: to } : {}),
    ...(kind === "goods"
      ? {}
      : transactionOf(
          {
            ...f,
            kind,
            place: f.place ?? "domestic",
            means: f.means ?? "email",
            origin: countryCode(f.origin ?? ""),
          },
          to,
        )),
  };
  return {
    regime: f.regime,
    date: f.date.trim(),
    ...facts,
    ...(endUser ? { endUser } : {}),
    ...(consignee ? { consignee } : {}),
    endUse: {
      wmd: f.wmd,
      military: f.military,
      informed,
      endUserListed: f.endUserListed,
      redFlags: f.regime === "KR" ? f.redFlags : [],
    },
    items: f.lines.map((l, i) => {
      const item: ShipmentItem = { id: String(i + 1) };
      if (l.description.trim()) item.description = l.description.trim();
      if (l.controlNumber.trim()) item.controlNumber = l.controlNumber.trim();
      else if (l.hsCode.trim()) item.controlNumber = null;
      if (l.hsCode.trim()) item.hsCode = l.hsCode.trim();
      const q = parseNumber(l.quantity);
      if (q !== undefined) item.quantity = q;
      if (l.unit.trim()) item.unit = l.unit.trim();
      const v = parseNumber(l.value);
      if (v !== undefined) item.value = v;
      if (l.currency.trim()) item.currency = l.currency.trim().toUpperCase();
      return item;
    }),
  };
}

/** The form's own checks, by the JSON path the server would use. */
function validate(
  f: CheckForm,
  t: (k: string, o?: Record<string, unknown>) => string,
): Record<string, string> {
  const e: Record<string, string> = {};
  if (!f.regime) e["$.regime"] = t("msg.required");
  if (!f.date.trim()) e["$.date"] = t("msg.required");
  else if (!isCalendarDate(f.date.trim())) e["$.date"] = t("msg.dateFormat");
  const kind = f.kind ?? "goods";
  const dest = countryCode(f.destination);
  if (!dest) e["$.destination"] = t("msg.required");
  else if (!isCountryCode(dest))
    e["$.destination"] = t("msg.unknownCountry", { value: f.destination.trim() });
  else if (dest === f.regime && kind !== "technology")
    e["$.destination"] = t("msg.destinationIsExporter", { regime: f.regime });
  if (kind === "technology" && !f.recipient) e["$.technology.recipient"] = t("msg.needRecipient");
  if (kind === "brokering" || kind === "transit") {
    const o = countryCode(f.origin ?? "");
    const path = `$.${kind}.origin`;
    if (!o) e[path] = t("msg.required");
    else if (!isCountryCode(o)) e[path] = t("msg.unknownCountry", { value: (f.origin ?? "").trim() });
  }
  for (const [path, v] of [
    ["$.endUser.country", f.endUserCountry],
    ["$.consignee.country", f.consigneeCountry],
  ] as const)
    if (v.trim() && !isCountryCode(countryCode(v))) e[path] = t("msg.unknownCountry", { value: v.trim() });
  if (f.lines.length === 0) e["$.items"] = t("msg.needItem");
  f.lines.forEach((l, i) => {
    const p = `$.items[${i}]`;
    if (!l.controlNumber.trim() && !l.hsCode.trim()) e[p] = t("msg.needControlOrHs");
    if (l.hsCode.trim() && !/^\d{4}\.?\d{2}(\.?\d{2}){0,2}$/.test(l.hsCode.trim()))
      e[`${p}.hsCode`] = t("msg.hsCode");
    for (const k of ["quantity", "value"] as const) {
      if (!l[k].trim()) continue;
      const n = parseNumber(l[k]);
      if (n === undefined) e[`${p}.${k}`] = t("msg.mustBeNumber", { field: t(`line.${k}`) });
      else if (n < 0) e[`${p}.${k}`] = t("msg.nonNegative");
    }
    if (l.currency.trim() && !/^[A-Za-z]{3}$/.test(l.currency.trim())) e[`${p}.currency`] = t("msg.currency");
  });
  return e;
}

export function CheckPage(props: { me: Me }) {
  const { t } = useTranslation();
  const regimes = useLoad((s) => get<{ regimes: Regime[] }>("/v1/regimes", s), "regimes");
  const [form, setForm] = useState<CheckForm>(() => startForm());
  // remounting the form's fields clears what they hold themselves (a CSV being pasted, a search in progress)
  const [formKey, setFormKey] = useState(0);
  const [last, setLast] = useState<CheckForm | null>(() => lastChecked());
  const [result, setResult] = useState<{ result: CheckResult; input: Shipment } | undefined>();
  const fe = useFieldErrors();
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => saveDraft("check", form), [form]);
  const formRef = useRef(form);
  formRef.current = form;
  const clear = () => {
    setForm(emptyForm());
    setFormKey((k) => k + 1);
    setResult(undefined);
    check.setError(undefined);
    fe.clearAll();
  };

  const check = useAction(async (shipment: Shipment) => {
    const r = await post<CheckResult>("/v1/checks", shipment);
    setResult({ result: r, input: shipment });
    saveDraft(CHECKED, formRef.current);
    setTimeout(() => resultRef.current?.scrollIntoView({ behavior: "smooth", block: "start" }), 0);
    return r;
  });

  const set = <K extends keyof CheckForm>(k: K, v: CheckForm[K], path?: string) => {
    setForm((f) => ({ ...f, [k]: v }));
    if (path) fe.clear(path);
  };
  const setLine = (i: number, k: keyof Line, v: string) => {
    setForm((f) => ({ ...f, lines: f.lines.map((l, j) => (j === i ? { ...l, [k]: v } : l)) }));
    fe.clear(`$.items[${i}].${k}`);
    fe.clear(`$.items[${i}]`);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errors = validate(form, t);
    fe.setClient(errors);
    fe.setServer(undefined);
    check.setError(undefined);
    if (Object.keys(errors).length > 0) return focusFirstError();
    const r = await check.run(toShipment(form));
    if (!r) focusFirstError();
  };
  useEffect(() => {
    if (check.error !== undefined) fe.setServer(check.error);
  }, [check.error, fe.setServer]);

  const draftApplication = () => {
    if (!result) return;
    const r = result.result;
    const option = r.decisions.flatMap((d) => d.licenceOptions)[0] ?? "individual";
    const { kind, technology, brokering, transit } = result.input;
    saveDraft("application", {
      regime: r.regime,
      licenceType: option,
      ...(kind && kind !== "goods" ? { transaction: { kind, technology, brokering, transit } } : {}),
      destination: r.destination,
      shipmentDate: r.date,
      consigneeName: form.consigneeName || form.endUserName,
      consigneeCountry: form.consigneeCountry || form.endUserCountry || r.destination,
      endUserName: form.endUserName,
      endUserCountry: form.endUserCountry || r.destination,
      endUseStatement: "",
      lines: form.lines.map((l) => ({ ...l })),
    });
    navigate("/licences?tab=new");
  };

  const regimeList = regimes.data?.regimes ?? [];
  const regime = regimeList.find((r) => r.id === form.regime);
  const kind = form.kind ?? "goods";
  // A date after the pack's review: the law in force then may have changed without the pack knowing.
  const afterReview =
    regime !== undefined && isCalendarDate(form.date.trim()) && form.date.trim() > regime.reviewedThrough;
  return (
    <div className="check-page">
      <h1>{t("check.title")}</h1>
      <p className="muted">{t("check.intro")}</p>
      {last && !result && (
        <p className="muted" data-testid="last-check">
          {t("check.cleanStart")}{" "}
          <button
            type="button"
            className="link"
            onClick={() => {
              setForm(last);
              setFormKey((k) => k + 1);
              setLast(null);
            }}
          >
            {t("check.reuseLast")}
          </button>
        </p>
      )}
      <form key={formKey} onSubmit={submit} noValidate aria-label={t("check.title")}>
        <fieldset>
          <legend>{t("check.shipment")}</legend>
          <div className="row">
            <Field label={t("check.regime")} error={fe.err("$.regime")}>
              {(a) => (
                <select
                  {...a}
                  value={form.regime}
                  onChange={(e) => set("regime", e.target.value, "$.regime")}
                >
                  {(regimeList.length ? regimeList.map((r) => r.id) : ["JP", "KR"]).map((id) => (
                    <option key={id} value={id}>
                      {t(`regime.${id}`, { defaultValue: id })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label={t("check.date")}
              error={fe.err("$.date")}
              hint={
                afterReview ? (
                  <span className="warning-text" data-testid="after-review">
                    {t("check.afterReview", { date: regime!.reviewedThrough })}
                  </span>
                ) : (
                  t("check.dateHint")
                )
              }
            >
              {(a) => (
                <DateInput
                  {...a}
                  name="date"
                  value={form.date}
                  onChange={(v) => set("date", v, "$.date")}
                  timeZone={regime?.timeZone ?? (form.regime === "KR" ? "Asia/Seoul" : "Asia/Tokyo")}
                  min={regime?.dataFrom}
                />
              )}
            </Field>
            <Field
              label={t(
                kind === "technology"
                  ? "check.destinationTechnology"
                  : kind === "goods"
                    ? "check.destination"
                    : "check.destinationFinal",
              )}
              error={
                fe.err("$.destination") ??
                fe.err("$.brokering.destination") ??
                fe.err("$.transit.finalDestination")
              }
              hint={t("check.countryHint")}
            >
              {(a) => (
                <CountryInput
                  {...a}
                  value={form.destination}
                  onChange={(v) => set("destination", v, "$.destination")}
                />
              )}
            </Field>
          </div>
          <KindFields form={form} set={set} fe={fe} regime={regime} />
          {regimes.error !== undefined && <ErrorNotice error={regimes.error} onRetry={regimes.reload} />}
        </fieldset>

        <fieldset>
          <legend>{t("check.parties")}</legend>
          <div className="row">
            <Field label={t("check.endUserName")} error={fe.err("$.endUser.name")}>
              {(a) => (
                <input
                  {...a}
                  value={form.endUserName}
                  onChange={(e) => set("endUserName", e.target.value, "$.endUser.name")}
                />
              )}
            </Field>
            <Field label={t("check.endUserCountry")} error={fe.err("$.endUser.country")}>
              {(a) => (
                <CountryInput
                  {...a}
                  value={form.endUserCountry}
                  onChange={(v) => set("endUserCountry", v, "$.endUser.country")}
                />
              )}
            </Field>
          </div>
          <div className="row">
            <Field label={t("check.consigneeName")} error={fe.err("$.consignee.name")}>
              {(a) => (
                <input
                  {...a}
                  value={form.consigneeName}
                  onChange={(e) => set("consigneeName", e.target.value, "$.consignee.name")}
                />
              )}
            </Field>
            <Field label={t("check.consigneeCountry")} error={fe.err("$.consignee.country")}>
              {(a) => (
                <CountryInput
                  {...a}
                  value={form.consigneeCountry}
                  onChange={(v) => set("consigneeCountry", v, "$.consignee.country")}
                />
              )}
            </Field>
          </div>
        </fieldset>

        <EndUseFields form={form} set={set} fe={fe} />

        <fieldset>
          <legend>{t("check.lines")}</legend>
          <LinesEditor
            lines={form.lines}
            regime={form.regime}
            date={form.date}
            fe={fe}
            setLine={setLine}
            onRemove={(i) => setForm((f) => ({ ...f, lines: f.lines.filter((_, j) => j !== i) }))}
          />
          {fe.err("$.items") && <div className="field-error">{fe.err("$.items")}</div>}
          <div className="actions">
            <button
              type="button"
              className="secondary"
              onClick={() => setForm((f) => ({ ...f, lines: [...f.lines, emptyLine()] }))}
            >
              {t("check.addLine")}
            </button>
          </div>
          <CsvImport
            onLines={(lines) => {
              setForm((f) => ({ ...f, lines }));
              fe.clearAll();
            }}
          />
        </fieldset>

        <ErrorNotice error={check.error} shownPaths={fe.shown} />
        {fe.hasClient && (
          <p className="field-error" role="alert">
            {t("err.fixFields")}
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={check.busy}>
            {check.busy ? t("common.working") : t("check.submit")}
          </button>
          <button type="button" className="secondary" onClick={clear}>
            {t("check.reset")}
          </button>
        </div>
      </form>
      {check.busy && <Loading label={t("check.checking")} />}
      <div ref={resultRef}>
        {result && (
          <>
            <CheckResultView result={result.result} input={result.input} />
            {(props.me.role === "exporter" || props.me.role === "admin") &&
              result.result.decisions.some((d) => d.outcome === "licence-required") && (
                <div className="actions">
                  <button type="button" onClick={draftApplication}>
                    {t("check.draftApplication")}
                  </button>
                </div>
              )}
          </>
        )}
      </div>
    </div>
  );
}

/** What is controlled (goods, technology, brokering, transit) and the facts that kind needs. */
function KindFields(props: {
  form: CheckForm;
  set: <K extends keyof CheckForm>(k: K, v: CheckForm[K], path?: string) => void;
  fe: ReturnType<typeof useFieldErrors>;
  regime: Regime | undefined;
}) {
  const { t } = useTranslation();
  const { form, set, fe, regime } = props;
  const kind = form.kind ?? "goods";
  const kinds: readonly TransactionKind[] = regime?.kinds ?? TRANSACTION_KINDS;
  const lang = currentLang();
  return (
    <>
      <div className="row">
        <Field label={t("check.kind")} hint={t("check.kindHint")} error={fe.err("$.kind")}>
          {(a) => (
            <select
              {...a}
              name="kind"
              value={kind}
              onChange={(e) => set("kind", e.target.value as TransactionKind, "$.kind")}
            >
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`check.kinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {(kind === "brokering" || kind === "transit") && (
          <Field label={t("check.origin")} error={fe.err(`$.${kind}.origin`)} hint={t("check.countryHint")}>
            {(a) => (
              <CountryInput
                {...a}
                value={form.origin ?? ""}
                onChange={(v) => set("origin", v, `$.${kind}.origin`)}
              />
            )}
          </Field>
        )}
      </div>
      {kind === "brokering" && (
        <label className="check">
          <input
            type="checkbox"
            name="exportLicence"
            checked={form.exportLicence ?? false}
            onChange={(e) => set("exportLicence", e.target.checked)}
          />{" "}
          {t("check.exportLicence")}
        </label>
      )}
      {kind === "technology" && (
        <div className="row">
          <Field
            label={t("check.recipient")}
            error={fe.err("$.technology.recipient") ?? fe.err("$.technology")}
          >
            {(a) => (
              <select
                {...a}
                name="recipient"
                value={form.recipient ?? ""}
                onChange={(e) => set("recipient", e.target.value, "$.technology.recipient")}
              >
                <option value="">—</option>
                {(regime?.recipients ?? []).map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.label[lang] ?? r.label.en}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("check.place")} error={fe.err("$.technology.place")}>
            {(a) => (
              <select
                {...a}
                name="place"
                value={form.place ?? "domestic"}
                onChange={(e) => set("place", e.target.value)}
              >
                {TECHNOLOGY_PLACES.map((p) => (
                  <option key={p} value={p}>
                    {t(`check.places.${p}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("check.means")} error={fe.err("$.technology.means")}>
            {(a) => (
              <select
                {...a}
                name="means"
                value={form.means ?? "email"}
                onChange={(e) => set("means", e.target.value)}
              >
                {TECHNOLOGY_MEANS.map((m) => (
                  <option key={m} value={m}>
                    {t(`check.meansOf.${m}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("check.exemption")} error={fe.err("$.technology.exemption")}>
            {(a) => (
              <select
                {...a}
                name="exemption"
                value={form.exemption ?? ""}
                onChange={(e) => set("exemption", e.target.value)}
              >
                {["", ...TECHNOLOGY_EXEMPTIONS].map((x) => (
                  <option key={x} value={x}>
                    {t(`check.exemptions.${x || "none"}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      )}
    </>
  );
}

function EndUseFields(props: {
  form: CheckForm;
  set: <K extends keyof CheckForm>(k: K, v: CheckForm[K], path?: string) => void;
  fe: FieldErrorsApi;
}) {
  const { t } = useTranslation();
  const { form, set, fe } = props;
  const lang = currentLang();
  const knowledge = ["none", "suspected", "known"];
  return (
    <fieldset>
      <legend>{t("check.endUse")}</legend>
      <div className="row">
        <Field label={t("check.wmd")} error={fe.err("$.endUse.wmd")}>
          {(a) => (
            <select {...a} value={form.wmd} onChange={(e) => set("wmd", e.target.value, "$.endUse.wmd")}>
              {knowledge.map((k) => (
                <option key={k} value={k}>
                  {t(`knowledge.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("check.military")} error={fe.err("$.endUse.military")}>
          {(a) => (
            <select
              {...a}
              value={form.military}
              onChange={(e) => set("military", e.target.value, "$.endUse.military")}
            >
              {knowledge.map((k) => (
                <option key={k} value={k}>
                  {t(`knowledge.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="checks">
        <label>
          <input
            type="checkbox"
            checked={form.informedWmd}
            onChange={(e) => set("informedWmd", e.target.checked)}
          />{" "}
          {t("check.informedWmd")}
        </label>
        <label>
          <input
            type="checkbox"
            checked={form.informedConventional}
            onChange={(e) => set("informedConventional", e.target.checked)}
          />{" "}
          {t("check.informedConventional")}
        </label>
        <label>
          <input
            type="checkbox"
            checked={form.endUserListed}
            onChange={(e) => set("endUserListed", e.target.checked)}
          />{" "}
          {t("check.endUserListed")}
        </label>
      </div>
      {form.regime === "KR" && (
        <details className="red-flags">
          <summary>
            {t("check.redFlags")} ({form.redFlags.length})
          </summary>
          <p className="hint">{t("check.redFlagsHint")}</p>
          <div className="checks columns">
            {KR_RED_FLAGS.map((f, i) => (
              <label key={f.id}>
                <input
                  type="checkbox"
                  checked={form.redFlags.includes(f.id)}
                  onChange={(e) =>
                    set(
                      "redFlags",
                      e.target.checked ? [...form.redFlags, f.id] : form.redFlags.filter((x) => x !== f.id),
                    )
                  }
                />{" "}
                {i + 1}. <span lang={lang === "ko" ? "ko" : undefined}>{redFlagLabel(f.id, lang)}</span>
              </label>
            ))}
          </div>
          {form.redFlags.map((_, i) => fe.err(`$.endUse.redFlags[${i}]`)).filter(Boolean).length > 0 && (
            <div className="field-error">
              {form.redFlags.map((_, i) => fe.err(`$.endUse.redFlags[${i}]`))}
            </div>
          )}
        </details>
      )}
    </fieldset>
  );
}

const LINE_FIELDS: (keyof Line)[] = [
  "description",
  "controlNumber",
  "hsCode",
  "quantity",
  "unit",
  "value",
  "currency",
];

function LinesEditor(props: {
  lines: Line[];
  regime: string;
  date: string;
  fe: FieldErrorsApi;
  setLine: (i: number, k: keyof Line, v: string) => void;
  onRemove: (i: number) => void;
}) {
  const { t } = useTranslation();
  const { fe } = props;
  return (
    <ol className="lines">
      {props.lines.map((l, i) => {
        const p = `$.items[${i}]`;
        const lineErr = fe.err(p);
        return (
          <li key={i} className="line" aria-label={t("result.line", { id: i + 1 })}>
            <div className="line-head">
              <strong>{t("result.line", { id: i + 1 })}</strong>
              {props.lines.length > 1 && (
                <button
                  type="button"
                  className="secondary small"
                  onClick={() => props.onRemove(i)}
                  aria-label={t("check.removeLine", { id: i + 1 })}
                >
                  {t("check.remove")}
                </button>
              )}
            </div>
            <div className="row line-fields">
              {LINE_FIELDS.map((k) => (
                <Field
                  key={k}
                  className={`f-${k}`}
                  label={t(`line.${k}`)}
                  error={fe.err(`${p}.${k}`)}
                  hint={k === "controlNumber" && i === 0 ? t("line.controlNumberHint") : undefined}
                >
                  {(a) =>
                    k === "controlNumber" ? (
                      <ControlNumberInput
                        {...a}
                        regime={props.regime}
                        date={props.date}
                        value={l.controlNumber}
                        onChange={(v) => props.setLine(i, k, v)}
                      />
                    ) : (
                      <input
                        {...a}
                        name={`${k}-${i}`}
                        inputMode={
                          k === "quantity" || k === "value" || k === "hsCode" ? "decimal" : undefined
                        }
                        value={l[k]}
                        onChange={(e) => props.setLine(i, k, e.target.value)}
                      />
                    )
                  }
                </Field>
              ))}
            </div>
            {lineErr && <div className="field-error">{lineErr}</div>}
          </li>
        );
      })}
    </ol>
  );
}

function CsvImport(props: { onLines: (lines: Line[]) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [problems, setProblems] = useState<CsvProblem[]>([]);
  const [done, setDone] = useState<number | null>(null);
  const [readError, setReadError] = useState(false);
  const use = (csv: string) => {
    const r = parseLinesCsv(csv);
    setProblems(r.problems);
    setDone(null);
    if (r.problems.length === 0) {
      props.onLines(r.lines);
      setDone(r.lines.length);
    }
  };
  return (
    <details className="csv">
      <summary>{t("csv.title")}</summary>
      <p className="hint">{t("csv.help")}</p>
      <pre className="example">
        description,controlNumber,hsCode,quantity,unit,value,currency{"\n"}hydrogen
        fluoride,1C350,281111,1000,kg,1500000,JPY
      </pre>
      <Field
        label={t("csv.paste")}
        error={problems.length > 0 ? <CsvProblems problems={problems} /> : undefined}
      >
        {(a) => (
          <textarea
            {...a}
            rows={5}
            value={text}
            onChange={(e) => setText(e.target.value)}
            spellCheck={false}
          />
        )}
      </Field>
      <Field label={t("csv.upload")} error={readError ? t("csv.readError") : undefined}>
        {(a) => (
          <input
            {...a}
            type="file"
            accept=".csv,text/csv,text/plain"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              setReadError(false);
              file.text().then(
                (s) => {
                  setText(s);
                  use(s);
                },
                () => setReadError(true),
              );
            }}
          />
        )}
      </Field>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => use(text)} disabled={!text.trim()}>
          {t("csv.use")}
        </button>
        {done !== null && (
          <span role="status" className="ok">
            {t("csv.loaded", { count: done })}
          </span>
        )}
      </div>
    </details>
  );
}

function CsvProblems(props: { problems: CsvProblem[] }) {
  const { t } = useTranslation();
  return (
    <ul>
      {props.problems.slice(0, 20).map((p, i) => (
        <li key={i}>{t("csv.atLine", { line: p.line, problem: t(p.key, p.values ?? {}) })}</li>
      ))}
    </ul>
  );
}
