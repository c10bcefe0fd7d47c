/**
 * The product master and its classifications (`/products`): an exporter adds products, records its own
 * classification (자가판정 / 該非判定, who and on what basis) or asks the authority (전문판정), follows its
 * requests and answers a return; an officer works the authority's queue of requests and answers them with the
 * entry, the reasons and the validity the pack gives.
 */
import { useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { get, post, query, type Me } from "../api.ts";
import { ControlNumberInput } from "../combobox.tsx";
import { useFieldErrors, type FieldErrorsApi } from "../forms.tsx";
import { DateInput } from "../date-input.tsx";
import { Empty, ErrorNotice, Field, Loading, useAction, useLoad } from "../ui.tsx";

interface Classification {
  id: string;
  regime: string;
  controlNumber: string | null;
  basis: string;
  classifiedBy: string;
  classifiedOn: string;
  validUntil: string | null;
  kind: "self" | "authority";
}
interface Product {
  id: string;
  code: string;
  name: string;
  hsCode: string | null;
  parameters: { name: string; value: string | number | boolean }[];
}
type RequestStatus = "submitted" | "returned" | "answered" | "withdrawn";
interface ClassRequest {
  id: string;
  regime: string;
  status: RequestStatus;
  description: string;
  proposedNumber: string | null;
  product: Omit<Product, "id">;
  requestedOn: string;
  dueOn: string | null;
  overdue: boolean;
  controlNumber: string | null;
  reasons: string | null;
  validUntil: string | null;
  applicant: string;
  requester: string;
  history: { at: string; action: string; note?: string }[];
}
const REGIMES = ["KR", "JP"];
/** The columns of a list of requests (the queue adds the applicant before them). */
const REQUEST_COLS = [
  "products.product",
  "products.regime",
  "products.status",
  "products.requestedOn",
  "products.dueOn",
  "products.answer",
  "admin.actions",
];
/** The regimes' calendars, for the date picker's "today". */
const TZ: Record<string, string> = { KR: "Asia/Seoul", JP: "Asia/Tokyo" };

export function ProductsPage(props: { me: Me }) {
  const { t } = useTranslation();
  if (props.me.role === "officer")
    return (
      <section className="products">
        <h1>{t("products.queueTitle")}</h1>
        <Queue />
      </section>
    );
  return <ExporterDesk me={props.me} />;
}

/** The exporter's side: the product master and its requests (a new request shows in the list at once). */
function ExporterDesk(props: { me: Me }) {
  const { t } = useTranslation();
  const editor = props.me.role !== "auditor";
  const [asked, setAsked] = useState(0);
  return (
    <section className="products">
      <h1>{t("products.title")}</h1>
      <p className="hint">{t("products.hint")}</p>
      <Master me={props.me} editor={editor} onAsked={() => setAsked((n) => n + 1)} />
      <MyRequests editor={editor} version={asked} />
    </section>
  );
}

/** Show the form's own problems beside their fields, or (none) clear the server's and send. */
async function sendIfValid(fe: FieldErrorsApi, errs: Record<string, string>, send: () => Promise<unknown>) {
  fe.setClient(errs);
  if (Object.keys(errs).length > 0) return;
  fe.setServer(undefined);
  await send();
}

/** A table's head row from the column labels' message keys. */
function Head(props: { cols: string[] }) {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        {props.cols.map((c) => (
          <th scope="col" key={c}>
            {t(c)}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** A control number or "not listed", in the reader's words. */
function Entry(props: { n: string | null }) {
  const { t } = useTranslation();
  return props.n ? <code>{props.n}</code> : <span>{t("products.notListed")}</span>;
}

function Master(props: { me: Me; editor: boolean; onAsked: () => void }) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const list = useLoad((s) => get<{ items: Product[] }>("/v1/products", s), `products-${version}`);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section aria-labelledby="products-master">
      <h2 id="products-master">{t("products.master")}</h2>
      {list.loading && !list.data && <Loading />}
      <ErrorNotice error={list.error} onRetry={list.reload} />
      {list.data && list.data.items.length === 0 && <Empty>{t("products.none")}</Empty>}
      {list.data && list.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="list" data-testid="products">
            <Head cols={["products.code", "products.name", "products.hs", "admin.actions"]} />
            <tbody>
              {list.data.items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <code>{p.code}</code>
                  </td>
                  <td>{p.name}</td>
                  <td>{p.hsCode ?? "—"}</td>
                  <td>
                    <button
                      type="button"
                      className="secondary small"
                      aria-expanded={open === p.id}
                      onClick={() => setOpen(open === p.id ? null : p.id)}
                    >
                      {t("products.open", { code: p.code })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open && (
        <ProductDetail key={open} id={open} me={props.me} editor={props.editor} onAsked={props.onAsked} />
      )}
      {props.editor && <AddProduct onAdded={() => setVersion((v) => v + 1)} />}
    </section>
  );
}

function AddProduct(props: { onAdded: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [hs, setHs] = useState("");
  const fe = useFieldErrors();
  const add = useAction(async () => {
    await post("/v1/products", {
      code: code.trim(),
      name: name.trim(),
      ...(hs.trim() ? { hsCode: hs.trim() } : {}),
    }).catch((e: unknown) => {
      fe.setServer(e);
      throw e;
    });
    setCode("");
    setName("");
    setHs("");
    props.onAdded();
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!code.trim()) errs.code = t("products.needCode");
    if (!name.trim()) errs.name = t("products.needName");
    if (hs.trim() && !/^\d{4}(\.?\d{2}){1,3}$/.test(hs.trim())) errs.hsCode = t("products.badHs");
    await sendIfValid(fe, errs, () => add.run());
  };
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="products-add">
      <h3 id="products-add">{t("products.add")}</h3>
      <Field label={t("products.code")} error={fe.err("code")}>
        {(a) => <input {...a} value={code} onChange={(e) => setCode(e.target.value)} />}
      </Field>
      <Field label={t("products.name")} error={fe.err("name")}>
        {(a) => <input {...a} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label={t("products.hs")} error={fe.err("hsCode")}>
        {(a) => <input {...a} value={hs} inputMode="numeric" onChange={(e) => setHs(e.target.value)} />}
      </Field>
      <button type="submit" disabled={add.busy}>
        {t("products.addButton")}
      </button>
      <ErrorNotice error={add.error} shownPaths={fe.shown} />
    </form>
  );
}

function ProductDetail(props: { id: string; me: Me; editor: boolean; onAsked: () => void }) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const p = useLoad(
    (s) => get<Product & { classifications: Classification[] }>(`/v1/products/${props.id}`, s),
    `product-${props.id}-${version}`,
  );
  if (!p.data) return p.error ? <ErrorNotice error={p.error} onRetry={p.reload} /> : <Loading />;
  const reload = () => setVersion((v) => v + 1);
  return (
    <section className="card" aria-labelledby="product-detail" data-testid="product-detail">
      <h3 id="product-detail">
        <code>{p.data.code}</code> {p.data.name}
      </h3>
      <h4>{t("products.classifications")}</h4>
      {p.data.classifications.length === 0 ? (
        <Empty>{t("products.noClassification")}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="list" data-testid="classifications">
            <Head
              cols={[
                "products.regime",
                "products.entry",
                "products.kind",
                "products.by",
                "products.basis",
                "products.on",
                "products.validUntil",
              ]}
            />
            <tbody>
              {p.data.classifications.map((c) => (
                <tr key={c.id}>
                  <td>{c.regime}</td>
                  <td>
                    <Entry n={c.controlNumber} />
                  </td>
                  <td>{t(`products.kinds.${c.kind}`)}</td>
                  <td>{c.classifiedBy}</td>
                  <td className="wrap">{c.basis}</td>
                  <td>{c.classifiedOn}</td>
                  <td>{c.validUntil ?? t("products.noTerm")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.editor && (
        <div className="two-forms">
          <SelfClassify productId={props.id} me={props.me} onDone={reload} />
          <AskAuthority
            productId={props.id}
            onDone={() => {
              reload();
              props.onAsked();
            }}
          />
        </div>
      )}
    </section>
  );
}

function SelfClassify(props: { productId: string; me: Me; onDone: () => void }) {
  const { t } = useTranslation();
  const [regime, setRegime] = useState("KR");
  const [listed, setListed] = useState(true);
  const [number, setNumber] = useState("");
  const [basis, setBasis] = useState("");
  const [by, setBy] = useState(props.me.email);
  const [on, setOn] = useState("");
  const fe = useFieldErrors();
  const save = useAction(async () => {
    await post(`/v1/products/${props.productId}/classifications`, {
      regime,
      controlNumber: listed ? number.trim() : null,
      basis: basis.trim(),
      classifiedBy: by.trim(),
      classifiedOn: on,
    }).catch((e: unknown) => {
      fe.setServer(e);
      throw e;
    });
    setNumber("");
    setBasis("");
    props.onDone();
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (listed && !number.trim()) errs.controlNumber = t("products.needNumber");
    if (!basis.trim()) errs.basis = t("products.needBasis");
    if (!by.trim()) errs.classifiedBy = t("products.needBy");
    if (!on) errs.classifiedOn = t("products.needDate");
    await sendIfValid(fe, errs, () => save.run());
  };
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="self-classify">
      <h4 id="self-classify">{t("products.selfTitle")}</h4>
      <RegimeField value={regime} onChange={setRegime} />
      <EntryField
        listed={listed}
        setListed={setListed}
        number={number}
        setNumber={setNumber}
        error={fe.err("controlNumber")}
        regime={regime}
      />
      <Field label={t("products.basis")} hint={t("products.basisHint")} error={fe.err("basis")}>
        {(a) => <textarea {...a} value={basis} onChange={(e) => setBasis(e.target.value)} />}
      </Field>
      <Field label={t("products.by")} error={fe.err("classifiedBy")}>
        {(a) => <input {...a} value={by} onChange={(e) => setBy(e.target.value)} />}
      </Field>
      <Field label={t("products.on")} error={fe.err("classifiedOn")}>
        {(a) => <DateInput {...a} value={on} onChange={setOn} timeZone={TZ[regime]} />}
      </Field>
      <button type="submit" disabled={save.busy}>
        {t("products.selfButton")}
      </button>
      <ErrorNotice error={save.error} shownPaths={fe.shown} />
    </form>
  );
}

/** The answer's entry: a control number, or "not listed". */
function EntryField(props: {
  listed: boolean;
  setListed: (v: boolean) => void;
  number: string;
  setNumber: (v: string) => void;
  error: ReactNode;
  /** The regime whose control list the box searches as the user types. */
  regime: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label className="check">
        <input type="checkbox" checked={!props.listed} onChange={(e) => props.setListed(!e.target.checked)} />{" "}
        {t("products.notListed")}
      </label>
      {props.listed && (
        <Field label={t("products.entry")} error={props.error}>
          {(a) => (
            <ControlNumberInput
              {...a}
              regime={props.regime}
              value={props.number}
              onChange={props.setNumber}
            />
          )}
        </Field>
      )}
    </>
  );
}

function RegimeField(props: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  return (
    <Field label={t("products.regime")}>
      {(a) => (
        <select {...a} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          {REGIMES.map((r) => (
            <option key={r} value={r}>
              {t(`regime.${r}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function AskAuthority(props: { productId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [regime, setRegime] = useState("KR");
  const [description, setDescription] = useState("");
  const [proposed, setProposed] = useState("");
  const [done, setDone] = useState("");
  const fe = useFieldErrors();
  const ask = useAction(async () => {
    const r = await post<{ dueOn: string | null }>("/v1/classification-requests", {
      productId: props.productId,
      regime,
      description: description.trim(),
      ...(proposed.trim() ? { proposedNumber: proposed.trim() } : {}),
    }).catch((e: unknown) => {
      fe.setServer(e);
      throw e;
    });
    setDone(r.dueOn ? t("products.askedDue", { due: r.dueOn }) : t("products.asked"));
    setDescription("");
    setProposed("");
    props.onDone();
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone("");
    const errs: Record<string, string> = {};
    if (!description.trim()) errs.description = t("products.needDescription");
    await sendIfValid(fe, errs, () => ask.run());
  };
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="ask-authority">
      <h4 id="ask-authority">{t("products.askTitle")}</h4>
      <RegimeField value={regime} onChange={setRegime} />
      <Field
        label={t("products.description")}
        hint={t("products.descriptionHint")}
        error={fe.err("description")}
      >
        {(a) => <textarea {...a} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <Field label={t("products.proposed")} error={fe.err("proposedNumber")}>
        {(a) => <input {...a} value={proposed} onChange={(e) => setProposed(e.target.value)} />}
      </Field>
      <button type="submit" disabled={ask.busy}>
        {t("products.askButton")}
      </button>
      {done && (
        <p role="status" className="notice ok">
          {done}
        </p>
      )}
      <ErrorNotice error={ask.error} shownPaths={fe.shown} />
    </form>
  );
}

function useRequests(key: string, outside = 0) {
  const [q, setQ] = useState("");
  const [status, setStatus] = useState("");
  const [version, setVersion] = useState(0);
  const list = useLoad(
    (s) =>
      get<{ items: ClassRequest[]; total: number }>(
        `/v1/classification-requests${query({ q: q.trim() || undefined, status: status || undefined })}`,
        s,
      ),
    `${key}-${q}-${status}-${version}-${outside}`,
  );
  return { list, q, setQ, status, setStatus, reload: () => setVersion((v) => v + 1) };
}

function Filters(props: ReturnType<typeof useRequests>) {
  const { t } = useTranslation();
  return (
    <div className="filters">
      <Field label={t("products.search")}>
        {(a) => <input {...a} type="search" value={props.q} onChange={(e) => props.setQ(e.target.value)} />}
      </Field>
      <Field label={t("products.status")}>
        {(a) => (
          <select {...a} value={props.status} onChange={(e) => props.setStatus(e.target.value)}>
            <option value="">{t("products.anyStatus")}</option>
            {(["submitted", "returned", "answered", "withdrawn"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`products.states.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}

function RequestCells(props: { r: ClassRequest }) {
  const { t } = useTranslation();
  const r = props.r;
  return (
    <>
      <td>
        <code>{r.product.code}</code> {r.product.name}
        {r.product.hsCode && <div className="hint">HS {r.product.hsCode}</div>}
      </td>
      <td>{r.regime}</td>
      <td>
        <span className={`badge state-${r.status}`}>{t(`products.states.${r.status}`)}</span>
      </td>
      <td>{r.requestedOn}</td>
      <td className={r.overdue ? "overdue" : undefined}>
        {r.dueOn ?? t("products.noTerm")}
        {r.overdue && <> ({t("products.overdue")})</>}
      </td>
      <td>
        {r.status === "answered" ? (
          <>
            <Entry n={r.controlNumber} />
            <div className="wrap">{r.reasons}</div>
            <div className="hint">
              {t("products.validUntil")}: {r.validUntil ?? t("products.noTerm")}
            </div>
          </>
        ) : (
          (r.history.filter((h) => h.action === "return").at(-1)?.note ?? "—")
        )}
      </td>
    </>
  );
}

function MyRequests(props: { editor: boolean; version: number }) {
  const { t } = useTranslation();
  const rq = useRequests("mine", props.version);
  const act = useAction(async (path: string, body: unknown) => {
    await post(path, body);
    rq.reload();
  });
  const [more, setMore] = useState<Record<string, string>>({});
  return (
    <section aria-labelledby="products-requests">
      <h2 id="products-requests">{t("products.requests")}</h2>
      <Filters {...rq} />
      <ErrorNotice error={rq.list.error ?? act.error} onRetry={rq.list.reload} />
      {rq.list.data && rq.list.data.items.length === 0 && <Empty>{t("products.noRequests")}</Empty>}
      {rq.list.data && rq.list.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="list" data-testid="my-requests">
            <Head cols={REQUEST_COLS} />
            <tbody>
              {rq.list.data.items.map((r) => (
                <tr key={r.id}>
                  <RequestCells r={r} />
                  <td className="actions">
                    {props.editor && r.status === "returned" && (
                      <>
                        <textarea
                          aria-label={t("products.moreInfo")}
                          value={more[r.id] ?? r.description}
                          onChange={(e) => setMore({ ...more, [r.id]: e.target.value })}
                        />
                        <button
                          type="button"
                          className="small"
                          disabled={act.busy || !(more[r.id] ?? r.description).trim()}
                          onClick={() =>
                            void act.run(`/v1/classification-requests/${r.id}/resubmit`, {
                              description: (more[r.id] ?? r.description).trim(),
                            })
                          }
                        >
                          {t("products.resubmit")}
                        </button>
                      </>
                    )}
                    {props.editor && (r.status === "submitted" || r.status === "returned") && (
                      <button
                        type="button"
                        className="secondary small"
                        disabled={act.busy}
                        onClick={() => void act.run(`/v1/classification-requests/${r.id}/withdraw`, {})}
                      >
                        {t("products.withdraw")}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Queue() {
  const { t } = useTranslation();
  const rq = useRequests("queue");
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section aria-labelledby="products-queue">
      <Filters {...rq} />
      <ErrorNotice error={rq.list.error} onRetry={rq.list.reload} />
      {rq.list.loading && !rq.list.data && <Loading />}
      {rq.list.data && rq.list.data.items.length === 0 && <Empty>{t("products.noRequests")}</Empty>}
      {rq.list.data && rq.list.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="list" data-testid="classification-queue">
            <Head cols={["products.applicant", ...REQUEST_COLS]} />
            <tbody>
              {rq.list.data.items.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.applicant}
                    <div className="hint">{r.requester}</div>
                  </td>
                  <RequestCells r={r} />
                  <td>
                    {r.status === "submitted" && (
                      <button
                        type="button"
                        className="small"
                        aria-expanded={open === r.id}
                        onClick={() => setOpen(open === r.id ? null : r.id)}
                      >
                        {t("products.review", { code: r.product.code })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open && rq.list.data?.items.find((r) => r.id === open) && (
        <Answer
          key={open}
          r={rq.list.data.items.find((r) => r.id === open)!}
          onDone={() => {
            setOpen(null);
            rq.reload();
          }}
        />
      )}
    </section>
  );
}

function Answer(props: { r: ClassRequest; onDone: () => void }) {
  const { t } = useTranslation();
  const r = props.r;
  const [listed, setListed] = useState(true);
  const [number, setNumber] = useState(r.proposedNumber ?? "");
  const [reasons, setReasons] = useState("");
  const fe = useFieldErrors();
  const send = useAction(async (action: "answer" | "return") => {
    const body =
      action === "answer"
        ? { controlNumber: listed ? number.trim() : null, reasons: reasons.trim() }
        : { note: reasons.trim() };
    await post(`/v1/classification-requests/${r.id}/${action}`, body).catch((e: unknown) => {
      fe.setServer(e, (p) => (p === "note" ? "reasons" : p));
      throw e;
    });
    props.onDone();
  });
  const submit = async (e: FormEvent, action: "answer" | "return") => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (action === "answer" && listed && !number.trim()) errs.controlNumber = t("products.needNumber");
    if (!reasons.trim()) errs.reasons = t(action === "answer" ? "products.needReasons" : "products.needNote");
    await sendIfValid(fe, errs, () => send.run(action));
  };
  return (
    <form
      className="card inline-form"
      onSubmit={(e) => void submit(e, "answer")}
      noValidate
      aria-labelledby="answer-title"
      data-testid="answer-form"
    >
      <h3 id="answer-title">
        {t("products.answerTitle")}: <code>{r.product.code}</code> {r.product.name}
      </h3>
      <dl className="facts-grid">
        <dt>{t("products.applicant")}</dt>
        <dd>{r.applicant}</dd>
        <dt>{t("products.description")}</dt>
        <dd className="wrap">{r.description}</dd>
        <dt>{t("products.proposed")}</dt>
        <dd>{r.proposedNumber ?? "—"}</dd>
        <dt>{t("products.parameters")}</dt>
        <dd>
          {r.product.parameters.length === 0
            ? "—"
            : r.product.parameters.map((x) => `${x.name}: ${String(x.value)}`).join("; ")}
        </dd>
      </dl>
      <EntryField
        listed={listed}
        setListed={setListed}
        number={number}
        setNumber={setNumber}
        error={fe.err("controlNumber")}
        regime={r.regime}
      />
      <Field label={t("products.reasons")} hint={t("products.reasonsHint")} error={fe.err("reasons")}>
        {(a) => <textarea {...a} value={reasons} onChange={(e) => setReasons(e.target.value)} />}
      </Field>
      <button type="submit" disabled={send.busy}>
        {t("products.answerButton")}
      </button>{" "}
      <button
        type="button"
        className="secondary"
        disabled={send.busy}
        onClick={(e) => void submit(e as unknown as FormEvent, "return")}
      >
        {t("products.returnButton")}
      </button>
      <ErrorNotice error={send.error} shownPaths={fe.shown} />
    </form>
  );
}
