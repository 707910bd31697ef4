import { commonDenominator, isReachable, nearestReachable, reachableMeans } from './reachable-means.js';

/**
 * The two means of `count` items (each scoring one of `values`) nearest to a target, without
 * enumerating every mean: what the comparability gate needs for each claimed figure. With three
 * values (the tool-call rubric's 0 / direct_score / 1) the means are, for each count b of the top
 * value, an arithmetic progression, so the search is O(count) (5,000 prompts at 0/0.37/1: about a
 * millisecond; enumerating all 500,001 means took two minutes). On a common grid (values k/D)
 * it runs in exact integers.
 */

/** Below: the largest mean ≤ x (else the smallest mean); above: the smallest mean ≥ x (else the largest). */
export type Nearest = [number, number];

/** How close to a reachable mean a target counts as on it (the same 1e-12 as nearestReachable). */
const MEAN_EPS = 1e-12;

/** Recursion budget: combinations of all but the two lowest values beyond this fall back to enumeration. */
const MAX_COMBINATIONS = 2_000_000;

/** Nearest sums below/above `t` of n items from sorted distinct `v` (exact in integers when v are integers). */
function nearestSum(v: readonly number[], n: number, t: number, eps: number): Nearest {
  if (v.length === 1 || n === 0) return [n * v[0]!, n * v[0]!];
  if (v.length === 2) {
    const base = n * v[0]!;
    const step = v[1]! - v[0]!;
    const k = (t - base) / step;
    const clamp = (x: number) => Math.min(n, Math.max(0, x));
    const below = clamp(Math.floor(k + eps));
    const above = clamp(Math.ceil(k - eps));
    return [base + below * step, base + above * step];
  }
  const top = v[v.length - 1]!;
  const rest = v.slice(0, -1);
  let below: number | undefined;
  let above: number | undefined;
  let min = Infinity;
  let max = -Infinity;
  for (let b = 0; b <= n; b++) {
    const [lo, hi] = nearestSum(rest, n - b, t - b * top, eps);
    for (const s of [lo + b * top, hi + b * top]) {
      min = Math.min(min, s);
      max = Math.max(max, s);
      if (s <= t + eps && (below === undefined || s > below)) below = s;
      if (s >= t - eps && (above === undefined || s < above)) above = s;
    }
  }
  return [below ?? min, above ?? max];
}

/** The means of `count` items nearest to x (see Nearest), or null when the search is too large to do exactly. */
export function nearestMeans(values: readonly number[], count: number, x: number): Nearest | null {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
  if (values.length === 0) throw new RangeError('an item needs at least one possible value');
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  if (sorted.length > 3 && count ** (sorted.length - 2) > MAX_COMBINATIONS) {
    const all = reachableMeans(sorted, count);
    return all ? nearestReachable(all, x) : null;
  }
  // One tolerance for "on the lattice" everywhere: MEAN_EPS in units of the mean, as nearestReachable
  // uses, scaled to the units each search works in (it once was 1e-9 of a grid step here, so the two
  // disagreed about targets within 5e-11 of a mean).
  const d = commonDenominator(sorted);
  if (d !== undefined) {
    const ints = [...new Set(sorted.map((v) => Math.round(v * d)))];
    const [lo, hi] = nearestSum(ints, count, x * count * d, MEAN_EPS * count * d);
    return [lo / (count * d), hi / (count * d)];
  }
  const [lo, hi] = nearestSum(sorted, count, x * count, MEAN_EPS * count);
  return [lo / count, hi / count];
}

/**
 * Is some mean within `tolerance` of x, and which are nearest? `reachable` is undefined when it could not be decided.
 */
export function reachableNear(
  values: readonly number[],
  count: number,
  x: number,
  tolerance: number,
): { reachable?: boolean; nearest?: Nearest } {
  const nearest = nearestMeans(values, count, x);
  if (!nearest) return {};
  return { reachable: isReachable(nearest, x, tolerance), nearest };
}

/** Of the two neighbours, the one nearer to x (the lower on a tie): the score a rounded figure stands for. */
export function nearerOf([lo, hi]: Nearest, x: number): number {
  return Math.abs(x - lo) <= Math.abs(hi - x) + 1e-12 ? lo : hi;
}
