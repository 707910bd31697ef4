/**
 * Checkpoint-selection bias: what the final, val-selected and oracle (best-by-eval) checkpoints
 * score, how optimistic the oracle is, and the regret of selecting by val loss.
 *
 * Why: picking the checkpoint with the best eval score and reporting that same score is "best of
 * C" selection: it inflates the number even when no checkpoint is truly better (Phase 43a evaluated
 * iter 600 by accident while iter 650 had the best val loss). The optimism is estimated by
 * cross-fitting (docs/references.md §16): split the prompts in half within each category, choose the
 * checkpoint on one half and score it on the other, both ways, over R seeded random splits.
 * Ties in argmax/argmin go to the EARLIEST checkpoint.
 */
import { insufficient, type Maybe } from './result.js';
import type { RandomSource } from './rng.js';
import { tIntervalMean, type TInterval } from './t-interval.js';
import type { SeedTrajectory } from './trajectories.js';

/** The three policies' picks for one seed. */
export interface SeedSelection {
  readonly seed: number;
  readonly final: { readonly step: number; readonly score: number };
  /** Null when the seed recorded no val loss. */
  readonly bestVal: { readonly step: number; readonly score: number; readonly valLoss: number } | null;
  readonly oracle: { readonly step: number; readonly score: number };
  /** oracle − bestVal score (null without val loss). */
  readonly regret: number | null;
  /** The val-selected checkpoint scores as well as the oracle (ties on the score grid count as agreement). */
  readonly valMatchesOracle: boolean | null;
}

function argmax(xs: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if ((xs[i] as number) > (xs[best] as number)) best = i;
  return best;
}

/** Final, best-by-val-loss and oracle checkpoints of one seed. */
export function selectForSeed(t: SeedTrajectory): Maybe<SeedSelection> {
  const C = t.steps.length;
  if (C === 0) return insufficient(`seed ${t.seed} has no checkpoints`);
  const o = argmax(t.means);
  let v = -1;
  t.valLoss.forEach((l, i) => {
    if (l !== undefined && (v < 0 || l < (t.valLoss[v] as number))) v = i;
  });
  const oracle = { step: t.steps[o] as number, score: t.means[o] as number };
  const bestVal =
    v < 0 ? null : { step: t.steps[v] as number, score: t.means[v] as number, valLoss: t.valLoss[v] as number };
  return {
    seed: t.seed,
    final: { step: t.steps[C - 1] as number, score: t.means[C - 1] as number },
    bestVal,
    oracle,
    regret: bestVal ? oracle.score - bestVal.score : null,
    valMatchesOracle: bestVal ? Math.abs(bestVal.score - oracle.score) < 1e-12 : null,
  };
}

/** A stratified random half of the prompts (true = half A); odd strata give the extra prompt to a random side. */
export function stratifiedHalf(strata: ArrayLike<number>, random: RandomSource): Uint8Array {
  const groups = new Map<number, number[]>();
  for (let p = 0; p < strata.length; p++) {
    const k = strata[p] as number;
    const g = groups.get(k);
    if (g) g.push(p);
    else groups.set(k, [p]);
  }
  const inA = new Uint8Array(strata.length);
  for (const g of groups.values()) {
    for (let i = g.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [g[i], g[j]] = [g[j]!, g[i]!];
    }
    const half = g.length % 2 === 0 ? g.length / 2 : Math.floor(g.length / 2) + (random() < 0.5 ? 1 : 0);
    for (let i = 0; i < half; i++) inA[g[i]!] = 1;
  }
  return inA;
}

/**
 * Cross-fitted score of "pick the best checkpoint by eval" for one seed and one split. `listA` holds
 * the prompts of half A; half B's sums come from the checkpoint totals, so a split costs C·|A| reads.
 */
function crossFitOnce(
  t: SeedTrajectory,
  P: number,
  listA: Int32Array,
  totals: Float64Array,
  meanA: Float64Array,
  meanB: Float64Array,
): number | null {
  const C = t.steps.length;
  const nA = listA.length;
  const nB = P - nA;
  if (nA === 0 || nB === 0) return null;
  const y = t.scores;
  for (let c = 0; c < C; c++) {
    const base = c * P;
    let a = 0;
    for (let j = 0; j < nA; j++) a += y[base + (listA[j] as number)] as number;
    meanA[c] = a / nA;
    meanB[c] = ((totals[c] as number) - a) / nB;
  }
  let bestA = 0;
  let bestB = 0;
  for (let c = 1; c < C; c++) {
    if ((meanA[c] as number) > (meanA[bestA] as number)) bestA = c;
    if ((meanB[c] as number) > (meanB[bestB] as number)) bestB = c;
  }
  // choose on A → score on B, choose on B → score on A; weight each by its share of prompts
  return (nB * (meanB[bestA] as number) + nA * (meanA[bestB] as number)) / P;
}

/** Per-seed optimism of oracle selection and its mean over seeds with a t interval. */
export interface SelectionOptimism {
  readonly splits: number;
  readonly perSeed: ReadonlyArray<{
    readonly seed: number;
    readonly oracle: number;
    readonly crossFitted: number;
    readonly optimism: number;
  }>;
  readonly meanOptimism: number;
  readonly ci: Maybe<TInterval>;
}

/**
 * Optimism = oracle score − cross-fitted score, averaged over `splits` random stratified halvings.
 * The cross-fitted number estimates what "pick the best checkpoint by eval" really scores on new
 * prompts. Needs ≥ 2 prompts and ≥ 1 seed (the CI needs ≥ 2 seeds).
 */
export function selectionOptimism(
  seeds: readonly SeedTrajectory[],
  strata: ArrayLike<number>,
  options: { random: RandomSource; splits?: number; level?: number },
): Maybe<SelectionOptimism> {
  const P = strata.length;
  if (P < 2) return insufficient(`cross-fitting needs at least 2 prompts, got ${P}`);
  if (seeds.length === 0) return insufficient('no seeds');
  const R = options.splits ?? 200;
  const sums = new Float64Array(seeds.length);
  const counts = new Int32Array(seeds.length);
  const totals = seeds.map((t) => Float64Array.from(t.means, (m) => m * P));
  const maxC = Math.max(...seeds.map((t) => t.steps.length));
  const meanA = new Float64Array(maxC);
  const meanB = new Float64Array(maxC);
  for (let r = 0; r < R; r++) {
    const inA = stratifiedHalf(strata, options.random);
    const listA = Int32Array.from(inA.reduce<number[]>((acc, v, p) => (v ? (acc.push(p), acc) : acc), []));
    seeds.forEach((t, i) => {
      const v = crossFitOnce(t, P, listA, totals[i]!, meanA, meanB);
      if (v !== null) {
        sums[i]! += v;
        counts[i]! += 1;
      }
    });
  }
  if (counts.some((c) => c === 0)) return insufficient('no split left prompts on both sides');
  const perSeed = seeds.map((t, i) => {
    const oracle = Math.max(...t.means);
    const crossFitted = (sums[i] as number) / (counts[i] as number);
    return { seed: t.seed, oracle, crossFitted, optimism: oracle - crossFitted };
  });
  const opt = perSeed.map((s) => s.optimism);
  const ci = tIntervalMean(opt, options.level);
  return { splits: R, perSeed, meanOptimism: opt.reduce((a, b) => a + b, 0) / opt.length, ci };
}

/**
 * Dodge et al. expected maximum of n draws (with replacement) from `values` (allentune samplemax):
 * E[max_n] = Σ_i v_(i)·[(i/N)^n − ((i−1)/N)^n]. Shows how much "best of n checkpoints" gains by luck.
 */
export function expectedMax(values: readonly number[], n: number): Maybe<number> {
  const N = values.length;
  if (N === 0) return insufficient('no values');
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  const v = values.slice().sort((a, b) => a - b);
  let e = 0;
  for (let i = 1; i <= N; i++) e += (v[i - 1] as number) * (Math.pow(i / N, n) - Math.pow((i - 1) / N, n));
  return e;
}

/** E[max_n] for n = 1..N (the expected-max curve of one seed's checkpoint scores). */
export function expectedMaxCurve(values: readonly number[]): number[] {
  return values.map((_, k) => expectedMax(values, k + 1) as number);
}
