import type { Insufficient } from './result.js';
import type { RandomSource } from './rng.js';

/**
 * Two-sided permutation test of the difference of means, on per-seed scores. Exact
 * enumeration of every split of the pooled values when there are at most
 * EXACT_MAX_SPLITS of them (10 vs 10 seeds is 184,756), otherwise seeded Monte Carlo
 * with p = (b + 1)/(m + 1) so p is never 0. A split counts as "at least as extreme"
 * when |T*| ≥ |T_obs| − tol: grid scores (k/54) make exact ties common and floating
 * summation order must not decide them.
 */
export interface PermutationResult {
  status: 'ok';
  /** mean(x) − mean(y). */
  diff: number;
  p: number;
  method: 'exact' | 'monte-carlo';
  /** Splits enumerated (exact) or random permutations drawn (Monte Carlo). */
  permutations: number;
  /**
   * Smallest p this test could report for any relabelling of these pooled values into groups of
   * these sizes. Exact: the share of splits with |T| as large as the largest |T| (within the
   * tolerance), i.e. 2/C(n, nₓ) for distinct values and equal sizes (the extreme split and its
   * mirror) but 1/C(n, nₓ) for distinct values and unequal sizes (no mirror). Tied values make
   * several splits equally extreme and raise it (all values equal: every T is 0, so 1).
   * Monte Carlo: 1/(m + 1), reached when no draw is as extreme.
   */
  minAttainableP: number;
}

/** Above this many splits the test switches to Monte Carlo. */
export const EXACT_MAX_SPLITS = 200_000;

/** Binomial coefficient as a float (exact below 2^53). */
export function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) r = (r * (n - Math.min(k, n - k) + i)) / i;
  return Math.round(r);
}

function tolerance(obs: number): number {
  return 1e-9 * Math.max(1, Math.abs(obs));
}

/**
 * Permutation test of mean(x) − mean(y). `random` (values in [0, 1)) is used only in
 * Monte Carlo mode; pass a seeded generator so results are reproducible.
 */
export function permutationTest(
  x: readonly number[],
  y: readonly number[],
  options: { random: RandomSource; resamples?: number; exactMaxSplits?: number },
): PermutationResult | Insufficient {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 < 1 || n2 < 1)
    return { status: 'insufficient', reason: `permutation test needs values in both groups (got ${n1} and ${n2})` };
  const pooled = [...x, ...y];
  const n = pooled.length;
  const total = pooled.reduce((a, b) => a + b, 0);
  const sumX = x.reduce((a, b) => a + b, 0);
  const stat = (s: number) => s / n1 - (total - s) / n2;
  const diff = stat(sumX);
  const threshold = Math.abs(diff) - tolerance(diff);
  const splits = choose(n, n1);
  if (splits <= (options.exactMaxSplits ?? EXACT_MAX_SPLITS)) {
    // T rises with the sum of the first group, so the largest |T| of any split is at the n1
    // smallest or the n1 largest values; splits that reach it give the smallest attainable p.
    const sorted = [...pooled].sort((a, b) => a - b);
    const sumOf = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const most = Math.max(Math.abs(stat(sumOf(sorted.slice(0, n1)))), Math.abs(stat(sumOf(sorted.slice(n - n1)))));
    const mostThreshold = most - tolerance(most);
    let extreme = 0;
    let atMost = 0;
    let count = 0;
    // Depth-first enumeration of n1-subsets by running sum.
    const walk = (start: number, left: number, sum: number): void => {
      if (left === 0) {
        count++;
        const t = Math.abs(stat(sum));
        if (t >= threshold) extreme++;
        if (t >= mostThreshold) atMost++;
        return;
      }
      for (let i = start; i <= n - left; i++) walk(i + 1, left - 1, sum + pooled[i]!);
    };
    walk(0, n1, 0);
    const p = Math.min(1, extreme / count);
    return { status: 'ok', diff, p, method: 'exact', permutations: count, minAttainableP: Math.min(1, atMost / count) };
  }
  const m = options.resamples ?? 10_000;
  const work = pooled.slice();
  let b = 0;
  for (let r = 0; r < m; r++) {
    // Partial Fisher–Yates: only the first n1 positions are needed.
    let s = 0;
    for (let i = 0; i < n1; i++) {
      const j = i + Math.floor(options.random() * (n - i));
      const tmp = work[i]!;
      work[i] = work[j]!;
      work[j] = tmp;
      s += work[i]!;
    }
    if (Math.abs(stat(s)) >= threshold) b++;
  }
  return {
    status: 'ok',
    diff,
    p: (b + 1) / (m + 1),
    method: 'monte-carlo',
    permutations: m,
    minAttainableP: 1 / (m + 1),
  };
}
