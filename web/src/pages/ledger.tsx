/**
 * A licence's usage ledger in the UI: the balance of each line (bar and step chart, summed exactly in
 * micro-units), the ledger's entries with their corrections (a drawdown is reversed by a compensating entry
 * with a required note; the original stays), and the form that records a shipment: decimal quantities (12.5 kg),
 * and a warning when the shipment reference is drawn already on another line or licence.
 */
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { get, post, query, type Licence, type LedgerEntry, type Me, type ShipmentRefUse } from "../api.ts";
import { sixPlaces } from "../../../src/permits/six-places.ts";
import { CountryInput } from "../combobox.tsx";
import { DateInput, useRegimeZone } from "../date-input.tsx";
import { focusFirstError, isCalendarDate, parseNumber, useFieldErrors } from "../forms.tsx";
import { isCountryCode } from "../countries.ts";
import { currentLang } from "../i18n.ts";
import { ErrorNotice, Field, useAction } from "../ui.tsx";

interface DrawdownAnswer {
  id: string;
  replayed?: boolean;
  warnings?: { code: "shipmentRefReused"; uses: ShipmentRefUse[] }[];
}

/** A quantity in micro-units (the ledger's 6 decimal places), so that sums are exact. */
const micro = (q: number): number => Math.round(q * 1e6);

/** The other drawdowns that carry a shipment reference: a warning, the user decides. */
function RefUses(props: { shipmentRef: string; uses: ShipmentRefUse[] }) {
  const { t } = useTranslation();
  const lang = currentLang();
  return (
    <div className="notice warning ref-uses" role="status" data-testid="ref-reused">
      {t("ledger.refReused", { ref: props.shipmentRef, count: props.uses.length })}
      <ul>
        {props.uses.map((u) => (
          <li key={u.entry}>
            {t("ledger.refUse", {
              licence: u.licenceNumber,
              line: u.line,
              date: u.shipmentDate,
              quantity: u.quantity.toLocaleString(lang),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The ledger's entries; an exporter or admin may reverse a drawdown not yet corrected, giving a reason. */
export function LedgerTable(props: { licence: Licence; me: Me; onDone: () => void }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const l = props.licence;
  const entries = l.ledger ?? [];
  const corrected = new Map(entries.filter((e) => e.corrects).map((e) => [e.corrects!, e]));
  const seqOf = new Map(entries.map((e) => [e.id, e.seq]));
  const [open, setOpen] = useState<string | null>(null);
  const mayCorrect = props.me.role === "exporter" || props.me.role === "admin";
  if (entries.length === 0) return <p className="empty">{t("licences.noUsage")}</p>;
  return (
    <div className="table-wrap">
      <table className="list ledger">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t("licences.shipmentDate")}</th>
            <th scope="col">{t("licences.line")}</th>
            <th scope="col">{t("line.quantity")}</th>
            <th scope="col">{t("line.value")}</th>
            <th scope="col">{t("licences.shipmentRef")}</th>
            <th scope="col">{t("ledger.entry")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <LedgerRow
              key={e.id}
              entry={e}
              lang={lang}
              correctedBy={corrected.get(e.id)?.seq}
              correctsSeq={e.corrects ? seqOf.get(e.corrects) : undefined}
              canCorrect={mayCorrect && !e.corrects && !corrected.has(e.id)}
              open={open === e.id}
              onOpen={() => setOpen(open === e.id ? null : e.id)}
              licenceId={l.id}
              onDone={() => {
                setOpen(null);
                props.onDone();
              }}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LedgerRow(props: {
  entry: LedgerEntry;
  lang: string;
  correctedBy: number | undefined;
  correctsSeq: number | undefined;
  canCorrect: boolean;
  open: boolean;
  onOpen: () => void;
  licenceId: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const e = props.entry;
  return (
    <>
      <tr className={e.corrects ? "correction" : props.correctedBy !== undefined ? "corrected" : ""}>
        <td>{e.seq}</td>
        <td>{e.shipmentDate}</td>
        <td>{e.line}</td>
        <td className="num">{e.quantity.toLocaleString(props.lang)}</td>
        <td className="num">{e.value.toLocaleString(props.lang)}</td>
        <td>
          {e.shipmentRef}
          {e.note && <span className="muted"> — {e.note}</span>}
        </td>
        <td>
          {e.corrects ? (
            t("ledger.correctionOf", { seq: props.correctsSeq ?? "?" })
          ) : props.correctedBy !== undefined ? (
            t("ledger.correctedBy", { seq: props.correctedBy })
          ) : props.canCorrect ? (
            <button type="button" className="link" aria-expanded={props.open} onClick={props.onOpen}>
              {t("ledger.correct")}
            </button>
          ) : (
            t("ledger.drawdown")
          )}
        </td>
      </tr>
      {props.open && (
        <tr className="correction-form-row">
          <td colSpan={7}>
            <CorrectionForm
              licenceId={props.licenceId}
              entry={e}
              onDone={props.onDone}
              onCancel={props.onOpen}
            />
          </td>
        </tr>
      )}
    </>
  );
}

function CorrectionForm(props: {
  licenceId: string;
  entry: LedgerEntry;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState("");
  const fe = useFieldErrors();
  const act = useAction(async () => {
    await post(`/v1/licences/${props.licenceId}/corrections`, {
      corrects: props.entry.id,
      note: note.trim(),
    });
    props.onDone();
    return true;
  });
  useEffect(() => {
    if (act.error !== undefined) fe.setServer(act.error);
  }, [act.error, fe.setServer]);
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const errs: Record<string, string> = {};
    if (!note.trim()) errs["$.note"] = t("ledger.noteRequired");
    fe.setClient(errs);
    if (Object.keys(errs).length > 0) return focusFirstError();
    void act.run();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t("ledger.correctTitle", { seq: props.entry.seq })}>
      <p>{t("ledger.correctExplain", { seq: props.entry.seq, quantity: props.entry.quantity })}</p>
      <Field label={t("ledger.reason")} error={fe.err("$.note")}>
        {(a) => (
          <input
            {...a}
            value={note}
            maxLength={500}
            onChange={(ev) => {
              setNote(ev.target.value);
              fe.clear("$.note");
            }}
          />
        )}
      </Field>
      <ErrorNotice error={act.error} shownPaths={fe.shown} />
      <div className="actions">
        <button type="submit" disabled={act.busy}>
          {act.busy ? t("common.working") : t("ledger.confirmCorrect")}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

export function BalanceBar(props: { used: number; limit: number | null; unit: string }) {
  const { t } = useTranslation();
  const lang = currentLang();
  if (props.limit === null) return <div className="balance">{t("licences.unlimited")}</div>;
  const pct = props.limit > 0 ? Math.min(100, (props.used / props.limit) * 100) : 0;
  return (
    <div className="balance" title={`${props.used} / ${props.limit}`}>
      <span className="bar" aria-hidden="true">
        <span style={{ width: `${100 - pct}%` }} />
      </span>{" "}
      {t("licences.remainingOf", {
        remaining: (props.limit - props.used).toLocaleString(lang),
        limit: props.limit.toLocaleString(lang),
        unit: props.unit,
      })}
    </div>
  );
}

/** Remaining quantity of one licence line over time, as a step chart from the ledger. */
export function DrawdownChart(props: { licence: Licence; line: number }): ReactNode {
  const { t } = useTranslation();
  const l = props.licence;
  const limit = l.lines[props.line - 1]?.quantityLimit ?? null;
  const entries = (l.ledger ?? [])
    .filter((e) => e.line === props.line)
    .sort((a, b) => a.shipmentDate.localeCompare(b.shipmentDate) || a.seq - b.seq);
  if (limit === null || entries.length === 0) return null;
  const day = (d: string) =>
    Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  const x0 = day(l.validFrom);
  // The time axis runs from the start of validity a little past the last shipment (not to a far-off expiry).
  const last = day(entries[entries.length - 1]!.shipmentDate);
  const x1 = Math.min(
    Math.max(day(l.validUntil), x0 + 864e5),
    Math.max(x0 + 30 * 864e5, last + (last - x0) * 0.25),
  );
  const W = 600;
  const H = 120;
  const x = (d: string) => Math.min(W, ((day(d) - x0) / (x1 - x0)) * W);
  const y = (remaining: number) => 4 + (H - 8) * (1 - Math.max(0, remaining) / limit);
  let remainingMicro = micro(limit);
  let remaining = limit;
  let path = `M0,${y(remaining)}`;
  const dots: { cx: number; cy: number; label: string }[] = [];
  for (const e of entries) {
    path += ` H${x(e.shipmentDate).toFixed(1)}`;
    remainingMicro -= micro(e.quantity);
    remaining = remainingMicro / 1e6;
    path += ` V${y(remaining).toFixed(1)}`;
    dots.push({
      cx: x(e.shipmentDate),
      cy: y(remaining),
      label: `${e.shipmentDate}: −${e.quantity} → ${remaining}`,
    });
  }
  path += ` H${W}`;
  const area = `${path} V${H} H0 Z`;
  return (
    <figure className="drawdown">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={t("licences.drawdownChart")}
      >
        <rect x="0" y="0" width={W} height={H} className="chart-bg" />
        <path d={area} className="chart-area" />
        <path d={path} className="chart-line" vectorEffect="non-scaling-stroke" />
        {dots.map((d, i) => (
          <line
            key={i}
            x1={d.cx}
            x2={d.cx}
            y1={d.cy}
            y2={H}
            className="chart-tick"
            vectorEffect="non-scaling-stroke"
          >
            <title>{d.label}</title>
          </line>
        ))}
      </svg>
      <figcaption className="muted small">
        {t("licences.drawdownChart")}: {l.validFrom} – {new Date(x1).toISOString().slice(0, 10)} ·{" "}
        {limit.toLocaleString(currentLang())} → {remaining.toLocaleString(currentLang())}
      </figcaption>
    </figure>
  );
}

export function DrawdownForm(props: { licence: Licence; onDone: () => void }) {
  const { t } = useTranslation();
  const l = props.licence;
  const [f, setF] = useState({
    line: "1",
    quantity: "",
    value: "",
    shipmentRef: "",
    shipmentDate: "",
    destination: l.destinations[0] ?? "",
    party: l.permittedParties[0] ?? "",
  });
  const fe = useFieldErrors();
  const zoneOf = useRegimeZone();
  const [uses, setUses] = useState<{ ref: string; uses: ShipmentRefUse[] }>({ ref: "", uses: [] });
  const lookUp = async (ref: string) => {
    if (!ref) return setUses({ ref, uses: [] });
    try {
      const r = await get<{ uses: ShipmentRefUse[] }>(`/v1/usage${query({ shipmentRef: ref })}`);
      setUses({ ref, uses: r.uses });
    } catch {
      // the warning is a help, not a condition of recording: the answer to the drawdown carries it again
      setUses({ ref, uses: [] });
    }
  };
  const [recorded, setRecorded] = useState<{ ref: string; uses: ShipmentRefUse[] } | null>(null);
  const draw = useAction(async () => {
    const ref = f.shipmentRef.trim();
    const r = await post<DrawdownAnswer>(`/v1/licences/${l.id}/usage`, {
      line: Number(f.line),
      quantity: parseNumber(f.quantity),
      value: parseNumber(f.value),
      shipmentRef: f.shipmentRef.trim(),
      shipmentDate: f.shipmentDate.trim(),
      destination: f.destination.trim().toUpperCase(),
      ...(f.party.trim() ? { party: f.party.trim() } : {}),
    });
    setF((x) => ({ ...x, quantity: "", value: "", shipmentRef: "" }));
    setUses({ ref: "", uses: [] });
    setRecorded({ ref, uses: (r.warnings ?? []).flatMap((w) => w.uses) });
    props.onDone();
    return true;
  });
  useEffect(() => {
    if (draw.error !== undefined) fe.setServer(draw.error);
  }, [draw.error, fe.setServer]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const q = parseNumber(f.quantity);
    if (q === undefined || q <= 0 || !sixPlaces(q)) errs["$.quantity"] = t("msg.positiveDecimal");
    const v = parseNumber(f.value);
    if (v === undefined || !Number.isInteger(v) || v < 0) errs["$.value"] = t("msg.nonNegativeInteger");
    if (!f.shipmentRef.trim()) errs["$.shipmentRef"] = t("msg.required");
    if (!isCalendarDate(f.shipmentDate.trim())) errs["$.shipmentDate"] = t("msg.dateFormat");
    if (!isCountryCode(f.destination.trim().toUpperCase()))
      errs["$.destination"] = t("msg.unknownCountry", { value: f.destination });
    fe.setClient(errs);
    fe.setServer(undefined);
    if (Object.keys(errs).length > 0) return focusFirstError();
    void draw.run();
  };
  const set = (k: keyof typeof f, v: string) => {
    setF((x) => ({ ...x, [k]: v }));
    fe.clear(`$.${k}`);
    setRecorded(null);
  };
  const ref = f.shipmentRef.trim();
  return (
    <form onSubmit={submit} noValidate className="drawdown-form" aria-label={t("licences.recordUsage")}>
      <fieldset>
        <legend>{t("licences.recordUsage")}</legend>
        <div className="row">
          <Field label={t("licences.line")} error={fe.err("$.line")}>
            {(a) => (
              <select {...a} value={f.line} onChange={(e) => set("line", e.target.value)}>
                {l.lines.map((x, i) => (
                  <option key={i} value={i + 1}>
                    {i + 1}: {x.description}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("line.quantity")} error={fe.err("$.quantity")}>
            {(a) => (
              <input
                {...a}
                inputMode="decimal"
                value={f.quantity}
                onChange={(e) => set("quantity", e.target.value)}
              />
            )}
          </Field>
          <Field label={t("line.value")} error={fe.err("$.value")}>
            {(a) => (
              <input
                {...a}
                inputMode="numeric"
                value={f.value}
                onChange={(e) => set("value", e.target.value)}
              />
            )}
          </Field>
          <Field
            label={t("licences.shipmentRef")}
            error={fe.err("$.shipmentRef")}
            hint={uses.ref === ref && uses.uses.length > 0 && <RefUses shipmentRef={ref} uses={uses.uses} />}
          >
            {(a) => (
              <input
                {...a}
                value={f.shipmentRef}
                onChange={(e) => set("shipmentRef", e.target.value)}
                onBlur={() => void lookUp(ref)}
              />
            )}
          </Field>
          <Field label={t("licences.shipmentDate")} error={fe.err("$.shipmentDate")}>
            {(a) => (
              <DateInput
                {...a}
                value={f.shipmentDate}
                onChange={(v) => set("shipmentDate", v)}
                timeZone={zoneOf(l.regime)}
                min={l.validFrom}
              />
            )}
          </Field>
          <Field label={t("check.destination")} error={fe.err("$.destination")}>
            {(a) => <CountryInput {...a} value={f.destination} onChange={(v) => set("destination", v)} />}
          </Field>
          <Field label={t("licences.party")} error={fe.err("$.party")}>
            {(a) => <input {...a} value={f.party} onChange={(e) => set("party", e.target.value)} />}
          </Field>
        </div>
        <ErrorNotice error={draw.error} shownPaths={fe.shown} />
        {recorded && (
          <div className="notice ok" role="status" data-testid="drawdown-recorded">
            {t("ledger.recorded", { ref: recorded.ref })}
          </div>
        )}
        {recorded && recorded.uses.length > 0 && <RefUses shipmentRef={recorded.ref} uses={recorded.uses} />}
        <div className="actions">
          <button type="submit" disabled={draw.busy}>
            {draw.busy ? t("common.working") : t("licences.recordUsage")}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
