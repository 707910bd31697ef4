/**
 * A simple bimodality check of per-seed scores ("wrapper learned or not").
 *
 * Why: seed outcomes of format-learning fine-tunes are often two-mode (docs/references.md §18); the mean,
 * t interval and t prediction interval then describe no actual run. We split the scores into two
 * groups with optimal 1-D k-means (simple-statistics `ckmeans`) and call them well separated when
 * each group has ≥ 2 seeds, Ashman's D = √2·|μ₁−μ₂|/√(σ₁²+σ₂²) exceeds 2 (the usual criterion
 * for a clean two-component mixture; D is infinite when both groups are constant) AND the split
 * explains ≥ 80% of the sum of squares. Why the second rule: k-means always finds a split, and on
 * evenly spread (uniform) scores D already exceeds 2 while the split explains only ~75%.
 */
import { ckmeans } from 'simple-statistics';
import { insufficient, type Maybe } from './result.js';

/** One of the two groups. */
export interface ScoreGroup {
  readonly size: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

/** The verdict and the numbers behind it. */
export interface Bimodality {
  readonly wellSeparated: boolean;
  readonly low: ScoreGroup;
  readonly high: ScoreGroup;
  /** Ashman's D; null when infinite (both groups without spread). */
  readonly ashmanD: number | null;
  /** Share of the total sum of squares explained by the two-group split. */
  readonly explained: number;
}

function group(xs: readonly number[]): ScoreGroup & { variance: number } {
  const n = xs.length;
  const mean = xs.reduce((t, v) => t + v, 0) / n;
  const variance = n > 1 ? xs.reduce((t, v) => t + (v - mean) ** 2, 0) / (n - 1) : 0;
  return { size: n, mean, min: Math.min(...xs), max: Math.max(...xs), variance };
}

/** Splits seed scores into two groups and says whether they are two well-separated modes. Needs n ≥ 4. */
export function bimodality(scores: readonly number[]): Maybe<Bimodality> {
  if (scores.length < 4) return insufficient(`a bimodality check needs at least 4 seeds, got ${scores.length}`);
  if (new Set(scores).size < 2) return insufficient('all seeds scored the same');
  const [lo, hi] = ckmeans(scores, 2) as [number[], number[]];
  const a = group(lo);
  const b = group(hi);
  const spread = a.variance + b.variance;
  const ashmanD = spread > 0 ? (Math.SQRT2 * Math.abs(b.mean - a.mean)) / Math.sqrt(spread) : null;
  const all = scores.reduce((t, v) => t + v, 0) / scores.length;
  const ssTotal = scores.reduce((t, v) => t + (v - all) ** 2, 0);
  const ssWithin = a.variance * (a.size - 1) + b.variance * (b.size - 1);
  const explained = ssTotal > 0 ? 1 - ssWithin / ssTotal : 0;
  const wellSeparated = a.size >= 2 && b.size >= 2 && (ashmanD === null || ashmanD > 2) && explained >= 0.8;
  const strip = ({ size, mean, min, max }: ScoreGroup): ScoreGroup => ({ size, mean, min, max });
  return { wellSeparated, low: strip(a), high: strip(b), ashmanD, explained };
}
