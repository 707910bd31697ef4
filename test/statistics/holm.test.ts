import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { benjaminiHochberg, holmAdjust } from '../../src/statistics/holm.js';

const ps = [
  0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1.0,
];
const close = (a: number[], b: number[]) => a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 8));

describe('holmAdjust', () => {
  // statsmodels 0.15.0 (throwaway venv): from statsmodels.stats.multitest import multipletests;
  // multipletests(ps, method='holm')[1]
  it('matches statsmodels multipletests(method="holm") on the scipy docstring p-values', () => {
    close(holmAdjust(ps), [0.0015, 0.0056, 0.0247, 0.114, 0.2211, 0.278, 0.278, 0.278, 0.3213, 1, 1, 1, 1, 1, 1]);
  });
  // statsmodels: multipletests([0.5,0.6,0.1,0.001], method='holm')[1] -> [1, 1, 0.3, 0.004];
  // multipletests([0.01,0.04,0.03,0.005], method='holm')[1] -> [0.03, 0.06, 0.06, 0.02]
  it('keeps input order and the step-down monotone max', () => {
    close(holmAdjust([0.5, 0.6, 0.1, 0.001]), [1, 1, 0.3, 0.004]);
    close(holmAdjust([0.01, 0.04, 0.03, 0.005]), [0.03, 0.06, 0.06, 0.02]);
  });
});

describe('benjaminiHochberg', () => {
  // scipy 1.17.1 docstring: stats.false_discovery_control(ps) (method='bh')
  it('matches scipy false_discovery_control', () => {
    close(
      benjaminiHochberg(ps),
      [
        0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.06385714, 0.06385714, 0.0645, 0.0765, 0.486, 0.58118182, 0.714875,
        0.75323077, 0.81321429, 1.0,
      ],
    );
    // scipy: stats.false_discovery_control([0.5, 0.6, 0.1, 0.001]) -> [0.6, 0.6, 0.2, 0.004]
    close(benjaminiHochberg([0.5, 0.6, 0.1, 0.001]), [0.6, 0.6, 0.2, 0.004]);
  });
});

describe('adjustment invariants', () => {
  const pv = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 });
  it('adjusted ≥ raw, ≤ 1, BH ≤ Holm, order preserved', () => {
    fc.assert(
      fc.property(pv, (p) => {
        const h = holmAdjust(p);
        const b = benjaminiHochberg(p);
        p.forEach((v, i) => {
          expect(h[i]!).toBeGreaterThanOrEqual(v);
          expect(h[i]!).toBeLessThanOrEqual(1);
          expect(b[i]!).toBeLessThanOrEqual(h[i]! + 1e-12);
          p.forEach((w, j) => {
            if (v < w) expect(h[i]!).toBeLessThanOrEqual(h[j]!);
          });
        });
      }),
    );
  });
});
