/** Shared pieces: requests with loading and error states, labelled fields with their problems, badges. */
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, type Evidence, type FactRef } from "./api.ts";
import { errorHeadline, translateMessage } from "./messages.ts";
import { currentLang } from "./i18n.ts";

// ----------------------------------------------------------------------------------------------- requests

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` when `key` changes (and on reload); the previous answer stays shown while reloading. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string | null): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({
    loading: key !== null,
  });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    if (key === null) return;
    const ctl = new AbortController();
    setState((s) => ({ data: s.data, loading: true }));
    loadRef.current(ctl.signal).then(
      (data) => !ctl.signal.aborted && setState({ data, loading: false }),
      (error: unknown) => !ctl.signal.aborted && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => ctl.abort();
  }, [key, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** A user action that calls the server: busy while running, its error kept until the next try. */
export function useAction<A extends unknown[], T>(fn: (...args: A) => Promise<T>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const run = useCallback(
    async (...args: A): Promise<T | undefined> => {
      setBusy(true);
      setError(undefined);
      try {
        return await fn(...args);
      } catch (e) {
        setError(e);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [fn],
  );
  return { run, busy, error, setError };
}

/** `value` after it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

// ---------------------------------------------------------------------------------------- states shown

export function Loading(props: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {props.label ?? t("common.loading")}
    </p>
  );
}

/** A server message in the user's language; the server's own English words when no translation is known. */
export function ServerMessage(props: { message: string }) {
  const { t } = useTranslation();
  const m = translateMessage(props.message, t);
  return m.original ? (
    <span>
      <span lang="en">{m.text}</span> <span className="muted">({t("common.serverWords")})</span>
    </span>
  ) : (
    <span>{m.text}</span>
  );
}

/**
 * A failed request: what happened in the user's language, the server's detail, and the field problems that
 * no field on the page shows (`shownPaths` lists those the form shows beside its fields).
 */
export function ErrorNotice(props: { error: unknown; onRetry?: () => void; shownPaths?: Set<string> }) {
  const { t } = useTranslation();
  const e = props.error;
  if (e === undefined || e === null) return null;
  const api = e instanceof ApiError ? e : undefined;
  const rest = api?.errors.filter((p) => !props.shownPaths?.has(p.path)) ?? [];
  const beside = (api?.errors.length ?? 0) - rest.length;
  return (
    <div className="notice error" role="alert">
      <strong>{errorHeadline(e, t)}</strong>
      {api?.detail && api.errors.length === 0 && (
        <p>
          <ServerMessage message={api.detail} />
        </p>
      )}
      {beside > 0 && <p>{t("err.seeFields", { count: beside })}</p>}
      {rest.length > 0 && (
        <ul>
          {rest.map((p, i) => (
            <li key={i}>
              <code>{p.path}</code>: <ServerMessage message={p.message} />
            </li>
          ))}
        </ul>
      )}
      {!api && e instanceof Error && <p lang="en">{e.message}</p>}
      {props.onRetry && (
        <button type="button" className="secondary" onClick={props.onRetry}>
          {t("common.retry")}
        </button>
      )}
    </div>
  );
}

// ------------------------------------------------------------------------------------------------- fields

export function FieldError(props: { id: string; message?: ReactNode }) {
  if (props.message === undefined || props.message === null || props.message === false) return null;
  return (
    <div className="field-error" id={props.id}>
      {props.message}
    </div>
  );
}

/** A labelled control with its hint and problem; the control gets the id and the aria wiring. */
export function Field(props: {
  label: ReactNode;
  error?: ReactNode;
  hint?: ReactNode;
  className?: string;
  children: (a: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
}) {
  const id = useId();
  const errId = `${id}-err`;
  const hintId = `${id}-hint`;
  const describedBy = [props.hint ? hintId : "", props.error ? errId : ""].filter(Boolean).join(" ");
  return (
    <div className={`field ${props.error ? "has-error" : ""} ${props.className ?? ""}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children({
        id,
        "aria-invalid": Boolean(props.error),
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
      })}
      {props.hint && (
        <div className="hint" id={hintId}>
          {props.hint}
        </div>
      )}
      <FieldError id={errId} message={props.error} />
    </div>
  );
}

// ------------------------------------------------------------------------------------------------- badges

export function EvidenceBadge(props: { evidence: Evidence }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ev-${props.evidence}`} title={t(`evidenceHelp.${props.evidence}`)}>
      {t(`evidence.${props.evidence}`)}
    </span>
  );
}

/** The meaning of the evidence marks, shown where the marks are (the trace, the timeline). */
export function EvidenceLegend() {
  const { t } = useTranslation();
  return (
    <details className="evidence-legend" data-testid="evidence-legend">
      <summary>{t("evidenceHelp.title")}</summary>
      <dl>
        {(["verified", "reported", "unverified"] as const).map((e) => (
          <div key={e}>
            <dt>
              <EvidenceBadge evidence={e} />
            </dt>
            <dd>{t(`evidenceHelp.${e}`)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

export function Period(props: { from: string; to?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <span className="period">
      {props.to
        ? t("common.period", { from: props.from, to: props.to })
        : t("common.since", { from: props.from })}
    </span>
  );
}

/** A dated fact with its evidence and every citation linked to its source. */
export function Fact(props: { fact: FactRef }) {
  const { t } = useTranslation();
  const f = props.fact;
  return (
    <div className="fact">
      <div className="fact-head">
        <code>{f.id}</code> <EvidenceBadge evidence={f.evidence} /> <Period from={f.from} to={f.to} />
      </div>
      {f.cite.length > 0 && (
        <ul className="cites" aria-label={t("trace.sources")}>
          {f.cite.map((c, i) => (
            <li key={i}>
              {c.url ? (
                <a href={c.url} target="_blank" rel="noreferrer noopener">
                  {c.provision ?? c.url}
                </a>
              ) : (
                c.provision
              )}
              {c.note && <span className="muted"> — {c.note}</span>}
            </li>
          ))}
        </ul>
      )}
      {f.note && (
        <p className="fact-note" lang={f.noteText?.[currentLang()] ? currentLang() : "en"}>
          {f.note}
        </p>
      )}
    </div>
  );
}

/** Empty list placeholder. */
export function Empty(props: { children: ReactNode }) {
  return <p className="empty">{props.children}</p>;
}
