/**
 * Shared result types of the statistics layer.
 *
 * Architecture rule 6: a statistic computed from too few observations must say so explicitly
 * instead of returning NaN, Infinity or a zero-width interval. Every function in
 * `src/statistics/` therefore returns either its value or an {@link Insufficient} record, and
 * callers discriminate with {@link isInsufficient} (or `typeof x === 'number'` for scalars).
 */

/** Why a statistic could not be computed (too few seeds, no spread, ...). Shown to users verbatim. */
export interface Insufficient {
  readonly status: 'insufficient';
  readonly reason: string;
}

/** A value, or the reason it cannot be computed. Scalars: `Maybe<number>` (test with `typeof`). */
export type Maybe<T> = T | Insufficient;

/**
 * A two-sided interval with its construction method and confidence level, so every number in a
 * report can say how it was obtained ("t, df 4", "bca", "wilson", ...). Always low < high and
 * both finite; build it with {@link makeInterval} to enforce that.
 */
export interface Interval {
  readonly low: number;
  readonly high: number;
  /** Short machine-readable method name, e.g. 't', 'percentile', 'bca', 'wilson', 'clopper-pearson'. */
  readonly method: string;
  /** Nominal coverage, e.g. 0.95. */
  readonly level: number;
}

/** Default confidence level of every interval unless the caller asks otherwise. */
export const DEFAULT_LEVEL = 0.95;

/** Builds an {@link Insufficient} record; keeps the literal type so unions discriminate. */
export function insufficient(reason: string): Insufficient {
  return { status: 'insufficient', reason };
}

/** Type guard: true when `x` is an {@link Insufficient} record (works on any `Maybe<T>`). */
export function isInsufficient<T>(x: Maybe<T>): x is Insufficient {
  return (
    typeof x === 'object' &&
    x !== null &&
    (x as { status?: unknown }).status === 'insufficient' &&
    typeof (x as { reason?: unknown }).reason === 'string'
  );
}

/**
 * Validates and builds an interval. Returns Insufficient for non-finite bounds or zero/negative
 * width (e.g. all seeds scored the same, so the spread is unestimable): a zero-width interval
 * would claim certainty the data cannot give.
 */
export function makeInterval(
  low: number,
  high: number,
  method: string,
  level: number = DEFAULT_LEVEL,
): Maybe<Interval> {
  if (!Number.isFinite(low) || !Number.isFinite(high)) {
    return insufficient(`${method} interval has a non-finite bound`);
  }
  if (!(high > low)) {
    return insufficient(`${method} interval has zero width (no variation in the data)`);
  }
  return { low, high, method, level };
}

/** True when a confidence level is usable (strictly between 0 and 1). */
export function isValidLevel(level: number): boolean {
  return Number.isFinite(level) && level > 0 && level < 1;
}

/** Throws on an invalid level: a programming error, not a data condition. */
export function assertLevel(level: number): void {
  if (!isValidLevel(level)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
}

/** Clamps a score to [0, 1]: scores are fractions, and intervals on them are reported in that range. */
export function clip01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** Returns all finite numbers of `xs` or Insufficient naming the first bad one: inputs must be clean. */
export function checkFinite(xs: ArrayLike<number>, what: string): Maybe<true> {
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i] as number;
    if (!Number.isFinite(v)) return insufficient(`${what}[${i}] is not a finite number (${String(v)})`);
  }
  return true;
}

/**
 * Returns the value or throws with the insufficiency reason. For tests and for callers that have
 * already checked n; analysis code should branch on {@link isInsufficient} instead.
 */
export function unwrap<T>(x: Maybe<T>): T {
  if (isInsufficient(x)) throw new Error(`insufficient: ${x.reason}`);
  return x;
}
