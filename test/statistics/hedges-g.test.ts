import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hedgesG, hedgesCorrection } from '../../src/statistics/hedges-g.js';

describe('hedgesG', () => {
  // Python 3 / numpy 2 (throwaway venv), exact correction:
  //   sp = sqrt(((nx-1)*x.var(ddof=1) + (ny-1)*y.var(ddof=1)) / df); d = (x.mean()-y.mean())/sp
  //   J = exp(math.lgamma(df/2) - log(sqrt(df/2)) - math.lgamma((df-1)/2))
  // sleep groups: d = -0.8321810813495395, J = 0.9576464270237166, g = -0.7969352391911193
  it('matches the exact-J computation on R sleep data', () => {
    const r = hedgesG(
      [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0],
      [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4],
    );
    if (r.status !== 'ok') throw new Error(r.reason);
    expect(r.d).toBeCloseTo(-0.8321810813495395, 12);
    expect(r.j).toBeCloseTo(0.9576464270237166, 12);
    expect(r.g).toBeCloseTo(-0.7969352391911193, 12);
  });
  // same computation: x = [0.5,0.5,1,0.5,0.5], y = [0,0.5,0.5,0.5,0] -> d = 1.2, J = 0.9027033336764106,
  // g = 1.0832440004116928
  it('matches on grid scores; J close to 1 − 3/(4df − 1) for large df', () => {
    const r = hedgesG([0.5, 0.5, 1, 0.5, 0.5], [0, 0.5, 0.5, 0.5, 0]);
    if (r.status !== 'ok') throw new Error(r.reason);
    expect(r.g).toBeCloseTo(1.0832440004116928, 12);
    expect(hedgesCorrection(200)).toBeCloseTo(1 - 3 / (4 * 200 - 1), 5);
  });
  it('insufficient for tiny or constant groups', () => {
    expect(hedgesG([1], [1, 2]).status).toBe('insufficient');
    expect(hedgesG([1, 1], [1, 1]).status).toBe('insufficient');
  });
  const grid = fc.array(
    fc.integer({ min: 0, max: 54 }).map((k) => k / 54),
    { minLength: 2, maxLength: 10 },
  );
  it('scale invariant and antisymmetric', () => {
    let real = 0;
    fc.assert(
      fc.property(grid, grid, fc.integer({ min: 1, max: 100 }), (x, y, k) => {
        const r = hedgesG(x, y);
        fc.pre(r.status === 'ok'); // skipped draws do not count towards numRuns
        real++;
        const s = hedgesG(
          x.map((v) => v * k),
          y.map((v) => v * k),
        );
        const t = hedgesG(y, x);
        if (s.status !== 'ok' || t.status !== 'ok') throw new Error('scaling or swapping made g insufficient');
        expect(s.g).toBeCloseTo(r.g, 8);
        expect(t.g).toBeCloseTo(-r.g, 10);
      }),
      { numRuns: 100 },
    );
    expect(real).toBeGreaterThanOrEqual(100);
  });
});
