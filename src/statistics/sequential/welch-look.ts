import { normalQuantile } from '../distributions.js';
import type { Insufficient } from '../result.js';
import { welchTTest } from '../welch.js';

/**
 * The statistic of one look of a compare design: Welch's t on the per-seed scores of the two arms,
 * mapped to the z scale the boundaries live on by matching tail probabilities,
 * z = sign(t)·Φ⁻¹(1 − p/2) with p the two-sided Welch p-value, i.e. z = Φ⁻¹(F_t(t; df)) computed from
 * the smaller tail. A look therefore rejects exactly when Welch's own p-value is at most the look's
 * nominal p boundary (Jennison & Turnbull's "significance level" approach, docs/references.md §25),
 * which keeps α at 5–10 seeds per arm where treating t as z would not.
 */

/** One look's Welch statistic on the z scale. */
export interface WelchLook {
  readonly status: 'ok';
  /** mean(a) − mean(b). */
  readonly diff: number;
  /** Welch standard error of the difference. */
  readonly se: number;
  readonly t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  readonly df: number;
  /** Two-sided Welch p-value (the naive p, valid only for a single look). */
  readonly p: number;
  /** The statistic on the z scale: same sign as t, 2·(1 − Φ(|z|)) = p. */
  readonly z: number;
  readonly seedsA: number;
  readonly seedsB: number;
}

/** Welch's t of arm a against arm b at a look, with its z equivalent; insufficient as welchTTest. */
export function welchLook(a: readonly number[], b: readonly number[]): WelchLook | Insufficient {
  const w = welchTTest(a, b);
  if (w.status !== 'ok') return w;
  const z = Math.sign(w.t) * -normalQuantile(Math.max(w.p, Number.MIN_VALUE) / 2);
  return { status: 'ok', diff: w.diff, se: w.se, t: w.t, df: w.df, p: w.p, z, seedsA: a.length, seedsB: b.length };
}

/**
 * Information fraction of a look with nA and nB seeds when the design plans `plannedMax` per arm:
 * the Welch variance σ²(1/nA + 1/nB) makes information proportional to the harmonic mean of the
 * two counts, so one failed seed in one arm costs half a seed of information.
 */
export function informationFraction(nA: number, nB: number, plannedMax: number): number {
  if (!(nA > 0 && nB > 0 && plannedMax > 0)) throw new RangeError('a look needs seeds in both arms');
  return (2 * nA * nB) / (nA + nB) / plannedMax;
}
