import { normalCdf } from './distributions.js';
import { midRanks } from './ranks.js';
import type { Insufficient } from './result.js';

/**
 * Mann–Whitney U test, two-sided, with scipy's method choice (`mannwhitneyu(x, y)`,
 * method='auto'): the exact null distribution when there are no ties and at least one
 * group has ≤ 8 values; otherwise the normal approximation with tie-corrected variance
 * and continuity correction. A distribution-free check next to Welch for bimodal seed
 * outcomes ("learned the wrapper or not").
 */
export interface MannWhitneyResult {
  status: 'ok';
  /** U of x: #(x > y) + ½·#(x = y) over all pairs. */
  u: number;
  /** U of y = nₓ·nᵧ − u. */
  uOther: number;
  p: number;
  method: 'exact' | 'asymptotic';
}

/** Largest nₓ·nᵧ for which the exact distribution is computed (it costs O(nₓ·nᵧ·nₓ·nᵧ)). */
const EXACT_MAX_PRODUCT = 2_500;

/**
 * P(U ≥ u) under H0 for group sizes m, n without ties, by the recurrence
 * P_{i,j}(k) = i/(i+j)·P_{i−1,j}(k−j) + j/(i+j)·P_{i,j−1}(k), kept in probabilities
 * (not counts) so nothing overflows. U's null law is symmetric in (m, n); pass n = the smaller
 * size to keep memory at (n+1)·(mn+1) numbers.
 */
export function exactUpperTail(u: number, m: number, n: number): number {
  const maxU = m * n;
  // prev[j] = distribution for (i−1, j); cur[j] for (i, j)
  let prev: Float64Array[] = [];
  for (let j = 0; j <= n; j++) {
    const d = new Float64Array(maxU + 1);
    d[0] = 1; // i = 0: U is always 0
    prev.push(d);
  }
  for (let i = 1; i <= m; i++) {
    const cur: Float64Array[] = [];
    const d0 = new Float64Array(maxU + 1);
    d0[0] = 1; // j = 0
    cur.push(d0);
    for (let j = 1; j <= n; j++) {
      const d = new Float64Array(maxU + 1);
      const a = i / (i + j);
      const b = j / (i + j);
      const left = prev[j]!;
      const down = cur[j - 1]!;
      const top = i * j;
      for (let k = 0; k <= top; k++) d[k] = (k >= j ? a * left[k - j]! : 0) + b * down[k]!;
      cur.push(d);
    }
    prev = cur;
  }
  const dist = prev[n]!;
  let tail = 0;
  const start = Math.max(0, Math.ceil(u - 1e-9));
  for (let k = start; k <= maxU; k++) tail += dist[k]!;
  return Math.min(1, tail);
}

/** Two-sided Mann–Whitney U test of x vs y. */
export function mannWhitneyU(x: readonly number[], y: readonly number[]): MannWhitneyResult | Insufficient {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 < 1 || n2 < 1)
    return { status: 'insufficient', reason: `Mann-Whitney needs values in both groups (got ${n1} and ${n2})` };
  const { ranks, tieSizes } = midRanks([...x, ...y]);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i]!;
  const u = r1 - (n1 * (n1 + 1)) / 2;
  const uOther = n1 * n2 - u;
  const uMax = Math.max(u, uOther);
  const ties = tieSizes.length > 0;
  const exact = !ties && (n1 <= 8 || n2 <= 8) && n1 * n2 <= EXACT_MAX_PRODUCT;
  if (exact) {
    return {
      status: 'ok',
      u,
      uOther,
      p: Math.min(1, 2 * exactUpperTail(uMax, Math.max(n1, n2), Math.min(n1, n2))),
      method: 'exact',
    };
  }
  const n = n1 + n2;
  const tieTerm = tieSizes.reduce((s, t) => s + (t ** 3 - t), 0);
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (!(variance > 0)) return { status: 'ok', u, uOther, p: 1, method: 'asymptotic' };
  const z = (uMax - (n1 * n2) / 2 - 0.5) / Math.sqrt(variance);
  return { status: 'ok', u, uOther, p: Math.min(1, Math.max(0, 2 * normalCdf(-z))), method: 'asymptotic' };
}
