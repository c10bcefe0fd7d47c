/**
 * Field problems by JSON path, from two sources: the form's own checks before sending (already in the user's
 * language) and the server's problem document (translated where the sentence is known). A field shows the
 * problems of its path; the rest are listed with the request's error.
 */
import { useCallback, useState, type ReactNode } from "react";
import { ApiError } from "./api.ts";
import { ServerMessage } from "./ui.tsx";

export interface FieldErrorsApi {
  /** The problem to show beside the field at `path` (and marks the path as shown). */
  err: (path: string) => ReactNode | undefined;
  /** Paths shown beside fields in this render: the error notice lists only the others. */
  shown: Set<string>;
  setClient: (errors: Record<string, string>) => void;
  setServer: (e: unknown, rename?: (path: string) => string) => void;
  clear: (path: string) => void;
  clearAll: () => void;
  hasClient: boolean;
}

/** `o` without `key` (the same object when it has no such key, so that React skips the update). */
function without<T>(o: Record<string, T>, key: string): Record<string, T> {
  if (!(key in o)) return o;
  const copy = { ...o };
  delete copy[key];
  return copy;
}

export function useFieldErrors(): FieldErrorsApi {
  const [client, setClientState] = useState<Record<string, string>>({});
  const [server, setServerState] = useState<Record<string, string[]>>({});
  const shown = new Set<string>();
  const err = (path: string): ReactNode | undefined => {
    const c = client[path];
    const s = server[path];
    if (!c && !s) return undefined;
    shown.add(path);
    return (
      <>
        {c && <div>{c}</div>}
        {s?.map((m, i) => (
          <div key={i}>
            <ServerMessage message={m} />
          </div>
        ))}
      </>
    );
  };
  const setServer = useCallback((e: unknown, rename?: (path: string) => string) => {
    const out: Record<string, string[]> = {};
    if (e instanceof ApiError)
      for (const p of e.errors) {
        const path = rename ? rename(p.path) : p.path;
        (out[path] ??= []).push(p.message);
      }
    setServerState(out);
  }, []);
  const clear = useCallback((path: string) => {
    setClientState((c) => without(c, path));
    setServerState((s) => without(s, path));
  }, []);
  const clearAll = useCallback(() => {
    setClientState({});
    setServerState({});
  }, []);
  return {
    err,
    shown,
    setClient: setClientState,
    setServer,
    clear,
    clearAll,
    hasClient: Object.keys(client).length > 0,
  };
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A calendar date YYYY-MM-DD (no time zone involved). */
export function isCalendarDate(v: string): boolean {
  const m = ISO.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [
    31,
    y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  return d <= days[mo - 1]!;
}

/** A number typed by a person: "1,000" and full-width digits accepted; undefined when not a number. */
export function parseNumber(v: string): number | undefined {
  const s = v
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[,_\s]/g, "");
  if (s === "") return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** The session keeps drafts of forms, so that nothing typed is lost on an error, a reload or a new login. */
export function loadDraft<T>(key: string, fallback: T): T {
  try {
    const s = sessionStorage.getItem(`tradectl.draft.${key}`);
    return s ? { ...fallback, ...(JSON.parse(s) as T) } : fallback;
  } catch {
    return fallback;
  }
}
export function saveDraft(key: string, value: unknown): void {
  try {
    sessionStorage.setItem(`tradectl.draft.${key}`, JSON.stringify(value));
  } catch {
    // storage full or disabled: the form still holds the values
  }
}

/** After a failed check, move the keyboard focus to the first field with a problem. */
export function focusFirstError(): void {
  setTimeout(() => {
    const el = document.querySelector<HTMLElement>('[aria-invalid="true"]');
    el?.focus();
  }, 0);
}
