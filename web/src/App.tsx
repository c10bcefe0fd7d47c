/** The shell: who is logged in, the navigation, the language switch, and the page for the path. */
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { get, onUnauthorised, post, type Me } from "./api.ts";
import { currentLang, LANGUAGES, setLanguage, type Lang } from "./i18n.ts";
import { Link, navigate, useLocation } from "./router.tsx";
import { ErrorNotice, Field, Loading, useAction } from "./ui.tsx";
import { NotificationBell } from "./notifications.tsx";
import { AdminPage } from "./pages/Admin.tsx";
import { CheckPage } from "./pages/Check.tsx";
import { ChecksPage, CheckDetailPage } from "./pages/Checks.tsx";
import { ImpactPage } from "./pages/Impact.tsx";
import { LicencesPage } from "./pages/Licences.tsx";
import { ProductsPage } from "./pages/Products.tsx";
import { ScreenPage } from "./pages/Screen.tsx";
import { TimelinePage } from "./pages/Timeline.tsx";

export function App() {
  const { t } = useTranslation();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [meError, setMeError] = useState<unknown>(undefined);
  const loadMe = useCallback(() => {
    setMeError(undefined);
    get<Me>("/v1/me").then(setMe, (e: { status?: number }) => {
      if (e.status === 401) setMe(null);
      else setMeError(e);
    });
  }, []);
  useEffect(loadMe, [loadMe]);
  useEffect(() => onUnauthorised(() => setMe(null)), []);

  if (meError) return <ErrorNotice error={meError} onRetry={loadMe} />;
  if (me === undefined)
    return (
      <main className="page">
        <Loading />
      </main>
    );
  return (
    <>
      <a className="skip" href="#main">
        {t("nav.skip")}
      </a>
      <Header me={me} onLogout={() => setMe(null)} />
      <main id="main" className="page" tabIndex={-1}>
        {me ? <Routes me={me} /> : <Login onLogin={setMe} />}
      </main>
    </>
  );
}

/** The user's language, told to the server too (their e-mails are written in it). */
const tellServer = (lang: Lang) => void post("/v1/me/lang", { lang }).catch(() => {});

function LanguageSwitch(props: { signedIn: boolean }) {
  const { t } = useTranslation();
  useEffect(() => {
    if (props.signedIn) tellServer(currentLang());
  }, [props.signedIn]);
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t("nav.language")}</span>
      <select
        aria-label={t("nav.language")}
        value={currentLang()}
        onChange={(e) => {
          setLanguage(e.target.value as Lang);
          if (props.signedIn) tellServer(e.target.value as Lang);
        }}
        data-testid="language"
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function Header(props: { me: Me | null; onLogout: () => void }) {
  const { t } = useTranslation();
  const { path } = useLocation();
  const logout = useAction(async () => {
    await post("/v1/auth/logout");
    props.onLogout();
    navigate("/");
  });
  const links: [string, string][] = [
    ["/check", t("nav.check")],
    ["/screen", t("nav.screen")],
    ["/timeline", t("nav.timeline")],
    ["/licences", t("nav.licences")],
    ["/products", t("nav.products")],
    ["/checks", t("nav.checks")],
    ["/impact", t("nav.impact")],
    ...(props.me?.role === "admin" ? ([["/admin", t("nav.admin")]] as [string, string][]) : []),
  ];
  return (
    <header className="top">
      <div className="brand">
        <span className="logo" aria-hidden="true">
          ⊕
        </span>{" "}
        tradectl
      </div>
      {props.me && (
        <nav aria-label={t("nav.main")}>
          <ul>
            {links.map(([href, label]) => (
              <li key={href}>
                <Link
                  href={href}
                  aria-current={
                    path === href || (href !== "/" && path.startsWith(href + "/")) ? "page" : undefined
                  }
                >
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <div className="top-right">
        <LanguageSwitch signedIn={props.me !== null} />
        {props.me && (
          <>
            <NotificationBell />
            <span className="who" title={props.me.email}>
              {props.me.email} · {t(`role.${props.me.role}`)}
            </span>
            <button
              type="button"
              className="secondary small"
              onClick={() => void logout.run()}
              disabled={logout.busy}
            >
              {t("nav.logout")}
            </button>
          </>
        )}
      </div>
      {logout.error !== undefined && <ErrorNotice error={logout.error} />}
    </header>
  );
}

function Routes(props: { me: Me }) {
  const { t } = useTranslation();
  const { path } = useLocation();
  const title = (s: string) => {
    document.title = `${s} · tradectl`;
  };
  if (path === "/" || path === "/check") {
    title(t("nav.check"));
    return <CheckPage me={props.me} />;
  }
  if (path === "/screen") {
    title(t("nav.screen"));
    return <ScreenPage />;
  }
  if (path === "/timeline") {
    title(t("nav.timeline"));
    return <TimelinePage />;
  }
  if (path === "/licences") {
    title(t("nav.licences"));
    return <LicencesPage me={props.me} />;
  }
  if (path === "/products") {
    title(t("nav.products"));
    return <ProductsPage me={props.me} />;
  }
  if (path === "/impact") {
    title(t("nav.impact"));
    return <ImpactPage />;
  }
  if (path === "/admin" && props.me.role === "admin") {
    title(t("nav.admin"));
    return <AdminPage me={props.me} />;
  }
  if (path === "/checks") {
    title(t("nav.checks"));
    return <ChecksPage />;
  }
  const m = /^\/checks\/([0-9a-f-]{36})$/i.exec(path);
  if (m?.[1]) {
    title(t("nav.checks"));
    return <CheckDetailPage id={m[1]} me={props.me} />;
  }
  title(t("common.notFoundPage"));
  return (
    <section>
      <h1>{t("common.notFoundPage")}</h1>
      <Link href="/check">{t("nav.check")}</Link>
    </section>
  );
}

function Login(props: { onLogin: (me: Me) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const login = useAction(async () => {
    await post("/v1/auth/login", { email: email.trim(), password });
    props.onLogin(await get<Me>("/v1/me"));
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) errs.email = t("msg.email");
    if (!password) errs.password = t("msg.required");
    setErrors(errs);
    if (Object.keys(errs).length === 0) void login.run();
  };
  return (
    <section className="login">
      <h1>{t("login.title")}</h1>
      <p className="muted">{t("login.intro")}</p>
      <form onSubmit={submit} noValidate>
        <Field label={t("login.email")} error={errors.email}>
          {(a) => (
            <input
              {...a}
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field label={t("login.password")} error={errors.password}>
          {(a) => (
            <input
              {...a}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <ErrorNotice error={login.error} />
        <button type="submit" disabled={login.busy}>
          {login.busy ? t("common.working") : t("login.submit")}
        </button>
      </form>
    </section>
  );
}
