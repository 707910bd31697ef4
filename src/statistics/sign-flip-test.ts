import { insufficient, type Maybe } from './result.js';
import type { RandomSource } from './rng.js';

/**
 * Paired permutation (sign-flip) test of mean(d) = 0: under H0 each paired difference is
 * as likely positive as negative, so flipping signs gives the null distribution. Used for
 * two arms that share seeds and for two single runs scored on the same prompts. Exact
 * (all 2ⁿ flips) when n ≤ EXACT_MAX_PAIRS, else seeded Monte Carlo with (b + 1)/(m + 1).
 * Zero differences flip to themselves, so they are dropped from the enumeration (it halves
 * nothing and keeps the count honest: the 0/0.5/1 grid makes many pairs tie).
 */
export interface SignFlipResult {
  status: 'ok';
  /** Mean of all differences (zeros included). */
  meanDiff: number;
  p: number;
  method: 'exact' | 'monte-carlo';
  /** Non-zero differences that were flipped. */
  nonZero: number;
  permutations: number;
}

/** Exact enumeration up to 2^20 sign patterns. */
export const EXACT_MAX_PAIRS = 20;

/** Two-sided sign-flip test on paired differences. */
export function signFlipTest(
  diffs: readonly number[],
  options: { random: RandomSource; resamples?: number; exactMaxPairs?: number },
): Maybe<SignFlipResult> {
  const n = diffs.length;
  if (n < 1) return insufficient('a sign-flip test needs at least one pair');
  const meanDiff = diffs.reduce((a, b) => a + b, 0) / n;
  const nz = diffs.filter((d) => d !== 0);
  const k = nz.length;
  if (k === 0) return { status: 'ok', meanDiff, p: 1, method: 'exact', nonZero: 0, permutations: 1 };
  // |sum| is equivalent to |mean| because n is fixed.
  const obs = Math.abs(nz.reduce((a, b) => a + b, 0));
  const threshold = obs - 1e-9 * Math.max(1, obs);
  if (k <= (options.exactMaxPairs ?? EXACT_MAX_PAIRS)) {
    const total = 2 ** k;
    let extreme = 0;
    for (let mask = 0; mask < total; mask++) {
      let s = 0;
      for (let i = 0; i < k; i++) s += mask & (1 << i) ? -nz[i]! : nz[i]!;
      if (Math.abs(s) >= threshold) extreme++;
    }
    return { status: 'ok', meanDiff, p: extreme / total, method: 'exact', nonZero: k, permutations: total };
  }
  const m = options.resamples ?? 10_000;
  let b = 0;
  for (let r = 0; r < m; r++) {
    let s = 0;
    for (let i = 0; i < k; i++) s += options.random() < 0.5 ? -nz[i]! : nz[i]!;
    if (Math.abs(s) >= threshold) b++;
  }
  return { status: 'ok', meanDiff, p: (b + 1) / (m + 1), method: 'monte-carlo', nonZero: k, permutations: m };
}
