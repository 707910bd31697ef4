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
  method: 'exact' | 'exact-lattice' | 'monte-carlo';
  /** Non-zero differences that were flipped. */
  nonZero: number;
  permutations: number;
}

/** Exact enumeration up to 2^20 sign patterns. */
export const EXACT_MAX_PAIRS = 20;

/** Two-sided sign-flip test on paired differences. */
export function signFlipTest(
  diffs: readonly number[],
  options: { random: RandomSource; resamples?: number; exactMaxPairs?: number; lattice?: boolean },
): Maybe<SignFlipResult> {
  const n = diffs.length;
  if (n < 1) return insufficient('a sign-flip test needs at least one pair');
  const meanDiff = diffs.reduce((a, b) => a + b, 0) / n;
  const nz = diffs.filter((d) => Math.abs(d) > 1e-12); // rounding-level differences are ties
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
  const lattice = options.lattice === false ? undefined : latticeExact(nz);
  if (lattice !== undefined)
    return { status: 'ok', meanDiff, p: lattice, method: 'exact-lattice', nonZero: k, permutations: 2 ** k };
  const m = options.resamples ?? 10_000;
  let b = 0;
  for (let r = 0; r < m; r++) {
    let s = 0;
    for (let i = 0; i < k; i++) s += options.random() < 0.5 ? -nz[i]! : nz[i]!;
    if (Math.abs(s) >= threshold) b++;
  }
  return { status: 'ok', meanDiff, p: (b + 1) / (m + 1), method: 'monte-carlo', nonZero: k, permutations: m };
}

/** Largest lattice sum the DP accepts (array of 2·A + 1 probabilities). */
const LATTICE_MAX = 2_000_000;

/**
 * Exact two-sided sign-flip p when every difference is an integer multiple of 1/q for some
 * q ≤ 64: the null law of Σ ±aᵢ (integers aᵢ = q·dᵢ) by convolution, P(|S| ≥ |S_obs|).
 */
function latticeExact(nz: readonly number[]): number | undefined {
  let q = 0;
  for (let c = 1; c <= 64 && q === 0; c++) if (nz.every((d) => Math.abs(d * c - Math.round(d * c)) < 1e-9)) q = c;
  if (q === 0) return undefined;
  const a = nz.map((d) => Math.abs(Math.round(d * q)));
  const total = a.reduce((x, y) => x + y, 0);
  if (total > LATTICE_MAX) return undefined;
  let dist = new Float64Array(2 * total + 1);
  dist[total] = 1; // index = sum + total
  let reach = 0;
  for (const v of a) {
    const next = new Float64Array(2 * total + 1);
    for (let s = -reach; s <= reach; s++) {
      const pr = dist[s + total]!;
      if (pr === 0) continue;
      next[s + v + total] = next[s + v + total]! + pr / 2;
      next[s - v + total] = next[s - v + total]! + pr / 2;
    }
    dist = next;
    reach += v;
  }
  const obs = Math.abs(nz.reduce((x, d) => x + Math.round(d * q), 0));
  let p = 0;
  for (let s = -total; s <= total; s++) if (Math.abs(s) >= obs) p += dist[s + total]!;
  return Math.min(1, p);
}
