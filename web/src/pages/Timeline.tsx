/**
 * Relations over time: for two regimes (default JP ⇄ KR) each side's classification of the other, with the
 * special measures as bands and every change date leading to its sources; and one regime's classification
 * of any country over time.
 */
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, get, query, type FactRef, type Measure, type Regime, type Timeline } from "../api.ts";
import { CountryInput } from "../combobox.tsx";
import { countryName, isCountryCode } from "../countries.ts";
import { currentLang } from "../i18n.ts";
import { LegalTerm, termText } from "../legal.tsx";
import { useLocation, navigate } from "../router.tsx";
import { labelRoom } from "../timeline-layout.ts";
import { ErrorNotice, EvidenceLegend, Fact, Field, Loading, Period, useDebounced, useLoad } from "../ui.tsx";

// ------------------------------------------------------------------------------------------- data

interface Lane {
  key: string;
  regime: string;
  country: string;
  timeline: Timeline;
}

interface Change {
  key: string;
  date: string;
  lane?: Lane | undefined;
  kind: "group" | "measure-start" | "measure-end";
  before: string[];
  after: string[];
  measure?: Measure | undefined;
  facts: FactRef[];
}

/** The dates on which a lane's groups change, each with the facts that start or end on that day. */
function changesOf(lane: Lane): Change[] {
  const out: Change[] = [];
  const ps = lane.timeline.periods;
  ps.forEach((p, i) => {
    const prev = ps[i - 1];
    if (prev && prev.to === p.from) {
      const facts = [
        ...p.facts.filter((f) => f.from === p.from),
        ...prev.facts.filter((f) => f.to === p.from),
      ];
      out.push({
        key: `${lane.key}:${p.from}`,
        date: p.from,
        lane,
        kind: "group",
        before: prev.groups,
        after: p.groups,
        facts: facts.length ? facts : p.facts,
      });
    }
    if (p.to && !ps[i + 1]) {
      out.push({
        key: `${lane.key}:${p.to}`,
        date: p.to,
        lane,
        kind: "group",
        before: p.groups,
        after: [],
        facts: p.facts.filter((f) => f.to === p.to),
      });
    }
  });
  return out;
}

function measureChanges(measures: Measure[], lane: Lane | undefined): Change[] {
  const fact = (m: Measure): FactRef => ({
    id: m.id,
    from: m.from,
    ...(m.to ? { to: m.to } : {}),
    evidence: m.evidence,
    cite: m.cite,
    ...(m.note ? { note: m.note } : {}),
  });
  return measures.flatMap((m) => [
    {
      key: `${m.id}:start`,
      date: m.from,
      lane,
      kind: "measure-start" as const,
      before: [],
      after: [],
      measure: m,
      facts: [fact(m)],
    },
    ...(m.to
      ? [
          {
            key: `${m.id}:end`,
            date: m.to,
            lane,
            kind: "measure-end" as const,
            before: [],
            after: [],
            measure: m,
            facts: [fact(m)],
          },
        ]
      : []),
  ]);
}

const dayNumber = (d: string) =>
  Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 864e5;
const today = () => new Date().toISOString().slice(0, 10);

/** Measures of `regime` concerning `country`, from the read-only measures endpoint when the server has it. */
async function loadMeasures(regime: string, country: string, signal: AbortSignal): Promise<Measure[] | null> {
  try {
    const r = await get<{ measures: Measure[] }>(
      `/v1/regimes/${regime}/measures${query({ country })}`,
      signal,
    );
    return r.measures.filter((m) => !m.destinations?.countries || m.destinations.countries.includes(country));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null; // this server has no measures endpoint
    throw e;
  }
}

// ------------------------------------------------------------------------------------------- page

export function TimelinePage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const mode = search.get("mode") === "country" ? "country" : "relations";
  return (
    <div>
      <h1>{t("timeline.title")}</h1>
      <div className="tabs" role="tablist" aria-label={t("timeline.title")}>
        {(["relations", "country"] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            className={mode === m ? "tab active" : "tab"}
            onClick={() => navigate(`/timeline${m === "country" ? "?mode=country" : ""}`, true)}
          >
            {t(`timeline.mode.${m}`)}
          </button>
        ))}
      </div>
      {mode === "relations" ? <Relations /> : <CountryTimeline />}
    </div>
  );
}

function useRegimes() {
  return useLoad((s) => get<{ regimes: Regime[] }>("/v1/regimes", s), "regimes");
}

function Relations() {
  const { t } = useTranslation();
  const regimes = useRegimes();
  const [a, setA] = useState("JP");
  const [b, setB] = useState("KR");
  const ids = regimes.data?.regimes.map((r) => r.id) ?? ["JP", "KR"];
  const key = a && b && a !== b ? `${a}|${b}` : null;
  const data = useLoad(async (signal) => {
    const [ab, ba, mab, mba] = await Promise.all([
      get<Timeline>(`/v1/regimes/${a}/timeline${query({ country: b })}`, signal),
      get<Timeline>(`/v1/regimes/${b}/timeline${query({ country: a })}`, signal),
      loadMeasures(a, b, signal),
      loadMeasures(b, a, signal),
    ]);
    const lanes: Lane[] = [
      { key: `${a}>${b}`, regime: a, country: b, timeline: ab },
      { key: `${b}>${a}`, regime: b, country: a, timeline: ba },
    ];
    return { lanes, measures: [mab, mba] as const };
  }, key);
  return (
    <section aria-labelledby="relations-title">
      <h2 id="relations-title" className="visually-hidden">
        {t("timeline.mode.relations")}
      </h2>
      <p className="muted">{t("timeline.relationsIntro")}</p>
      <div className="row">
        <Field label={t("timeline.regimeA")}>
          {(p) => (
            <select {...p} value={a} onChange={(e) => setA(e.target.value)}>
              {ids.map((id) => (
                <option key={id} value={id}>
                  {t(`regime.${id}`, { defaultValue: id })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button
          type="button"
          className="secondary swap"
          onClick={() => {
            setA(b);
            setB(a);
          }}
          aria-label={t("timeline.swap")}
        >
          ⇄
        </button>
        <Field label={t("timeline.regimeB")} error={a === b ? t("timeline.sameRegime") : undefined}>
          {(p) => (
            <select {...p} value={b} onChange={(e) => setB(e.target.value)}>
              {ids.map((id) => (
                <option key={id} value={id}>
                  {t(`regime.${id}`, { defaultValue: id })}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {regimes.error !== undefined && <ErrorNotice error={regimes.error} onRetry={regimes.reload} />}
      {data.loading && <Loading />}
      <ErrorNotice error={data.error} onRetry={data.reload} />
      {data.data && key && (
        <TimelineView
          lanes={data.data.lanes}
          measures={[
            ...(data.data.measures[0] ?? []).map((m) => ({ m, lane: data.data!.lanes[0]! })),
            ...(data.data.measures[1] ?? []).map((m) => ({ m, lane: data.data!.lanes[1]! })),
          ]}
          measuresUnavailable={data.data.measures.every((m) => m === null)}
        />
      )}
    </section>
  );
}

function CountryTimeline() {
  const { t } = useTranslation();
  const regimes = useRegimes();
  const [regime, setRegime] = useState("JP");
  const [country, setCountry] = useState("KR");
  const code = useDebounced(country.trim().toUpperCase(), 300);
  const valid = isCountryCode(code);
  const data = useLoad(
    async (signal) => {
      const [tl, measures] = await Promise.all([
        get<Timeline>(`/v1/regimes/${regime}/timeline${query({ country: code })}`, signal),
        loadMeasures(regime, code, signal),
      ]);
      return { lane: { key: `${regime}>${code}`, regime, country: code, timeline: tl }, measures };
    },
    valid ? `${regime}|${code}` : null,
  );
  return (
    <section aria-labelledby="country-title">
      <h2 id="country-title" className="visually-hidden">
        {t("timeline.mode.country")}
      </h2>
      <div className="row">
        <Field label={t("check.regime")}>
          {(p) => (
            <select {...p} value={regime} onChange={(e) => setRegime(e.target.value)}>
              {(regimes.data?.regimes.map((r) => r.id) ?? ["JP", "KR"]).map((id) => (
                <option key={id} value={id}>
                  {t(`regime.${id}`, { defaultValue: id })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={t("timeline.country")}
          error={
            country.trim() && !isCountryCode(country.trim().toUpperCase())
              ? t("msg.unknownCountry", { value: country })
              : undefined
          }
        >
          {(p) => <CountryInput {...p} value={country} onChange={setCountry} />}
        </Field>
      </div>
      {data.loading && <Loading />}
      <ErrorNotice error={data.error} onRetry={data.reload} />
      {data.data && valid && (
        <TimelineView
          lanes={[data.data.lane]}
          measures={(data.data.measures ?? []).map((m) => ({ m, lane: data.data!.lane }))}
          measuresUnavailable={data.data.measures === null}
        />
      )}
    </section>
  );
}

// ------------------------------------------------------------------------------------------- chart

const GROUP_TONE: Record<string, number> = {
  A: 0,
  가: 0,
  가의1: 1,
  B: 2,
  가의2: 2,
  C: 3,
  나: 3,
  D: 4,
  나의2: 4,
};

/** Less room than this (percent of the track) and a band's label is left out: its title still tells. */
const MIN_LABEL_ROOM = 1.5;

function TimelineView(props: {
  lanes: Lane[];
  measures: { m: Measure; lane: Lane }[];
  measuresUnavailable: boolean;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  const { lanes, measures } = props;
  const start = lanes.map((l) => l.timeline.periods[0]?.from ?? today()).sort()[0] ?? today();
  const lastDate = [today(), ...lanes.flatMap((l) => l.timeline.periods.map((p) => p.to ?? p.from))]
    .sort()
    .at(-1)!;
  const endDay = dayNumber(lastDate) + 180;
  const startDay = dayNumber(start);
  const pos = (d: string) =>
    Math.max(0, Math.min(100, ((dayNumber(d) - startDay) / (endDay - startDay)) * 100));
  const changes = useMemo(
    () =>
      [
        ...lanes.flatMap(changesOf),
        ...props.measures.flatMap(({ m, lane }) => measureChanges([m], lane)),
      ].sort((x, y) => x.date.localeCompare(y.date) || x.key.localeCompare(y.key)),
    [lanes, props.measures],
  );
  const [selected, setSelected] = useState<string | null>(null);
  const sel = changes.find((c) => c.key === selected);
  const years: number[] = [];
  for (let y = Number(start.slice(0, 4)) + 1; `${y}-01-01` <= lastDate; y++) years.push(y);
  // a measure's label runs only to the next band of its lane (labelRoom), so that labels never overlap
  const bandsOf = (l: Lane) => {
    const bands = measures
      .filter((x) => x.lane.key === l.key)
      .map(({ m }) => ({ m, start: pos(m.from), end: m.to ? pos(m.to) : 100 }));
    const room = labelRoom(bands);
    return bands.map((b, i) => ({ ...b, width: Math.max(b.end - b.start, 0.01), room: room[i]! }));
  };
  const laneLabel = (l: Lane) =>
    t("timeline.laneLabel", {
      regime: t(`regime.${l.regime}`, { defaultValue: l.regime }),
      country: countryName(l.country, lang),
    });

  return (
    <div className="timeline" data-testid="timeline">
      <div className="chart" role="group" aria-label={t("timeline.chart")}>
        <div className="axis" aria-hidden="true">
          {years.map((y) => (
            <span key={y} className={`tick ${y % 2 ? "odd" : ""}`} style={{ left: `${pos(`${y}-01-01`)}%` }}>
              {y}
            </span>
          ))}
        </div>
        {lanes.map((l) => (
          <div className="lane" key={l.key}>
            <div className="lane-label">
              <code>
                {l.regime} → {l.country}
              </code>{" "}
              {laneLabel(l)}
            </div>
            <div className="lane-track">
              {bandsOf(l).map(({ m, start, width, room }) => (
                <div
                  key={m.id}
                  className="band"
                  style={{ left: `${start}%`, width: `${width}%` }}
                  title={`${m.title} (${m.from} – ${m.to ?? ""})`}
                >
                  {room >= MIN_LABEL_ROOM && (
                    <span className="band-label" style={{ maxWidth: `${(room / width) * 100}%` }}>
                      {t("timeline.measure")}
                    </span>
                  )}
                </div>
              ))}
              {l.timeline.periods.map((p) => (
                <div
                  key={p.from}
                  className={`segment tone-${GROUP_TONE[p.groups[0] ?? ""] ?? 5}`}
                  style={{ left: `${pos(p.from)}%`, width: `${(p.to ? pos(p.to) : 100) - pos(p.from)}%` }}
                  title={`${p.groups.map((g) => termText("group", l.regime, g, lang)).join(", ")}: ${p.from} – ${p.to ?? ""}`}
                >
                  <span className="segment-label">{p.groups.join(", ")}</span>
                </div>
              ))}
              {changes
                .filter((c) => c.lane?.key === l.key)
                .map((c) => (
                  <button
                    key={c.key}
                    type="button"
                    className={`marker ${c.kind !== "group" ? "marker-measure" : ""} ${selected === c.key ? "selected" : ""}`}
                    style={{ left: `${pos(c.date)}%` }}
                    aria-label={`${c.date}: ${laneLabel(l)}`}
                    title={c.date}
                    onClick={() => setSelected(c.key)}
                  />
                ))}
            </div>
          </div>
        ))}
        <div className="legend">
          {measures.length > 0 && (
            <span>
              <span className="swatch band" aria-hidden="true" /> {t("timeline.measureLegend")}
            </span>
          )}
          <span>
            <span className="swatch marker" aria-hidden="true" /> {t("timeline.changeLegend")}
          </span>
        </div>
      </div>
      {props.measuresUnavailable && <p className="hint">{t("timeline.noMeasuresEndpoint")}</p>}

      {sel && (
        <ChangeDetail
          change={sel}
          laneLabel={sel.lane ? laneLabel(sel.lane) : ""}
          onClose={() => setSelected(null)}
        />
      )}

      <h3>{t("timeline.changes")}</h3>
      <ol className="changes" data-testid="changes">
        {changes.map((c) => (
          <li key={c.key} data-date={c.date} className={selected === c.key ? "selected" : ""}>
            <button
              type="button"
              className="link date"
              onClick={() => setSelected(c.key)}
              aria-expanded={selected === c.key}
            >
              {c.date}
            </button>{" "}
            <ChangeSummary change={c} laneLabel={c.lane ? laneLabel(c.lane) : ""} />{" "}
            {c.facts.flatMap((f) => f.cite).find((x) => x.url) && (
              <a
                className="source"
                href={c.facts.flatMap((f) => f.cite).find((x) => x.url)!.url}
                target="_blank"
                rel="noreferrer noopener"
              >
                {t("timeline.source")}
              </a>
            )}
          </li>
        ))}
      </ol>

      <h3>{t("timeline.periods")}</h3>
      {lanes.map((l) => (
        <div key={l.key} className="table-wrap">
          <table className="periods">
            <caption>{laneLabel(l)}</caption>
            <thead>
              <tr>
                <th scope="col">{t("timeline.from")}</th>
                <th scope="col">{t("timeline.to")}</th>
                <th scope="col">{t("timeline.groups")}</th>
                <th scope="col">{t("timeline.sources")}</th>
              </tr>
            </thead>
            <tbody>
              {l.timeline.periods.map((p) => (
                <tr key={p.from}>
                  <td className="nowrap">{p.from}</td>
                  <td className="nowrap">{p.to ?? t("timeline.open")}</td>
                  <td>
                    {p.groups.map((g, i) => (
                      <span key={g}>
                        {i > 0 && ", "}
                        <LegalTerm kind="group" regime={l.regime} id={g} />
                      </span>
                    ))}
                  </td>
                  <td>
                    <details>
                      <summary>{t("timeline.factsCount", { count: p.facts.length })}</summary>
                      {p.facts.map((f, i) => (
                        <Fact key={i} fact={f} />
                      ))}
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <p className="muted small">
        {t("result.policyVersion")}:{" "}
        {lanes.map((l) => (
          <code key={l.key} className="hash">
            {l.regime} {l.timeline.policyVersion}{" "}
          </code>
        ))}
      </p>
    </div>
  );
}

function ChangeSummary(props: { change: Change; laneLabel: string }) {
  const { t } = useTranslation();
  const c = props.change;
  const regime = c.lane?.regime ?? "";
  const groups = (gs: string[]) =>
    gs.length === 0
      ? t("timeline.none")
      : gs.map((g, i) => (
          <span key={g}>
            {i > 0 && ", "}
            <LegalTerm kind="group" regime={regime} id={g} />
          </span>
        ));
  if (c.kind !== "group")
    return (
      <span>
        <span className="muted">{props.laneLabel}:</span>{" "}
        {t(c.kind === "measure-start" ? "timeline.measureStarts" : "timeline.measureEnds")}{" "}
        <code>{c.measure?.id}</code>
      </span>
    );
  return (
    <span>
      <span className="muted">{props.laneLabel}:</span> {groups(c.before)} → {groups(c.after)}
    </span>
  );
}

function ChangeDetail(props: { change: Change; laneLabel: string; onClose: () => void }) {
  const { t } = useTranslation();
  const c = props.change;
  return (
    <section
      className="change-detail"
      aria-label={t("timeline.changeOn", { date: c.date })}
      data-testid="change-detail"
    >
      <header>
        <h3>{t("timeline.changeOn", { date: c.date })}</h3>
        <button type="button" className="secondary small" onClick={props.onClose}>
          {t("common.close")}
        </button>
      </header>
      <p>
        <ChangeSummary change={c} laneLabel={props.laneLabel} />
      </p>
      {c.measure && (
        <p lang="en">
          {c.measure.title} <Period from={c.measure.from} to={c.measure.to} />
        </p>
      )}
      <h4>{t("timeline.sources")}</h4>
      {c.facts.map((f, i) => (
        <Fact key={i} fact={f} />
      ))}
      <EvidenceLegend />
    </section>
  );
}
