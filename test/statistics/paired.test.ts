import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ok } from './expect-ok.js';
import { pairedTTest } from '../../src/statistics/paired-t.js';
import { signFlipTest } from '../../src/statistics/sign-flip-test.js';
import { pairedBySeed } from '../../src/statistics/paired-by-seed.js';
import { seededRandom } from '../../src/statistics/rng.js';

const s1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const s2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
const d = s1.map((v, i) => v - s2[i]!);

describe('pairedTTest', () => {
  // scipy 1.17.1: r = stats.ttest_rel(s1, s2) -> t = -4.062127683382037, p = 0.002832890197384273, df = 9;
  // r.confidence_interval() -> (-2.459885763276983, -0.7001142367230175)  (R: t.test(s1, s2, paired = TRUE))
  it('matches scipy ttest_rel on the sleep data', () => {
    const r = ok(pairedTTest(d));
    expect(r.t).toBeCloseTo(-4.062127683382037, 10);
    expect(r.df).toBe(9);
    expect(r.p).toBeCloseTo(0.002832890197384273, 12);
    expect(r.ci.low).toBeCloseTo(-2.459885763276983, 10);
    expect(r.ci.high).toBeCloseTo(-0.7001142367230175, 10);
  });
  it('insufficient for constant differences', () => {
    expect(pairedTTest([0.5, 0.5, 0.5]).status).toBe('insufficient');
    // equal up to rounding: 2/6 − 4/6, 3/6 − 5/6, 4/6 − 6/6
    expect(pairedTTest([2 / 6 - 4 / 6, 3 / 6 - 5 / 6, 4 / 6 - 6 / 6]).status).toBe('insufficient');
  });
});

describe('signFlipTest', () => {
  // scipy 1.17.1: stats.permutation_test((s1, s2), lambda x, y, axis: np.abs(np.mean(x - y, axis=axis)),
  // permutation_type='samples', n_resamples=np.inf, vectorized=True, alternative='greater').pvalue = 0.00390625
  it('exact, matches scipy paired permutation_test (sleep)', () => {
    const r = ok(signFlipTest(d, { random: seededRandom(1) }));
    expect(r.method).toBe('exact');
    expect(r.p).toBeCloseTo(0.00390625, 14);
  });
  // same call with a = [0.5,1,0.5,0.5,0,0.5,1,0.5], b = [0,0.5,0.5,0,0,0.5,0.5,0] -> 0.0625
  // (zero differences kept by scipy, dropped here: the ratio is identical)
  it('handles zero differences on the 0/0.5/1 grid', () => {
    const a = [0.5, 1, 0.5, 0.5, 0, 0.5, 1, 0.5];
    const b = [0, 0.5, 0.5, 0, 0, 0.5, 0.5, 0];
    const r = ok(
      signFlipTest(
        a.map((v, i) => v - b[i]!),
        { random: seededRandom(1) },
      ),
    );
    expect(r.p).toBeCloseTo(0.0625, 14);
    expect(r.nonZero).toBe(5);
    expect(ok(signFlipTest([0, 0, 0], { random: seededRandom(1) })).p).toBe(1);
  });
  it('Monte Carlo approximates exact and is reproducible', () => {
    const a = ok(signFlipTest(d, { random: seededRandom(3), resamples: 20000, exactMaxPairs: 0, lattice: false }));
    const b = ok(signFlipTest(d, { random: seededRandom(3), resamples: 20000, exactMaxPairs: 0, lattice: false }));
    expect(a.p).toBe(b.p);
    expect(Math.abs(a.p - 0.00390625)).toBeLessThan(0.002);
  });
  // The lattice DP (used above 20 non-zero pairs) is checked against brute-force enumeration of all 2^22 sign patterns.
  it('lattice DP equals enumeration', () => {
    const d = [0.5, 0.5, 1, -0.5, 0.5, 0.5, 0.5, -1, 0.5, 0.5, 0.5, 1, 0.5, 0.5, -0.5, 0.5, 0.5, 0.5, 1, 0.5, 0.5, 0.5];
    const e = ok(signFlipTest(d, { random: seededRandom(1), exactMaxPairs: 22 }));
    const l = ok(signFlipTest(d, { random: seededRandom(1), exactMaxPairs: 0 }));
    expect(e.method).toBe('exact');
    expect(l.method).toBe('exact-lattice');
    expect(l.p).toBeCloseTo(e.p, 14);
  });
  it('invariant to negating all differences and to their order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: -2, max: 2 }).map((k) => k / 2),
          { minLength: 1, maxLength: 12 },
        ),
        (xs) => {
          const r = ok(signFlipTest(xs, { random: seededRandom(1) }));
          const s = ok(signFlipTest(xs.map((v) => -v).reverse(), { random: seededRandom(1) }));
          expect(s.p).toBe(r.p);
          expect(r.p).toBeGreaterThan(0);
          expect(r.p).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('pairedBySeed', () => {
  it('matches seeds, ignores unshared ones, and reports correlation', () => {
    const a = [3, 1, 2, 9].map((seed) => ({ seed, score: [0.5, 0.6, 0.7, 0.9][seed % 4]! }));
    const b = [1, 2, 3, 4].map((seed) => ({ seed, score: 0.5 }));
    const r = ok(pairedBySeed(a, b, { random: seededRandom(1) }));
    expect(r.seeds).toEqual([1, 2, 3]);
    expect(r.diffs.length).toBe(3);
    expect(pairedBySeed(a, [{ seed: 1, score: 0.2 }], { random: seededRandom(1) }).status).toBe('insufficient');
  });
});
