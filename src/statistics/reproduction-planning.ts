import { reproductionVerdict } from './baseline-reproduction.js';
import type { ReproductionPlanJson } from './analysis-result.js';
import { insufficient, type Maybe } from './result.js';

/**
 * How many seeds a reproduction study needs, before any seed is trained. The reproduction rule
 * decides from k of n seeds reaching the claim; how soon it decides depends on the unknown share
 * π of runs that reach it. This gives, for a few π, the smallest n at which the rule reaches a
 * decision with 80% probability (exact binomial), and how many seeds, all reaching the claim,
 * would show that the config *reliably* reaches it (one-sided 95% lower bound of π ≥ r).
 */

/** Shares of runs reaching the claim that the planning table covers. */
export const PLANNING_SHARES = [0, 0.1, 0.25, 0.5, 0.75, 1] as const;
/** Reliability levels for "every seed reached it" (one-sided 95% Clopper–Pearson lower bound ≥ r). */
export const RELIABILITY_LEVELS = [0.5, 0.8, 0.9] as const;

const MAX_PLANNED_SEEDS = 200;

/** Binomial(n, p) probabilities of k = 0..n (log space, exact enough for n ≤ a few hundred). */
function binomialPmf(n: number, p: number): number[] {
  if (p <= 0) return Array.from({ length: n + 1 }, (_, k) => (k === 0 ? 1 : 0));
  if (p >= 1) return Array.from({ length: n + 1 }, (_, k) => (k === n ? 1 : 0));
  const out: number[] = [];
  let logC = 0;
  for (let k = 0; k <= n; k++) {
    if (k > 0) logC += Math.log(n - k + 1) - Math.log(k);
    out.push(Math.exp(logC + k * Math.log(p) + (n - k) * Math.log1p(-p)));
  }
  return out;
}

/**
 * Probability that the rule decides (reproduces or does-not-reproduce) with n seeds when a share π of runs reach the
 * claim.
 */
export function probabilityOfDecision(n: number, pi: number): number {
  return binomialPmf(n, pi).reduce((s, p, k) => (reproductionVerdict(k, n).verdict === 'inconclusive' ? s : s + p), 0);
}

/**
 * Smallest n from which the rule decides with probability ≥ power at every larger n up to 200.
 * The probability zig-zags with n (the rule's thresholds are integers: at π = 0.25 it is 0.80 at 16
 * seeds but 0.65 at 17 and 0.78 at 20), so the first n that reaches the power is not a plan.
 */
export function seedsForDecision(pi: number, power = 0.8): Maybe<number> {
  let from: number | undefined;
  for (let n = MAX_PLANNED_SEEDS; n >= 2; n--) {
    if (probabilityOfDecision(n, pi) < power) break;
    from = n;
  }
  return (
    from ?? insufficient(`more than ${MAX_PLANNED_SEEDS} seeds: π = ${pi} is too close to the rule's 1-in-20 boundary`)
  );
}

/** Seeds that must all reach the claim before P(run ≥ claim) ≥ r with 95% confidence: smallest n with r^n ≤ 0.05. */
export function seedsToShowReliability(r: number, alpha = 0.05): number {
  return Math.ceil(Math.log(alpha) / Math.log(r) - 1e-12);
}

/** The table for the default shares and levels. */
export function reproductionPlan(): ReproductionPlanJson {
  return {
    decision: PLANNING_SHARES.map((pi) => ({ pi, seeds: seedsForDecision(pi) })),
    reliability: RELIABILITY_LEVELS.map((level) => ({ level, seeds: seedsToShowReliability(level) })),
  };
}
