/**
 * Screen a party name (any script) against the imported restricted-party lists: each match with its score,
 * the list's name, which tokens met which, the features behind the score and the entry's link; a match can
 * be recorded as a false positive or confirmed, with a note (it is then not raised again until the entry
 * changes). A match is one party: its sources are every list entry of it, and the decision covers them all.
 */
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { post, type ScreeningMatch, type ScreeningResponse } from "../api.ts";
import { CountryInput } from "../combobox.tsx";
import { isCountryCode } from "../countries.ts";
import { focusFirstError, loadDraft, parseNumber, saveDraft, useFieldErrors } from "../forms.tsx";
import { Empty, ErrorNotice, Field, Loading, useAction } from "../ui.tsx";

interface ScreenForm {
  name: string;
  country: string;
  type: string;
  threshold: string;
}

const FEATURE_ORDER = [
  "name",
  "tokenSet",
  "queryCoverage",
  "listCoverage",
  "stringSimilarity",
  "phonetic",
  "order",
  "distinctive",
  "conflict",
  "extra",
  "weakAlias",
  "country",
  "type",
  "birthDate",
  "identifier",
  "kind",
];

export function ScreenPage() {
  const { t } = useTranslation();
  const [form, setForm] = useState<ScreenForm>(() =>
    loadDraft("screen", { name: "", country: "", type: "", threshold: "" }),
  );
  const [answer, setAnswer] = useState<ScreeningResponse | undefined>();
  const fe = useFieldErrors();
  useEffect(() => saveDraft("screen", form), [form]);

  const body = (f: ScreenForm) => {
    const party: Record<string, string> = { name: f.name.trim() };
    if (f.country.trim()) party.country = f.country.trim().toUpperCase();
    if (f.type) party.type = f.type;
    const threshold = parseNumber(f.threshold);
    return { parties: [party], ...(threshold !== undefined ? { threshold } : {}) };
  };
  const screen = useAction(async (f: ScreenForm) => {
    const r = await post<ScreeningResponse>("/v1/screenings", body(f));
    setAnswer(r);
    return r;
  });
  useEffect(() => {
    if (screen.error !== undefined) fe.setServer(screen.error, (p) => p.replace("$.parties[0].", "$."));
  }, [screen.error, fe.setServer]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!form.name.trim()) errs["$.name"] = t("msg.required");
    if (form.country.trim() && !isCountryCode(form.country.trim().toUpperCase()))
      errs["$.country"] = t("msg.unknownCountry", { value: form.country.trim() });
    const th = parseNumber(form.threshold);
    if (form.threshold.trim() && (th === undefined || th < 0 || th > 1))
      errs["$.threshold"] = t("screen.thresholdRange");
    fe.setClient(errs);
    fe.setServer(undefined);
    if (Object.keys(errs).length > 0) return focusFirstError();
    if (!(await screen.run(form))) focusFirstError();
  };

  const set = (k: keyof ScreenForm, v: string) => {
    setForm((f) => ({ ...f, [k]: v }));
    fe.clear(`$.${k}`);
  };
  const result = answer?.results[0];
  return (
    <div>
      <h1>{t("screen.title")}</h1>
      <p className="muted">{t("screen.intro")}</p>
      <form onSubmit={submit} noValidate aria-label={t("screen.title")}>
        <div className="row">
          <Field
            label={t("screen.name")}
            error={fe.err("$.name")}
            hint={t("screen.nameHint")}
            className="grow"
          >
            {(a) => (
              <input {...a} name="name" value={form.name} onChange={(e) => set("name", e.target.value)} />
            )}
          </Field>
          <Field label={t("screen.country")} error={fe.err("$.country")}>
            {(a) => <CountryInput {...a} value={form.country} onChange={(v) => set("country", v)} />}
          </Field>
          <Field label={t("screen.type")} error={fe.err("$.type")}>
            {(a) => (
              <select {...a} value={form.type} onChange={(e) => set("type", e.target.value)}>
                <option value="">{t("screen.anyType")}</option>
                <option value="person">{t("screen.person")}</option>
                <option value="entity">{t("screen.entity")}</option>
              </select>
            )}
          </Field>
          <Field label={t("screen.threshold")} error={fe.err("$.threshold")} hint="0–1">
            {(a) => (
              <input
                {...a}
                inputMode="decimal"
                placeholder="0.75"
                value={form.threshold}
                onChange={(e) => set("threshold", e.target.value)}
              />
            )}
          </Field>
        </div>
        <ErrorNotice error={screen.error} shownPaths={fe.shown} />
        <div className="actions">
          <button type="submit" disabled={screen.busy}>
            {screen.busy ? t("common.working") : t("screen.submit")}
          </button>
        </div>
      </form>
      {screen.busy && <Loading label={t("screen.screening")} />}
      {result && (
        <section aria-labelledby="screen-results" data-testid="screen-results">
          <h2 id="screen-results">{t("screen.results", { name: result.query.name })}</h2>
          <p className="muted">
            {t("screen.lists")}:{" "}
            {Object.entries(answer.listVersions).map(([l, v]) => (
              <span key={l} title={v}>
                <code>{l}</code>{" "}
              </span>
            ))}{" "}
            · {t("screen.thresholdUsed", { value: result.query.threshold })}
          </p>
          {result.matches.length === 0 ? (
            <Empty>{t("screen.noMatches")}</Empty>
          ) : (
            result.matches.map((m) => (
              <MatchCard
                key={m.entityId}
                match={m}
                queryName={result.query.name}
                onDecided={() => void screen.run(form)}
              />
            ))
          )}
          {result.decided.length > 0 && (
            <>
              <h3>{t("screen.decided")}</h3>
              {result.decided.map((m) => (
                <MatchCard key={m.entityId} match={m} queryName={result.query.name} />
              ))}
            </>
          )}
        </section>
      )}
    </div>
  );
}

function MatchCard(props: { match: ScreeningMatch; queryName: string; onDecided?: () => void }) {
  const { t } = useTranslation();
  const m = props.match;
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState(false);
  // one decision on every source of the party (copies across lists), each at its entry version
  const decide = useAction(async (decision: "false-positive" | "confirmed") => {
    if (!note.trim()) {
      setNoteError(true);
      return false;
    }
    await post("/v1/screening-decisions", {
      entries: m.sources.map((s) => ({ entityId: s.entityId, entityVersion: s.entityVersion })),
      queryName: props.queryName,
      decision,
      note: note.trim(),
    });
    props.onDecided?.();
    return true;
  });
  const pct = Math.round(m.score * 100);
  return (
    <article className="match" aria-label={m.name} data-entity={m.entityId}>
      <header>
        <h3>
          <span className="list-name">{m.name}</span>
          {m.matchedName !== m.name && (
            <span className="muted">
              {" "}
              — {t("screen.matchedName")}: {m.matchedName}
            </span>
          )}
        </h3>
        <div className="score" aria-label={t("screen.score", { value: pct })}>
          <span className="score-bar" aria-hidden="true">
            <span style={{ width: `${pct}%` }} />
          </span>
          <strong>{pct}%</strong>
        </div>
      </header>
      <dl className="facts-grid">
        <dt>{t("screen.list")}</dt>
        <dd>
          <code>{m.list}</code> · <code>{m.entityId}</code>{" "}
          {m.url && (
            <a href={m.url} target="_blank" rel="noreferrer noopener">
              {t("screen.entryLink")}
            </a>
          )}
        </dd>
        {m.sources.length > 1 && (
          <>
            <dt>{t("screen.sources", { count: m.sources.length })}</dt>
            <dd>
              <ul className="sources" data-testid="match-sources">
                {m.sources.map((s) => (
                  <li key={s.entityId}>
                    <code>{s.list}</code> {s.sourceId} — {s.name}{" "}
                    {s.url && (
                      <a href={s.url} target="_blank" rel="noreferrer noopener">
                        {t("screen.entryLink")}
                      </a>
                    )}
                    {s.decision && (
                      <span className="muted">
                        {" "}
                        ·{" "}
                        {t("screen.sourceDecided", { decision: t(`screen.decision.${s.decision.decision}`) })}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {(m.via ?? []).map((v) => (
          <dd key={v.native} className="muted">
            {t("screen.via", { native: v.native, listed: v.listed, source: v.source })}
          </dd>
        ))}
        <dt>{t("screen.alignment")}</dt>
        <dd>
          {m.alignment.length === 0 ? (
            "—"
          ) : (
            <ul className="alignment">
              {m.alignment.map(([q, l], i) => (
                <li key={i}>
                  <code>{q || "∅"}</code> <span aria-label={t("screen.meets")}>⇄</span>{" "}
                  <code>{l || "∅"}</code>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <details className="features">
        <summary>{t("screen.features")}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("screen.feature")}</th>
              <th scope="col">{t("screen.value")}</th>
            </tr>
          </thead>
          <tbody>
            {FEATURE_ORDER.filter((k) => k in m.features).map((k) => (
              <tr key={k}>
                <th scope="row">
                  {t(`feature.${k}`, { defaultValue: k })} <code className="muted">{k}</code>
                </th>
                <td>{m.features[k]!.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">{t("screen.featuresHint")}</p>
      </details>
      {m.decision ? (
        <p className={`badge decision-${m.decision.decision}`}>
          {t(`screen.decision.${m.decision.decision}`)}
          {m.decision.note ? ` — ${m.decision.note}` : ""}
        </p>
      ) : (
        props.onDecided && (
          <div className="decide">
            <Field label={t("screen.note")} error={noteError ? t("screen.noteRequired") : undefined}>
              {(a) => (
                <input
                  {...a}
                  required
                  value={note}
                  onChange={(e) => {
                    setNote(e.target.value);
                    if (e.target.value.trim()) setNoteError(false);
                  }}
                />
              )}
            </Field>
            {m.sources.length > 1 && <p className="hint">{t("screen.decidesAll")}</p>}
            <div className="actions">
              <button
                type="button"
                className="secondary"
                disabled={decide.busy}
                onClick={() => void decide.run("false-positive")}
              >
                {t("screen.markFalsePositive")}
              </button>
              <button
                type="button"
                className="danger"
                disabled={decide.busy}
                onClick={() => void decide.run("confirmed")}
              >
                {t("screen.markConfirmed")}
              </button>
            </div>
            <ErrorNotice error={decide.error} />
          </div>
        )
      )}
    </article>
  );
}
