import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ok } from './expect-ok.js';
import { permutationTest } from '../../src/statistics/permutation-test.js';
import { compareArms } from '../../src/statistics/compare-arms.js';
import { seededRandom } from '../../src/statistics/rng.js';

/** Every way to put n1 of the pooled values into the first group (bitmasks, independent of the code's walk). */
function relabellings(pooled: readonly number[], n1: number): Array<{ x: number[]; y: number[] }> {
  const out: Array<{ x: number[]; y: number[] }> = [];
  for (let mask = 0; mask < 1 << pooled.length; mask++) {
    const x = pooled.filter((_, i) => (mask >> i) & 1);
    if (x.length !== n1) continue;
    out.push({ x, y: pooled.filter((_, i) => !((mask >> i) & 1)) });
  }
  return out;
}
const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;

/**
 * The test's definition written out by brute force: for one relabelling, the share of all
 * relabellings whose |mean(x) − mean(y)| is at least the observed one less 1e-9·max(1, |T_obs|).
 */
function bruteP(pooled: readonly number[], n1: number, observed: { x: number[]; y: number[] }): number {
  const obs = Math.abs(mean(observed.x) - mean(observed.y));
  const all = relabellings(pooled, n1);
  return all.filter((s) => Math.abs(mean(s.x) - mean(s.y)) >= obs - 1e-9 * Math.max(1, obs)).length / all.length;
}
/** The smallest brute-force p over every relabelling of the pooled values. */
function bruteMinP(pooled: readonly number[], n1: number): number {
  return Math.min(...relabellings(pooled, n1).map((s) => bruteP(pooled, n1, s)));
}

/** minAttainableP of the test on every relabelling, and the smallest p the test itself returns. */
function testOverRelabellings(pooled: readonly number[], n1: number) {
  const results = relabellings(pooled, n1).map((s) => ok(permutationTest(s.x, s.y, { random: seededRandom(1) })));
  return { minPs: new Set(results.map((r) => r.minAttainableP)), smallestP: Math.min(...results.map((r) => r.p)) };
}

describe('permutationTest minAttainableP', () => {
  const distinct = [0.61, 0.72, 0.68, 0.41, 0.52, 0.38, 0.45, 0.57, 0.33, 0.49];
  const cases: Array<{ name: string; pooled: number[]; n1: number; expected: number }> = [
    { name: '3 v 4, distinct: 1/C(7,3), no mirror split', pooled: distinct.slice(0, 7), n1: 3, expected: 1 / 35 },
    { name: '2 v 5, distinct: 1/C(7,2)', pooled: distinct.slice(0, 7), n1: 2, expected: 1 / 21 },
    { name: '4 v 6, distinct: 1/C(10,4)', pooled: distinct, n1: 4, expected: 1 / 210 },
    {
      name: '3 v 3, distinct: 2/C(6,3), the extreme split and its mirror',
      pooled: distinct.slice(0, 6),
      n1: 3,
      expected: 0.1,
    },
    { name: '4 v 4, distinct: 2/C(8,4)', pooled: distinct.slice(0, 8), n1: 4, expected: 2 / 70 },
    // Three ways to pick which 0.5 joins {1, 1} (T = 7/12) and three to pick which joins {0, 0} (T = −7/12).
    { name: '3 v 4, tied grid scores: 6/C(7,3)', pooled: [1, 1, 0.5, 0.5, 0.5, 0, 0], n1: 3, expected: 6 / 35 },
    // Every split of {0, 0, 0, 1} into 2 v 2 has |T| = 0.5.
    { name: '2 v 2, ties make every split extreme: 1', pooled: [0, 0, 0, 1], n1: 2, expected: 1 },
    { name: '3 v 2, all values equal: 1', pooled: [0.5, 0.5, 0.5, 0.5, 0.5], n1: 3, expected: 1 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const brute = bruteMinP(c.pooled, c.n1);
      expect(brute).toBeCloseTo(c.expected, 14);
      const { minPs, smallestP } = testOverRelabellings(c.pooled, c.n1);
      expect([...minPs]).toHaveLength(1); // a property of the pooled values, not of the labelling
      expect([...minPs][0]).toBeCloseTo(brute, 14);
      expect(smallestP).toBeCloseTo(brute, 14); // the test really returns it for some relabelling
    });
  }

  // scipy 1.17.1, x = [0.61, 0.72, 0.68], y = [0.41, 0.52, 0.38, 0.45]:
  // stats.permutation_test((x, y), lambda x, y, axis: np.abs(np.mean(x, axis=axis) - np.mean(y, axis=axis)),
  //   n_resamples=np.inf, vectorized=True, alternative='greater').pvalue = 0.02857142857142857 (1/35), also the
  //   minimum of that call over all 35 relabellings of the pooled values. (scipy's default two-sided p with the
  //   signed statistic, 2·min(one-sided), is 0.05714285714285714 here: the old 2/C.)
  // With x = [1, 1, 0.5], y = [0.5, 0.5, 0, 0] the same call gives 0.17142857142857143 (6/35), again the minimum
  // over all relabellings.
  it('matches scipy at 3 v 4, distinct and tied', () => {
    const r = ok(permutationTest([0.61, 0.72, 0.68], [0.41, 0.52, 0.38, 0.45], { random: seededRandom(1) }));
    expect(r.p).toBeCloseTo(0.02857142857142857, 14);
    expect(r.minAttainableP).toBeCloseTo(0.02857142857142857, 14);
    const tied = ok(permutationTest([1, 1, 0.5], [0.5, 0.5, 0, 0], { random: seededRandom(1) }));
    expect(tied.p).toBeCloseTo(0.17142857142857143, 14);
    expect(tied.minAttainableP).toBeCloseTo(0.17142857142857143, 14);
  });

  it('equals brute-force enumeration on random grid scores and sizes (1..5 v 1..5)', () => {
    const grid = fc.array(
      fc.integer({ min: 0, max: 4 }).map((k) => k / 4),
      { minLength: 1, maxLength: 5 },
    );
    fc.assert(
      fc.property(grid, grid, (x, y) => {
        const r = ok(permutationTest(x, y, { random: seededRandom(1) }));
        expect(r.method).toBe('exact');
        expect(r.minAttainableP).toBeCloseTo(bruteMinP([...x, ...y], x.length), 14);
        expect(r.minAttainableP).toBeLessThanOrEqual(r.p);
      }),
      { numRuns: 150 },
    );
  });

  it('Monte Carlo: 1/(m + 1), which the test returns when no draw is as extreme', () => {
    const x = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
    const y = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    const r = ok(permutationTest(x, y, { random: seededRandom(1), resamples: 999 }));
    expect(r.method).toBe('monte-carlo');
    expect(r.minAttainableP).toBe(1 / 1000);
    expect(r.p).toBe(1 / 1000);
  });

  it('compareArms records it as permutation_min_p: 1/35 at 3 v 4 seeds, below 0.05', () => {
    const seeds = (xs: number[]) => xs.map((score, seed) => ({ seed, score }));
    const arms = new Map([
      ['A', seeds([0.61, 0.72, 0.68])],
      ['B', seeds([0.41, 0.52, 0.38, 0.45])],
    ]);
    const [row] = compareArms(arms, [['A', 'B']], { resamples: 200, rngSeed: 1 });
    expect(row!.permutation_min_p).toBeCloseTo(1 / 35, 14);
    expect(row!.permutation_p).toBeCloseTo(1 / 35, 14);
  });
});
