import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ok } from './expect-ok.js';
import { permutationTest, choose } from '../../src/statistics/permutation-test.js';
import { seededRandom } from '../../src/statistics/rng.js';

describe('permutationTest', () => {
  // docs/references.md §9 and scipy 1.17.1: stats.permutation_test((x, y), lambda x, y, axis: np.mean(x, axis=axis) -
  // np.mean(y, axis=axis), n_resamples=np.inf, vectorized=True).pvalue = 0.2777777777777778 (70/252)
  it('exact 70/252 on 0/0.5/1 scores', () => {
    const r = ok(permutationTest([0.5, 0.5, 1, 0.5, 0.5], [0, 0.5, 0.5, 0.5, 0], { random: seededRandom(1) }));
    expect(r.method).toBe('exact');
    expect(r.permutations).toBe(252);
    expect(r.p).toBe(70 / 252);
    expect(r.diff).toBeCloseTo(0.3, 12);
  });
  // Two-sided here means |T*| >= |T_obs| (not scipy's default 2·min(one-sided), which differs for unequal sizes).
  // scipy 1.17.1: stats.permutation_test((x1, y1),
  // lambda x, y, axis: np.abs(np.mean(x, axis=axis) - np.mean(y, axis=axis)),
  // n_resamples=np.inf, vectorized=True, alternative='greater').pvalue = 0.00641025641025641 (= 11/1716)
  // with x1 = [0.41,0.52,0.38,0.60,0.45,0.49], y1 = [0.30,0.35,0.44,0.28,0.33,0.39,0.31]
  it('exact, unequal sizes 6 vs 7', () => {
    const r = ok(
      permutationTest([0.41, 0.52, 0.38, 0.6, 0.45, 0.49], [0.3, 0.35, 0.44, 0.28, 0.33, 0.39, 0.31], {
        random: seededRandom(1),
      }),
    );
    expect(r.p).toBeCloseTo(0.00641025641025641, 14);
  });
  it('smallest attainable p at 3 v 3 is 0.1, at 4 v 4 is 2/70', () => {
    expect(ok(permutationTest([1, 2, 3], [4, 5, 6], { random: seededRandom(1) })).p).toBeCloseTo(0.1, 12);
    expect(ok(permutationTest([1, 2, 3, 4], [5, 6, 7, 8], { random: seededRandom(1) })).p).toBeCloseTo(2 / 70, 12);
    expect(choose(20, 10)).toBe(184756);
  });
  it('Monte Carlo agrees with exact and is reproducible, never 0', () => {
    const x = [0.41, 0.52, 0.38, 0.6, 0.45, 0.49];
    const y = [0.3, 0.35, 0.44, 0.28, 0.33, 0.39, 0.31];
    const a = ok(permutationTest(x, y, { random: seededRandom(7), resamples: 20000, exactMaxSplits: 0 }));
    const b = ok(permutationTest(x, y, { random: seededRandom(7), resamples: 20000, exactMaxSplits: 0 }));
    expect(a.method).toBe('monte-carlo');
    expect(a.p).toBe(b.p);
    expect(Math.abs(a.p - 0.00641025641025641)).toBeLessThan(0.004);
    const far = ok(
      permutationTest([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], {
        random: seededRandom(1),
        resamples: 999,
      }),
    );
    expect(far.method).toBe('monte-carlo');
    expect(far.p).toBeCloseTo(1 / 1000, 12);
  });
  const grid = fc.array(
    fc.integer({ min: 0, max: 54 }).map((k) => k / 54),
    { minLength: 1, maxLength: 6 },
  );
  it('invariant to order within groups and to swapping groups; p in (0, 1]', () => {
    fc.assert(
      fc.property(grid, grid, (x, y) => {
        const r = ok(permutationTest(x, y, { random: seededRandom(1) }));
        const s = ok(permutationTest([...y].reverse(), [...x].reverse(), { random: seededRandom(1) }));
        expect(s.p).toBe(r.p);
        expect(r.p).toBeGreaterThan(0);
        expect(r.p).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});
