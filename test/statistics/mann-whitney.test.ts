import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ok } from './expect-ok.js';
import { mannWhitneyU } from '../../src/statistics/mann-whitney.js';

describe('mannWhitneyU', () => {
  // scipy 1.17.1 docstring: stats.mannwhitneyu([19,22,16,29,24], [20,11,17,12]) -> U = 17.0,
  // p = 0.1111111111111111 (exact)
  it('exact, no ties (scipy docstring)', () => {
    const r = ok(mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12]));
    expect(r.u).toBe(17);
    expect(r.uOther).toBe(3);
    expect(r.method).toBe('exact');
    expect(r.p).toBeCloseTo(0.1111111111111111, 12);
  });
  // scipy 1.17.1: stats.mannwhitneyu(x, y) with x = [0.80,0.83,1.89,1.04,1.45,1.38,1.91,1.64,0.73,1.46],
  // y = [1.15,0.88,0.90,0.74,1.21] -> U = 35, p = 0.2544122544122544 (exact two-sided; R wilcox.test 'greater'
  // gives 0.1272)
  it('exact two-sided, 10 vs 5 (Hollander & Wolfe)', () => {
    const r = ok(
      mannWhitneyU([0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46], [1.15, 0.88, 0.9, 0.74, 1.21]),
    );
    expect(r.u).toBe(35);
    expect(r.p).toBeCloseTo(0.2544122544122544, 12);
  });
  // scipy 1.17.1: stats.mannwhitneyu([0.5,0.5,1,0.5,0.5], [0,0.5,0.5,0.5,0]) -> U = 19.0, p = 0.12133525035848211
  it('normal approximation with tie and continuity correction on grid scores', () => {
    const r = ok(mannWhitneyU([0.5, 0.5, 1, 0.5, 0.5], [0, 0.5, 0.5, 0.5, 0]));
    expect(r.method).toBe('asymptotic');
    expect(r.u).toBe(19);
    expect(r.p).toBeCloseTo(0.12133525035848211, 12);
  });
  // scipy 1.17.1: stats.mannwhitneyu(xa, xb) (both > 8, no ties -> asymptotic) -> U = 26.0, p = 0.027179886800582677;
  // stats.mannwhitneyu(xa[:3], xb) -> U = 12.0, p = 0.6923076923076923 (exact)
  const xa = [2.041, -2.556, 0.418, -0.568, -0.453, -0.216, -2.02, -0.232, -0.865, 3.323, 0.226, -0.353];
  const xb = [0.519, 0.132, -0.255, 0.409, 1.282, 0.561, 1.758, 0.6, 0.824, 2.346];
  it('asymptotic when both groups exceed 8, exact when one is small', () => {
    const big = ok(mannWhitneyU(xa, xb));
    expect(big.method).toBe('asymptotic');
    expect(big.u).toBe(26);
    expect(big.p).toBeCloseTo(0.027179886800582677, 12);
    const small = ok(mannWhitneyU(xa.slice(0, 3), xb));
    expect(small.method).toBe('exact');
    expect(small.u).toBe(12);
    expect(small.p).toBeCloseTo(0.6923076923076923, 12);
  });
  it('all values tied gives p = 1', () => {
    expect(ok(mannWhitneyU([0.5, 0.5, 0.5], [0.5, 0.5])).p).toBe(1);
  });
  const sample = fc.array(
    fc.integer({ min: 0, max: 20 }).map((k) => k / 20),
    { minLength: 1, maxLength: 10 },
  );
  it('U₁ + U₂ = n₁n₂, p symmetric, invariant to permutation and monotone transforms', () => {
    fc.assert(
      fc.property(sample, sample, (x, y) => {
        const r = ok(mannWhitneyU(x, y));
        expect(r.u + r.uOther).toBeCloseTo(x.length * y.length, 9);
        const s = ok(mannWhitneyU(y, x));
        expect(s.p).toBeCloseTo(r.p, 12);
        const t = ok(
          mannWhitneyU(
            [...x].reverse(),
            y.map((v) => Math.exp(3 * v)),
          ),
        );
        expect(t.p).toBeCloseTo(
          ok(
            mannWhitneyU(
              x,
              y.map((v) => Math.exp(3 * v)),
            ),
          ).p,
          12,
        );
        expect(r.p).toBeGreaterThan(0);
        expect(r.p).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});
