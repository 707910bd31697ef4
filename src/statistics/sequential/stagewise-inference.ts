import { normalCdf, normalQuantile, tQuantile } from '../distributions.js';
import type { Interval } from '../result.js';
import { efficacyRegion } from './efficacy-bounds.js';
import { bisect } from './root.js';
import { stageMasses } from './stage-masses.js';

/**
 * Inference after a group-sequential study stopped. The naive p-value and interval of the last look
 * ignore that the study stopped *because* the statistic was large, so they overstate the evidence and
 * the effect. Stage-wise ordering (Jennison & Turnbull section 8.4, docs/references.md §25) ranks an outcome
 * by when it stopped first and by z second: stopping at an earlier look is more extreme than any later
 * outcome. From it: the adjusted p-value, the median-unbiased estimate and a confidence interval,
 * all consistent with the boundaries actually used. Futility bounds are ignored (non-binding), which
 * makes the p-value conservative after a futility stop. The repeated confidence interval is the other
 * valid interval: it holds at every look whatever the stopping rule did.
 */

/** Where the study stopped: the efficacy boundaries and information fractions of the looks done. */
export interface StoppedStudy {
  /** Efficacy z boundaries of looks 1..k (as recomputed at each look). */
  readonly efficacyZ: readonly number[];
  /** Information fractions of looks 1..k. */
  readonly fractions: readonly number[];
  /** z statistic at the last look (signed). */
  readonly z: number;
}

/** P_θ(an outcome at least as extreme upward as the observed one, under stage-wise ordering). */
function upperOrderingProbability(s: StoppedStudy, drift: number, z: number): number {
  const k = s.fractions.length;
  const masses = stageMasses(
    s.fractions,
    s.efficacyZ.slice(0, k - 1).map((c) => efficacyRegion(c, 2)),
    drift,
  );
  let p = 0;
  for (let j = 0; j < k - 1; j++) p += masses[j]!.above(s.efficacyZ[j]!);
  return p + masses[k - 1]!.above(z);
}

/** Two-sided stage-wise adjusted p-value: twice the one-sided one in the observed direction (symmetric bounds). */
export function stagewiseAdjustedP(s: StoppedStudy): number {
  return Math.min(1, 2 * upperOrderingProbability(s, 0, Math.abs(s.z)));
}

/** Drift θ at which P_θ(outcome ≥ observed) = q, in the direction of the observed z. */
function driftAtQuantile(s: StoppedStudy, q: number): number {
  const sign = s.z < 0 ? -1 : 1;
  const z = Math.abs(s.z);
  const span = z / Math.sqrt(s.fractions[s.fractions.length - 1]!) + 10;
  return sign * bisect((d) => q - upperOrderingProbability(s, d, z), -span, span);
}

/** Median-unbiased estimate and stage-wise ordering interval, on the drift scale and as a difference. */
export interface StagewiseEstimate {
  /** Median-unbiased estimate of the difference (same units as `se`). */
  readonly estimate: number;
  /** Stage-wise ordering confidence interval of the difference. */
  readonly interval: Interval;
}

/** The last look's Welch numbers: the observed difference, its standard error and degrees of freedom. */
export interface LookScale {
  readonly diff: number;
  readonly se: number;
  /** Welch df; Infinity for a z statistic. */
  readonly df: number;
}

/**
 * Median-unbiased estimate and confidence interval of the difference after stopping at the last look.
 * A drift θ shifts the last look's z by θ√t_k; it is turned into a difference through the same map as the
 * statistic (Welch t ↔ z by tail probability): δ = diff − se·F_t⁻¹(Φ(z − θ√t_k); df). At a single look this
 * gives back the observed difference and the Welch interval; for a z statistic it is δ = θ·se·√t_k.
 */
export function stagewiseEstimate(s: StoppedStudy, look: LookScale, level = 0.95): StagewiseEstimate {
  const sqrtT = Math.sqrt(s.fractions[s.fractions.length - 1]!);
  const quantile = (p: number) => (Number.isFinite(look.df) ? tQuantile(p, look.df) : normalQuantile(p));
  // Clamped so a bound far in a tail stays finite.
  const toDiff = (theta: number) =>
    look.diff - look.se * quantile(Math.min(1 - 1e-16, Math.max(1e-300, normalCdf(s.z - theta * sqrtT))));
  const a = toDiff(driftAtQuantile(s, (1 - level) / 2));
  const b = toDiff(driftAtQuantile(s, 1 - (1 - level) / 2));
  return {
    estimate: toDiff(driftAtQuantile(s, 0.5)),
    interval: { low: Math.min(a, b), high: Math.max(a, b), method: 'stagewise-ordering', level },
  };
}

/**
 * Repeated confidence interval at a look: diff ± q·se with q the Welch t quantile at the look's nominal
 * two-sided efficacy level, so it is the set of differences the look's boundary would not reject.
 * Its coverage, 1 − α for the design's α, holds simultaneously over all looks (Jennison & Turnbull ch. 9).
 */
export function repeatedConfidenceInterval(
  diff: number,
  se: number,
  df: number,
  efficacyP: number,
  alpha: number,
): Interval {
  const q = tQuantile(1 - efficacyP / 2, df);
  return { low: diff - q * se, high: diff + q * se, method: 'repeated-ci', level: 1 - alpha };
}
