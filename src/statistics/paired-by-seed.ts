import { pairedTTest, type PairedTResult } from './paired-t.js';
import { signFlipTest, type SignFlipResult } from './sign-flip-test.js';
import { insufficient, type Maybe } from './result.js';
import type { RandomSource } from './rng.js';

/**
 * Paired analysis when two arms were trained with the same seeds. If the seed fixes data
 * order and initialisation in both arms, seed-to-seed variation partly cancels in the
 * per-seed difference, and a paired test has more power than Welch. Whether the pairing
 * is real is an empirical question, so the result carries the correlation of the arms'
 * scores over shared seeds (near 0 → pairing buys nothing).
 */
export interface PairedBySeed {
  status: 'ok';
  /** Seeds present in both arms, ascending. */
  seeds: number[];
  /** Per-seed A − B, in `seeds` order. */
  diffs: number[];
  t: Maybe<PairedTResult>;
  signFlip: Maybe<SignFlipResult>;
  /** Pearson correlation of A and B over the shared seeds. */
  correlation: Maybe<number>;
}

/** Per-seed scores of one arm. */
export interface SeedScore {
  seed: number;
  score: number;
}

function pearson(x: readonly number[], y: readonly number[]): Maybe<number> {
  const n = x.length;
  if (n < 3) return insufficient(`a correlation over shared seeds needs at least 3 seeds, got ${n}`);
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  if (!(sxx > 0 && syy > 0)) return insufficient('an arm is constant over the shared seeds');
  return sxy / Math.sqrt(sxx * syy);
}

/** Paired t and exact sign-flip on A − B over the seeds both arms have. */
export function pairedBySeed(
  a: readonly SeedScore[],
  b: readonly SeedScore[],
  options: { random: RandomSource; resamples?: number },
): Maybe<PairedBySeed> {
  const bySeed = new Map(b.map((s) => [s.seed, s.score]));
  const shared = a.filter((s) => bySeed.has(s.seed)).sort((x, y) => x.seed - y.seed);
  if (shared.length < 2)
    return insufficient(`the arms share ${shared.length} seed(s); a paired analysis needs at least 2`);
  const seeds = shared.map((s) => s.seed);
  const xa = shared.map((s) => s.score);
  const xb = seeds.map((s) => bySeed.get(s)!);
  const diffs = xa.map((v, i) => v - xb[i]!);
  return {
    status: 'ok',
    seeds,
    diffs,
    t: pairedTTest(diffs),
    signFlip: signFlipTest(diffs, options),
    correlation: pearson(xa, xb),
  };
}
