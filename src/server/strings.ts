/**
 * Strings the database refuses (a NUL character, an unpaired surrogate) are bad input of the request that
 * sends them, named by their JSON path — never a failed statement that takes other requests' rows with it.
 */
import type { FieldProblem } from "./problem.ts";

// eslint-disable-next-line no-control-regex
const NUL = /\u0000/;
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemOf(s: string): string | undefined {
  if (NUL.test(s)) return "contains a NUL character (U+0000)";
  if (LONE.test(s)) return "contains an unpaired surrogate (not valid Unicode text)";
  return undefined;
}

/** Every string (keys included) of a parsed JSON value that cannot be stored; at most `max` problems. */
export function unstorableStrings(
  value: unknown,
  path = "$",
  out: FieldProblem[] = [],
  max = 20,
): FieldProblem[] {
  if (out.length >= max) return out;
  if (typeof value === "string") {
    const p = problemOf(value);
    if (p) out.push({ path, message: p });
  } else if (Array.isArray(value)) value.forEach((v, i) => unstorableStrings(v, `${path}[${i}]`, out, max));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      const kp = problemOf(k);
      if (kp) out.push({ path: `${path} (a key)`, message: kp });
      unstorableStrings(v, `${path}.${k}`, out, max);
    }
  return out;
}
