import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isReachable, nearestReachable, reachableMeans } from '../../src/statistics/reachable-means.js';
import { nearestMeans, reachableNear } from '../../src/statistics/nearest-mean.js';

/** Every mean of n items by brute force over all |V|^n assignments (the definition, for small n). */
function bruteForce(values: number[], n: number): number[] {
  let sums = [0];
  for (let i = 0; i < n; i++) sums = sums.flatMap((s) => values.map((v) => s + v));
  return [...new Map(sums.map((s) => [Math.round((s / n) * 1e9), s / n])).values()].sort((a, b) => a - b);
}

describe('reachableMeans', () => {
  it('27 prompts scored 0/0.5/1 give exactly k/54, k = 0..54 (docs/references.md §22)', () => {
    const lattice = reachableMeans([0, 0.5, 1], 27)!;
    expect(lattice).toHaveLength(55);
    lattice.forEach((v, k) => expect(v).toBeCloseTo(k / 54, 12));
  });
  it('a single prompt can only score its values: multi_tool 35% of 1 prompt is impossible', () => {
    expect(reachableMeans([0, 0.5, 1], 1)).toEqual([0, 0.5, 1]);
    expect(nearestReachable([0, 0.5, 1], 0.35)).toEqual([0, 0.5]);
    expect(isReachable([0, 0.5, 1], 0.35, 0.005)).toBe(false);
  });
  it('equals the brute-force enumeration for any small value set', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.integer({ min: 0, max: 20 }).map((k) => k / 20),
          { minLength: 1, maxLength: 4 },
        ),
        fc.integer({ min: 1, max: 5 }),
        (values, n) => {
          const fast = reachableMeans(values, n)!;
          const slow = bruteForce(values, n);
          expect(fast).toHaveLength(slow.length);
          fast.forEach((v, i) => expect(v).toBeCloseTo(slow[i]!, 12));
        },
      ),
      { numRuns: 200 },
    );
  });
  it('the general path (values with no small common denominator) equals the brute force too', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 4 }),
        (raw, n) => {
          // off every grid with D ≤ 10,000
          const values = raw.map((v) => Math.round(v * 1e6) / 1e6 + Math.SQRT2 * 1e-7);
          const fast = reachableMeans(values, n)!;
          const slow = bruteForce(values, n);
          expect(fast).toHaveLength(slow.length);
          fast.forEach((v, i) => expect(v).toBeCloseTo(slow[i]!, 12));
        },
      ),
      { numRuns: 100 },
    );
  });
  it('scales: 5,000 prompts at 0/0.5/1 give the 10,001 multiples of 1/10,000 (speed lives in npm run bench)', () => {
    const lattice = reachableMeans([0, 0.5, 1], 5000)!;
    expect(lattice).toHaveLength(10_001);
    expect(lattice[7_777]).toBeCloseTo(0.7777, 12);
  });
  it('gives up (null) instead of enumerating a lattice too fine to matter', () => {
    const irrational = [0, Math.SQRT1_2, Math.PI / 4, 1 / Math.E, 1];
    expect(reachableMeans(irrational, 60)).toBeNull();
  });
  it('nearest values bracket the claim; rounding tolerance is inclusive', () => {
    const lattice = reachableMeans([0, 0.5, 1], 27)!;
    expect(nearestReachable(lattice, 0.824)).toEqual([44 / 54, 45 / 54]);
    // 38.9% printed with one decimal covers [38.85%, 38.95%]: 21/54 = 38.888…% is inside.
    expect(isReachable(lattice, 0.389, 0.0005)).toBe(true);
    // 82.4% ± 0.05 points: the nearest, 81.48% and 83.33%, are 0.9 points away.
    expect(isReachable(lattice, 0.824, 0.0005)).toBe(false);
    // A tolerance wide enough to reach 83.33% makes it reachable (0.824 + 0.00933 ≥ 45/54).
    expect(isReachable(lattice, 0.824, 45 / 54 - 0.824)).toBe(true);
  });
  it('rejects nonsense input', () => {
    expect(() => reachableMeans([0, 1], 0)).toThrow(RangeError);
    expect(() => reachableMeans([], 3)).toThrow(RangeError);
  });
});

describe('nearestMeans: the two means nearest a target, without enumerating them all', () => {
  it('equals the enumeration for any small value set and target (grid and general paths, 1 to 5 values)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.integer({ min: 0, max: 20 }).map((k) => k / 20),
          { minLength: 1, maxLength: 5 },
        ),
        fc.integer({ min: 1, max: 6 }),
        fc.double({ min: -0.1, max: 1.1, noNaN: true }),
        fc.boolean(),
        (grid, n, x, offGrid) => {
          const values = offGrid ? grid.map((v) => v + Math.SQRT2 * 1e-7) : grid;
          const all = bruteForce(values, n);
          const [lo, hi] = nearestMeans(values, n, x)!;
          const [elo, ehi] = nearestReachable(all, x);
          expect(lo).toBeCloseTo(elo, 10);
          expect(hi).toBeCloseTo(ehi, 10);
        },
      ),
      { numRuns: 300 },
    );
  });
  it('agrees with the enumeration on what counts as on the lattice (a target 1e-12 from a mean)', () => {
    // Found by the property above at 20,000 runs: one tolerance was 1e-9 of a grid step, the other 1e-12.
    for (const x of [1e-12, 1.5e-12, 2e-11, 5e-11, 1e-10]) {
      const all = bruteForce([0, 0.05], 1);
      expect(nearestMeans([0, 0.05], 1, x)).toEqual(nearestReachable(all, x));
    }
  });
  it('82.4% of 27 prompts at 0/0.5/1: 44/54 and 45/54; a target on the lattice returns itself twice', () => {
    const [lo, hi] = nearestMeans([0, 0.5, 1], 27, 0.824)!;
    expect(lo).toBeCloseTo(44 / 54, 15);
    expect(hi).toBeCloseTo(45 / 54, 15);
    expect(nearestMeans([0, 0.5, 1], 27, 21 / 54)).toEqual([21 / 54, 21 / 54]);
    expect(reachableNear([0, 0.5, 1], 27, 0.389, 0.0005)).toEqual({ reachable: true, nearest: [21 / 54, 22 / 54] });
  });
  it('large evals stay exact: 5,000 prompts at 0/0.37/1 (a lattice of 500,001 means) around 45%', () => {
    // In units of 1/100: sums are 37a + 100b with a + b ≤ 5000; 225,000 = 100·2250 exactly.
    expect(nearestMeans([0, 0.37, 1], 5000, 0.45)).toEqual([0.45, 0.45]);
    // 0.450001·500,000 = 225,000.5: not an integer, so the neighbours are 225,000 and 225,001 (= 37·73 + 100·2223).
    const [lo, hi] = nearestMeans([0, 0.37, 1], 5000, 0.450001)!;
    expect(lo).toBeCloseTo(225_000 / 500_000, 15);
    expect(hi).toBeCloseTo(225_001 / 500_000, 15);
  });
});
