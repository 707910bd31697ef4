import { mean, sampleVariance } from 'simple-statistics';
import { tCdf, tQuantile } from './distributions.js';
import type { Interval, Insufficient } from './result.js';

/**
 * Welch's two-sample t-test (R `t.test` defaults: unequal variances, two-sided).
 * The primary arm-vs-arm test on per-seed scores: seed counts and seed-to-seed spreads
 * routinely differ between arms, so the pooled Student test (all simple-statistics has)
 * would be miscalibrated.
 */
export interface WelchResult {
  status: 'ok';
  /** mean(x) − mean(y). */
  diff: number;
  /** Standard error of the difference, √(s²ₓ/nₓ + s²ᵧ/nᵧ). */
  se: number;
  t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  /** Two-sided p-value. */
  p: number;
  /** Confidence interval of mean(x) − mean(y). */
  ci: Interval;
}

/** Welch t on two samples; insufficient when an arm has < 2 values or both are constant. */
export function welchTTest(x: readonly number[], y: readonly number[], level = 0.95): WelchResult | Insufficient {
  if (x.length < 2 || y.length < 2) {
    return {
      status: 'insufficient',
      reason: `Welch t needs at least 2 values per group (got ${x.length} and ${y.length})`,
    };
  }
  const vx = sampleVariance([...x]) / x.length;
  const vy = sampleVariance([...y]) / y.length;
  const se = Math.sqrt(vx + vy);
  const diff = mean([...x]) - mean([...y]);
  // A spread at rounding level (grid scores summed in different orders) is no spread.
  if (!(se > 1e-12 * Math.max(1, Math.abs(diff)))) {
    return { status: 'insufficient', reason: 'both groups are constant, so the t statistic is undefined' };
  }
  // Welch–Satterthwaite on variance shares, so tiny variances cannot underflow to 0/0.
  const wx = vx / (vx + vy);
  const wy = vy / (vx + vy);
  const df = 1 / (wx ** 2 / (x.length - 1) + wy ** 2 / (y.length - 1));
  const t = diff / se;
  const p = Math.min(1, 2 * tCdf(-Math.abs(t), df));
  const q = tQuantile(1 - (1 - level) / 2, df);
  return {
    status: 'ok',
    diff,
    se,
    t,
    df,
    p,
    ci: { low: diff - q * se, high: diff + q * se, method: 'welch-t', level },
  };
}
