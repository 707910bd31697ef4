/**
 * Prediction intervals for the score of ONE new run (a fresh seed of the same config).
 *
 * Why: "does this config reliably score X?" and "is a claimed 82.4% consistent with these seeds?"
 * are questions about a single future run, not about the mean; the interval is √(1 + n) times
 * wider than the CI. Two versions: the t PI (assumes roughly normal seed scores, clipped to the
 * [0, 1] score range with a flag) and the distribution-free order-statistic statement.
 */
import { tCritical } from './distributions.js';
import { mean, sampleSd } from './descriptive.js';
import {
  assertLevel,
  DEFAULT_LEVEL,
  insufficient,
  isInsufficient,
  makeInterval,
  type Interval,
  type Maybe,
} from './result.js';

/** The t prediction interval, after clipping to the score range. */
export interface TPredictionInterval extends Interval {
  readonly method: 't-prediction';
  /** Unclipped bounds x̄ ∓ t·s·√(1 + 1/n). */
  readonly rawLow: number;
  readonly rawHigh: number;
  /** True when a bound was clipped to the score range: the normal model then overreaches (bimodal or boundary data). */
  readonly clipped: boolean;
  readonly df: number;
}

/** x̄ ± t_{n−1} · s · √(1 + 1/n), clipped to `range` (default [0, 1]; null = no clipping). */
export function tPredictionInterval(
  xs: readonly number[],
  level: number = DEFAULT_LEVEL,
  range: readonly [number, number] | null = [0, 1],
): Maybe<TPredictionInterval> {
  assertLevel(level);
  const n = xs.length;
  if (n < 2) return insufficient(`a prediction interval needs at least 2 seeds, got ${n}`);
  const sd = sampleSd(xs) as number;
  if (sd === 0) return insufficient(`all ${n} values are identical, so the spread of a new run cannot be estimated`);
  const m = mean(xs) as number;
  const half = tCritical(level, n - 1) * sd * Math.sqrt(1 + 1 / n);
  const rawLow = m - half;
  const rawHigh = m + half;
  let low = rawLow;
  let high = rawHigh;
  if (range) {
    low = Math.max(range[0], rawLow);
    high = Math.min(range[1], rawHigh);
  }
  const iv = makeInterval(low, high, 't-prediction', level);
  if (isInsufficient(iv)) return iv;
  return { ...iv, method: 't-prediction', rawLow, rawHigh, clipped: low !== rawLow || high !== rawHigh, df: n - 1 };
}

/** The distribution-free statement "[min, max] of n runs covers a new run with probability (n−1)/(n+1)". */
export interface OrderStatisticPrediction {
  readonly low: number;
  readonly high: number;
  readonly method: 'order-statistic';
  /** (n − 1)/(n + 1): exact for exchangeable continuous scores, a lower bound with ties. */
  readonly coverage: number;
  readonly n: number;
}

/**
 * [min, max] with its exact coverage (n−1)/(n+1) under exchangeability, no normality assumed.
 * Why: seed outcomes are often bimodal ("wrapper learned or not"), where the t PI is meaningless.
 */
export function orderStatisticPrediction(xs: readonly number[]): Maybe<OrderStatisticPrediction> {
  const n = xs.length;
  if (n < 2) return insufficient(`the [min, max] prediction statement needs at least 2 seeds, got ${n}`);
  let low = Infinity;
  let high = -Infinity;
  for (const x of xs) {
    if (x < low) low = x;
    if (x > high) high = x;
  }
  if (!(high > low)) return insufficient(`all ${n} values are identical: [min, max] has zero width`);
  return { low, high, method: 'order-statistic', coverage: (n - 1) / (n + 1), n };
}

/** Seeds needed so that [min, max] covers a new run with probability ≥ `coverage`: n ≥ (1+c)/(1−c). */
export function seedsForOrderStatisticCoverage(coverage: number): number {
  assertLevel(coverage);
  return Math.ceil((1 + coverage) / (1 - coverage) - 1e-12);
}
