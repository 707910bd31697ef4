/**
 * One-level (whole-unit) bootstrap: percentile and BCa intervals for any statistic of a sample.
 *
 * Why: statistics with no closed-form interval (IQM, median, probability of improvement) still need
 * one. The unit resampled is the seed (docs/references.md §1). Percentile intervals under-cover at small n
 * (84% at n = 5), so reports lead with the t interval and show these beside it; BCa (Efron &
 * Tibshirani eq. 14.10/14.15, as in scipy's `_bca_interval`) corrects bias and skewness.
 */
import { normalCdf, normalQuantile } from './distributions.js';
import {
  assertLevel,
  DEFAULT_LEVEL,
  insufficient,
  isInsufficient,
  makeInterval,
  type Interval,
  type Maybe,
} from './result.js';
import type { RandomSource } from './rng.js';

/** A statistic of one sample. It receives a reused buffer: read it, do not keep it. */
export type Statistic = (sample: Float64Array) => number;

/** Resampling settings: the RNG is always injected so results are reproducible. */
export interface BootstrapOptions {
  readonly random: RandomSource;
  /** Number of bootstrap resamples (default 10,000). */
  readonly resamples?: number;
  readonly level?: number;
}

/** A bootstrap interval, with the point estimate and the number of resamples behind it. */
export interface BootstrapInterval extends Interval {
  readonly estimate: number;
  readonly resamples: number;
}

/** BCa adds its bias-correction z0 and jackknife acceleration a. */
export interface BcaInterval extends BootstrapInterval {
  readonly z0: number;
  readonly acceleration: number;
}

/** The sample mean, the statistic used by most callers. */
export const meanStatistic: Statistic = (s) => {
  let t = 0;
  for (let i = 0; i < s.length; i++) t += s[i] as number;
  return t / s.length;
};

/** Draws `resamples` bootstrap replicates of `statistic` (resampling with replacement, same n). */
export function bootstrapReplicates(
  xs: ArrayLike<number>,
  statistic: Statistic,
  resamples: number,
  random: RandomSource,
): Float64Array {
  const n = xs.length;
  const buf = new Float64Array(n);
  const out = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) buf[i] = xs[Math.floor(random() * n)] as number;
    out[b] = statistic(buf);
  }
  return out;
}

/** Type-7 (linear interpolation, numpy default) quantile of an ascending-sorted array. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo] as number;
  return a + (h - lo) * ((sorted[hi] as number) - a);
}

/** Percentile interval from already drawn replicates (sorted in place). */
export function percentileFromReplicates(
  replicates: Float64Array,
  estimate: number,
  level: number = DEFAULT_LEVEL,
): Maybe<BootstrapInterval> {
  assertLevel(level);
  const sorted = replicates.sort();
  const a = (1 - level) / 2;
  const iv = makeInterval(quantileSorted(sorted, a), quantileSorted(sorted, 1 - a), 'percentile', level);
  if (isInsufficient(iv)) return insufficient(`bootstrap replicates have no spread: ${iv.reason}`);
  return { ...iv, estimate, resamples: replicates.length };
}

/** Percentile bootstrap interval of `statistic` over the units of `xs`. Needs n ≥ 2 and some spread. */
export function percentileBootstrap(
  xs: ArrayLike<number>,
  statistic: Statistic,
  options: BootstrapOptions,
): Maybe<BootstrapInterval> {
  const n = xs.length;
  if (n < 2) return insufficient(`a bootstrap needs at least 2 units, got ${n}`);
  const reps = bootstrapReplicates(xs, statistic, options.resamples ?? 10_000, options.random);
  return percentileFromReplicates(reps, statistic(Float64Array.from(xs)), options.level ?? DEFAULT_LEVEL);
}

/** Leave-one-out values of `statistic` (the jackknife), used for the BCa acceleration. */
export function jackknifeValues(xs: ArrayLike<number>, statistic: Statistic): Float64Array {
  const n = xs.length;
  const buf = new Float64Array(n - 1);
  const out = new Float64Array(n);
  for (let leave = 0; leave < n; leave++) {
    let k = 0;
    for (let i = 0; i < n; i++) if (i !== leave) buf[k++] = xs[i] as number;
    out[leave] = statistic(buf);
  }
  return out;
}

/**
 * BCa acceleration from jackknife values, one array per independent sample (scipy `_bca_interval`):
 * U = (n−1)(θ̄ − θ_(i)); a = (1/6) Σ_j ΣU³/n_j³ / (Σ_j ΣU²/n_j²)^{3/2}. For one sample this is
 * ΣU³ / (6 (ΣU²)^{3/2}). Returns 0 when the jackknife values have no spread.
 */
export function jackknifeAcceleration(jackknifePerSample: readonly ArrayLike<number>[]): number {
  let num = 0;
  let den = 0;
  for (const th of jackknifePerSample) {
    const n = th.length;
    let m = 0;
    for (let i = 0; i < n; i++) m += th[i] as number;
    m /= n;
    let s2 = 0;
    let s3 = 0;
    for (let i = 0; i < n; i++) {
      const u = (n - 1) * (m - (th[i] as number));
      s2 += u * u;
      s3 += u * u * u;
    }
    num += s3 / (n * n * n);
    den += s2 / (n * n);
  }
  return den > 0 ? num / (6 * Math.pow(den, 1.5)) : 0;
}

/** BCa interval from replicates, the point estimate and the acceleration (replicates are sorted in place). */
export function bcaFromReplicates(
  replicates: Float64Array,
  estimate: number,
  acceleration: number,
  level: number = DEFAULT_LEVEL,
): Maybe<BcaInterval> {
  assertLevel(level);
  const B = replicates.length;
  let below = 0;
  let atOrBelow = 0;
  for (let i = 0; i < B; i++) {
    const r = replicates[i] as number;
    if (r < estimate) below++;
    if (r <= estimate) atOrBelow++;
  }
  const z0 = normalQuantile((below + atOrBelow) / (2 * B));
  if (!Number.isFinite(z0)) {
    return insufficient(
      'BCa bias correction is infinite: the estimate lies outside all bootstrap replicates (too few or too discrete data)',
    );
  }
  const zAlpha = normalQuantile((1 - level) / 2);
  const adjust = (z: number): number => normalCdf(z0 + (z0 + z) / (1 - acceleration * (z0 + z)));
  const pLow = adjust(zAlpha);
  const pHigh = adjust(-zAlpha);
  if (!Number.isFinite(pLow) || !Number.isFinite(pHigh)) return insufficient('BCa adjusted levels are not finite');
  const sorted = replicates.sort();
  const iv = makeInterval(quantileSorted(sorted, pLow), quantileSorted(sorted, pHigh), 'bca', level);
  if (isInsufficient(iv)) return insufficient(`bootstrap replicates have no spread: ${iv.reason}`);
  return { ...iv, estimate, resamples: B, z0, acceleration };
}

/**
 * BCa bootstrap interval of `statistic`. Needs n ≥ 3 here; reports require n ≥ 10 before showing it
 * (unstable with few seeds or heavily tied 0/0.5/1 data, docs/references.md §5).
 */
export function bcaBootstrap(
  xs: ArrayLike<number>,
  statistic: Statistic,
  options: BootstrapOptions,
): Maybe<BcaInterval> {
  const n = xs.length;
  if (n < 3) return insufficient(`a BCa bootstrap needs at least 3 units, got ${n}`);
  const estimate = statistic(Float64Array.from(xs));
  const reps = bootstrapReplicates(xs, statistic, options.resamples ?? 10_000, options.random);
  const a = jackknifeAcceleration([jackknifeValues(xs, statistic)]);
  return bcaFromReplicates(reps, estimate, a, options.level ?? DEFAULT_LEVEL);
}

/** Percentile and BCa from one shared set of replicates (half the work of calling both). */
export function bootstrapIntervals(
  xs: ArrayLike<number>,
  statistic: Statistic,
  options: BootstrapOptions,
): { percentile: Maybe<BootstrapInterval>; bca: Maybe<BcaInterval> } {
  const n = xs.length;
  if (n < 2) {
    const r = insufficient(`a bootstrap needs at least 2 units, got ${n}`);
    return { percentile: r, bca: r };
  }
  const level = options.level ?? DEFAULT_LEVEL;
  const estimate = statistic(Float64Array.from(xs));
  const reps = bootstrapReplicates(xs, statistic, options.resamples ?? 10_000, options.random);
  const percentile = percentileFromReplicates(reps.slice(), estimate, level);
  const bca =
    n < 3
      ? insufficient(`a BCa bootstrap needs at least 3 units, got ${n}`)
      : bcaFromReplicates(reps, estimate, jackknifeAcceleration([jackknifeValues(xs, statistic)]), level);
  return { percentile, bca };
}
