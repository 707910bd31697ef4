import { tCdf } from './distributions.js';
import { mean, sampleSd } from './descriptive.js';
import { tIntervalFromSe, type TInterval } from './t-interval.js';
import { insufficient, isInsufficient, type Maybe } from './result.js';

/**
 * One-sample t-test of paired differences against 0 (R `t.test(x, y, paired = TRUE)`),
 * and the same test from a precomputed SE and df (for the category-clustered SE of two
 * single runs). Unlike simple-statistics `tTest`, it uses the n−1 sd.
 */
export interface PairedTResult {
  status: 'ok';
  meanDiff: number;
  se: number;
  t: number;
  df: number;
  p: number;
  ci: TInterval;
}

/** t-test of mean = 0 given an estimate, its SE and df; two-sided. */
export function tTestFromSe(estimate: number, se: number, df: number, level = 0.95): Maybe<PairedTResult> {
  const ci = tIntervalFromSe(estimate, se, df, level);
  if (isInsufficient(ci)) return ci;
  const t = estimate / se;
  return { status: 'ok', meanDiff: estimate, se, t, df, p: Math.min(1, 2 * tCdf(-Math.abs(t), df)), ci };
}

/** Paired t-test on differences d (mean(d) vs 0); insufficient with < 2 pairs or constant d. */
export function pairedTTest(diffs: readonly number[], level = 0.95): Maybe<PairedTResult> {
  const n = diffs.length;
  if (n < 2) return insufficient(`a paired t-test needs at least 2 pairs, got ${n}`);
  const sd = sampleSd(diffs);
  if (isInsufficient(sd)) return sd;
  const m = mean(diffs) as number;
  // Differences of grid scores that are equal up to rounding (e.g. 2/6 − 4/6 vs 3/6 − 5/6) are equal:
  // a spread of 1e-17 would otherwise give t ≈ 1e16.
  if (sd <= 1e-12 * Math.max(1, Math.abs(m)))
    return insufficient(`all ${n} paired differences are equal, so their spread cannot be estimated`);
  return tTestFromSe(m, sd / Math.sqrt(n), n - 1, level);
}
