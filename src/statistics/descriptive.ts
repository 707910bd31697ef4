/**
 * Descriptive statistics of per-seed scores (the unit of replication is the seed, docs/references.md §1).
 *
 * Why a module of our own: simple-statistics' `standardDeviation` is the population SD; every SD
 * here is the n−1 sample SD, and the interquartile mean follows scipy's `trim_mean(x, 0.25)`
 * exactly (it trims int(0.25·n) values per side, no interpolation), as rliable's IQM does.
 */
import { mean as ssMean, median as ssMedian } from 'simple-statistics';
import { checkFinite, insufficient, isInsufficient, type Maybe } from './result.js';

/** The per-arm summary numbers. `sd` needs n ≥ 2, everything else n ≥ 1. */
export interface Descriptive {
  readonly n: number;
  readonly mean: number;
  /** Sample SD (n − 1); Insufficient for n < 2. */
  readonly sd: Maybe<number>;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Interquartile mean = scipy.stats.trim_mean(x, 0.25). Equals the mean for n < 4. */
  readonly iqm: number;
}

/** Arithmetic mean (compensated summation); Insufficient for an empty sample. */
export function mean(xs: readonly number[]): Maybe<number> {
  if (xs.length === 0) return insufficient('no observations');
  return ssMean(xs);
}

/** Sample standard deviation with n − 1 in the denominator (two-pass, numerically stable). */
export function sampleSd(xs: readonly number[]): Maybe<number> {
  const n = xs.length;
  if (n < 2) return insufficient(`a standard deviation needs at least 2 values, got ${n}`);
  const m = ssMean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (n - 1));
}

/** Sample variance (n − 1); Insufficient for n < 2. */
export function sampleVariance(xs: readonly number[]): Maybe<number> {
  const sd = sampleSd(xs);
  return isInsufficient(sd) ? sd : sd * sd;
}

/** Median (average of the two middle values for even n). */
export function median(xs: readonly number[]): Maybe<number> {
  if (xs.length === 0) return insufficient('no observations');
  return ssMedian(xs);
}

/**
 * Trimmed mean with scipy.stats.trim_mean semantics: sort, drop int(proportion·n) values from each
 * end, average the rest. Why this convention: it is the one rliable's IQM and the literature use.
 */
export function trimMean(xs: readonly number[], proportion: number): Maybe<number> {
  if (xs.length === 0) return insufficient('no observations');
  if (!(proportion >= 0 && proportion < 0.5))
    throw new RangeError(`trim proportion must be in [0, 0.5), got ${proportion}`);
  const s = xs.slice().sort((a, b) => a - b);
  const cut = Math.floor(proportion * s.length);
  return ssMean(s.slice(cut, s.length - cut));
}

/** Interquartile mean: the 25% trimmed mean, a robust centre for S ≥ 8 seeds (docs/references.md §3). */
export function iqm(xs: readonly number[]): Maybe<number> {
  return trimMean(xs, 0.25);
}

/** n, mean, sd (n − 1), median, min, max and IQM in one pass over a validated sample. */
export function describe(xs: readonly number[]): Maybe<Descriptive> {
  if (xs.length === 0) return insufficient('no observations');
  const ok = checkFinite(xs, 'value');
  if (isInsufficient(ok)) return ok;
  let min = Infinity;
  let max = -Infinity;
  for (const x of xs) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return {
    n: xs.length,
    mean: ssMean(xs),
    sd: sampleSd(xs),
    median: ssMedian(xs),
    min,
    max,
    iqm: trimMean(xs, 0.25) as number,
  };
}
