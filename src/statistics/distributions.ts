/**
 * Thin, typed wrappers over `@stdlib` distribution functions.
 *
 * Why: simple-statistics has no t distribution, and its `probit(0.975)` is 1.9572 instead of
 * 1.95996 (docs/references.md §2). The `@stdlib` functions agree with scipy to ~1e-11 (docs/references.md §2).
 * Wrapping them here keeps every other module independent of the `@stdlib` export style
 * (CommonJS `export =`) and gives one place to validate arguments.
 */
import tQuantileRaw from '@stdlib/stats-base-dists-t-quantile';
import tCdfRaw from '@stdlib/stats-base-dists-t-cdf';
import normalQuantileRaw from '@stdlib/stats-base-dists-normal-quantile';
import normalCdfRaw from '@stdlib/stats-base-dists-normal-cdf';
import betaQuantileRaw from '@stdlib/stats-base-dists-beta-quantile';

/** Quantile of Student's t with `df` degrees of freedom (df may be fractional, e.g. Welch). */
export function tQuantile(p: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`t quantile needs df > 0, got ${df}`);
  return tQuantileRaw(p, df);
}

/** CDF of Student's t with `df` degrees of freedom, P(T ≤ t). */
export function tCdf(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`t cdf needs df > 0, got ${df}`);
  return tCdfRaw(t, df);
}

/** Two-sided t critical value for a central interval of coverage `level` (e.g. 2.776 for df 4, 0.95). */
export function tCritical(level: number, df: number): number {
  return tQuantile(1 - (1 - level) / 2, df);
}

/** Quantile of the normal distribution (default standard normal): accurate, unlike `probit`. */
export function normalQuantile(p: number, mu = 0, sigma = 1): number {
  return normalQuantileRaw(p, mu, sigma);
}

/** CDF of the normal distribution (default standard normal). */
export function normalCdf(x: number, mu = 0, sigma = 1): number {
  return normalCdfRaw(x, mu, sigma);
}

/** Quantile of Beta(a, b): the building block of Clopper–Pearson intervals. */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) throw new RangeError(`beta quantile needs a, b > 0, got ${a}, ${b}`);
  return betaQuantileRaw(p, a, b);
}
