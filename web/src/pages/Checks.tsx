/** Past checks: the organisation's recorded checks, filtered; one opened with its input, trace and policy version. */
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { get, post, query, type Me, type RecordedCheck } from "../api.ts";
import { CountryInput } from "../combobox.tsx";
import { countryName, isCountryCode } from "../countries.ts";
import { isCalendarDate, useFieldErrors } from "../forms.tsx";
import { currentLang } from "../i18n.ts";
import { PdfLink } from "../pdf-link.tsx";
import { CheckResultView, OutcomeBadge } from "../result.tsx";
import { Link } from "../router.tsx";
import { Empty, ErrorNotice, Field, Loading, useLoad } from "../ui.tsx";

interface Filter {
  from: string;
  to: string;
  destination: string;
  outcome: string;
  regime: string;
  party: string;
  item: string;
  user: string;
}
const noFilter: Filter = {
  from: "",
  to: "",
  destination: "",
  outcome: "",
  regime: "",
  party: "",
  item: "",
  user: "",
};

/** The filters as the API's query (list and exports alike). */
const filterQuery = (f: Filter) => ({
  from: f.from,
  to: f.to,
  destination: f.destination.toUpperCase(),
  outcome: f.outcome,
  regime: f.regime,
  party: f.party.trim(),
  item: f.item.trim(),
  user: f.user.trim(),
});

export function ChecksPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const [draft, setDraft] = useState<Filter>(noFilter);
  const [filter, setFilter] = useState<Filter>(noFilter);
  const [pages, setPages] = useState<string[]>([""]);
  const fe = useFieldErrors();
  const cursor = pages[pages.length - 1] ?? "";
  const q = query({ ...filterQuery(filter), limit: 25, cursor });
  const list = useLoad((s) => get<{ items: RecordedCheck[]; next?: string }>(`/v1/checks${q}`, s), q);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    for (const k of ["from", "to"] as const)
      if (draft[k].trim() && !isCalendarDate(draft[k].trim())) errs[`$.${k}`] = t("msg.dateFormat");
    if (draft.destination.trim() && !isCountryCode(draft.destination.trim().toUpperCase()))
      errs["$.destination"] = t("msg.unknownCountry", { value: draft.destination });
    fe.setClient(errs);
    if (Object.keys(errs).length > 0) return;
    setFilter({
      ...draft,
      from: draft.from.trim(),
      to: draft.to.trim(),
      destination: draft.destination.trim(),
    });
    setPages([""]);
  };
  const set = (k: keyof Filter, v: string) => {
    setDraft((d) => ({ ...d, [k]: v }));
    fe.clear(`$.${k}`);
  };
  // the list's filters, for the CSV and PDF exports
  const exported = filterQuery(filter);
  return (
    <div>
      <h1>{t("checks.title")}</h1>
      <p className="actions">
        <a
          className="button secondary"
          href={`/v1/checks/export.csv${query(exported)}`}
          download
          data-testid="export-checks"
        >
          {t("export.csvFiltered")}
        </a>{" "}
        <PdfLink
          path="/v1/checks/export.pdf"
          params={exported}
          label={t("documents.checksPdf")}
          testId="export-checks-pdf"
        />
      </p>
      <form className="filters" onSubmit={apply} noValidate aria-label={t("checks.filter")}>
        <div className="row">
          <Field label={t("checks.from")} error={fe.err("$.from")}>
            {(a) => (
              <input
                {...a}
                placeholder="YYYY-MM-DD"
                value={draft.from}
                onChange={(e) => set("from", e.target.value)}
              />
            )}
          </Field>
          <Field label={t("checks.to")} error={fe.err("$.to")}>
            {(a) => (
              <input
                {...a}
                placeholder="YYYY-MM-DD"
                value={draft.to}
                onChange={(e) => set("to", e.target.value)}
              />
            )}
          </Field>
          <Field label={t("check.destination")} error={fe.err("$.destination")}>
            {(a) => <CountryInput {...a} value={draft.destination} onChange={(v) => set("destination", v)} />}
          </Field>
          <Field label={t("checks.outcome")}>
            {(a) => (
              <select {...a} value={draft.outcome} onChange={(e) => set("outcome", e.target.value)}>
                <option value="">{t("checks.any")}</option>
                {["no-licence-required", "licence-required", "undetermined", "prohibited"].map((o) => (
                  <option key={o} value={o}>
                    {t(`outcome.${o}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("check.regime")}>
            {(a) => (
              <select {...a} value={draft.regime} onChange={(e) => set("regime", e.target.value)}>
                <option value="">{t("checks.any")}</option>
                <option value="JP">{t("regime.JP")}</option>
                <option value="KR">{t("regime.KR")}</option>
              </select>
            )}
          </Field>
        </div>
        <div className="row">
          {(["party", "item", "user"] as const).map((k) => (
            <Field key={k} label={t(`checks.${k}`)} hint={t(`checks.${k}Hint`)}>
              {(a) => (
                <input
                  {...a}
                  name={`search-${k}`}
                  maxLength={200}
                  value={draft[k]}
                  onChange={(e) => set(k, e.target.value)}
                />
              )}
            </Field>
          ))}
        </div>
        <div className="actions">
          <button type="submit">{t("checks.apply")}</button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setDraft(noFilter);
              setFilter(noFilter);
              setPages([""]);
              fe.clearAll();
            }}
          >
            {t("checks.clear")}
          </button>
        </div>
      </form>
      {list.loading && <Loading />}
      <ErrorNotice error={list.error} onRetry={list.reload} />
      {list.data &&
        (list.data.items.length === 0 ? (
          <Empty>{t("checks.none")}</Empty>
        ) : (
          <div className="table-wrap">
            <table className="list" data-testid="checks-table">
              <thead>
                <tr>
                  <th scope="col">{t("checks.recorded")}</th>
                  <th scope="col">{t("check.regime")}</th>
                  <th scope="col">{t("check.date")}</th>
                  <th scope="col">{t("check.destination")}</th>
                  <th scope="col">{t("checks.outcome")}</th>
                  <th scope="col">{t("checks.lines")}</th>
                  <th scope="col">{t("checks.who")}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link href={`/checks/${c.id}`}>{new Date(c.createdAt).toLocaleString(lang)}</Link>
                    </td>
                    <td>{c.regime}</td>
                    <td>{c.date}</td>
                    <td>
                      <code>{c.destination}</code> {countryName(c.destination, lang)}
                    </td>
                    <td>
                      <OutcomeBadge outcome={c.outcome} />
                    </td>
                    <td>{c.lineCount}</td>
                    <td className="small">
                      {c.requestedByUser ? (
                        <span title={c.requestedByUser.email}>{c.requestedByUser.name}</span>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      <div className="actions">
        {pages.length > 1 && (
          <button type="button" className="secondary" onClick={() => setPages((p) => p.slice(0, -1))}>
            {t("common.previous")}
          </button>
        )}
        {list.data?.next && (
          <button
            type="button"
            className="secondary"
            onClick={() => setPages((p) => [...p, list.data!.next!])}
          >
            {t("common.next")}
          </button>
        )}
      </div>
    </div>
  );
}

/** An officer or admin releases a held check with a reason (recorded in the audit log). */
function ReleaseForm(props: { id: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < 3) return setError(t("release.needReason"));
    try {
      await post(`/v1/checks/${props.id}/release`, { reason: reason.trim() });
      props.onDone();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form onSubmit={submit} className="release">
      <Field label={t("release.reason")} error={error ?? undefined}>
        {(a) => <textarea {...a} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <button type="submit">{t("release.button")}</button>
    </form>
  );
}

export function CheckDetailPage(props: { id: string; me?: Me | undefined }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const c = useLoad((s) => get<RecordedCheck>(`/v1/checks/${props.id}`, s), props.id);
  return (
    <div>
      <p>
        <Link href="/checks">← {t("checks.title")}</Link>
      </p>
      <h1>{t("checks.detailTitle")}</h1>
      {c.loading && <Loading />}
      <ErrorNotice error={c.error} onRetry={c.reload} />
      {c.data && (
        <>
          <dl className="facts-grid">
            <dt>{t("checks.recorded")}</dt>
            <dd>{new Date(c.data.createdAt).toLocaleString(lang)}</dd>
            <dt>{t("checks.outcome")}</dt>
            <dd>
              <OutcomeBadge outcome={c.data.outcome} />
            </dd>
            {c.data.result?.verdict && (
              <>
                <dt>{t("verdict.title")}</dt>
                <dd>
                  <span className={`badge verdict-badge verdict-${c.data.result.verdict.status}`}>
                    {t(`verdict.${c.data.result.verdict.status}`)}
                  </span>
                </dd>
              </>
            )}
            <dt>{t("result.policyVersion")}</dt>
            <dd>
              <code className="hash">{c.data.policyVersion}</code>
            </dd>
          </dl>
          {c.data.release && (
            <p className="released" data-testid="released">
              {t("release.done", { at: new Date(c.data.release.at).toLocaleString(lang) })}:{" "}
              {c.data.release.reason}
            </p>
          )}
          {c.data.result?.verdict?.status === "hold" &&
            !c.data.release &&
            (props.me?.role === "officer" || props.me?.role === "admin") && (
              <ReleaseForm id={c.data.id} onDone={c.reload} />
            )}
          {c.data.result && (
            <CheckResultView result={{ ...c.data.result, id: c.data.id }} input={c.data.input} />
          )}
          <details className="raw">
            <summary>{t("checks.input")}</summary>
            <pre>{JSON.stringify(c.data.input, null, 2)}</pre>
          </details>
        </>
      )}
    </div>
  );
}
