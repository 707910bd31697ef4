import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { welchTTest } from '../../src/statistics/welch.js';

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const sleep1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const sleep2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('welchTTest', () => {
  // R: t.test(1:10, y = c(7:20)) (stats-Ex.Rout.save): t = -5.4349, df = 21.982, p = 1.855e-05,
  // 95% CI -11.052802 -4.947198
  it('matches R t.test(1:10, y = c(7:20))', () => {
    const r = welchTTest(range(1, 10), range(7, 20));
    if (r.status !== 'ok') throw new Error(r.reason);
    expect(r.t).toBeCloseTo(-5.4349, 4);
    expect(r.df).toBeCloseTo(21.982, 3);
    expect(r.p).toBeCloseTo(1.855e-5, 8);
    expect(r.ci.low).toBeCloseTo(-11.052802, 6);
    expect(r.ci.high).toBeCloseTo(-4.947198, 6);
  });
  // R: t.test(1:10, y = c(7:20, 200)): t = -1.6329, df = 14.165, p = 0.1245, CI -47.242900 6.376233
  it('matches R t.test(1:10, y = c(7:20, 200))', () => {
    const r = welchTTest(range(1, 10), [...range(7, 20), 200]);
    if (r.status !== 'ok') throw new Error(r.reason);
    expect(r.t).toBeCloseTo(-1.6329, 4);
    expect(r.df).toBeCloseTo(14.165, 3);
    expect(r.p).toBeCloseTo(0.1245, 4);
    expect(r.ci.low).toBeCloseTo(-47.2429, 4);
    expect(r.ci.high).toBeCloseTo(6.376233, 5);
  });
  // scipy 1.17.1: stats.ttest_ind(sleep1, sleep2, equal_var=False) -> t = -1.8608134674868526,
  // df = 17.776473516178488, p = 0.0793941401873583; R t.test(extra ~ group, data = sleep) CI [-3.3654832, 0.2054832]
  it('matches the sleep data (R and scipy)', () => {
    const r = welchTTest(sleep1, sleep2);
    if (r.status !== 'ok') throw new Error(r.reason);
    expect(r.t).toBeCloseTo(-1.8608134674868526, 12);
    expect(r.df).toBeCloseTo(17.776473516178488, 10);
    expect(r.p).toBeCloseTo(0.0793941401873583, 12);
    expect(r.ci.low).toBeCloseTo(-3.3654832, 6);
    expect(r.ci.high).toBeCloseTo(0.2054832, 6);
  });
  it('is insufficient with < 2 values or constant groups, never NaN', () => {
    expect(welchTTest([1], [1, 2]).status).toBe('insufficient');
    expect(welchTTest([0.5, 0.5], [0.5, 0.5]).status).toBe('insufficient');
  });
  const sample = fc.array(
    fc.integer({ min: 0, max: 54 }).map((k) => k / 54),
    { minLength: 2, maxLength: 12 },
  );
  it('CI contains the difference; antisymmetric; shift/scale equivariant', () => {
    let real = 0;
    fc.assert(
      fc.property(sample, sample, fc.double({ min: 0.1, max: 10, noNaN: true }), (x, y, k) => {
        const r = welchTTest(x, y);
        fc.pre(r.status === 'ok'); // skipped draws do not count towards numRuns
        real++;
        expect(r.ci.low).toBeLessThanOrEqual(r.diff);
        expect(r.ci.high).toBeGreaterThanOrEqual(r.diff);
        expect(r.p).toBeGreaterThanOrEqual(0);
        expect(r.p).toBeLessThanOrEqual(1);
        const s = welchTTest(y, x);
        const scaled = welchTTest(
          x.map((v) => v * k + 3),
          y.map((v) => v * k + 3),
        );
        if (s.status !== 'ok' || scaled.status !== 'ok') throw new Error('swapping or rescaling made it insufficient');
        expect(s.p).toBeCloseTo(r.p, 9);
        expect(scaled.t).toBeCloseTo(r.t, 6);
        return true;
      }),
      { numRuns: 200 },
    );
    expect(real).toBeGreaterThanOrEqual(200);
  });
});
