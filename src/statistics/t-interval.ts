/**
 * Student-t confidence interval for the mean of per-seed scores.
 *
 * Why: it is the primary interval over seeds for S < ~20 (docs/references.md §4); the percentile
 * bootstrap under-covers badly at small n (75% at n = 3). Quantiles come from @stdlib, not a table.
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

/** A t interval with the quantities a report needs to explain it. */
export interface TInterval extends Interval {
  readonly method: 't';
  readonly estimate: number;
  readonly se: number;
  readonly df: number;
  readonly halfWidth: number;
}

/** x̄ ± t_{n−1, (1+level)/2} · s/√n. Insufficient for n < 2 or when all values are equal. */
export function tIntervalMean(xs: readonly number[], level: number = DEFAULT_LEVEL): Maybe<TInterval> {
  assertLevel(level);
  const n = xs.length;
  if (n < 2) return insufficient(`a t interval needs at least 2 seeds, got ${n}`);
  const sd = sampleSd(xs);
  if (isInsufficient(sd)) return sd;
  if (sd === 0) return insufficient(`all ${n} values are identical, so the spread between seeds cannot be estimated`);
  const m = mean(xs) as number;
  const se = sd / Math.sqrt(n);
  const halfWidth = tCritical(level, n - 1) * se;
  const iv = makeInterval(m - halfWidth, m + halfWidth, 't', level);
  if (isInsufficient(iv)) return iv;
  return { ...iv, method: 't', estimate: m, se, df: n - 1, halfWidth };
}

/** A t interval from summary numbers (mean, SE, df), e.g. for a Welch difference or clustered SE. */
export function tIntervalFromSe(
  estimate: number,
  se: number,
  df: number,
  level: number = DEFAULT_LEVEL,
): Maybe<TInterval> {
  assertLevel(level);
  if (!(df > 0)) return insufficient(`a t interval needs df > 0, got ${df}`);
  if (!(se > 0) || !Number.isFinite(se)) return insufficient('standard error is zero or not finite');
  const halfWidth = tCritical(level, df) * se;
  const iv = makeInterval(estimate - halfWidth, estimate + halfWidth, 't', level);
  if (isInsufficient(iv)) return iv;
  return { ...iv, method: 't', estimate, se, df, halfWidth };
}
