/**
 * The change builder on the What-if page: a proposed change in an analyst's terms — a country leaves or joins a
 * group, a measure ends, an item list gains HS codes — built by the server into a validated overlay, shown as
 * YAML for review, saved for the organisation, and handed to the impact form. Saved changes can be reused.
 */
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { get, post } from "../api.ts";
import { CountryInput } from "../combobox.tsx";
import { DateInput, useRegimeZone } from "../date-input.tsx";
import { isCalendarDate, useFieldErrors } from "../forms.tsx";
import { groupIds, termText } from "../legal.tsx";
import { ErrorNotice, Field, useLoad } from "../ui.tsx";

type Kind = "leave-group" | "join-group" | "end-measure" | "item-list-gains";

interface Step {
  kind: Kind;
  country: string;
  group: string;
  date: string;
  measure: string;
  itemList: string;
  hs: string;
  title: string;
}

const blank = (regime: string): Step => ({
  kind: "leave-group",
  country: "",
  group: groupIds(regime)[0] ?? "",
  date: "",
  measure: "",
  itemList: "",
  hs: "",
  title: "",
});

interface Saved {
  id: string;
  regime: string;
  title: string;
  effective: string;
  yaml: string;
  createdAt: string;
}

/** The step as the API's change spec takes it. */
function specStep(s: Step): Record<string, unknown> {
  switch (s.kind) {
    case "leave-group":
      return { kind: s.kind, country: s.country.trim().toUpperCase(), group: s.group, on: s.date };
    case "join-group":
      return {
        kind: s.kind,
        countries: s.country
          .split(/[\s,]+/)
          .filter(Boolean)
          .map((c) => c.toUpperCase()),
        group: s.group,
        from: s.date,
      };
    case "end-measure":
      return { kind: s.kind, measure: s.measure.trim(), on: s.date };
    case "item-list-gains":
      return {
        kind: s.kind,
        itemList: s.itemList.trim(),
        hs: s.hs
          .split(/[\s,]+/)
          .filter(Boolean)
          .map((h) => h.replace(/\./g, "")),
        ...(s.title.trim() ? { title: s.title.trim() } : {}),
        from: s.date,
      };
  }
}

/** The field of a step that a server problem names (`steps[0].on` → the step's date). */
const FIELD: Record<string, keyof Step> = {
  on: "date",
  from: "date",
  countries: "country",
  country: "country",
  group: "group",
  measure: "measure",
  itemList: "itemList",
  hs: "hs",
};
function rename(path: string): string {
  const m = /^steps\[(\d+)\]\.(\w+)/.exec(path);
  if (m) return `steps.${m[1]}.${FIELD[m[2]!] ?? m[2]}`;
  return path.startsWith("sources") ? "source" : path;
}

export function ChangeBuilder(props: { onUse: (yaml: string) => void }) {
  const { t } = useTranslation();
  const fe = useFieldErrors();
  const zone = useRegimeZone();
  const [regime, setRegime] = useState("JP");
  const [title, setTitle] = useState("");
  const [effective, setEffective] = useState("");
  const [statusQuo, setStatusQuo] = useState("");
  const [provision, setProvision] = useState("");
  const [url, setUrl] = useState("");
  const [steps, setSteps] = useState<Step[]>([blank("JP")]);
  const [yaml, setYaml] = useState<string>();
  const [changes, setChanges] = useState<number>();
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [savedNow, setSavedNow] = useState<string>();
  const saved = useLoad(
    (signal) => get<{ items: Saved[] }>("/v1/overlays?limit=20", signal),
    `saved:${savedNow ?? ""}`,
  );

  const setStep = (i: number, patch: Partial<Step>) => {
    setSteps((all) => all.map((s, k) => (k === i ? { ...s, ...patch } : s)));
    setYaml(undefined);
  };

  const spec = () => ({
    regime,
    title: title.trim(),
    effective,
    ...(statusQuo ? { statusQuo } : {}),
    sources:
      provision.trim() || url.trim()
        ? [
            {
              ...(provision.trim() ? { provision: provision.trim() } : {}),
              ...(url.trim() ? { url: url.trim() } : {}),
            },
          ]
        : [],
    steps: steps.map(specStep),
  });

  const check = (): boolean => {
    const errs: Record<string, string> = {};
    if (!title.trim()) errs.title = t("builder.needTitle");
    if (!isCalendarDate(effective)) errs.effective = t("msg.dateFormat");
    if (statusQuo && !isCalendarDate(statusQuo)) errs.statusQuo = t("msg.dateFormat");
    if (!provision.trim() && !url.trim()) errs.source = t("builder.needSource");
    steps.forEach((s, i) => {
      if (!isCalendarDate(s.date)) errs[`steps.${i}.date`] = t("msg.dateFormat");
      if ((s.kind === "leave-group" || s.kind === "join-group") && !s.country.trim())
        errs[`steps.${i}.country`] = t("builder.needCountry");
      if (s.kind === "end-measure" && !s.measure.trim())
        errs[`steps.${i}.measure`] = t("builder.needMeasure");
      if (s.kind === "item-list-gains" && !s.itemList.trim())
        errs[`steps.${i}.itemList`] = t("builder.needItemList");
      if (s.kind === "item-list-gains" && !s.hs.trim()) errs[`steps.${i}.hs`] = t("builder.needHs");
    });
    fe.clearAll();
    fe.setClient(errs);
    return Object.keys(errs).length === 0;
  };

  const send = async (url: "/v1/overlays/build" | "/v1/overlays") => {
    if (!check()) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const r = await post<{ yaml: string; summary?: { changes: unknown[] }; id?: string }>(url, spec());
      setYaml(r.yaml);
      if (r.summary) setChanges(r.summary.changes.length);
      if (r.id) setSavedNow(r.id);
    } catch (e) {
      fe.setServer(e, rename);
      setFailure(e);
      setYaml(undefined);
    } finally {
      setBusy(false);
    }
  };

  const build = (e: FormEvent) => {
    e.preventDefault();
    void send("/v1/overlays/build");
  };

  return (
    <section className="card" data-testid="change-builder">
      <h2>{t("builder.title")}</h2>
      <p className="hint">{t("builder.lead")}</p>
      <form onSubmit={build} noValidate>
        <div className="row">
          <Field label={t("impact.regime")}>
            {(a) => (
              <select
                {...a}
                value={regime}
                onChange={(e) => {
                  setRegime(e.target.value);
                  setSteps([blank(e.target.value)]);
                  setYaml(undefined);
                }}
              >
                <option value="JP">{t("regime.JP")}</option>
                <option value="KR">{t("regime.KR")}</option>
              </select>
            )}
          </Field>
          <Field label={t("builder.changeTitle")} error={fe.err("title")}>
            {(a) => <input {...a} value={title} onChange={(e) => setTitle(e.target.value)} />}
          </Field>
        </div>
        <div className="row">
          <Field label={t("builder.effective")} error={fe.err("effective")}>
            {(a) => <DateInput {...a} value={effective} onChange={setEffective} timeZone={zone(regime)} />}
          </Field>
          <Field label={t("builder.statusQuo")} hint={t("builder.statusQuoHint")} error={fe.err("statusQuo")}>
            {(a) => <DateInput {...a} value={statusQuo} onChange={setStatusQuo} timeZone={zone(regime)} />}
          </Field>
        </div>
        <div className="row">
          <Field label={t("builder.provision")} error={fe.err("source")}>
            {(a) => <input {...a} value={provision} onChange={(e) => setProvision(e.target.value)} />}
          </Field>
          <Field label={t("builder.url")}>
            {(a) => <input {...a} type="url" value={url} onChange={(e) => setUrl(e.target.value)} />}
          </Field>
        </div>
        <ol className="builder-steps">
          {steps.map((s, i) => (
            <li key={i} data-testid={`builder-step-${i}`}>
              <div className="row">
                <Field label={t("builder.kind")}>
                  {(a) => (
                    <select
                      {...a}
                      value={s.kind}
                      onChange={(e) => setStep(i, { kind: e.target.value as Kind })}
                    >
                      {(["leave-group", "join-group", "end-measure", "item-list-gains"] as const).map((k) => (
                        <option key={k} value={k}>
                          {t(`builder.kinds.${k}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                {(s.kind === "leave-group" || s.kind === "join-group") && (
                  <>
                    <Field
                      label={s.kind === "join-group" ? t("builder.countries") : t("builder.country")}
                      error={fe.err(`steps.${i}.country`)}
                    >
                      {(a) =>
                        s.kind === "join-group" ? (
                          <input
                            {...a}
                            value={s.country}
                            placeholder="KR, TW"
                            onChange={(e) => setStep(i, { country: e.target.value })}
                          />
                        ) : (
                          <CountryInput
                            {...a}
                            value={s.country}
                            onChange={(v) => setStep(i, { country: v })}
                          />
                        )
                      }
                    </Field>
                    <Field label={t("builder.group")} error={fe.err(`steps.${i}.group`)}>
                      {(a) => (
                        <select
                          {...a}
                          value={s.group}
                          onChange={(e) => setStep(i, { group: e.target.value })}
                        >
                          {groupIds(regime).map((g) => (
                            <option key={g} value={g}>
                              {termText("group", regime, g)}
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                  </>
                )}
                {s.kind === "end-measure" && (
                  <Field
                    label={t("builder.measure")}
                    hint={t("builder.measureHint")}
                    error={fe.err(`steps.${i}.measure`)}
                  >
                    {(a) => (
                      <input
                        {...a}
                        value={s.measure}
                        onChange={(e) => setStep(i, { measure: e.target.value })}
                      />
                    )}
                  </Field>
                )}
                {s.kind === "item-list-gains" && (
                  <>
                    <Field
                      label={t("builder.itemList")}
                      hint={t("builder.itemListHint")}
                      error={fe.err(`steps.${i}.itemList`)}
                    >
                      {(a) => (
                        <input
                          {...a}
                          value={s.itemList}
                          onChange={(e) => setStep(i, { itemList: e.target.value })}
                        />
                      )}
                    </Field>
                    <Field label={t("builder.hs")} error={fe.err(`steps.${i}.hs`)}>
                      {(a) => (
                        <input
                          {...a}
                          value={s.hs}
                          placeholder="847950, 846221"
                          onChange={(e) => setStep(i, { hs: e.target.value })}
                        />
                      )}
                    </Field>
                    <Field label={t("builder.itemTitle")}>
                      {(a) => (
                        <input
                          {...a}
                          value={s.title}
                          onChange={(e) => setStep(i, { title: e.target.value })}
                        />
                      )}
                    </Field>
                  </>
                )}
                <Field
                  label={
                    s.kind === "leave-group" || s.kind === "end-measure" ? t("builder.on") : t("builder.from")
                  }
                  error={fe.err(`steps.${i}.date`)}
                >
                  {(a) => (
                    <DateInput
                      {...a}
                      value={s.date}
                      onChange={(v) => setStep(i, { date: v })}
                      timeZone={zone(regime)}
                    />
                  )}
                </Field>
              </div>
              {steps.length > 1 && (
                <button
                  type="button"
                  className="link"
                  onClick={() => setSteps((all) => all.filter((_, k) => k !== i))}
                >
                  {t("builder.removeStep")}
                </button>
              )}
            </li>
          ))}
        </ol>
        <button type="button" onClick={() => setSteps((all) => [...all, blank(regime)])}>
          {t("builder.addStep")}
        </button>{" "}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t("common.working") : t("builder.build")}
        </button>
        <ErrorNotice error={failure} />
      </form>
      {yaml && (
        <div data-testid="builder-result">
          <h3>{t("builder.review", { changes: changes ?? 0 })}</h3>
          <pre className="yaml">{yaml}</pre>
          <button type="button" disabled={busy} onClick={() => void send("/v1/overlays")}>
            {t("builder.save")}
          </button>{" "}
          <button type="button" className="primary" onClick={() => props.onUse(yaml)}>
            {t("builder.use")}
          </button>
        </div>
      )}
      {saved.data && saved.data.items.length > 0 && (
        <>
          <h3>{t("builder.saved")}</h3>
          <ul data-testid="saved-overlays">
            {saved.data.items.map((o) => (
              <li key={o.id}>
                {o.regime} · {o.effective} · {o.title}{" "}
                <button type="button" className="link" onClick={() => props.onUse(o.yaml)}>
                  {t("builder.use")}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
