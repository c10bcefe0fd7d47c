/**
 * Licences and applications by role: exporters draft and submit applications and see their licences with
 * balances from the usage ledger; officers work the review queue by due date and decide; auditors read the
 * audit log and whether its hash chain verifies.
 */
import { ApplicationThread } from "./application-thread.tsx";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import {
  get,
  post,
  query,
  type ApplicationContent,
  type ApplicationDetail,
  type ApplicationSummary,
  type AuditEntry,
  type Licence,
  type Me,
} from "../api.ts";
import { CountryInput, ControlNumberInput } from "../combobox.tsx";
import { PdfLink } from "../pdf-link.tsx";
import { countryName, isCountryCode, resolveCountry } from "../countries.ts";
// The same reckoning as the server (src/determine/validity.ts), which checks again.
import { lastDayOf } from "../../../src/policy/dates.ts";
import type { CsvLine } from "../csv.ts";
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
import { LegalTerm, licenceTypes, termText } from "../legal.tsx";
import { CheckResultView, VerdictView, OutcomeBadge } from "../result.tsx";
import { navigate, useLocation } from "../router.tsx";
import { applicationStates } from "../../../src/store/vocabulary.ts";
import { DateInput, useRegimeZone } from "../date-input.tsx";
import { BalanceBar, DrawdownChart, DrawdownForm, LedgerTable } from "./ledger.tsx";
import { Empty, ErrorNotice, Field, Loading, useAction, useLoad } from "../ui.tsx";

type Tab = "applications" | "new" | "licences" | "queue" | "audit";

function tabsFor(role: Me["role"]): Tab[] {
  if (role === "officer") return ["queue"];
  if (role === "auditor") return ["audit", "applications", "licences"];
  if (role === "admin") return ["applications", "new", "licences", "audit"];
  return ["applications", "new", "licences"];
}

export function LicencesPage(props: { me: Me }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const tabs = tabsFor(props.me.role);
  const asked = search.get("tab") as Tab | null;
  const tab: Tab = asked && tabs.includes(asked) ? asked : tabs[0]!;
  const open = search.get("id");
  const go = (to: Tab, id?: string) => navigate(`/licences?tab=${to}${id ? `&id=${id}` : ""}`, true);
  return (
    <div>
      <h1>{t("licences.title")}</h1>
      <div className="tabs" role="tablist" aria-label={t("licences.title")}>
        {tabs.map((x) => (
          <button
            key={x}
            type="button"
            role="tab"
            aria-selected={tab === x}
            className={tab === x ? "tab active" : "tab"}
            onClick={() => go(x)}
          >
            {t(`licences.tab.${x}`)}
          </button>
        ))}
      </div>
      {tab === "applications" && (
        <Applications me={props.me} openId={open} onOpen={(id) => go("applications", id)} />
      )}
      {tab === "queue" && <Applications me={props.me} openId={open} onOpen={(id) => go("queue", id)} queue />}
      {tab === "new" && <ApplicationForm onDone={(id) => go("applications", id)} />}
      {tab === "licences" && <Licences me={props.me} openId={open} onOpen={(id) => go("licences", id)} />}
      {tab === "audit" && <Audit />}
    </div>
  );
}

function StatusBadge(props: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge status-${props.status}`}>
      {t(`status.${props.status}`, { defaultValue: props.status })}
    </span>
  );
}

// ------------------------------------------------------------------------------------------ applications

const PAGE = 25;

function Applications(props: {
  me: Me;
  openId: string | null;
  onOpen: (id: string) => void;
  queue?: boolean;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  const [filter, setFilter] = useState({ status: "", destination: "", q: "" });
  const [draft, setDraft] = useState({ destination: "", q: "" });
  const [offset, setOffset] = useState(0);
  const fe = useFieldErrors();
  const q = query({ ...filter, limit: PAGE, offset });
  const list = useLoad(
    (s) => get<{ items: ApplicationSummary[]; total: number }>(`/v1/applications${q}`, s),
    `apps|${q}`,
  );
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const destination = draft.destination.trim() ? (resolveCountry(draft.destination, lang) ?? "") : "";
    if (draft.destination.trim() && !destination) {
      fe.setClient({ "$.destination": t("msg.unknownCountry", { value: draft.destination }) });
      return;
    }
    fe.setClient({});
    setFilter((f) => ({ ...f, destination, q: draft.q.trim() }));
    setOffset(0);
  };
  const total = list.data?.total ?? 0;
  return (
    <section aria-label={t(props.queue ? "licences.tab.queue" : "licences.tab.applications")}>
      {props.queue && <p className="muted">{t("licences.queueIntro")}</p>}
      <form className="filters" onSubmit={apply} noValidate aria-label={t("checks.filter")}>
        <div className="row">
          <Field label={t("licences.status")}>
            {(a) => (
              <select
                {...a}
                value={filter.status}
                onChange={(e) => {
                  setFilter((f) => ({ ...f, status: e.target.value }));
                  setOffset(0);
                }}
              >
                <option value="">{t("checks.any")}</option>
                {applicationStates
                  .filter((s) => !(props.queue && s === "draft"))
                  .map((s) => (
                    <option key={s} value={s}>
                      {t(`status.${s}`)}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <Field label={t("check.destination")} error={fe.err("$.destination")}>
            {(a) => (
              <CountryInput
                {...a}
                value={draft.destination}
                onChange={(v) => {
                  setDraft((d) => ({ ...d, destination: v }));
                  fe.clear("$.destination");
                }}
              />
            )}
          </Field>
          <Field label={t("queue.search")} hint={t("queue.searchHint")}>
            {(a) => (
              <input
                {...a}
                type="search"
                maxLength={200}
                value={draft.q}
                onChange={(e) => setDraft((d) => ({ ...d, q: e.target.value }))}
              />
            )}
          </Field>
        </div>
        <div className="actions">
          <button type="submit">{t("checks.apply")}</button>
        </div>
      </form>
      {list.loading && <Loading />}
      <ErrorNotice error={list.error} onRetry={list.reload} />
      {list.data &&
        (list.data.items.length === 0 ? (
          <Empty>{t("licences.noApplications")}</Empty>
        ) : (
          <div className="table-wrap">
            <table className="list queue" data-testid="applications-table">
              <thead>
                <tr>
                  <th scope="col">{t("licences.shipmentDate")}</th>
                  <th scope="col">{t("queue.applicant")}</th>
                  <th scope="col">{t("queue.items")}</th>
                  <th scope="col">{t("queue.value")}</th>
                  <th scope="col">{t("check.destination")}</th>
                  <th scope="col">{t("licences.licenceType")}</th>
                  <th scope="col">{t("licences.status")}</th>
                  <th scope="col">{t("licences.due")}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((a) => (
                  <tr key={a.id} className={props.openId === a.id ? "selected" : ""} data-id={a.id}>
                    <td>
                      <button type="button" className="link" onClick={() => props.onOpen(a.id)}>
                        {a.shipmentDate}
                      </button>
                    </td>
                    <td>
                      {a.applicant}
                      {a.consignee && <div className="muted small">→ {a.consignee}</div>}
                    </td>
                    <td>
                      {a.items.first ?? "—"}
                      {a.items.count > 1 && (
                        <span className="muted"> {t("queue.more", { count: a.items.count - 1 })}</span>
                      )}
                      {a.items.controlNumbers.length > 0 && (
                        <div className="small">
                          <code>{a.items.controlNumbers.join(", ")}</code>
                        </div>
                      )}
                    </td>
                    <td className="num">
                      {a.value.map((v) => (
                        <div key={v.currency}>
                          {v.amount.toLocaleString(lang)} {v.currency}
                        </div>
                      ))}
                    </td>
                    <td>
                      <code>{a.destination}</code> {countryName(a.destination, lang)}
                    </td>
                    <td>
                      <code>{a.regime}</code>{" "}
                      <LegalTerm kind="licence" regime={a.regime} id={a.licenceType} />
                    </td>
                    <td>
                      <StatusBadge status={a.status} />
                    </td>
                    <td className={a.overdue ? "overdue" : ""}>
                      {a.dueDate ?? "—"}
                      {a.overdue && <div className="small">{t("queue.overdue")}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {list.data && total > 0 && (
        <div className="actions pager">
          <span className="muted" data-testid="queue-range">
            {t("queue.range", { from: offset + 1, to: Math.min(offset + PAGE, total), total })}
          </span>
          {offset > 0 && (
            <button type="button" className="secondary" onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t("common.previous")}
            </button>
          )}
          {offset + PAGE < total && (
            <button type="button" className="secondary" onClick={() => setOffset(offset + PAGE)}>
              {t("common.next")}
            </button>
          )}
        </div>
      )}
      {props.openId && <ApplicationView id={props.openId} me={props.me} onChanged={list.reload} />}
    </section>
  );
}

function ApplicationView(props: { id: string; me: Me; onChanged: () => void }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const app = useLoad((s) => get<ApplicationDetail>(`/v1/applications/${props.id}`, s), props.id);
  const [note, setNote] = useState("");
  const zoneOf = useRegimeZone();
  const [approval, setApproval] = useState({
    number: "",
    validFrom: "",
    validUntil: "",
    override: false,
    reason: "",
  });
  const fe = useFieldErrors();
  const act = useAction(async (action: string, body: Record<string, unknown>) => {
    const r = await post<{ status: string; licenceId?: string }>(
      `/v1/applications/${props.id}/${action}`,
      body,
    );
    setNote("");
    app.reload();
    props.onChanged();
    return r;
  });
  useEffect(() => {
    if (act.error !== undefined) fe.setServer(act.error);
  }, [act.error, fe.setServer]);
  const a = app.data;
  if (!a) return app.loading ? <Loading /> : <ErrorNotice error={app.error} onRetry={app.reload} />;
  const isApplicant = props.me.role === "exporter" || props.me.role === "admin";
  const isOfficer = props.me.role === "officer";
  const withNote = () => (note.trim() ? { note: note.trim() } : {});
  // The validity the pack gives this licence type (from the application's determination): default and bound.
  const packMonths = a?.decision?.decisions
    .flatMap((d) => d.licenceDetails)
    .find((d) => d.id === a.licenceType)?.validityMonths;
  const from = approval.validFrom.trim();
  const packUntil =
    packMonths !== undefined && isCalendarDate(from) ? lastDayOf(from, packMonths) : undefined;
  const until = approval.validUntil.trim() || packUntil || "";
  const beyond = packUntil !== undefined && isCalendarDate(until) && until > packUntil;
  const approve = () => {
    const errs: Record<string, string> = {};
    if (!approval.number.trim()) errs["$.number"] = t("msg.required");
    if (!isCalendarDate(from)) errs["$.validFrom"] = t("msg.dateFormat");
    if (approval.validUntil.trim() && !isCalendarDate(approval.validUntil.trim()))
      errs["$.validUntil"] = t("msg.dateFormat");
    else if (!until) errs["$.validUntil"] = t("msg.required");
    if (!errs["$.validFrom"] && !errs["$.validUntil"] && until < from)
      errs["$.validUntil"] = t("msg.untilBeforeFrom");
    if (!errs["$.validUntil"] && beyond && !approval.override)
      errs["$.validUntil"] = t("licences.beyondPack", { months: packMonths, until: packUntil });
    if (beyond && approval.override && approval.reason.trim().length < 10)
      errs["$.validityOverride.reason"] = t("licences.overrideReasonRequired");
    fe.setClient(errs);
    fe.setServer(undefined);
    if (Object.keys(errs).length > 0) return focusFirstError();
    void act.run("approve", {
      number: approval.number.trim(),
      validFrom: from,
      ...(approval.validUntil.trim() ? { validUntil: approval.validUntil.trim() } : {}),
      ...(beyond && approval.override ? { validityOverride: { reason: approval.reason.trim() } } : {}),
      ...withNote(),
    });
  };
  const deny = () => {
    if (!note.trim()) {
      fe.setClient({ "$.note": t("licences.reasonRequired") });
      return focusFirstError();
    }
    fe.setClient({});
    void act.run("deny", { note: note.trim() });
  };
  const c = a.content;
  return (
    <article className="panel" aria-labelledby="app-title" data-testid="application">
      <header>
        <h2 id="app-title">
          {t("licences.application")} <code className="small">{a.id.slice(0, 8)}</code>
        </h2>
        <StatusBadge status={a.status} />
      </header>
      <p className="actions">
        <PdfLink
          path={`/v1/applications/${a.id}/document.pdf`}
          label={t("documents.applicationPdf")}
          testId="application-pdf"
        />
      </p>
      <dl className="facts-grid">
        <dt>{t("licences.licenceType")}</dt>
        <dd>
          <LegalTerm kind="licence" regime={a.regime} id={a.licenceType} />
        </dd>
        <dt>{t("check.destination")}</dt>
        <dd>
          {countryName(a.destination, lang)} <code>{a.destination}</code>
        </dd>
        <dt>{t("licences.shipmentDate")}</dt>
        <dd>{a.shipmentDate}</dd>
        <dt>{t("licences.due")}</dt>
        <dd>{a.dueDate ?? "—"}</dd>
        <dt>{t("check.consigneeName")}</dt>
        <dd>
          {c.consignee.name} {c.consignee.country && <code>{c.consignee.country}</code>}
        </dd>
        <dt>{t("check.endUserName")}</dt>
        <dd>
          {c.endUser.name} {c.endUser.country && <code>{c.endUser.country}</code>}
        </dd>
        <dt>{t("licences.endUseStatement")}</dt>
        <dd>{c.endUseStatement}</dd>
        {a.reason && (
          <>
            <dt>{t("licences.reason")}</dt>
            <dd>{a.reason}</dd>
          </>
        )}
      </dl>
      <div className="table-wrap">
        <table className="list">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("line.description")}</th>
              <th scope="col">{t("line.controlNumber")}</th>
              <th scope="col">{t("line.quantity")}</th>
              <th scope="col">{t("line.value")}</th>
              {a.decision && <th scope="col">{t("checks.outcome")}</th>}
            </tr>
          </thead>
          <tbody>
            {c.lines.map((l, i) => (
              <tr key={i}>
                <td>{i + 1}</td>
                <td>{l.description}</td>
                <td>
                  <code>{l.controlNumber ?? l.hsCode ?? "—"}</code>
                </td>
                <td>
                  {l.quantity.toLocaleString(lang)} {l.unit}
                </td>
                <td>
                  {l.value.toLocaleString(lang)} {l.currency}
                </td>
                {a.decision && (
                  <td>
                    {a.decision.decisions[i] && <OutcomeBadge outcome={a.decision.decisions[i].outcome} />}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {a.decision && (
        <p className="muted small">
          {t("result.policyVersion")}: <code className="hash">{a.decision.policyVersion}</code>
        </p>
      )}
      {a.decision?.verdict && <VerdictView verdict={a.decision.verdict} />}
      {a.decision && (
        <details className="attached-check" data-testid="application-check">
          <summary>{t("licences.attachedCheck")}</summary>
          <CheckResultView result={a.decision} />
        </details>
      )}
      <ApplicationThread id={a.id} status={a.status} canAdd={isApplicant || isOfficer} />

      {(isApplicant || isOfficer) && !["approved", "denied", "withdrawn"].includes(a.status) && (
        <div className="decide">
          <Field label={isOfficer ? t("licences.noteOrReason") : t("licences.note")} error={fe.err("$.note")}>
            {(p) => <textarea {...p} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
          </Field>
          {isOfficer && a.status === "under-review" && (
            <fieldset>
              <legend>{t("licences.approveAs")}</legend>
              <div className="row">
                <Field label={t("licences.number")} error={fe.err("$.number")}>
                  {(p) => (
                    <input
                      {...p}
                      name="licence-number"
                      value={approval.number}
                      onChange={(e) => setApproval({ ...approval, number: e.target.value })}
                    />
                  )}
                </Field>
                <Field label={t("licences.validFrom")} error={fe.err("$.validFrom")}>
                  {(p) => (
                    <DateInput
                      {...p}
                      name="valid-from"
                      value={approval.validFrom}
                      onChange={(v) => setApproval({ ...approval, validFrom: v })}
                      timeZone={zoneOf(a.regime)}
                    />
                  )}
                </Field>
                <Field
                  label={t("licences.validUntil")}
                  error={fe.err("$.validUntil")}
                  hint={
                    packMonths === undefined
                      ? undefined
                      : packUntil
                        ? t("licences.packValidityUntil", { months: packMonths, until: packUntil })
                        : t("licences.packValidity", { months: packMonths })
                  }
                >
                  {(p) => (
                    <DateInput
                      {...p}
                      name="valid-until"
                      value={approval.validUntil}
                      onChange={(v) => setApproval({ ...approval, validUntil: v })}
                      timeZone={zoneOf(a.regime)}
                    />
                  )}
                </Field>
              </div>
              {beyond && (
                <div className="override">
                  <label className="check">
                    <input
                      type="checkbox"
                      name="validity-override"
                      checked={approval.override}
                      onChange={(e) => setApproval({ ...approval, override: e.target.checked })}
                    />{" "}
                    {t("licences.overrideValidity", { months: packMonths, until: packUntil })}
                  </label>
                  {approval.override && (
                    <Field label={t("licences.overrideReason")} error={fe.err("$.validityOverride.reason")}>
                      {(p) => (
                        <textarea
                          {...p}
                          name="validity-override-reason"
                          rows={2}
                          value={approval.reason}
                          onChange={(e) => setApproval({ ...approval, reason: e.target.value })}
                        />
                      )}
                    </Field>
                  )}
                </div>
              )}
            </fieldset>
          )}
          <div className="actions">
            {isApplicant && ["draft", "returned-for-changes"].includes(a.status) && (
              <button type="button" disabled={act.busy} onClick={() => void act.run("submit", withNote())}>
                {t("licences.action.submit")}
              </button>
            )}
            {isApplicant && (
              <button
                type="button"
                className="secondary"
                disabled={act.busy}
                onClick={() => void act.run("withdraw", withNote())}
              >
                {t("licences.action.withdraw")}
              </button>
            )}
            {isOfficer && a.status === "submitted" && (
              <button type="button" disabled={act.busy} onClick={() => void act.run("review", withNote())}>
                {t("licences.action.review")}
              </button>
            )}
            {isOfficer && a.status === "under-review" && (
              <>
                <button type="button" disabled={act.busy} onClick={approve}>
                  {t("licences.action.approve")}
                </button>
                <button
                  type="button"
                  className="secondary"
                  disabled={act.busy}
                  onClick={() => void act.run("request-changes", withNote())}
                >
                  {t("licences.action.requestChanges")}
                </button>
                <button type="button" className="danger" disabled={act.busy} onClick={deny}>
                  {t("licences.action.deny")}
                </button>
              </>
            )}
            {isOfficer && note.trim() && (
              <button
                type="button"
                className="secondary"
                disabled={act.busy}
                onClick={() => void act.run("notes", { note: note.trim() })}
              >
                {t("licences.action.note")}
              </button>
            )}
          </div>
          <ErrorNotice error={act.error} shownPaths={fe.shown} />
          {act.busy && <Loading label={t("common.working")} />}
        </div>
      )}

      <h3>{t("licences.history")}</h3>
      <ol className="history">
        {a.events.map((e) => (
          <li key={e.id}>
            <time>{new Date(e.createdAt).toLocaleString(lang)}</time> —{" "}
            {t(`event.${e.action}`, { defaultValue: e.action })}{" "}
            {e.fromStatus && (
              <>
                <StatusBadge status={e.fromStatus} /> →{" "}
              </>
            )}
            <StatusBadge status={e.toStatus} />
            {e.note && <span className="muted"> “{e.note}”</span>}
          </li>
        ))}
      </ol>
    </article>
  );
}

// ------------------------------------------------------------------------------------ application form

interface AppForm {
  regime: string;
  licenceType: string;
  /** The kind and facts of a technology transfer, brokering or transit, carried from the check. */
  transaction?: Pick<ApplicationContent, "kind" | "technology" | "brokering" | "transit">;
  destination: string;
  shipmentDate: string;
  consigneeName: string;
  consigneeCountry: string;
  endUserName: string;
  endUserCountry: string;
  endUseStatement: string;
  lines: CsvLine[];
}

const emptyAppLine = (): CsvLine => ({
  description: "",
  controlNumber: "",
  hsCode: "",
  quantity: "",
  unit: "",
  value: "",
  currency: "",
});
const emptyApp = (): AppForm => ({
  regime: "JP",
  licenceType: "individual",
  destination: "",
  shipmentDate: "",
  consigneeName: "",
  consigneeCountry: "",
  endUserName: "",
  endUserCountry: "",
  endUseStatement: "",
  lines: [emptyAppLine()],
});

function toApplication(f: AppForm): ApplicationContent {
  const party = (name: string, country: string) => ({
    name: name.trim(),
    ...(country.trim() ? { country: country.trim().toUpperCase() } : {}),
  });
  return {
    regime: f.regime,
    licenceType: f.licenceType,
    ...(f.transaction ?? {}),
    destination: f.destination.trim().toUpperCase(),
    shipmentDate: f.shipmentDate.trim(),
    consignee: party(f.consigneeName, f.consigneeCountry),
    endUser: party(f.endUserName, f.endUserCountry),
    endUseStatement: f.endUseStatement.trim(),
    lines: f.lines.map((l) => ({
      ...(l.controlNumber.trim() ? { controlNumber: l.controlNumber.trim() } : { controlNumber: null }),
      ...(l.hsCode.trim() ? { hsCode: l.hsCode.trim() } : {}),
      description: l.description.trim(),
      quantity: parseNumber(l.quantity) ?? Number.NaN,
      unit: l.unit.trim(),
      value: parseNumber(l.value) ?? Number.NaN,
      currency: l.currency.trim().toUpperCase(),
    })),
    documents: [],
  };
}

function validateApp(
  f: AppForm,
  t: (k: string, o?: Record<string, unknown>) => string,
): Record<string, string> {
  const e: Record<string, string> = {};
  const req = (path: string, v: string) => {
    if (!v.trim()) e[path] = t("msg.required");
  };
  if (!f.shipmentDate.trim()) e["$.shipmentDate"] = t("msg.required");
  else if (!isCalendarDate(f.shipmentDate.trim())) e["$.shipmentDate"] = t("msg.dateFormat");
  const dest = f.destination.trim().toUpperCase();
  if (!dest) e["$.destination"] = t("msg.required");
  else if (!isCountryCode(dest)) e["$.destination"] = t("msg.unknownCountry", { value: f.destination });
  req("$.consignee.name", f.consigneeName);
  req("$.endUser.name", f.endUserName);
  for (const [p, v] of [
    ["$.consignee.country", f.consigneeCountry],
    ["$.endUser.country", f.endUserCountry],
  ] as const)
    if (v.trim() && !isCountryCode(v.trim().toUpperCase())) e[p] = t("msg.unknownCountry", { value: v });
  req("$.endUseStatement", f.endUseStatement);
  f.lines.forEach((l, i) => {
    const p = `$.lines[${i}]`;
    req(`${p}.description`, l.description);
    req(`${p}.unit`, l.unit);
    const q = parseNumber(l.quantity);
    if (!l.quantity.trim()) e[`${p}.quantity`] = t("msg.required");
    else if (q === undefined) e[`${p}.quantity`] = t("msg.mustBeNumber", { field: t("line.quantity") });
    else if (q <= 0) e[`${p}.quantity`] = t("msg.positive");
    const v = parseNumber(l.value);
    if (!l.value.trim()) e[`${p}.value`] = t("msg.required");
    else if (v === undefined) e[`${p}.value`] = t("msg.mustBeNumber", { field: t("line.value") });
    else if (v < 0) e[`${p}.value`] = t("msg.nonNegative");
    if (!/^[A-Za-z]{3}$/.test(l.currency.trim())) e[`${p}.currency`] = t("msg.currency");
    if (l.hsCode.trim() && !/^\d{4}\.?\d{2}(\.?\d{2}){0,2}$/.test(l.hsCode.trim()))
      e[`${p}.hsCode`] = t("msg.hsCode");
    if (!l.controlNumber.trim() && !l.hsCode.trim()) e[p] = t("msg.needControlOrHs");
  });
  return e;
}

function ApplicationForm(props: { onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<AppForm>(() => loadDraft("application", emptyApp()));
  const fe = useFieldErrors();
  const zoneOf = useRegimeZone();
  useEffect(() => saveDraft("application", form), [form]);
  // Once saved, the draft is updated rather than created again (e.g. when submitting failed and is retried).
  const [savedId, setSavedId] = useState<string | null>(null);
  const create = useAction(async (submit: boolean) => {
    let id = savedId;
    if (id) await post(`/v1/applications/${id}/update`, { content: toApplication(form) });
    else {
      id = (await post<{ id: string }>("/v1/applications", toApplication(form))).id;
      setSavedId(id);
    }
    if (submit) await post(`/v1/applications/${id}/submit`, {});
    saveDraft("application", emptyApp());
    props.onDone(id);
    return id;
  });
  useEffect(() => {
    if (create.error !== undefined) fe.setServer(create.error);
  }, [create.error, fe.setServer]);
  const go = (submit: boolean) => {
    const errs = validateApp(form, t);
    fe.setClient(errs);
    fe.setServer(undefined);
    if (Object.keys(errs).length > 0) return focusFirstError();
    void create.run(submit);
  };
  const set = (k: keyof AppForm, v: string, path = `$.${k}`) => {
    setForm((f) => ({ ...f, [k]: v }));
    fe.clear(path);
  };
  const setLine = (i: number, k: keyof CsvLine, v: string) => {
    setForm((f) => ({ ...f, lines: f.lines.map((l, j) => (j === i ? { ...l, [k]: v } : l)) }));
    fe.clear(`$.lines[${i}].${k}`);
    fe.clear(`$.lines[${i}]`);
  };
  const types = licenceTypes(form.regime);
  return (
    <form
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        go(true);
      }}
      noValidate
      aria-label={t("licences.tab.new")}
      className="application-form"
    >
      <fieldset>
        <legend>{t("licences.applicationFor")}</legend>
        {form.transaction?.kind && form.transaction.kind !== "goods" && (
          <p className="hint" data-testid="application-kind">
            {t("check.kind")}: {t(`check.kinds.${form.transaction.kind}`)}
          </p>
        )}
        <div className="row">
          <Field label={t("check.regime")} error={fe.err("$.regime")}>
            {(a) => (
              <select
                {...a}
                value={form.regime}
                onChange={(e) => {
                  const r = e.target.value;
                  setForm((f) => ({
                    ...f,
                    regime: r,
                    licenceType: licenceTypes(r).includes(f.licenceType) ? f.licenceType : "individual",
                  }));
                }}
              >
                <option value="JP">{t("regime.JP")}</option>
                <option value="KR">{t("regime.KR")}</option>
              </select>
            )}
          </Field>
          <Field label={t("licences.licenceType")} error={fe.err("$.licenceType")}>
            {(a) => (
              <select {...a} value={form.licenceType} onChange={(e) => set("licenceType", e.target.value)}>
                {types.map((x) => (
                  <option key={x} value={x}>
                    {termText("licence", form.regime, x)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("check.destination")} error={fe.err("$.destination")}>
            {(a) => <CountryInput {...a} value={form.destination} onChange={(v) => set("destination", v)} />}
          </Field>
          <Field label={t("licences.shipmentDate")} error={fe.err("$.shipmentDate")}>
            {(a) => (
              <DateInput
                {...a}
                name="shipmentDate"
                value={form.shipmentDate}
                onChange={(v) => set("shipmentDate", v)}
                timeZone={zoneOf(form.regime)}
              />
            )}
          </Field>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("check.parties")}</legend>
        <div className="row">
          <Field label={t("check.consigneeName")} error={fe.err("$.consignee.name")}>
            {(a) => (
              <input
                {...a}
                name="consigneeName"
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
        <div className="row">
          <Field label={t("check.endUserName")} error={fe.err("$.endUser.name")}>
            {(a) => (
              <input
                {...a}
                name="endUserName"
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
        <Field label={t("licences.endUseStatement")} error={fe.err("$.endUseStatement")}>
          {(a) => (
            <textarea
              {...a}
              name="endUseStatement"
              rows={3}
              value={form.endUseStatement}
              onChange={(e) => set("endUseStatement", e.target.value)}
            />
          )}
        </Field>
      </fieldset>
      <fieldset>
        <legend>{t("check.lines")}</legend>
        <AppLines form={form} fe={fe} setLine={setLine} setForm={setForm} />
        {fe.err("$.lines") && <div className="field-error">{fe.err("$.lines")}</div>}
      </fieldset>
      <ErrorNotice error={create.error} shownPaths={fe.shown} />
      {fe.hasClient && (
        <p className="field-error" role="alert">
          {t("err.fixFields")}
        </p>
      )}
      <div className="actions">
        {savedId && (
          <p className="hint" role="status">
            {t("licences.savedAsDraft")}
          </p>
        )}
        <button type="submit" disabled={create.busy}>
          {create.busy ? t("common.working") : t("licences.saveAndSubmit")}
        </button>
        <button type="button" className="secondary" disabled={create.busy} onClick={() => go(false)}>
          {t("licences.saveDraft")}
        </button>
      </div>
    </form>
  );
}

function AppLines(props: {
  form: AppForm;
  fe: FieldErrorsApi;
  setLine: (i: number, k: keyof CsvLine, v: string) => void;
  setForm: (f: (f: AppForm) => AppForm) => void;
}) {
  const { t } = useTranslation();
  const { form, fe } = props;
  const keys: (keyof CsvLine)[] = [
    "description",
    "controlNumber",
    "hsCode",
    "quantity",
    "unit",
    "value",
    "currency",
  ];
  return (
    <>
      <ol className="lines">
        {form.lines.map((l, i) => (
          <li key={i} className="line">
            <div className="line-head">
              <strong>{t("result.line", { id: i + 1 })}</strong>
              {form.lines.length > 1 && (
                <button
                  type="button"
                  className="secondary small"
                  aria-label={t("check.removeLine", { id: i + 1 })}
                  onClick={() => props.setForm((f) => ({ ...f, lines: f.lines.filter((_, j) => j !== i) }))}
                >
                  {t("check.remove")}
                </button>
              )}
            </div>
            <div className="row line-fields">
              {keys.map((k) => (
                <Field
                  key={k}
                  className={`f-${k}`}
                  label={t(`line.${k}`)}
                  error={fe.err(`$.lines[${i}].${k}`)}
                >
                  {(a) =>
                    k === "controlNumber" ? (
                      <ControlNumberInput
                        {...a}
                        regime={form.regime}
                        date={form.shipmentDate}
                        value={l[k]}
                        onChange={(v) => props.setLine(i, k, v)}
                      />
                    ) : (
                      <input
                        {...a}
                        name={`app-${k}-${i}`}
                        value={l[k]}
                        onChange={(e) => props.setLine(i, k, e.target.value)}
                      />
                    )
                  }
                </Field>
              ))}
            </div>
            {fe.err(`$.lines[${i}]`) && <div className="field-error">{fe.err(`$.lines[${i}]`)}</div>}
          </li>
        ))}
      </ol>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          onClick={() => props.setForm((f) => ({ ...f, lines: [...f.lines, emptyAppLine()] }))}
        >
          {t("check.addLine")}
        </button>
      </div>
    </>
  );
}

// ---------------------------------------------------------------------------------------------- licences

function Licences(props: { me: Me; openId: string | null; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const list = useLoad((s) => get<{ items: Licence[] }>("/v1/licences", s), "licences");
  return (
    <section aria-label={t("licences.tab.licences")}>
      {list.loading && <Loading />}
      <ErrorNotice error={list.error} onRetry={list.reload} />
      {list.data &&
        (list.data.items.length === 0 ? (
          <Empty>{t("licences.noLicences")}</Empty>
        ) : (
          <div className="table-wrap">
            <table className="list" data-testid="licences-table">
              <thead>
                <tr>
                  <th scope="col">{t("licences.number")}</th>
                  <th scope="col">{t("licences.licenceType")}</th>
                  <th scope="col">{t("licences.destinations")}</th>
                  <th scope="col">{t("licences.validity")}</th>
                  <th scope="col">{t("licences.status")}</th>
                  <th scope="col">{t("licences.balance")}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((l) => (
                  <tr key={l.id} className={props.openId === l.id ? "selected" : ""}>
                    <td>
                      <button type="button" className="link" onClick={() => props.onOpen(l.id)}>
                        {l.number}
                      </button>
                    </td>
                    <td>
                      <code>{l.regime}</code> <LegalTerm kind="licence" regime={l.regime} id={l.type} />
                    </td>
                    <td>{l.destinations.join(", ")}</td>
                    <td>
                      {l.validFrom} – {l.validUntil}
                    </td>
                    <td>
                      <StatusBadge status={l.status} />
                    </td>
                    <td>
                      {l.balances.map((b) => (
                        <BalanceBar
                          key={b.line}
                          used={b.usedQuantity}
                          limit={l.lines[b.line - 1]?.quantityLimit ?? null}
                          unit={l.lines[b.line - 1]?.unit ?? ""}
                        />
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {props.openId && <LicenceView id={props.openId} me={props.me} onChanged={list.reload} />}
    </section>
  );
}

function LicenceView(props: { id: string; me: Me; onChanged: () => void }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const lic = useLoad((s) => get<Licence>(`/v1/licences/${props.id}`, s), props.id);
  const l = lic.data;
  if (!l) return lic.loading ? <Loading /> : <ErrorNotice error={lic.error} onRetry={lic.reload} />;
  return (
    <article className="panel" aria-labelledby="licence-title" data-testid="licence">
      <header>
        <h2 id="licence-title">
          {t("licences.licence")} {l.number}
        </h2>
        <StatusBadge status={l.status} />
      </header>
      <p className="actions">
        <PdfLink
          path={`/v1/licences/${l.id}/document.pdf`}
          label={t("documents.licencePdf")}
          testId="licence-pdf"
        />
      </p>
      <dl className="facts-grid">
        <dt>{t("licences.licenceType")}</dt>
        <dd>
          <LegalTerm kind="licence" regime={l.regime} id={l.type} />
        </dd>
        <dt>{t("licences.holder")}</dt>
        <dd>{l.holder}</dd>
        <dt>{t("licences.destinations")}</dt>
        <dd>{l.destinations.map((d) => `${countryName(d, lang)} (${d})`).join(", ")}</dd>
        <dt>{t("licences.parties")}</dt>
        <dd>{[...new Set(l.permittedParties)].join(", ") || "—"}</dd>
        <dt>{t("licences.validity")}</dt>
        <dd>
          {l.validFrom} – {l.validUntil}
        </dd>
        {l.conditions && (
          <>
            <dt>{t("result.conditions")}</dt>
            <dd>{l.conditions}</dd>
          </>
        )}
      </dl>
      {l.lines.map((line, i) => (
        <div key={i} className="licence-line">
          <h3>
            {t("result.line", { id: i + 1 })}: {line.description}{" "}
            {line.controlNumber && <code>{line.controlNumber}</code>}
          </h3>
          <BalanceBar used={l.balances[i]?.usedQuantity ?? 0} limit={line.quantityLimit} unit={line.unit} />
          {line.valueLimit !== null && (
            <BalanceBar used={l.balances[i]?.usedValue ?? 0} limit={line.valueLimit} unit={line.currency} />
          )}
          <DrawdownChart licence={l} line={i + 1} />
        </div>
      ))}
      <h3>
        {t("licences.ledger")}{" "}
        {(l.ledger ?? []).length > 0 && (
          <>
            <a
              className="small"
              href={`/v1/licences/${l.id}/ledger.csv`}
              download
              data-testid="export-ledger"
            >
              {t("export.csv")}
            </a>{" "}
            <PdfLink
              path={`/v1/licences/${l.id}/ledger.pdf`}
              label={t("documents.pdf")}
              testId="export-ledger-pdf"
              small
            />
          </>
        )}
      </h3>
      <LedgerTable
        licence={l}
        me={props.me}
        onDone={() => {
          lic.reload();
          props.onChanged();
        }}
      />
      {(props.me.role === "exporter" || props.me.role === "admin") && l.status === "active" && (
        <DrawdownForm
          licence={l}
          onDone={() => {
            lic.reload();
            props.onChanged();
          }}
        />
      )}
    </article>
  );
}

// ------------------------------------------------------------------------------------------------- audit

function Audit() {
  const { t } = useTranslation();
  const lang = currentLang();
  const verify = useLoad(
    (s) => get<{ entries: number; valid: boolean; firstBroken: unknown }>("/v1/audit/verify", s),
    "verify",
  );
  const log = useLoad((s) => get<{ items: AuditEntry[] }>("/v1/audit?limit=200", s), "audit");
  return (
    <section aria-label={t("licences.tab.audit")}>
      <p className="actions">
        <a className="button secondary" href="/v1/audit/export.csv" download data-testid="export-audit">
          {t("export.csv")}
        </a>{" "}
        <PdfLink path="/v1/audit/export.pdf" label={t("documents.pdf")} testId="export-audit-pdf" />
      </p>
      <div className="verify" data-testid="audit-verify">
        {verify.loading && <Loading label={t("audit.verifying")} />}
        <ErrorNotice error={verify.error} onRetry={verify.reload} />
        {verify.data &&
          (verify.data.valid ? (
            <p className="notice ok" role="status">
              ✓ {t("audit.valid", { count: verify.data.entries })}
            </p>
          ) : (
            <div className="notice error" role="alert">
              ✗ {t("audit.broken")}
              <pre>{JSON.stringify(verify.data.firstBroken, null, 2)}</pre>
            </div>
          ))}
        <button type="button" className="secondary small" onClick={verify.reload}>
          {t("audit.verifyAgain")}
        </button>
      </div>
      {log.loading && <Loading />}
      <ErrorNotice error={log.error} onRetry={log.reload} />
      {log.data &&
        (log.data.items.length === 0 ? (
          <Empty>{t("audit.none")}</Empty>
        ) : (
          <div className="table-wrap">
            <table className="list" data-testid="audit-table">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t("audit.at")}</th>
                  <th scope="col">{t("audit.who")}</th>
                  <th scope="col">{t("audit.action")}</th>
                  <th scope="col">{t("audit.object")}</th>
                  <th scope="col">{t("audit.hash")}</th>
                </tr>
              </thead>
              <tbody>
                {log.data.items.map((e) => (
                  <tr key={e.id}>
                    <td>{e.seq}</td>
                    <td>{new Date(e.at).toLocaleString(lang)}</td>
                    <td data-testid="audit-who">
                      {e.user ? (
                        <span title={e.user.email}>{e.user.name || e.user.email}</span>
                      ) : (
                        <span className="muted">{t("audit.system")}</span>
                      )}
                    </td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>
                      {e.objectType} <code className="small">{e.objectId.slice(0, 8)}</code>
                    </td>
                    <td>
                      <code className="small" title={`${e.prevHash} → ${e.hash}`}>
                        {e.hash.slice(0, 12)}…
                      </code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}
