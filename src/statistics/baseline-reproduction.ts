import { betaQuantile, tCdf } from './distributions.js';
import { mean, sampleSd } from './descriptive.js';
import { clopperPearsonInterval } from './binomial-intervals.js';
import { tPredictionInterval } from './prediction-interval.js';
import { insufficient, isInsufficient, type Maybe } from './result.js';
import type { BaselineJson, BaselineStatistics, ComparabilityChecks, VerdictBasis } from './analysis-result.js';

/**
 * Does a claimed historical score (e.g. 82.4%) reproduce with this config? The question is
 * about ONE run, so it is answered from the distribution of single runs (seed scores), not
 * from the CI of the mean. The verdict follows REPRODUCTION_RULE, printed verbatim in reports
 * and docs/statistics.md so a reader can check it by hand.
 */
export const REPRODUCTION_RULE = [
  'Let n be the number of seeds of the arm, k the number of seeds scoring at least the claim c, and',
  'pi = P(one new run scores >= c). The rule is one-sided: a claim at or below what the config',
  'achieves counts as met.',
  '(0) Comparability: if c, or any claimed category figure, is not a score this eval can produce (not',
  'within its rounding tolerance of a mean its prompts can reach with the values the scorer gives, e.g.',
  'k/(2P) for P prompts scored 0/0.5/1), or the claim was scored on a different number of prompts, or the',
  'claimed overall is not the prompt-weighted mean of the claimed categories, the verdict is',
  '"not-comparable", whatever the numbers say.',
  '(1) With fewer than 2 seeds the verdict is "inconclusive".',
  '(2) "does-not-reproduce" when the rank p-value (k+1)/(n+1) <= 0.05: if the claimed run were one more',
  'run of this config, a run at least as high would be this rare. Distribution-free; with k = 0 it',
  'needs n >= 19 seeds.',
  '(3) "reproduces" when the one-sided 95% Clopper-Pearson lower bound of k/n is >= 0.05: with 95%',
  'confidence at least 1 run in 20 reaches c.',
  '(4) Otherwise "inconclusive". seeds_needed is the smallest n at which (2) or (3) would decide if the',
  'seeds kept the observed distribution (pi from the t fit, or k/n when the t fit is unavailable).',
].join(' ');

const ALPHA = 0.05;
const MAX_SEEDS_SEARCH = 100_000;

type Verdict = BaselineJson['statistical_verdict'];

/** The statistical part of the rule (clauses 1–4), which depends only on k and n, with the clause that decided. */
export function reproductionVerdict(k: number, n: number): { verdict: Verdict; basis: VerdictBasis } {
  if (n < 2) return { verdict: 'inconclusive', basis: { clause: 'too-few-seeds', k, n } };
  const rankP = (k + 1) / (n + 1);
  if (rankP <= ALPHA + 1e-12) {
    return { verdict: 'does-not-reproduce', basis: { clause: 'rare-rank', k, n, rank_p: rankP } };
  }
  const lower = k === 0 ? 0 : betaQuantile(ALPHA, k, n - k + 1);
  if (lower >= ALPHA) {
    return { verdict: 'reproduces', basis: { clause: 'reached-often', k, n, rank_p: rankP, lower_bound: lower } };
  }
  return { verdict: 'inconclusive', basis: { clause: 'neither', k, n, rank_p: rankP, lower_bound: lower } };
}

/** Smallest N ≥ max(n, 2) at which the rule decides when a fraction `pi` of seeds reach the claim. */
export function seedsNeededToDecide(pi: number, n: number): Maybe<number> {
  for (let N = Math.max(n, 2); N <= MAX_SEEDS_SEARCH; N++) {
    if (reproductionVerdict(Math.round(pi * N), N).verdict !== 'inconclusive') return N;
  }
  return insufficient(
    `with P(run >= claim) = ${pi.toFixed(3)} the rule would not decide below ${MAX_SEEDS_SEARCH} seeds`,
  );
}

/** P(X_new ≥ c) under a t fit of the seed scores: 1 − T_{n−1}((c − x̄)/(s·√(1 + 1/n))). */
export function predictiveProbAtLeast(scores: readonly number[], c: number): Maybe<number> {
  const n = scores.length;
  if (n < 2) return insufficient(`a t fit needs at least 2 seeds, got ${n}`);
  const s = sampleSd(scores);
  if (isInsufficient(s)) return s;
  if (s === 0) return insufficient('all seeds scored the same, so a t fit has no spread');
  const z = (c - (mean(scores) as number)) / (s * Math.sqrt(1 + 1 / n));
  return tCdf(-z, n - 1);
}

/** Inputs of one baseline check. */
export interface BaselineInput {
  name: string;
  claimed: number;
  arm: string;
  source?: string | undefined;
  /** The gate's result for this claim against this eval (claim-comparability.ts). */
  comparability: ComparabilityChecks;
}

/** Checks a claimed value against an arm's seed scores (fractions in [0, 1]). */
export function reproduceBaseline(scores: readonly number[], input: BaselineInput): BaselineStatistics {
  // The seeds are compared with the reachable score the printed claim stands for (38.9% → 21/54),
  // so a seed scoring exactly the claimed run's score counts as reaching it.
  const c = input.comparability.effective ?? input.claimed;
  const n = scores.length;
  const tol = 1e-9;
  const k = scores.filter((s) => s >= c - tol).length;
  const below = scores.filter((s) => s < c - tol).length;
  const equal = scores.filter((s) => Math.abs(s - c) <= tol).length;
  const { comparability } = input;
  const stat = reproductionVerdict(k, n);
  const pi = predictiveProbAtLeast(scores, c);
  const pi95 = tPredictionInterval(scores);
  const piForPlanning = typeof pi === 'number' ? pi : n > 0 ? k / n : 0;
  const gate = comparability.passed;
  const out: BaselineStatistics = {
    name: input.name,
    claimed: input.claimed,
    claimed_effective: c,
    arm: input.arm,
    n_seeds: n,
    comparability,
    percentile: n > 0 ? (100 * (below + 0.5 * equal)) / n : insufficient('the arm has no seeds'),
    k_at_least: k,
    prob_at_least: {
      estimate: n > 0 ? k / n : insufficient('the arm has no seeds'),
      ci95: clopperPearsonInterval(k, Math.max(n, 0)),
    },
    prob_at_least_t: pi,
    pi95: isInsufficient(pi95) ? pi95 : { low: pi95.low, high: pi95.high, method: pi95.method, level: pi95.level },
    in_pi95: isInsufficient(pi95) ? pi95 : c >= pi95.low && c <= pi95.high,
    rank_p: n > 0 ? (k + 1) / (n + 1) : insufficient('the arm has no seeds'),
    verdict: gate ? stat.verdict : 'not-comparable',
    // The statistical clause; wording/analysis.ts words it (or, for not-comparable, the gate's reason).
    verdict_basis: stat.basis,
    statistical_verdict: stat.verdict,
    seeds_needed: stat.verdict !== 'inconclusive' ? n : seedsNeededToDecide(piForPlanning, n),
  };
  if (input.source !== undefined) out.source = input.source;
  return out;
}

/**
 * Above this many seeds "about N seeds would decide" stops being advice: the claim sits at the rule's 1-in-20 boundary.
 */
export const PRACTICAL_SEEDS = 200;
