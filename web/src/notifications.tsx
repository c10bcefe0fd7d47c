/**
 * The notification bell in the header: the unread count (asked again every 30 seconds and when the window
 * regains focus), the latest notifications in the user's language, each opening its application and marked
 * read, and "mark all read".
 */
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { withAllParams } from "../../src/app/notification-params.ts";
import { get, post } from "./api.ts";
import { currentLang } from "./i18n.ts";
import { countryName } from "./countries.ts";
import { termText } from "./legal.tsx";
import { navigate } from "./router.tsx";

interface Notification {
  id: string;
  kind: string;
  applicationId: string | null;
  classificationRequestId?: string | null;
  params: Record<string, string>;
  readAt: string | null;
  createdAt: string;
}

const POLL_MS = 30_000;

export function NotificationBell() {
  const { t } = useTranslation();
  const [data, setData] = useState<{ items: Notification[]; unread: number } | undefined>(undefined);
  const [open, setOpen] = useState(false);
  const load = useCallback(() => {
    get<{ items: Notification[]; unread: number }>("/v1/notifications?limit=20").then(setData, () => {});
  }, []);
  useEffect(() => {
    load();
    const timer = setInterval(load, POLL_MS);
    window.addEventListener("focus", load);
    return () => {
      clearInterval(timer);
      window.removeEventListener("focus", load);
    };
  }, [load]);
  const openOne = async (n: Notification) => {
    setOpen(false);
    if (!n.readAt) await post("/v1/notifications/read", { ids: [n.id] }).catch(() => {});
    load();
    if (n.applicationId) navigate(`/licences?id=${n.applicationId}`);
    else if (n.classificationRequestId) navigate("/products");
  };
  const readAll = async () => {
    await post("/v1/notifications/read", {}).catch(() => {});
    load();
  };
  const unread = data?.unread ?? 0;
  const lang = currentLang();
  return (
    <div className="bell">
      <button
        type="button"
        className="secondary bell-button"
        aria-expanded={open}
        aria-controls="notifications"
        onClick={() => {
          setOpen(!open);
          if (!open) load();
        }}
        data-testid="bell"
      >
        <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" className="bell-icon">
          <path
            d="M12 2a6 6 0 0 0-6 6v3.6L4.3 15a1 1 0 0 0 .9 1.5h13.6a1 1 0 0 0 .9-1.5L18 11.6V8a6 6 0 0 0-6-6Zm0 20a3 3 0 0 0 2.8-2H9.2A3 3 0 0 0 12 22Z"
            fill="currentColor"
          />
        </svg>
        <span className="visually-hidden">{t("notify.title")}</span>
        {unread > 0 && (
          <span className="bell-count" data-testid="bell-count">
            {unread > 99 ? "99+" : unread}
            <span className="visually-hidden"> {t("notify.unread")}</span>
          </span>
        )}
      </button>
      {open && (
        <div id="notifications" className="bell-panel" role="region" aria-label={t("notify.title")}>
          <div className="bell-head">
            <strong>{t("notify.title")}</strong>
            {unread > 0 && (
              <button type="button" className="link" onClick={() => void readAll()}>
                {t("notify.readAll")}
              </button>
            )}
          </div>
          {(data?.items.length ?? 0) === 0 && <p className="muted">{t("notify.none")}</p>}
          <ul>
            {data?.items.map((n) => (
              <li key={n.id} className={n.readAt ? "read" : "unread"} data-testid="notification">
                <button type="button" className="link" onClick={() => void openOne(n)}>
                  {t(`notify.kind.${n.kind}`, {
                    defaultValue: n.kind,
                    ...withAllParams(n.params),
                    ...(n.params.licenceType && n.params.regime
                      ? { licenceType: termText("licence", n.params.regime, n.params.licenceType, lang) }
                      : {}),
                    ...(n.params.destination ? { destination: countryName(n.params.destination, lang) } : {}),
                  })}
                </button>
                <span className="muted small">
                  {new Intl.DateTimeFormat(lang, { dateStyle: "short", timeStyle: "short" }).format(
                    new Date(n.createdAt),
                  )}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
