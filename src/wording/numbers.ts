/**
 * Every number format of seedstudy's output, in one place: the CLI, the HTML and Markdown report,
 * the CSV files and the analysis sentences all format through these, so a number reads the same
 * everywhere and golden files never change with the machine or locale.
 * Scores are fractions; people read percent with one decimal. Two decimals are kept where they
 * carry meaning (a claim's reachability: 81.48% is 44/54, 81.5% is not). The minus sign is the
 * ASCII hyphen-minus everywhere (what toFixed writes, and what CSV and JSON readers parse).
 */

/** Fixed decimals without "-0.0". */
export function fixed(x: number, digits: number): string {
  const s = x.toFixed(digits);
  return s.charCodeAt(0) === 45 && /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** Up to `digits` decimals with trailing zeros dropped: 0.5 → "0.5", 1/3 → "0.3333" (a value as given). */
export function trimmed(x: number, digits = 4): string {
  return `${+fixed(x, digits)}`;
}

/** The values one prompt can score, as given: [0, 0.5, 1] → "0/0.5/1". */
export function scoreValuesText(values: readonly number[]): string {
  return values.map((v) => trimmed(v)).join('/');
}

/** 0.8243 → "82.4%"; null → "n/a". */
export function pct(x: number | null | undefined): string {
  return x === null || x === undefined ? 'n/a' : `${fixed(x * 100, 1)}%`;
}

/** Percent with 0 decimals: 0.031 → "3%" (a probability read roughly). */
export function pct0(x: number): string {
  return `${fixed(x * 100, 0)}%`;
}

/** Percent with 2 decimals, for figures whose reachability is at stake: 44/54 → "81.48%". */
export function pct2(x: number): string {
  return `${fixed(x * 100, 2)}%`;
}

/** A percentage as given, up to 4 decimals without trailing zeros: 0.824 → "82.4%", 0.81 → "81%". */
export function pctExact(x: number, digits = 4): string {
  return `${trimmed(x * 100, digits)}%`;
}

/** A difference of fractions in percentage points with its sign: 0.123 → "+12.3", -0.0001 → "0.0". */
export function points(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined) return 'n/a';
  const s = fixed(x * 100, digits);
  return x > 0 && Number(s) !== 0 ? `+${s}` : s;
}

/** A difference in percentage points without a sign for positives: 0.123 → "12.3", -0.05 → "-5.0". */
export function pointsUnsigned(x: number, digits = 1): string {
  return fixed(x * 100, digits);
}

/** "[4.1%, 20.5%]" for an interval of fractions; "n/a" when missing. */
export function pctInterval(iv: { low: number; high: number } | null | undefined): string {
  return iv ? `[${pct(iv.low)}, ${pct(iv.high)}]` : 'n/a';
}

/** "[+4.1, +20.5]" for an interval of differences in points. */
export function pointsInterval(iv: { low: number; high: number } | null | undefined): string {
  return iv ? `[${points(iv.low)}, ${points(iv.high)}]` : 'n/a';
}

/** "[4.1, 20.5]": an interval of fractions in percent (or of differences in points), no unit, no plus sign. */
export function percentRange(iv: { low: number; high: number }): string {
  return `[${fixed(100 * iv.low, 1)}, ${fixed(100 * iv.high, 1)}]`;
}

/** p-values: 3 decimals, "< 0.001" below that. */
export function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined) return 'n/a';
  return p < 0.001 ? '< 0.001' : fixed(p, 3);
}

/** A p-value in a sentence: "p = 0.013", "p < 0.001". */
export function pEquals(p: number): string {
  const v = pValue(p);
  return v.startsWith('<') ? `p ${v}` : `p = ${v}`;
}

/** A plain number with fixed decimals, or "n/a". */
export function num(x: number | null | undefined, digits = 2): string {
  return x === null || x === undefined ? 'n/a' : fixed(x, digits);
}

/** A test statistic with 3 significant digits: 2.3456 → "2.35", 12.345 → "12.3". */
export function sig3(x: number): string {
  const s = x.toPrecision(3);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** Machine-readable number for CSV: fixed decimals, empty when missing. */
export function csvNum(x: number | null | undefined, digits = 6): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '' : fixed(x, digits);
}

/** "seed" / "seeds". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A duration people read at a glance: `1h02m`, `3m05s`, `42s`; "?" when unknown. */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '?';
  const t = Math.round(seconds);
  if (t >= 86400) return `${Math.floor(t / 86400)}d${String(Math.floor((t % 86400) / 3600)).padStart(2, '0')}h`;
  if (t >= 3600) return `${Math.floor(t / 3600)}h${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}m`;
  if (t >= 60) return `${Math.floor(t / 60)}m${String(t % 60).padStart(2, '0')}s`;
  return `${t}s`;
}

/** A nominal p boundary, which can be tiny: 0.00304 → "0.0030", 1.47e-5 → "1.5e-5". */
export function pBoundary(p: number): string {
  if (p >= 0.001) return fixed(p, 4);
  const [m, e] = p.toExponential(1).split('e');
  return `${m}e${Number(e)}`;
}

/** A size in bytes with decimal units: 557832 → "558 kB", 4.2e9 → "4.2 GB". */
export function bytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = n;
  let i = 0;
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  return `${i === 0 || value >= 100 ? fixed(value, 0) : fixed(value, 1)} ${units[i]}`;
}
