/**
 * A legal date's field: typed as YYYY-MM-DD (checked by the form), or picked from the browser's calendar, or set
 * to today in the regime's time zone (Asia/Tokyo, Asia/Seoul — not the browser's, and never through UTC). The
 * calendar control gives and takes the same YYYY-MM-DD text, so no conversion can move the date.
 */
import { useTranslation } from "react-i18next";
import { todayIn } from "../../src/policy/dates.ts";
import { get, type Regime } from "./api.ts";
import { isCalendarDate } from "./forms.tsx";
import { useLoad } from "./ui.tsx";

/** The regimes' time zones as the server's packs give them (GET /v1/regimes); undefined until loaded. */
export function useRegimeZone(): (regime: string) => string | undefined {
  const regimes = useLoad((s) => get<{ regimes: Regime[] }>("/v1/regimes", s), "regimes");
  return (regime) => regimes.data?.regimes.find((r) => r.id === regime)?.timeZone;
}

export function DateInput(props: {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby"?: string;
  name?: string;
  value: string;
  onChange: (v: string) => void;
  /** The regime's time zone, for "today" (no "today" button until it is known). */
  timeZone: string | undefined;
  /** The first date the pack holds law for (the calendar offers nothing earlier). */
  min?: string | undefined;
}) {
  const { t } = useTranslation();
  const { value, onChange, timeZone, min, ...a } = props;
  const v = value.trim();
  return (
    <div className="date-input">
      <input
        {...a}
        placeholder="YYYY-MM-DD"
        inputMode="numeric"
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      <input
        type="date"
        className="date-picker"
        aria-label={t("date.pick")}
        title={t("date.pick")}
        value={isCalendarDate(v) ? v : ""}
        {...(min ? { min } : {})}
        onChange={(e) => {
          if (e.target.value) onChange(e.target.value);
        }}
      />
      {timeZone && (
        <button
          type="button"
          className="secondary small"
          title={t("date.todayIn", { zone: timeZone })}
          onClick={() => onChange(todayIn(timeZone))}
        >
          {t("date.today")}
        </button>
      )}
    </div>
  );
}
