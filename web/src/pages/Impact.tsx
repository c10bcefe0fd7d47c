/**
 * What-if: upload shipments (CSV or JSON) and an overlay (a proposed change, YAML) — or pick two dates — and
 * run an impact job on the server; follow its progress and open the offline report. One button re-decides the
 * organisation's recorded checks and open applications under the policy now loaded.
 */
import { useEffect, useState, type ChangeEvent, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { get, post } from "../api.ts";
import { isCalendarDate } from "../forms.tsx";
import { pairBarChart, pairColumnChart, type PairBar } from "../../../src/impact/charts.ts";
import { termText } from "../legal.tsx";
import { ChangeBuilder } from "./change-builder.tsx";
import { ErrorNotice, Field, Loading } from "../ui.tsx";

interface Job {
  id: string;
  kind: "impact" | "recheck";
  status: "queued" | "running" | "done" | "failed";
  progress: number;
  error?: string | null;
  report?: string;
  result?: {
    totals?: { rows: number; changed: number; bad: number };
    meta?: { regime: string; currency: string };
    effects?: EffectRow[];
    byMonth?: NeedRow[];
    byItem?: NeedRow[];
    byDestination?: NeedRow[];
    workload?: {
      months: string[];
      readings: { reading: string; baseline: Plan; change: Plan }[];
    };
    checks?: number;
    applications?: number;
    changed?: unknown[];
  } | null;
}

/** A group of the report with the value that needs an individual licence under each side. */
interface NeedRow {
  key: string;
  changed: number;
  needValueBefore: Record<string, number>;
  needValueAfter: Record<string, number>;
}

/** Applications by month and licence type, on one side (src/impact/workload.ts). */
interface Plan {
  byMonth: Record<string, Record<string, number>>;
  applications: number;
}

const sum = (o: Record<string, number> | undefined) => Object.values(o ?? {}).reduce((a, b) => a + b, 0);

/** The report's before / after pictures, drawn by the same code as the HTML report, in the user's words. */
function Charts(props: { result: NonNullable<Job["result"]> }) {
  const { t, i18n } = useTranslation();
  const r = props.result;
  const words = {
    baseline: t("impact.baseline"),
    change: t("impact.changeSide"),
    noData: t("impact.noData"),
  };
  const fmt = new Intl.NumberFormat(i18n.language);
  const est = r.workload?.readings.find((x) => x.reading === "established");
  const charts: { id: string; svg: string; caption: string }[] = [];
  if (r.workload && est) {
    const bars: PairBar[] = r.workload.months.map((m) => {
      const a = sum(est.baseline.byMonth[m]);
      const b = sum(est.change.byMonth[m]);
      return { label: m, before: a, after: b, tip: `${m}: ${fmt.format(a)} ⇒ ${fmt.format(b)}` };
    });
    charts.push({
      id: "workload",
      svg: pairColumnChart(bars, t("impact.workloadChart"), t("impact.applications"), words),
      caption: t("impact.workloadTotals", {
        before: fmt.format(est.baseline.applications),
        after: fmt.format(est.change.applications),
      }),
    });
  }
  if (r.meta) {
    const c = r.meta.currency;
    const bars = (rows: NeedRow[]): PairBar[] =>
      rows.map((g) => ({
        label: g.key,
        before: g.needValueBefore[c] ?? 0,
        after: g.needValueAfter[c] ?? 0,
        tip: `${g.key}: ${c} ${fmt.format(g.needValueBefore[c] ?? 0)} ⇒ ${fmt.format(g.needValueAfter[c] ?? 0)}`,
      }));
    const changed = (rows: NeedRow[] | undefined) => (rows ?? []).filter((g) => g.changed > 0).slice(0, 15);
    if (r.byMonth)
      charts.push({
        id: "need",
        svg: pairColumnChart(bars(r.byMonth), t("impact.needChart"), c, words),
        caption: "",
      });
    if (r.byItem)
      charts.push({
        id: "need-item",
        svg: pairBarChart(bars(changed(r.byItem)), t("impact.needItemChart"), c, words),
        caption: "",
      });
    if (r.byDestination)
      charts.push({
        id: "need-destination",
        svg: pairBarChart(bars(changed(r.byDestination)), t("impact.needDestinationChart"), c, words),
        caption: "",
      });
  }
  return (
    <>
      {charts.map((c) => (
        <figure key={c.id} className="impact-chart" data-testid={`impact-chart-${c.id}`}>
          {/* the SVG is drawn by src/impact/charts.ts, which escapes every text it writes */}
          <div dangerouslySetInnerHTML={{ __html: c.svg }} />
          {c.caption && <figcaption>{c.caption}</figcaption>}
        </figure>
      ))}
    </>
  );
}

/** One class of the report's headline (src/impact/materiality.ts). */
interface EffectRow {
  effect: {
    class: string;
    licences: string[];
    possible: string[];
    basis: string | null;
    evidence: "established" | "unverified";
    restsOn: string[];
  };
  direction: "worse" | "better" | "neutral";
  lines: number;
  value: Record<string, number>;
}

/** The headline: what the change means for the lines, the most burdensome first, in the user's language. */
function Effects(props: { rows: EffectRow[]; regime: string; currency: string }) {
  const { t, i18n } = useTranslation();
  const names = (ids: string[]) => ids.map((id) => termText("licence", props.regime, id)).join(", ");
  const fmt = new Intl.NumberFormat(i18n.language);
  return (
    <>
      <h3>{t("impact.effectsTitle")}</h3>
      <ul className="effects" data-testid="impact-effects">
        {props.rows.map((r, i) => {
          const e = r.effect;
          const types = names(e.licences.length > 0 ? e.licences : e.possible);
          const value = r.value[props.currency];
          return (
            <li key={i}>
              <span className={`dir ${r.direction}`}>{t(`impact.direction.${r.direction}`)}</span>{" "}
              <b>{t("impact.effectLines", { lines: fmt.format(r.lines) })}</b>
              {value !== undefined && ` · ${props.currency} ${fmt.format(value)}`}
              {" — "}
              {t(`impact.effect.${e.class}`, { types })}
              {e.basis &&
                e.class !== "lost-licence-type" &&
                e.class !== "gained-licence-type" &&
                ` (${t(`impact.basis.${e.basis}`)})`}
              {e.licences.length > 0 &&
                e.possible.length > 0 &&
                `; ${t("impact.alsoPossible", { types: names(e.possible) })}`}
              {e.evidence === "unverified" && (
                <span className="caveat"> ({t("impact.restsOn", { facts: e.restsOn.join(", ") })})</span>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function useJob(id: string | undefined) {
  const [job, setJob] = useState<Job>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (!id) return;
    let stop = false;
    const tick = async () => {
      try {
        const j = await get<Job>(`/v1/jobs/${id}`);
        if (stop) return;
        setJob(j);
        if (j.status === "queued" || j.status === "running") setTimeout(tick, 500);
      } catch (e) {
        if (!stop) setError(e);
      }
    };
    void tick();
    return () => {
      stop = true;
    };
  }, [id]);
  return { job, error };
}

function JobView(props: { id?: string }) {
  const { t } = useTranslation();
  const { job, error } = useJob(props.id);
  if (!props.id) return null;
  if (error) return <ErrorNotice error={error} />;
  if (!job || job.status === "queued" || job.status === "running")
    return <Loading label={t("impact.running", { percent: Math.round((job?.progress ?? 0) * 100) })} />;
  if (job.status === "failed")
    return (
      <div className="notice error" role="alert">
        {t("impact.failed")}: {job.error}
      </div>
    );
  const r = job.result ?? {};
  return (
    <section className="card" aria-live="polite">
      <h2>{t("impact.done")}</h2>
      {job.kind === "impact" && r.totals && (
        <>
          <p>{t("impact.summary", { rows: r.totals.rows, changed: r.totals.changed, bad: r.totals.bad })}</p>
          {r.effects && r.effects.length > 0 && r.meta && (
            <Effects rows={r.effects} regime={r.meta.regime} currency={r.meta.currency} />
          )}
          <Charts result={r} />
          {job.report && (
            <a href={job.report} target="_blank" rel="noreferrer">
              {t("impact.openReport")}
            </a>
          )}
        </>
      )}
      {job.kind === "recheck" && (
        <p>
          {t("impact.recheckSummary", {
            checks: r.checks ?? 0,
            applications: r.applications ?? 0,
            changed: r.changed?.length ?? 0,
          })}
        </p>
      )}
    </section>
  );
}

async function readFile(e: ChangeEvent<HTMLInputElement>): Promise<string | undefined> {
  const f = e.target.files?.[0];
  return f ? f.text() : undefined;
}

export function ImpactPage() {
  const { t } = useTranslation();
  const [shipments, setShipments] = useState("");
  const [format, setFormat] = useState<"csv" | "json">("csv");
  const [records, setRecords] = useState(false);
  const [mode, setMode] = useState<"overlay" | "dates">("overlay");
  const [overlay, setOverlay] = useState("");
  const [regime, setRegime] = useState("JP");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [impactJob, setImpactJob] = useState<string>();
  const [recheckJob, setRecheckJob] = useState<string>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!records && !shipments.trim()) errs.shipments = t("impact.needShipments");
    if (mode === "overlay" && !overlay.trim()) errs.overlay = t("impact.needOverlay");
    if (mode === "dates") {
      if (!isCalendarDate(from)) errs.from = t("msg.dateFormat");
      if (!isCalendarDate(to)) errs.to = t("msg.dateFormat");
    }
    setErrors(errs);
    if (Object.keys(errs).length > 0) return;
    setSending(true);
    setFailure(undefined);
    try {
      const input = records ? { records: true } : { shipments, format };
      const body = mode === "overlay" ? { ...input, overlay } : { ...input, regime, from, to };
      setImpactJob((await post<{ id: string }>("/v1/impact", body)).id);
    } catch (err) {
      setFailure(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <section>
      <h1>{t("impact.title")}</h1>
      <p className="lead">{t("impact.lead")}</p>
      <ChangeBuilder
        onUse={(yaml) => {
          setOverlay(yaml);
          setMode("overlay");
          document.getElementById("impact-form")?.scrollIntoView();
        }}
      />
      <form onSubmit={submit} noValidate className="card" id="impact-form">
        <label className="check">
          <input type="checkbox" checked={records} onChange={(e) => setRecords(e.target.checked)} />{" "}
          {t("impact.records")}
        </label>
        <p className="hint">{t("impact.recordsHint")}</p>
        {!records && (
          <>
            <Field label={t("impact.shipments")} error={errors.shipments} hint={t("impact.shipmentsHint")}>
              {(a) => (
                <textarea {...a} rows={6} value={shipments} onChange={(e) => setShipments(e.target.value)} />
              )}
            </Field>
            <div className="row">
              <Field label={t("impact.file")}>
                {(a) => (
                  <input
                    {...a}
                    type="file"
                    accept=".csv,.json"
                    onChange={async (e) => {
                      const text = await readFile(e);
                      if (text !== undefined) {
                        setShipments(text);
                        setFormat(e.target.files?.[0]?.name.endsWith(".json") ? "json" : "csv");
                      }
                    }}
                  />
                )}
              </Field>
              <Field label={t("impact.format")}>
                {(a) => (
                  <select {...a} value={format} onChange={(e) => setFormat(e.target.value as "csv" | "json")}>
                    <option value="csv">CSV</option>
                    <option value="json">JSON</option>
                  </select>
                )}
              </Field>
            </div>
          </>
        )}
        <fieldset>
          <legend>{t("impact.change")}</legend>
          <label>
            <input
              type="radio"
              name="mode"
              checked={mode === "overlay"}
              onChange={() => setMode("overlay")}
            />{" "}
            {t("impact.overlayMode")}
          </label>{" "}
          <label>
            <input type="radio" name="mode" checked={mode === "dates"} onChange={() => setMode("dates")} />{" "}
            {t("impact.datesMode")}
          </label>
          {mode === "overlay" ? (
            <>
              <Field label={t("impact.overlay")} error={errors.overlay} hint={t("impact.overlayHint")}>
                {(a) => (
                  <textarea {...a} rows={8} value={overlay} onChange={(e) => setOverlay(e.target.value)} />
                )}
              </Field>
              <Field label={t("impact.overlayFile")}>
                {(a) => (
                  <input
                    {...a}
                    type="file"
                    accept=".yaml,.yml"
                    onChange={async (e) => {
                      const text = await readFile(e);
                      if (text !== undefined) setOverlay(text);
                    }}
                  />
                )}
              </Field>
            </>
          ) : (
            <div className="row">
              <Field label={t("impact.regime")}>
                {(a) => (
                  <select {...a} value={regime} onChange={(e) => setRegime(e.target.value)}>
                    <option value="JP">{t("regime.JP")}</option>
                    <option value="KR">{t("regime.KR")}</option>
                  </select>
                )}
              </Field>
              <Field label={t("impact.from")} error={errors.from}>
                {(a) => (
                  <input
                    {...a}
                    value={from}
                    placeholder="YYYY-MM-DD"
                    onChange={(e) => setFrom(e.target.value)}
                  />
                )}
              </Field>
              <Field label={t("impact.to")} error={errors.to}>
                {(a) => (
                  <input {...a} value={to} placeholder="YYYY-MM-DD" onChange={(e) => setTo(e.target.value)} />
                )}
              </Field>
            </div>
          )}
        </fieldset>
        <ErrorNotice error={failure} />
        <button type="submit" className="primary" disabled={sending}>
          {sending ? t("common.working") : t("impact.run")}
        </button>
      </form>
      <JobView id={impactJob} />
      <section className="card">
        <h2>{t("impact.recheckTitle")}</h2>
        <p>{t("impact.recheckLead")}</p>
        <button
          type="button"
          onClick={async () => {
            setFailure(undefined);
            try {
              setRecheckJob((await post<{ id: string }>("/v1/recheck")).id);
            } catch (err) {
              setFailure(err);
            }
          }}
        >
          {t("impact.recheck")}
        </button>
        <JobView id={recheckJob} />
      </section>
    </section>
  );
}
