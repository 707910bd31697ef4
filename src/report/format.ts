/**
 * The report's fixed number formats: every renderer uses these, so a number reads the same in
 * HTML, Markdown and CSV and golden files never change with the machine or locale.
 * Scores are fractions; people read percent with one decimal.
 */

/** Fixed decimals without "-0.0". */
export function fixed(x: number, digits: number): string {
  const s = x.toFixed(digits);
  return s.charCodeAt(0) === 45 && /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** 0.8243 → "82.4%"; null → "n/a". */
export function pct(x: number | null | undefined): string {
  return x === null || x === undefined ? 'n/a' : `${fixed(x * 100, 1)}%`;
}

/** A difference of fractions in percentage points with its sign: 0.123 → "+12.3". */
export function points(x: number | null | undefined): string {
  if (x === null || x === undefined) return 'n/a';
  const s = fixed(x * 100, 1);
  return x > 0 && s !== '0.0' ? `+${s}` : s;
}

/** "[4.1%, 20.5%]" for an interval of fractions; "n/a" when missing. */
export function pctInterval(iv: { low: number; high: number } | null | undefined): string {
  return iv ? `[${pct(iv.low)}, ${pct(iv.high)}]` : 'n/a';
}

/** "[+4.1, +20.5]" for an interval of differences in points. */
export function pointsInterval(iv: { low: number; high: number } | null | undefined): string {
  return iv ? `[${points(iv.low)}, ${points(iv.high)}]` : 'n/a';
}

/** p-values: 3 decimals, "< 0.001" below that. */
export function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined) return 'n/a';
  return p < 0.001 ? '< 0.001' : fixed(p, 3);
}

/** A plain number with fixed decimals, or "n/a". */
export function num(x: number | null | undefined, digits = 2): string {
  return x === null || x === undefined ? 'n/a' : fixed(x, digits);
}

/** Machine-readable number for CSV: fixed decimals, empty when missing. */
export function csvNum(x: number | null | undefined, digits = 6): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '' : fixed(x, digits);
}

/** "seed" / "seeds". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
