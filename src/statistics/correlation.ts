/**
 * Pearson and Spearman correlations with p-values and Fisher-z intervals (val loss vs eval score).
 *
 * Why our own: simple-statistics gives r and rho but no p-value or interval. Pooled (seed,
 * checkpoint) correlations are only shown beside the within-seed ones (within-seed-correlation.ts),
 * because pooling mixes trajectories with between-seed differences (Simpson, docs/references.md §15).
 */
import { normalQuantile, tCdf } from './distributions.js';
import {
  assertLevel,
  DEFAULT_LEVEL,
  insufficient,
  isInsufficient,
  makeInterval,
  type Interval,
  type Maybe,
} from './result.js';

/** A correlation with its test and interval. */
export interface CorrelationEstimate {
  readonly method: 'pearson' | 'spearman' | 'rmcorr';
  readonly r: number;
  readonly n: number;
  /** Degrees of freedom of the t test (n − 2; rmcorr N − S − 1). */
  readonly df: number;
  /** Two-sided p-value (t approximation, or exact permutation for Spearman with n ≤ 9: see `pMethod`). */
  readonly p: number;
  readonly pMethod: 't' | 'exact-permutation';
  readonly ci: Maybe<Interval>;
}

/** Pearson r of two equal-length arrays; NaN-free: Insufficient when either has no variance. */
export function rawPearson(x: ArrayLike<number>, y: ArrayLike<number>): Maybe<number> {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] as number;
    my += y[i] as number;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (!(sxx > 0) || !(syy > 0))
    return insufficient('one of the variables is constant, so the correlation is undefined');
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Midranks (ties get the average rank), 1-based. */
export function midranks(xs: ArrayLike<number>): Float64Array {
  const n = xs.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => (xs[a] as number) - (xs[b] as number));
  const ranks = new Float64Array(n);
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && xs[idx[j + 1]!] === xs[idx[i]!]) j++;
    for (let k = i; k <= j; k++) ranks[idx[k]!] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}

/** Fisher-z interval tanh(atanh r ± z·se), the standard for r (R cor.test, scipy pearsonr). */
export function fisherInterval(r: number, se: number, level: number, method: string): Maybe<Interval> {
  if (!(se > 0) || !Number.isFinite(se)) return insufficient('too few points for a Fisher-z interval');
  if (Math.abs(r) >= 1) return insufficient('|r| = 1: the Fisher-z interval is degenerate');
  const z = Math.atanh(r);
  const q = normalQuantile(1 - (1 - level) / 2);
  return makeInterval(Math.tanh(z - q * se), Math.tanh(z + q * se), method, level);
}

/** Two-sided p of H0: ρ = 0 from t = r·√(df/(1 − r²)). */
export function tTestP(r: number, df: number): number {
  if (Math.abs(r) >= 1) return 0;
  const t = r * Math.sqrt(df / (1 - r * r));
  return 2 * tCdf(-Math.abs(t), df);
}

/** Pearson correlation, t-test p (df n−2) and Fisher-z CI (se 1/√(n−3)). Needs n ≥ 3 (CI n ≥ 4). */
export function pearson(
  x: readonly number[],
  y: readonly number[],
  level: number = DEFAULT_LEVEL,
): Maybe<CorrelationEstimate> {
  assertLevel(level);
  const n = x.length;
  if (n !== y.length) throw new RangeError('x and y differ in length');
  if (n < 3) return insufficient(`a correlation needs at least 3 points, got ${n}`);
  const r = rawPearson(x, y);
  if (isInsufficient(r)) return r;
  return {
    method: 'pearson',
    r,
    n,
    df: n - 2,
    p: tTestP(r, n - 2),
    pMethod: 't',
    ci: fisherInterval(r, 1 / Math.sqrt(n - 3), level, 'fisher-z'),
  };
}

/** Exact two-sided permutation p of Spearman's rho (all n! pairings), for small n. */
function exactSpearmanP(rx: Float64Array, ry: Float64Array, rho: number): number {
  const n = rx.length;
  const perm = Array.from({ length: n }, (_, i) => i);
  const tol = 1e-12 * Math.max(1, Math.abs(rho));
  let count = 0;
  let total = 0;
  const permuted = new Float64Array(n);
  const visit = (k: number): void => {
    if (k === n) {
      for (let i = 0; i < n; i++) permuted[i] = ry[perm[i]!] as number;
      const r = rawPearson(rx, permuted) as number;
      total++;
      if (Math.abs(r) >= Math.abs(rho) - tol) count++;
      return;
    }
    for (let i = k; i < n; i++) {
      [perm[k], perm[i]] = [perm[i]!, perm[k]!];
      visit(k + 1);
      [perm[k], perm[i]] = [perm[i]!, perm[k]];
    }
  };
  visit(0);
  return count / total;
}

/**
 * Spearman's rho (Pearson on midranks). p: exact permutation for n ≤ 9, else t approximation.
 * CI: Fisher z with the Bonett–Wright variance (1 + ρ²/2)/(n − 3).
 */
export function spearman(
  x: readonly number[],
  y: readonly number[],
  level: number = DEFAULT_LEVEL,
): Maybe<CorrelationEstimate> {
  assertLevel(level);
  const n = x.length;
  if (n !== y.length) throw new RangeError('x and y differ in length');
  if (n < 3) return insufficient(`a correlation needs at least 3 points, got ${n}`);
  const rx = midranks(x);
  const ry = midranks(y);
  const r = rawPearson(rx, ry);
  if (isInsufficient(r)) return r;
  const exact = n <= 9;
  return {
    method: 'spearman',
    r,
    n,
    df: n - 2,
    p: exact ? exactSpearmanP(rx, ry, r) : tTestP(r, n - 2),
    pMethod: exact ? 'exact-permutation' : 't',
    ci: fisherInterval(r, Math.sqrt((1 + (r * r) / 2) / (n - 3)), level, 'fisher-z-bonett-wright'),
  };
}
