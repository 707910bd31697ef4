import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bcaBootstrap,
  bootstrapIntervals,
  jackknifeAcceleration,
  jackknifeValues,
  meanStatistic,
  percentileBootstrap,
  quantileSorted,
} from '../../src/statistics/bootstrap.js';
import { isInsufficient, unwrap } from '../../src/statistics/result.js';
import { seededRandom } from '../../src/statistics/rng.js';

const R16 = [10, 12, 12.5, 12.5, 13.9, 15, 21, 22, 23, 34, 50, 81, 89, 121, 134, 213];
const rel = (a: number, b: number) => Math.abs(a / b - 1);

describe('bootstrap against R and scipy (docs/references.md §5)', () => {
  it('jackknife acceleration: scipy test_BCa_acceleration_against_reference', () => {
    // scipy/stats/tests/test_resampling.py::test_BCa_acceleration_against_reference:
    // statistic mean(z) − mean(y), z = [16,23,38,94,99,141,197], y = [10,27,31,40,46,50,52,104,146]
    // → a = 0.011008228344026734
    const z = [16, 23, 38, 94, 99, 141, 197];
    const y = [10, 27, 31, 40, 46, 50, 52, 104, 146];
    const mz = z.reduce((s, v) => s + v, 0) / z.length;
    const my = y.reduce((s, v) => s + v, 0) / y.length;
    const jz = jackknifeValues(z, (s) => meanStatistic(s) - my);
    const jy = jackknifeValues(y, (s) => mz - meanStatistic(s));
    expect(rel(jackknifeAcceleration([jz, jy]), 0.011008228344026734)).toBeLessThan(1e-12);
    // one-sample, mean of R16: numpy jackknife U = (n−1)(θ̄−θ_i), ΣU³/(6(ΣU²)^1.5) = 0.06152886961259406
    expect(rel(jackknifeAcceleration([jackknifeValues(R16, meanStatistic)]), 0.06152886961259406)).toBeLessThan(1e-12);
  });
  it('R boot.ci on the 16-value vector (scipy test_bootstrap_against_R, rtol 0.005)', () => {
    // R: boot(x, function(x, i) mean(x[i]), R = 1e6); boot.ci(...) → percentile (28.86, 84.21), BCa (32.31, 91.43)
    const { percentile, bca } = bootstrapIntervals(R16, meanStatistic, { random: seededRandom(1), resamples: 400_000 });
    const p = unwrap(percentile);
    const b = unwrap(bca);
    expect(rel(p.low, 28.86)).toBeLessThan(0.005);
    expect(rel(p.high, 84.21)).toBeLessThan(0.005);
    expect(rel(b.low, 32.31)).toBeLessThan(0.005);
    expect(rel(b.high, 91.43)).toBeLessThan(0.005);
    expect(b.method).toBe('bca');
  });
  it('type-7 quantile = numpy.quantile default', () => {
    // numpy.quantile([1,2,3,4], 0.4) = 2.2
    expect(quantileSorted([1, 2, 3, 4], 0.4)).toBeCloseTo(2.2, 14);
  });
  it('is reproducible with the same seed and says insufficient when it must', () => {
    const a = unwrap(percentileBootstrap(R16, meanStatistic, { random: seededRandom(5), resamples: 2000 }));
    const b = unwrap(percentileBootstrap(R16, meanStatistic, { random: seededRandom(5), resamples: 2000 }));
    expect(a).toEqual(b);
    expect(isInsufficient(percentileBootstrap([1], meanStatistic, { random: seededRandom(1) }))).toBe(true);
    expect(isInsufficient(percentileBootstrap([1, 1, 1], meanStatistic, { random: seededRandom(1) }))).toBe(true);
    expect(isInsufficient(bcaBootstrap([0.5, 0.5, 0.5, 0.5], meanStatistic, { random: seededRandom(1) }))).toBe(true);
  });
  it('invariants: contains the estimate (mean), shift equivariant with the same seed', () => {
    let real = 0;
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 20 }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        (xs, shift) => {
          fc.pre(Math.max(...xs) - Math.min(...xs) > 1e-3);
          const opts = { resamples: 400 };
          const r = bootstrapIntervals(xs, meanStatistic, { ...opts, random: seededRandom(9) });
          fc.pre(!isInsufficient(r.percentile)); // skipped draws do not count towards numRuns
          real++;
          const m = meanStatistic(Float64Array.from(xs));
          expect(r.percentile.low).toBeLessThanOrEqual(m + 1e-12);
          expect(r.percentile.high).toBeGreaterThanOrEqual(m - 1e-12);
          const s = bootstrapIntervals(
            xs.map((x) => x + shift),
            meanStatistic,
            { ...opts, random: seededRandom(9) },
          );
          const ps = unwrap(s.percentile);
          expect(Math.abs(ps.low - (r.percentile.low + shift))).toBeLessThan(1e-9);
          // (BCa is equivariant only up to ties between replicates and the estimate, which rounding can flip.)
          return true;
        },
      ),
      { numRuns: 100 },
    );
    expect(real).toBeGreaterThanOrEqual(100);
  });
});
