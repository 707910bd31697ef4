import { describe, expect, it } from 'vitest';
import { bandRows } from '../../src/report/band.js';

// Seeds scoring 1, 2, 3 and 6 at step 10: mean 3; sample sd √((4 + 1 + 0 + 9) / 3) = √(14/3) ≈ 2.160247;
// standard error 2.160247 / √4 ≈ 1.080123 (worked by hand).
const points = [1, 2, 3, 6].map((value, seed) => ({ arm: 'a', seed, step: 10, value }));

describe('the band around the mean over seeds', () => {
  it('min–max: the lowest and highest seed', () => {
    expect(bandRows(points, ['a'], 'minmax')).toEqual([{ arm: 'a', step: 10, mean: 3, low: 1, high: 6, nSeeds: 4 }]);
  });

  it('sd: mean ± one sample standard deviation of the seeds', () => {
    const [row] = bandRows(points, ['a'], 'sd');
    expect(row!.low).toBeCloseTo(3 - 2.160247, 6);
    expect(row!.high).toBeCloseTo(3 + 2.160247, 6);
  });

  it('se: mean ± one standard error of the mean', () => {
    const [row] = bandRows(points, ['a'], 'se');
    expect(row!.low).toBeCloseTo(3 - 1.080123, 6);
    expect(row!.high).toBeCloseTo(3 + 1.080123, 6);
  });

  it('keeps arm order, sorts steps, and gives one seed a zero-width band', () => {
    const rows = bandRows(
      [
        { arm: 'b', seed: 0, step: 20, value: 5 },
        { arm: 'a', seed: 0, step: 20, value: 1 },
        { arm: 'a', seed: 0, step: 10, value: 2 },
      ],
      ['b', 'a'],
      'sd',
    );
    expect(rows.map((r) => [r.arm, r.step, r.low, r.high])).toEqual([
      ['b', 20, 5, 5],
      ['a', 10, 2, 2],
      ['a', 20, 1, 1],
    ]);
  });
});
