/**
 * A check's answer in plain words: per line the outcome and why, the licence options (established first,
 * unverified ones flagged), exemptions, caveats for every unverified fact, and the legal trace as readable
 * steps, each fact dated and linked to its source.
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { localiseResult } from "../../src/app/localise.ts";
import type { PackText } from "../../src/messages/types.ts";
import type { CheckResult, Decision, Shipment, TraceStep, Verdict } from "./api.ts";
import { countryName } from "./countries.ts";
import { currentLang } from "./i18n.ts";
import { LegalTerm } from "./legal.tsx";
import { Link } from "./router.tsx";
import { EvidenceBadge, EvidenceLegend, Fact, Period } from "./ui.tsx";

export function OutcomeBadge(props: { outcome: string }) {
  const { t } = useTranslation();
  return <span className={`badge outcome-${props.outcome}`}>{t(`outcome.${props.outcome}`)}</span>;
}

/**
 * The language a sentence of the answer shows in: the reader's when it came with a message (or the pack gave a
 * rendering of its text), English for one recorded before the engine's sentences had messages.
 */
function langOf(hasMsg: unknown, lang: string): string {
  return hasMsg ? lang : "en";
}
const packLang = (t: PackText | undefined, lang: "en" | "ko" | "ja") =>
  t && (lang === "en" || t[lang]) ? lang : "en";

/** The shipment's verdict: its status, the reasons in the reader's language, and each party's matches. */
export function VerdictView(props: { verdict: Verdict }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const v = useMemo(() => localiseResult({ verdict: props.verdict }, lang).verdict, [props.verdict, lang]);
  return (
    <div className={`verdict verdict-${v.status}`} data-testid="verdict">
      <p>
        <strong>{t("verdict.title")}</strong>{" "}
        <span className={`badge verdict-badge verdict-${v.status}`}>{t(`verdict.${v.status}`)}</span>
      </p>
      <ul className="reasons" lang={langOf(v.reasonsMsg, lang)}>
        {v.reasons.map((r, i) => (
          <li key={i}>{r}</li>
        ))}
      </ul>
      {v.screening.parties.length > 0 && (
        <table className="parties">
          <thead>
            <tr>
              <th scope="col">{t("verdict.party")}</th>
              <th scope="col">{t("verdict.matches")}</th>
            </tr>
          </thead>
          <tbody>
            {v.screening.parties.map((p, i) => (
              <tr key={i}>
                <td>
                  {t(`verdict.role.${p.role}`, { defaultValue: p.role })}: {p.name}
                  {p.country && <code> {p.country}</code>}
                </td>
                <td>
                  {p.matches.length === 0
                    ? t("verdict.noMatch")
                    : p.matches.map((m) => (
                        <div key={m.entityId} className="match">
                          <code>{m.list}</code> {m.sourceId} — {m.matchedName} ({m.score.toFixed(2)})
                          {m.decision && (
                            <span className="muted">
                              {" "}
                              · {t(`verdict.decided.${m.decision.decision}`)}{" "}
                              {m.decision.createdAt.slice(0, 10)}
                            </span>
                          )}
                        </div>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {v.screening.lists.length > 0 && (
        <p className="muted small">
          {t("verdict.lists")}: {v.screening.lists.map((l) => `${l.list} (${l.count})`).join(", ")}
        </p>
      )}
    </div>
  );
}

export function CheckResultView(props: { result: CheckResult; input?: Shipment | undefined }) {
  const { t } = useTranslation();
  const lang = currentLang();
  // The engine's sentences in the reader's language, again when the language changes.
  const r = useMemo(() => localiseResult(props.result, lang), [props.result, lang]);
  return (
    <section className="result" aria-labelledby="result-title" data-testid="check-result">
      <h2 id="result-title">{t("result.title")}</h2>
      <dl className="facts-grid">
        <dt>{t("check.regime")}</dt>
        <dd>{t(`regime.${r.regime}`, { defaultValue: r.regime })}</dd>
        <dt>{t("check.date")}</dt>
        <dd>{r.date}</dd>
        <dt>{t("check.destination")}</dt>
        <dd>
          {countryName(r.destination, lang)} <code>{r.destination}</code>
        </dd>
        <dt>{t("result.destinationGroups")}</dt>
        <dd>
          {r.destinationGroups.length === 0
            ? t("result.noGroup")
            : r.destinationGroups.map((g, i) => (
                <span key={g}>
                  {i > 0 && ", "}
                  <LegalTerm kind="group" regime={r.regime} id={g} />
                </span>
              ))}
        </dd>
        <dt>{t("result.policyVersion")}</dt>
        <dd>
          <code className="hash">{r.policyVersion}</code>
        </dd>
        {r.id && (
          <>
            <dt>{t("result.recordId")}</dt>
            <dd>
              <Link href={`/checks/${r.id}`}>
                <code>{r.id}</code>
              </Link>
            </dd>
          </>
        )}
      </dl>
      {r.verdict && <VerdictView verdict={r.verdict} />}
      {r.decisions.map((d, i) => (
        <DecisionCard
          key={d.id + i}
          decision={d}
          regime={r.regime}
          item={props.input?.items[i]}
          openTrace={r.decisions.length <= 3}
        />
      ))}
    </section>
  );
}

function plainReason(d: Decision, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (d.outcome === "undetermined") return t("result.reason.undetermined");
  if (d.outcome === "no-licence-required")
    return d.exemptions.length > 0 ? t("result.reason.exempt") : t("result.reason.none");
  return t(`basis.${d.basis ?? "none"}`);
}

function DecisionCard(props: {
  decision: Decision;
  regime: string;
  item?: { description?: string; controlNumber?: string | null; hsCode?: string } | undefined;
  openTrace: boolean;
}) {
  const { t } = useTranslation();
  const d = props.decision;
  const lang = currentLang();
  const measures = d.trace.filter((s) => s.kind === "special-measure");
  const label = props.item?.description || d.classification.controlNumber || props.item?.hsCode || "";
  return (
    <article className={`decision outcome-${d.outcome}`} aria-label={t("result.line", { id: d.id })}>
      <header>
        <h3>
          {t("result.line", { id: d.id })}
          {label && <span className="muted"> — {label}</span>}
        </h3>
        <OutcomeBadge outcome={d.outcome} />
      </header>
      <p className="plain">
        <strong>{t(`outcome.${d.outcome}`)}</strong>: {plainReason(d, t)}
      </p>
      {measures.length > 0 && (
        <div className="measure-cited">
          <strong>{t("result.measureApplied")}</strong>
          <ul>
            {measures.map((m, i) => {
              const f = m.facts[0];
              const url = f?.cite.find((c) => c.url)?.url;
              return (
                <li key={i}>
                  {url ? (
                    <a href={url} target="_blank" rel="noreferrer noopener">
                      <code>{m.rule}</code>
                    </a>
                  ) : (
                    <code>{m.rule}</code>
                  )}{" "}
                  {f && <Period from={f.from} to={f.to} />} —{" "}
                  <span lang={langOf(m.msg, lang)}>{m.result}</span>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {d.outcome === "undetermined" && d.missing && d.missing.length > 0 && (
        <div className="missing" role="note">
          <strong>{t("missing")}</strong>
          <ul>
            {d.missing.map((m, i) => (
              <li key={i} lang={langOf(d.missingMsg, lang)}>
                {m}
              </li>
            ))}
          </ul>
        </div>
      )}
      <dl className="facts-grid">
        <dt>{t("result.classification")}</dt>
        <dd>
          {d.classification.listed ? (
            <>
              {t("result.listed")} <code>{d.classification.controlNumber}</code>
              {d.classification.part && (
                <>
                  {" "}
                  · {t("result.part")} <code>{d.classification.part}</code>
                </>
              )}
            </>
          ) : (
            t("result.notListed")
          )}
        </dd>
        {d.outcome === "licence-required" && (
          <>
            <dt>{t("result.licenceOptions")}</dt>
            <dd>
              {d.licenceOptions.length === 0 ? (
                t("result.noOptions")
              ) : (
                <ul className="options">
                  {d.licenceOptions.map((o) => {
                    const det = d.licenceDetails.find((x) => x.id === o);
                    return (
                      <li key={o} data-licence={o}>
                        <LegalTerm kind="licence" regime={props.regime} id={o} />
                        {det && <LicenceDetail detail={det} />}
                      </li>
                    );
                  })}
                </ul>
              )}
            </dd>
          </>
        )}
        {d.unverifiedLicenceOptions.length > 0 && (
          <>
            <dt>{t("result.unverifiedOptions")}</dt>
            <dd>
              <ul className="options unverified">
                {d.unverifiedLicenceOptions.map((o) => (
                  <li key={o}>
                    <LegalTerm kind="licence" regime={props.regime} id={o} />{" "}
                    <EvidenceBadge evidence="unverified" />
                  </li>
                ))}
              </ul>
              <p className="hint">{t("result.unverifiedOptionsHint")}</p>
            </dd>
          </>
        )}
        <dt>{t("result.exemptions")}</dt>
        <dd>
          {d.exemptions.length === 0
            ? t("result.noExemptions")
            : d.exemptions.map((x, i) => (
                <span key={x}>
                  {i > 0 && ", "}
                  <LegalTerm kind="exemption" regime={props.regime} id={x} />
                </span>
              ))}
        </dd>
        {d.coveringLicences && (
          <>
            <dt>{t("result.covering")}</dt>
            <dd>
              {d.coveringLicences.length === 0
                ? t("result.noCovering")
                : d.coveringLicences.map((c) => (
                    <div key={c.licenceId + c.line}>
                      <code>{c.number}</code> (<LegalTerm kind="licence" regime={props.regime} id={c.type} />)
                      — {t("licences.remaining")}: {c.remainingQuantity ?? "∞"} / {c.remainingValue ?? "∞"}
                    </div>
                  ))}
            </dd>
          </>
        )}
      </dl>
      {d.caveats.length > 0 && (
        <div className="notice warning caveats">
          <strong>{t("result.caveats")}</strong>
          <ul>
            {d.caveats.map((c, i) => (
              <li key={i}>
                <EvidenceBadge evidence="unverified" /> <code>{c.fact}</code> —{" "}
                <span lang={langOf(c.msg, lang)}>{c.message}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <details className="trace" open={props.openTrace}>
        <summary>{t("result.trace", { count: d.trace.length })}</summary>
        <ol>
          {d.trace.map((s, i) => (
            <TraceStepView key={i} step={s} />
          ))}
        </ol>
        <EvidenceLegend />
      </details>
    </article>
  );
}

function LicenceDetail(props: { detail: Decision["licenceDetails"][number] }) {
  const { t } = useTranslation();
  const x = props.detail;
  const lang = currentLang();
  return (
    <div className="licence-detail">
      {x.evidence !== "verified" && <EvidenceBadge evidence={x.evidence} />}
      {x.validity && (
        <div>
          <span className="muted">{t("result.validity")}:</span>{" "}
          <span lang={packLang(x.text?.validity, lang)}>{x.validity}</span>
        </div>
      )}
      {x.reviewDays !== undefined && (
        <div>
          <span className="muted">{t("result.reviewDays")}:</span> {t("common.days", { count: x.reviewDays })}
        </div>
      )}
      {x.conditions && (
        <div>
          <span className="muted">{t("result.conditions")}:</span>{" "}
          <span lang={packLang(x.text?.conditions?.[0], lang)}>{x.conditions}</span>
        </div>
      )}
    </div>
  );
}

function TraceStepView(props: { step: TraceStep }) {
  const { t } = useTranslation();
  const s = props.step;
  const lang = currentLang();
  const unverified = s.facts.some((f) => f.evidence === "unverified");
  return (
    <li
      className={`step step-${s.kind} ${unverified ? "is-unverified" : ""} ${s.removedBy ? "is-removed" : ""}`}
      data-rule={s.rule}
    >
      <div className="step-head">
        <span className="step-kind">{t(`step.${s.kind}`, { defaultValue: s.kind })}</span>{" "}
        <code className="muted">{s.rule}</code>
        {s.removedBy && (
          <span className="badge removed" data-testid="removed-by">
            {t("trace.removedBy", { rule: s.removedBy })}
          </span>
        )}
      </div>
      <p className="step-result" lang={langOf(s.msg, lang)}>
        {s.result}
      </p>
      {s.note && (
        <p className="fact-note" lang={packLang(s.noteText, lang)}>
          {s.note}
        </p>
      )}
      {s.facts.map((f, i) => (
        <Fact key={i} fact={f} />
      ))}
    </li>
  );
}
