/**
 * String distances used by the name scorer: Levenshtein, optimal-string-alignment (Damerau) distance and
 * Jaro / Jaro–Winkler similarity. Written here (no installed library covers all three with the speed the
 * screening index needs); buffers are reused typed arrays, so a comparison allocates nothing.
 */

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

function ensure(n: number): void {
  if (rowA.length >= n) return;
  const size = Math.max(n, rowA.length * 2);
  rowA = new Int32Array(size);
  rowB = new Int32Array(size);
  rowC = new Int32Array(size);
}

/** Levenshtein distance (insertions, deletions, substitutions each cost 1). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  ensure(m + 1);
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      const sub = prev[j - 1]! + cost;
      cur[j] = del < ins ? (del < sub ? del : sub) : ins < sub ? ins : sub;
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]!;
}

/**
 * Optimal-string-alignment distance: Levenshtein plus the transposition of two adjacent characters at cost 1
 * (the "restricted" Damerau–Levenshtein distance: no substring is edited twice).
 */
export function osaDistance(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  ensure(m + 1);
  let prev2 = rowC;
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      const sub = prev[j - 1]! + cost;
      let v = del < ins ? (del < sub ? del : sub) : ins < sub ? ins : sub;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        const tr = prev2[j - 2]! + 1;
        if (tr < v) v = tr;
      }
      cur[j] = v;
    }
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]!;
}

let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);
let lastMatches = 0;

/** Jaro similarity in [0, 1]. */
export function jaro(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (a === b) {
    lastMatches = n;
    return 1;
  }
  lastMatches = 0;
  if (n === 0 || m === 0) return 0;
  if (flagsA.length < n) flagsA = new Uint8Array(Math.max(n, flagsA.length * 2));
  if (flagsB.length < m) flagsB = new Uint8Array(Math.max(m, flagsB.length * 2));
  flagsA.fill(0, 0, n);
  flagsB.fill(0, 0, m);
  const range = Math.max(0, Math.floor(Math.max(n, m) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < n; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(m - 1, i + range);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === c) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  lastMatches = matches;
  if (matches === 0) return 0;
  let k = 0;
  let trans = 0;
  for (let i = 0; i < n; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) trans++;
    k++;
  }
  const t = Math.floor(trans / 2);
  return (matches / n + matches / m + (matches - t) / matches) / 3;
}

/**
 * Jaro–Winkler similarity: Jaro boosted by the common prefix (up to 4 characters, scale 0.1) when Jaro is
 * above 0.7. With `longTolerance`, long strings that agree beyond the prefix get the further adjustment of
 * the original strcmp95 (jellyfish's `long_tolerance`).
 */
export function jaroWinkler(a: string, b: string, longTolerance = false): number {
  const j = jaro(a, b);
  if (j <= 0.7) return j;
  const matches = lastMatches;
  const n = a.length;
  const m = b.length;
  const minLen = Math.min(n, m);
  const max = Math.min(4, minLen);
  let prefix = 0;
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let w = j + prefix * 0.1 * (1 - j);
  if (longTolerance && minLen > 4 && matches > prefix + 1 && 2 * matches >= minLen + prefix) {
    w += (1 - w) * ((matches - prefix - 1) / (n + m - prefix * 2 + 2));
  }
  return w;
}

/**
 * Damerau–Levenshtein distance without the OSA restriction (a transposed pair may be edited again), after
 * Lowrance and Wagner. Slower than {@link osaDistance}; used where exactness matters more than speed.
 */
export function damerauLevenshtein(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  const inf = n + m;
  const lastRow = new Map<number, number>();
  const d: Int32Array[] = [];
  for (let i = 0; i <= n + 1; i++) d.push(new Int32Array(m + 2));
  d[0]![0] = inf;
  for (let i = 0; i <= n; i++) {
    d[i + 1]![0] = inf;
    d[i + 1]![1] = i;
  }
  for (let j = 0; j <= m; j++) {
    d[0]![j + 1] = inf;
    d[1]![j + 1] = j;
  }
  for (let i = 1; i <= n; i++) {
    const ca = a.charCodeAt(i - 1);
    let lastMatchCol = 0;
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      const i1 = lastRow.get(cb) ?? 0;
      const j1 = lastMatchCol;
      const cost = ca === cb ? 0 : 1;
      if (cost === 0) lastMatchCol = j;
      d[i + 1]![j + 1] = Math.min(
        d[i]![j]! + cost,
        d[i + 1]![j]! + 1,
        d[i]![j + 1]! + 1,
        d[i1]![j1]! + (i - i1 - 1) + 1 + (j - j1 - 1),
      );
    }
    lastRow.set(ca, i);
  }
  return d[n + 1]![m + 1]!;
}
