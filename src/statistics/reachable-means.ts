/**
 * Which means a set of prompts can produce. With 27 prompts each scored 0, 0.5 or 1 the overall
 * can only be k/54; a category of 9 prompts only k/18. A claimed figure that is none of these
 * (within its rounding) did not come from this eval as scored here, so it is the first thing to
 * check before comparing a claim with new seeds (docs/references.md §22).
 */

/** Above this many distinct sums the exact set is not worth building: the caller says "not checked". */
export const MAX_REACHABLE = 200_000;

/** Sums are deduplicated at this resolution (scores are fractions; 1e-9 is far below any printed digit). */
const KEY_SCALE = 1e9;

const key = (x: number) => Math.round(x * KEY_SCALE);

/**
 * Every value the mean of `count` items can take when each item takes one of `values`.
 * Sorted ascending; `null` when the set would exceed MAX_REACHABLE or cost too much to build.
 * Used where the whole set is needed (a prompt's possible means over a few repeats); the gate's
 * per-figure question "which means are nearest?" goes through nearest-mean.ts, which scales.
 */
export function reachableMeans(values: readonly number[], count: number): number[] | null {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
  if (values.length === 0) throw new RangeError('an item needs at least one possible value');
  return reachableOnGrid(values, count) ?? reachableByMap(values, count);
}

/**
 * Smallest D ≤ 10,000 with every value a multiple of 1/D (0.5 → 2, 0.37 → 100), if any: the grid exact integer
 * arithmetic can use.
 */
export function commonDenominator(values: readonly number[]): number | undefined {
  for (let d = 1; d <= 10_000; d++) if (values.every((v) => Math.abs(v * d - Math.round(v * d)) < 1e-9)) return d;
  return undefined;
}

/**
 * Exact and fast when the values share a small denominator D: integer sums as the set bits of a
 * BigInt, one shift-or per value per item (27 prompts at 0/0.5/1 is 81 shifts of a 55-bit number;
 * 5,000 prompts about 15,000 shifts of 10,000 bits).
 */
function reachableOnGrid(values: readonly number[], count: number): number[] | null | undefined {
  const d = commonDenominator(values);
  if (d === undefined) return undefined;
  const steps = [...new Set(values.map((v) => Math.round(v * d)))];
  // Cost ≈ count × |steps| shift-ors of (count × max step) bits; past ~5e7 word operations enumeration is not worth it.
  if ((count * steps.length * count * Math.max(...steps)) / 64 > 5e7) return null;
  let sums = 1n;
  for (let i = 0; i < count; i++) {
    let next = 0n;
    for (const s of steps) next |= sums << BigInt(s);
    sums = next;
  }
  const bits = sums.toString(2);
  const out: number[] = [];
  for (let i = bits.length - 1, k = 0; i >= 0; i--, k++) if (bits[i] === '1') out.push(k / d / count);
  return out.length > MAX_REACHABLE ? null : out;
}

/** The general case: a set of float sums deduplicated at 1e-9, abandoned past MAX_REACHABLE values. */
function reachableByMap(values: readonly number[], count: number): number[] | null {
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
