/**
 * An application's thread in the portal: the attached files (upload checked before sending — size and type —
 * and refused by the server with a message beside the field in the user's language; each file listed with its
 * size, sha256 and who attached it, downloadable) and the comments between the applicant and the officer.
 */
import { useRef, useState, type ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, get, post, upload } from "../api.ts";
import { currentLang } from "../i18n.ts";
import { Empty, ErrorNotice, Field, Loading, useAction, useLoad } from "../ui.tsx";

interface Author {
  name: string;
  email: string;
  role: string;
}
interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  bytes: number;
  sha256: string;
  createdAt: string;
  side: "applicant" | "authority";
  author: Author;
}
interface Comment {
  id: string;
  body: string;
  createdAt: string;
  side: "applicant" | "authority";
  author: Author;
}

/** The limits the server states (GET …/attachments), mirrored here to tell the user before sending. */
const ACCEPTED = ["pdf", "png", "jpg", "jpeg", "tif", "tiff", "docx", "xlsx", "txt", "csv"];
const MAX_BYTES = 10 * 1024 * 1024;
const OPEN = new Set(["draft", "submitted", "under-review", "returned-for-changes"]);

/** A size as the user reads it: bytes, KB or MB in their language's digits. */
export function sizeText(bytes: number, lang: string): string {
  const n = (v: number, d: number) => v.toLocaleString(lang, { maximumFractionDigits: d });
  if (bytes < 1024) return `${n(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${n(bytes / 1024, 1)} KB`;
  return `${n(bytes / 1024 / 1024, 1)} MB`;
}

const when = (iso: string, lang: string) =>
  new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

export function ApplicationThread(props: { id: string; status: string; canAdd: boolean }) {
  return (
    <section className="thread" aria-label="thread">
      <Attachments {...props} />
      <Comments {...props} />
    </section>
  );
}

function Attachments(props: { id: string; status: string; canAdd: boolean }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const list = useLoad(
    (s) => get<{ items: Attachment[] }>(`/v1/applications/${props.id}/attachments`, s),
    props.id,
  );
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const send = useAction(async (file: File) => {
    try {
      await upload(
        `/v1/applications/${props.id}/attachments?filename=${encodeURIComponent(file.name)}`,
        file,
      );
    } catch (e) {
      // the server's refusals in the user's language
      if (e instanceof ApiError && e.status === 413) setProblem(t("thread.tooLarge", { max: "10 MB" }));
      else if (e instanceof ApiError && e.status === 415)
        setProblem(t("thread.refusedType", { accepted: ACCEPTED.join(", ") }));
      else throw e;
      return;
    }
    if (input.current) input.current.value = "";
    list.reload();
  });
  const chosen = (e: ChangeEvent<HTMLInputElement>) => {
    setProblem(undefined);
    const file = e.target.files?.[0];
    if (!file) return;
    const ending = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? "";
    if (!ACCEPTED.includes(ending))
      return setProblem(t("thread.refusedType", { accepted: ACCEPTED.join(", ") }));
    if (file.size > MAX_BYTES) return setProblem(t("thread.tooLarge", { max: "10 MB" }));
    if (file.size === 0) return setProblem(t("thread.empty"));
    void send.run(file);
  };
  const items = list.data?.items ?? [];
  return (
    <div className="attachments" data-testid="attachments">
      <h3>{t("thread.attachments")}</h3>
      {list.loading && !list.data && <Loading />}
      <ErrorNotice error={list.error} onRetry={list.reload} />
      {list.data && items.length === 0 && <Empty>{t("thread.noAttachments")}</Empty>}
      {items.length > 0 && (
        <ul className="files">
          {items.map((a) => (
            <li key={a.id} data-testid="attachment">
              <a href={`/v1/applications/${props.id}/attachments/${a.id}`} download={a.filename}>
                {a.filename}
              </a>{" "}
              <span className="muted small">
                {sizeText(a.bytes, lang)} · {t(`thread.side.${a.side}`)} · {a.author.name} ·{" "}
                {when(a.createdAt, lang)}
              </span>
              <br />
              <span className="small">
                SHA-256 <code className="hash">{a.sha256}</code>
              </span>
            </li>
          ))}
        </ul>
      )}
      {props.canAdd && OPEN.has(props.status) && (
        <Field
          label={t("thread.attach")}
          error={problem}
          hint={t("thread.attachHint", { accepted: ACCEPTED.join(", "), max: "10 MB" })}
        >
          {(p) => (
            <span className="file-pick">
              {/* the browser's own file button speaks the browser's language: a button in the user's instead */}
              <input
                {...p}
                ref={input}
                type="file"
                name="attachment"
                className="visually-hidden"
                tabIndex={-1}
                accept={ACCEPTED.map((e) => `.${e}`).join(",")}
                onChange={chosen}
                disabled={send.busy}
              />
              <button
                type="button"
                className="secondary"
                onClick={() => input.current?.click()}
                disabled={send.busy}
                aria-describedby={p["aria-describedby"]}
              >
                {t("thread.choose")}
              </button>
            </span>
          )}
        </Field>
      )}
      {send.busy && <Loading label={t("thread.uploading")} />}
      <ErrorNotice error={send.error} />
    </div>
  );
}

function Comments(props: { id: string; canAdd: boolean }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const list = useLoad(
    (s) => get<{ items: Comment[] }>(`/v1/applications/${props.id}/comments`, s),
    props.id,
  );
  const [body, setBody] = useState("");
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const send = useAction(async () => {
    await post(`/v1/applications/${props.id}/comments`, { body: body.trim() });
    setBody("");
    list.reload();
  });
  const submit = () => {
    const text = body.trim();
    if (!text) return setProblem(t("thread.commentRequired"));
    if ([...text].length > 4000) return setProblem(t("thread.commentTooLong", { max: 4000 }));
    setProblem(undefined);
    void send.run();
  };
  const items = list.data?.items ?? [];
  return (
    <div className="comments" data-testid="comments">
      <h3>{t("thread.comments")}</h3>
      {list.loading && !list.data && <Loading />}
      <ErrorNotice error={list.error} onRetry={list.reload} />
      {list.data && items.length === 0 && <Empty>{t("thread.noComments")}</Empty>}
      <ol className="comment-list">
        {items.map((c) => (
          <li key={c.id} className={`comment side-${c.side}`} data-testid="comment">
            <div className="muted small">
              <strong>{c.author.name}</strong> · {t(`thread.side.${c.side}`)} · {when(c.createdAt, lang)}
            </div>
            <p className="comment-body">{c.body}</p>
          </li>
        ))}
      </ol>
      {props.canAdd && (
        <>
          <Field label={t("thread.newComment")} error={problem}>
            {(p) => (
              <textarea
                {...p}
                name="comment"
                rows={3}
                maxLength={4000}
                value={body}
                onChange={(e) => setBody(e.target.value)}
              />
            )}
          </Field>
          <button type="button" onClick={submit} disabled={send.busy}>
            {send.busy ? t("common.working") : t("thread.send")}
          </button>
          <ErrorNotice error={send.error} />
        </>
      )}
    </div>
  );
}
