/**
 * Confidence intervals for a proportion: Wilson (score) and Clopper–Pearson (exact).
 *
 * Why: per-prompt pass rates across seeds and "fraction of seeds reaching ≥ τ" are proportions of
 * small n; Wald intervals leave [0, 1] there (R: 18/20 gives a Wald upper bound of 1.031).
 * Wilson is the default (good coverage, never degenerate); Clopper–Pearson is the conservative one.
 */
import { betaQuantile, normalQuantile } from './distributions.js';
import { assertLevel, DEFAULT_LEVEL, insufficient, makeInterval, type Interval, type Maybe } from './result.js';

/**
 * Wilson score interval for k successes in n trials. `k` may be fractional (a sum of partial-credit
 * scores in [0, 1]); the interval then treats the mean score as a proportion, which is conservative.
 */
export function wilsonInterval(k: number, n: number, level: number = DEFAULT_LEVEL): Maybe<Interval> {
  assertLevel(level);
  if (!(n >= 1) || !Number.isInteger(n)) return insufficient(`a proportion interval needs n ≥ 1 trials, got ${n}`);
  if (!(k >= 0 && k <= n)) throw new RangeError(`successes must be in [0, n], got ${k} of ${n}`);
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = k / n;
  const z2n = (z * z) / n;
  const denom = 1 + z2n;
  const centre = (p + z2n / 2) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const low = k === 0 ? 0 : Math.max(0, centre - half);
  const high = k === n ? 1 : Math.min(1, centre + half);
  return makeInterval(low, high, 'wilson', level);
}

/** Clopper–Pearson ("exact") interval from Beta quantiles; k must be an integer. */
export function clopperPearsonInterval(k: number, n: number, level: number = DEFAULT_LEVEL): Maybe<Interval> {
  assertLevel(level);
  if (!(n >= 1) || !Number.isInteger(n)) return insufficient(`a proportion interval needs n ≥ 1 trials, got ${n}`);
  if (!Number.isInteger(k) || k < 0 || k > n)
    throw new RangeError(`successes must be an integer in [0, n], got ${k} of ${n}`);
  const a = (1 - level) / 2;
  const low = k === 0 ? 0 : betaQuantile(a, k, n - k + 1);
  const high = k === n ? 1 : betaQuantile(1 - a, k + 1, n - k);
  return makeInterval(low, high, 'clopper-pearson', level);
}

/**
 * One-sided upper confidence bound when 0 of n trials succeeded: 1 − α^{1/n}.
 * Why: "no seed reached 82.4% in n runs" still allows up to this probability (45% at n = 5).
 */
export function zeroSuccessUpperBound(n: number, level: number = DEFAULT_LEVEL): Maybe<number> {
  assertLevel(level);
  if (!(n >= 1) || !Number.isInteger(n)) return insufficient(`an upper bound needs n ≥ 1 trials, got ${n}`);
  return 1 - Math.pow(1 - level, 1 / n);
}
