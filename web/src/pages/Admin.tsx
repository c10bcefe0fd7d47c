/**
 * Administration (admins): the organisation's users (add, role, end sessions, revoke a key, disable), the
 * admin's own API keys, and the restricted-party lists (status, import from a file or the publisher's URL,
 * refresh). Every change goes through the API, which writes its audit entry.
 */
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, get, post, query, upload, type Me, type Role } from "../api.ts";
import { useFieldErrors } from "../forms.tsx";
import { ErrorNotice, Field, Loading, useAction, useLoad } from "../ui.tsx";

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabledAt: string | null;
  createdAt: string;
  apiKeys: { id: string; prefix: string; label: string; createdAt: string }[];
}
interface KeyRow {
  id: string;
  prefix: string;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}
interface ListRow {
  list: string;
  format: string;
  scope: string;
  version: string;
  count: number;
  importedAt: string;
  sourceUrl: string | null;
  fileName: string | null;
}
interface Imported {
  list: string;
  count: number;
  unchanged: boolean;
}

const ROLES: Role[] = ["exporter", "officer", "auditor", "admin"];
/** The single-file formats the API imports (multi-file ones go through the CLI). */
const FORMATS = ["csv", "csl", "un", "dpl", "eu", "uk", "jp-eul"];

export function AdminPage(props: { me: Me }) {
  const { t } = useTranslation();
  return (
    <section className="admin">
      <h1>{t("admin.title")}</h1>
      <p className="hint">{t("admin.auditHint")}</p>
      <Users me={props.me} />
      <MyKeys />
      <Lists />
    </section>
  );
}

function Users(props: { me: Me }) {
  const { t, i18n } = useTranslation();
  const users = useLoad((s) => get<{ items: UserRow[] }>("/v1/users", s), "users");
  const act = useAction(async (fn: () => Promise<unknown>) => {
    await fn();
    users.reload();
  });
  return (
    <section aria-labelledby="admin-users">
      <h2 id="admin-users">{t("admin.users")}</h2>
      {users.loading && !users.data && <Loading />}
      <ErrorNotice error={users.error ?? act.error} onRetry={users.reload} />
      {users.data && (
        <div className="table-wrap">
          <table className="list" data-testid="admin-users">
            <thead>
              <tr>
                <th scope="col">{t("admin.email")}</th>
                <th scope="col">{t("admin.name")}</th>
                <th scope="col">{t("admin.role")}</th>
                <th scope="col">{t("admin.status")}</th>
                <th scope="col">{t("admin.keys")}</th>
                <th scope="col">{t("admin.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((u) => {
                const self = u.id === props.me.userId;
                const off = u.disabledAt !== null;
                return (
                  <tr key={u.id} data-email={u.email} className={off ? "muted" : ""}>
                    <td>
                      {u.email}
                      {self && <span className="muted"> ({t("admin.you")})</span>}
                    </td>
                    <td>{u.name}</td>
                    <td>
                      <select
                        aria-label={t("admin.changeRole", { email: u.email })}
                        value={u.role}
                        disabled={self || off || act.busy}
                        onChange={(e) =>
                          void act.run(() => post(`/v1/users/${u.id}/role`, { role: e.target.value }))
                        }
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {t(`role.${r}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>{off ? t("admin.disabled") : t("admin.active")}</td>
                    <td>
                      {u.apiKeys.length === 0
                        ? t("admin.noKeys")
                        : u.apiKeys.map((k) => (
                            <div key={k.id} className="key">
                              <code>{k.prefix}…</code> {k.label}{" "}
                              {!self && (
                                <button
                                  type="button"
                                  className="secondary small"
                                  disabled={act.busy}
                                  onClick={() =>
                                    void act.run(() => api("DELETE", `/v1/users/${u.id}/api-keys/${k.id}`))
                                  }
                                >
                                  {t("admin.revoke")}
                                </button>
                              )}
                            </div>
                          ))}
                    </td>
                    <td className="actions">
                      {!self && !off && (
                        <>
                          <button
                            type="button"
                            className="secondary small"
                            disabled={act.busy}
                            onClick={() => void act.run(() => post(`/v1/users/${u.id}/sessions/end`))}
                          >
                            {t("admin.endSessions")}
                          </button>{" "}
                          <button
                            type="button"
                            className="danger small"
                            disabled={act.busy}
                            onClick={() => {
                              if (window.confirm(t("admin.confirmDisable", { email: u.email })))
                                void act.run(() => post(`/v1/users/${u.id}/disable`));
                            }}
                          >
                            {t("admin.disable")}
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <AddUser key={i18n.language} onAdded={users.reload} />
    </section>
  );
}

function AddUser(props: { onAdded: () => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("exporter");
  const [password, setPassword] = useState("");
  const [done, setDone] = useState("");
  const fe = useFieldErrors();
  const add = useAction(async () => {
    await post("/v1/users", {
      email: email.trim(),
      name: name.trim(),
      role,
      ...(password ? { password } : {}),
    }).catch((e: unknown) => {
      fe.setServer(e);
      throw e;
    });
    setDone(t("admin.added", { email: email.trim() }));
    setEmail("");
    setName("");
    setPassword("");
    props.onAdded();
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone("");
    const errs: Record<string, string> = {};
    if (!email.trim()) errs.email = t("admin.needEmail");
    if (!name.trim()) errs.name = t("admin.needName");
    if (password && password.length < 10) errs.password = t("admin.shortPassword");
    fe.setClient(errs);
    if (Object.keys(errs).length > 0) return;
    fe.setServer(undefined);
    await add.run();
  };
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="admin-add">
      <h3 id="admin-add">{t("admin.addUser")}</h3>
      <Field label={t("admin.email")} error={fe.err("email")}>
        {(a) => (
          <input
            {...a}
            type="email"
            value={email}
            autoComplete="off"
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
      </Field>
      <Field label={t("admin.name")} error={fe.err("name")}>
        {(a) => <input {...a} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label={t("admin.role")} error={fe.err("role")}>
        {(a) => (
          <select {...a} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t("admin.password")} error={fe.err("password")}>
        {(a) => (
          <input
            {...a}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" disabled={add.busy}>
        {t("admin.add")}
      </button>
      {done && (
        <p role="status" className="notice ok">
          {done}
        </p>
      )}
      <ErrorNotice error={add.error} shownPaths={fe.shown} />
    </form>
  );
}

function MyKeys() {
  const { t } = useTranslation();
  const keys = useLoad((s) => get<{ items: KeyRow[] }>("/v1/api-keys", s), "keys");
  const [label, setLabel] = useState("");
  const [shown, setShown] = useState("");
  const [err, setErr] = useState("");
  const create = useAction(async () => {
    const k = await post<{ key: string }>("/v1/api-keys", { label: label.trim() });
    setShown(k.key);
    setLabel("");
    keys.reload();
  });
  const revoke = useAction(async (id: string) => {
    await api("DELETE", `/v1/api-keys/${id}`);
    keys.reload();
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setShown("");
    if (!label.trim()) return setErr(t("admin.needLabel"));
    setErr("");
    void create.run();
  };
  const active = keys.data?.items.filter((k) => k.revokedAt === null) ?? [];
  return (
    <section aria-labelledby="admin-keys">
      <h2 id="admin-keys">{t("admin.myKeys")}</h2>
      <ErrorNotice error={keys.error ?? revoke.error} onRetry={keys.reload} />
      <ul className="keys" data-testid="my-keys">
        {active.map((k) => (
          <li key={k.id}>
            <code>{k.prefix}…</code> {k.label} <span className="muted">{k.createdAt.slice(0, 10)}</span>{" "}
            <button
              type="button"
              className="secondary small"
              disabled={revoke.busy}
              onClick={() => void revoke.run(k.id)}
            >
              {t("admin.revoke")}
            </button>
          </li>
        ))}
        {keys.data && active.length === 0 && <li className="muted">{t("admin.noKeys")}</li>}
      </ul>
      <form className="inline-form" onSubmit={submit} noValidate>
        <Field label={t("admin.keyLabel")} error={err || undefined}>
          {(a) => <input {...a} value={label} maxLength={100} onChange={(e) => setLabel(e.target.value)} />}
        </Field>
        <button type="submit" disabled={create.busy}>
          {t("admin.createKey")}
        </button>
      </form>
      {shown && (
        <p className="notice warning" role="status" data-testid="new-key">
          {t("admin.newKey")} <code>{shown}</code>
        </p>
      )}
      <ErrorNotice error={create.error} />
    </section>
  );
}

function Lists() {
  const { t } = useTranslation();
  const lists = useLoad((s) => get<{ items: ListRow[] }>("/v1/lists", s), "lists");
  const [msg, setMsg] = useState("");
  const said = (r: Imported | undefined) => {
    if (!r) return;
    setMsg(
      r.unchanged
        ? t("admin.unchanged", { list: r.list })
        : t("admin.refreshed", { list: r.list, count: r.count }),
    );
    lists.reload();
  };
  const refresh = useAction((list: string) =>
    post<Imported>(`/v1/lists/${encodeURIComponent(list)}/refresh`),
  );
  return (
    <section aria-labelledby="admin-lists">
      <h2 id="admin-lists">{t("admin.lists")}</h2>
      {lists.loading && !lists.data && <Loading />}
      <ErrorNotice error={lists.error ?? refresh.error} onRetry={lists.reload} />
      {lists.data && (
        <div className="table-wrap">
          <table className="list" data-testid="admin-lists">
            <thead>
              <tr>
                <th scope="col">{t("admin.list")}</th>
                <th scope="col">{t("admin.format")}</th>
                <th scope="col">{t("admin.scope")}</th>
                <th scope="col">{t("admin.entries")}</th>
                <th scope="col">{t("admin.imported")}</th>
                <th scope="col">{t("admin.source")}</th>
                <th scope="col">{t("admin.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {lists.data.items.map((l) => (
                <tr key={l.list} data-list={l.list}>
                  <td>
                    <code>{l.list}</code>
                  </td>
                  <td>{l.format}</td>
                  <td>{l.scope === "your organisation" ? t("admin.scopeOwn") : t("admin.scopeAll")}</td>
                  <td className="num">{l.count.toLocaleString()}</td>
                  <td>{l.importedAt.slice(0, 16).replace("T", " ")} UTC</td>
                  <td className="wrap">{l.sourceUrl ?? l.fileName ?? "—"}</td>
                  <td>
                    {l.sourceUrl && l.scope === "your organisation" && (
                      <button
                        type="button"
                        className="secondary small"
                        disabled={refresh.busy}
                        onClick={() => void refresh.run(l.list).then(said)}
                      >
                        {t("admin.refresh")}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {msg && (
        <p role="status" className="notice ok" data-testid="list-status">
          {msg}
        </p>
      )}
      <ImportList
        onImported={(r) => {
          setMsg(
            r.unchanged
              ? t("admin.unchanged", { list: r.list })
              : t("admin.importedNew", { list: r.list, count: r.count }),
          );
          lists.reload();
        }}
      />
    </section>
  );
}

function ImportList(props: { onImported: (r: Imported) => void }) {
  const { t } = useTranslation();
  const [format, setFormat] = useState("csv");
  const [listId, setListId] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [url, setUrl] = useState("");
  const fe = useFieldErrors();
  const id = format === "csv" && listId.trim() ? listId.trim() : undefined;
  const shown = (e: unknown) => {
    fe.setServer(e);
    throw e;
  };
  const fromFile = useAction(async () => {
    const r = await upload<Imported>(
      `/v1/lists${query({ format, listId: id, fileName: file!.name.slice(0, 200) })}`,
      file!,
    ).catch(shown);
    props.onImported(r);
  });
  const fromUrl = useAction(async () => {
    const r = await post<Imported>("/v1/lists/from-url", {
      format,
      url: url.trim(),
      ...(id ? { listId: id } : {}),
    }).catch(shown);
    props.onImported(r);
  });
  const submit = async (e: FormEvent, how: "file" | "url") => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (how === "file" && !file) errs.body = t("admin.needFile");
    if (how === "url" && !url.trim()) errs.url = t("admin.needUrl");
    fe.setClient(errs);
    fe.setServer(undefined);
    if (Object.keys(errs).length > 0) return;
    const a = how === "file" ? fromFile : fromUrl;
    await a.run();
  };
  const error = fromFile.error ?? fromUrl.error;
  return (
    <div className="list-import">
      <div className="inline-form">
        <Field label={t("admin.format")}>
          {(a) => (
            <select {...a} value={format} onChange={(e) => setFormat(e.target.value)}>
              {FORMATS.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          )}
        </Field>
        {format === "csv" && (
          <Field label={t("admin.listId")} error={fe.err("listId")}>
            {(a) => (
              <input {...a} value={listId} maxLength={64} onChange={(e) => setListId(e.target.value)} />
            )}
          </Field>
        )}
      </div>
      <form className="inline-form" onSubmit={(e) => void submit(e, "file")} noValidate>
        <h3>{t("admin.importFile")}</h3>
        <Field label={t("admin.file")} error={fe.err("body")}>
          {(a) => <input {...a} type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
        </Field>
        <button type="submit" disabled={fromFile.busy}>
          {t("admin.import")}
        </button>
      </form>
      <form className="inline-form" onSubmit={(e) => void submit(e, "url")} noValidate>
        <h3>{t("admin.importUrl")}</h3>
        <Field label={t("admin.url")} error={fe.err("url")}>
          {(a) => (
            <input
              {...a}
              type="url"
              value={url}
              maxLength={2000}
              placeholder="https://data.trade.gov/…"
              onChange={(e) => setUrl(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" disabled={fromUrl.busy}>
          {t("admin.import")}
        </button>
      </form>
      <ErrorNotice error={error} shownPaths={fe.shown} />
    </div>
  );
}
