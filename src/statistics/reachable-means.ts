/**
 * Which means a set of prompts can produce. With 27 prompts each scored 0, 0.5 or 1 the overall
 * can only be k/54; a category of 9 prompts only k/18. A claimed figure that is none of these
 * (within its rounding) did not come from this eval as scored here, so it is the first thing to
 * check before comparing a claim with new seeds (stats.md §3.3).
 */

/** Above this many distinct sums the exact set is not worth building: the caller says "not checked". */
export const MAX_REACHABLE = 200_000;

/** Sums are deduplicated at this resolution (scores are fractions; 1e-9 is far below any printed digit). */
const KEY_SCALE = 1e9;

const key = (x: number) => Math.round(x * KEY_SCALE);

/**
 * Every value the mean of `count` items can take when each item takes one of `values`.
 * Sorted ascending; `null` when the set would exceed MAX_REACHABLE (values off any small grid).
 */
export function reachableMeans(values: readonly number[], count: number): number[] | null {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
  if (values.length === 0) throw new RangeError('an item needs at least one possible value');
  let sums = new Map<number, number>([[0, 0]]);
  for (let i = 0; i < count; i++) {
    const next = new Map<number, number>();
    for (const s of sums.values()) {
      for (const v of values) {
        const t = s + v;
        next.set(key(t), t);
      }
    }
    if (next.size > MAX_REACHABLE) return null;
    sums = next;
  }
  return [...sums.values()].map((s) => s / count).sort((a, b) => a - b);
}

/** The reachable values just below and just above `x` (equal to x's neighbour on each side, or x itself). */
export function nearestReachable(sorted: readonly number[], x: number): [number, number] {
  let lo = sorted[0]!;
  let hi = sorted[sorted.length - 1]!;
  for (const v of sorted) {
    if (v <= x + 1e-12) lo = v;
    if (v >= x - 1e-12) {
      hi = v;
      break;
    }
  }
  return [lo, hi];
}

/** Is some reachable value within `tolerance` of `x`? */
export function isReachable(sorted: readonly number[], x: number, tolerance: number): boolean {
  const [lo, hi] = nearestReachable(sorted, x);
  return Math.abs(x - lo) <= tolerance + 1e-12 || Math.abs(hi - x) <= tolerance + 1e-12;
}
