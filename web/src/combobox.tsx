/**
 * Search-as-you-type (the ARIA 1.2 combobox pattern): the text box keeps whatever the user types; arrow keys
 * move through the suggestions, Enter takes one, Escape closes. Suggestions come from a function (countries)
 * or from the server (control-list entries), with loading and error states.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { get, query, type ControlListHit } from "./api.ts";
import { countryName, resolveCountry, searchCountries } from "./countries.ts";
import { currentLang } from "./i18n.ts";
import { errorHeadline } from "./messages.ts";
import { useDebounced } from "./ui.tsx";

export interface Option {
  value: string;
  label: ReactNode;
  /** Text for screen readers and the title attribute. */
  text: string;
}

interface Props {
  id: string;
  value: string;
  onChange: (v: string) => void;
  search: (text: string, signal: AbortSignal) => Promise<Option[]> | Option[];
  placeholder?: string;
  className?: string;
  minChars?: number;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
  inputMode?: "text" | "search";
  autoComplete?: string;
  /** Text shown after the box, e.g. the country name of the code typed. */
  after?: ReactNode;
}

export function Combobox(props: Props) {
  const { t } = useTranslation();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [options, setOptions] = useState<Option[]>([]);
  const [state, setState] = useState<"idle" | "loading" | "error">("idle");
  const [errorText, setErrorText] = useState("");
  const [typed, setTyped] = useState(false);
  const text = useDebounced(props.value, 200);
  const searchRef = useRef(props.search);
  searchRef.current = props.search;
  const minChars = props.minChars ?? 1;

  useEffect(() => {
    if (!typed || text.trim().length < minChars) {
      setOptions([]);
      return;
    }
    const ctl = new AbortController();
    setState("loading");
    Promise.resolve(searchRef.current(text, ctl.signal)).then(
      (o) => {
        if (ctl.signal.aborted) return;
        setOptions(o);
        setActive(-1);
        setState("idle");
      },
      (e: unknown) => {
        if (ctl.signal.aborted) return;
        setOptions([]);
        setState("error");
        setErrorText(errorHeadline(e, t));
      },
    );
    return () => ctl.abort();
  }, [text, typed, minChars, t]);

  const choose = (o: Option) => {
    props.onChange(o.value);
    setOpen(false);
    setTyped(false);
    setActive(-1);
  };
  const showList = open && typed && (options.length > 0 || state !== "idle");

  return (
    <div className={`combobox ${props.className ?? ""}`}>
      <input
        id={props.id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
        aria-invalid={props["aria-invalid"]}
        aria-describedby={props["aria-describedby"]}
        autoComplete={props.autoComplete ?? "off"}
        inputMode={props.inputMode}
        placeholder={props.placeholder}
        value={props.value}
        onChange={(e) => {
          props.onChange(e.target.value);
          setTyped(true);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
            setTyped(true);
            setActive((a) => Math.min(options.length - 1, a + 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === "Enter" && showList && active >= 0 && options[active]) {
            e.preventDefault();
            choose(options[active]);
          } else if (e.key === "Escape") {
            setOpen(false);
          }
        }}
      />
      {props.after}
      <ul id={listId} role="listbox" className="listbox" hidden={!showList}>
        {state === "loading" && options.length === 0 && (
          <li className="listbox-note" role="presentation">
            {t("common.searching")}
          </li>
        )}
        {state === "error" && (
          <li className="listbox-note error" role="presentation">
            {errorText}
          </li>
        )}
        {state === "idle" && options.length === 0 && (
          <li className="listbox-note" role="presentation">
            {t("common.noSuggestions")}
          </li>
        )}
        {options.map((o, i) => (
          <li
            key={o.value + i}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            title={o.text}
            className={i === active ? "active" : ""}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(o);
            }}
          >
            {o.label}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A country code box: type a code or a name in any of the three languages; the name is shown beside it. */
export function CountryInput(props: Omit<Props, "search" | "after">) {
  const lang = currentLang();
  // The country the text names without doubt (a code, or a name one country has exactly: "한국" → KR).
  const code = resolveCountry(props.value, lang);
  const known = code !== undefined && countryName(code, lang) !== code;
  const isCode = props.value.trim().toUpperCase() === code;
  return (
    <Combobox
      {...props}
      className={`country ${props.className ?? ""}`}
      search={(text) =>
        searchCountries(text, lang).map((c) => ({
          value: c.code,
          text: `${c.code} ${c.name}`,
          label: (
            <>
              <code>{c.code}</code> {c.name}
            </>
          ),
        }))
      }
      after={
        known ? (
          <span className="after">
            {isCode ? (
              countryName(code, lang)
            ) : (
              <>
                → <code>{code}</code> {countryName(code, lang)}
              </>
            )}
          </span>
        ) : undefined
      }
    />
  );
}

/** A control-number box that searches the control lists (GET /v1/control-list/search) as the user types. */
export function ControlNumberInput(props: Omit<Props, "search"> & { regime: string; date?: string }) {
  return (
    <Combobox
      {...props}
      minChars={2}
      search={async (text, signal) => {
        const r = await get<{ results: ControlListHit[] }>(
          `/v1/control-list/search${query({
            q: text,
            regime: props.regime,
            date: /^\d{4}-\d{2}-\d{2}$/.test(props.date ?? "") ? props.date : undefined,
            limit: 8,
          })}`,
          signal,
        );
        return r.results.map((h) => {
          const number = h.entry.subItem?.number ?? h.entry.number;
          const own = h.entry.sources?.find((s) => s.regime === props.regime);
          const title = h.entry.subItem?.title ?? own?.title ?? h.entry.title;
          const jpRow = props.regime === "JP" ? h.regimeNumbering?.jp : undefined;
          return {
            value: number,
            text: `${number} ${title}`,
            label: (
              <>
                <code>{number}</code>
                {jpRow && jpRow !== number && <code className="muted"> {jpRow}</code>} <span>{title}</span>
              </>
            ),
          };
        });
      }}
    />
  );
}
