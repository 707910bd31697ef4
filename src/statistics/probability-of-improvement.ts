import { makeInterval, insufficient, isInsufficient, type Interval, type Maybe } from './result.js';
import type { RandomSource } from './rng.js';

/**
 * Probability of improvement P(A > B) + ½·P(A = B) for a random seed of each arm
 * (= U/(n_A·n_B), rliable's `probability_of_improvement`; Bouthillier et al. compare it
 * to 0.75). An effect size on the seed level that stays meaningful for bimodal outcomes.
 * The CI is a percentile bootstrap resampling each arm's seeds independently (rliable's
 * StratifiedIndependentBootstrap), because the arms' seeds are independent draws.
 */
export interface ProbabilityOfImprovement {
  status: 'ok';
  estimate: number;
  ci: Maybe<Interval>;
}

/** U/(n_a·n_b) with ties counting ½. Sort-and-merge, O((n_a + n_b) log). */
export function probImprovementEstimate(a: readonly number[], b: readonly number[]): number {
  const sa = Float64Array.from(a).sort();
  const sb = Float64Array.from(b).sort();
  return countWins(sa, sb) / (sa.length * sb.length);
}

/** Σ over a of (#b < a + ½·#b = a), both sorted ascending. */
function countWins(sa: Float64Array, sb: Float64Array): number {
  let wins = 0;
  let lo = 0; // first index with sb[lo] >= a
  let hi = 0; // first index with sb[hi] > a
  for (let i = 0; i < sa.length; i++) {
    const v = sa[i]!;
    while (lo < sb.length && sb[lo]! < v) lo++;
    if (hi < lo) hi = lo;
    while (hi < sb.length && sb[hi]! <= v) hi++;
    wins += lo + 0.5 * (hi - lo);
  }
  return wins;
}

/** P(A > B) with a percentile bootstrap CI (insufficient below 2 seeds per arm). */
export function probabilityOfImprovement(
  a: readonly number[],
  b: readonly number[],
  options: { random: RandomSource; resamples?: number; level?: number },
): Maybe<ProbabilityOfImprovement> {
  if (a.length < 1 || b.length < 1) return insufficient('probability of improvement needs seeds in both arms');
  const estimate = probImprovementEstimate(a, b);
  const level = options.level ?? 0.95;
  if (a.length < 2 || b.length < 2) {
    return {
      status: 'ok',
      estimate,
      ci: insufficient(`a bootstrap interval needs at least 2 seeds per arm (got ${a.length} and ${b.length})`),
    };
  }
  const m = options.resamples ?? 2000;
  const reps = new Float64Array(m);
  const ra = new Float64Array(a.length);
  const rb = new Float64Array(b.length);
  for (let r = 0; r < m; r++) {
    for (let i = 0; i < a.length; i++) ra[i] = a[Math.floor(options.random() * a.length)]!;
    for (let i = 0; i < b.length; i++) rb[i] = b[Math.floor(options.random() * b.length)]!;
    ra.sort();
    rb.sort();
    reps[r] = countWins(ra, rb) / (a.length * b.length);
  }
  reps.sort();
  const q = (p: number) => {
    const h = (m - 1) * p;
    const lo = Math.floor(h);
    return reps[lo]! + (h - lo) * ((reps[Math.min(lo + 1, m - 1)] ?? reps[lo]!) - reps[lo]!);
  };
  const alpha = (1 - level) / 2;
  const iv = makeInterval(q(alpha), q(1 - alpha), 'percentile-bootstrap', level);
  return {
    status: 'ok',
    estimate,
    ci: isInsufficient(iv)
      ? insufficient(
          `every bootstrap resample gave ${reps[0]}: the arms do not overlap in these seeds, so the interval cannot be estimated`,
        )
      : iv,
  };
}
