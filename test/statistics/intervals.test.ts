import fc from 'fast-check';
import { describe as group, expect, it } from 'vitest';
import { describe, iqm, sampleSd, trimMean } from '../../src/statistics/descriptive.js';
import { tIntervalMean } from '../../src/statistics/t-interval.js';
import {
  orderStatisticPrediction,
  seedsForOrderStatisticCoverage,
  tPredictionInterval,
} from '../../src/statistics/prediction-interval.js';
import {
  clopperPearsonInterval,
  wilsonInterval,
  zeroSuccessUpperBound,
} from '../../src/statistics/binomial-intervals.js';
import { isInsufficient, unwrap } from '../../src/statistics/result.js';

const X = [0.389, 0.824, 0.5, 0.45, 0.6];
const close = (a: number, b: number, tol = 1e-12) => expect(Math.abs(a - b)).toBeLessThan(tol);

group('descriptive', () => {
  it('matches scipy/numpy', () => {
    // scipy.stats.trim_mean([1,2,3,5], 0.25) = 2.5 (scipy docstring)
    close(unwrap(trimMean([1, 2, 3, 5], 0.25)), 2.5);
    // scipy.stats.trim_mean([0.389,0.824,0.5,0.45,0.6], 0.25) = 0.5166666666666666 (trims 1 per side)
    close(unwrap(iqm(X)), 0.5166666666666666);
    // scipy.stats.trim_mean(range(10), 0.25) = 4.5
    close(unwrap(iqm([9, 8, 7, 6, 5, 4, 3, 2, 1, 0])), 4.5);
    const d = unwrap(describe(X));
    // numpy.std(x, ddof=1) = 0.17026684938648506; numpy.median(x) = 0.5
    close(d.sd as number, 0.17026684938648506);
    expect(d).toMatchObject({ n: 5, median: 0.5, min: 0.389, max: 0.824 });
    // R var(1:10) = 9.166667
    close(unwrap(sampleSd([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])) ** 2, 9.166666666666666, 1e-9);
  });
  it('is explicit about too few values', () => {
    expect(isInsufficient(describe([]))).toBe(true);
    expect(isInsufficient(unwrap(describe([0.5])).sd)).toBe(true);
    expect(isInsufficient(describe([0.5, Number.NaN]))).toBe(true);
  });
});

group('t interval and prediction interval', () => {
  it('t CI matches scipy', () => {
    // scipy.stats.ttest_1samp(x, 0).confidence_interval(0.95) → (0.3411857830292189, 0.7640142169707813)
    const ci = unwrap(tIntervalMean(X));
    close(ci.low, 0.3411857830292189);
    close(ci.high, 0.7640142169707813);
    expect(ci.df).toBe(4);
    // scipy.stats.ttest_1samp([1,2,3,4,5,6], 3.385).confidence_interval(0.9) → (1.9609813833672967, 5.039018616632703)
    const ci90 = unwrap(tIntervalMean([1, 2, 3, 4, 5, 6], 0.9));
    close(ci90.low, 1.9609813833672967);
    close(ci90.high, 5.039018616632703);
  });
  it('t PI matches mean ± t.ppf(0.975, n-1)·sd·sqrt(1+1/n) and clips with a flag', () => {
    // numpy/scipy: m ± stats.t.ppf(0.975,4)*np.std(x,ddof=1)*np.sqrt(1+1/5) → (0.03474304405153439, 1.0704569559484658)
    const pi = unwrap(tPredictionInterval(X));
    close(pi.rawLow, 0.03474304405153439);
    close(pi.rawHigh, 1.0704569559484658);
    expect(pi.high).toBe(1);
    expect(pi.clipped).toBe(true);
    const raw = unwrap(tPredictionInterval(X, 0.95, null));
    expect(raw.clipped).toBe(false);
    // docs/references.md §4: S=5, 45 ± 10 pp → PI [14.6, 75.4]
    const s5 = [-2, -1, 0, 1, 2].map((z) => 0.45 + (0.1 * z) / Math.sqrt(2.5)); // mean 0.45, sd 0.1
    const p5 = unwrap(tPredictionInterval(s5));
    expect(p5.low).toBeCloseTo(0.146, 3);
    expect(p5.high).toBeCloseTo(0.754, 3);
    const c5 = unwrap(tIntervalMean(s5)); // docs/references.md §4: [32.6, 57.4]
    expect(c5.low).toBeCloseTo(0.326, 3);
    expect(c5.high).toBeCloseTo(0.574, 3);
  });
  it('order-statistic coverage (n−1)/(n+1)', () => {
    const o = unwrap(orderStatisticPrediction(X));
    expect(o).toMatchObject({ low: 0.389, high: 0.824, n: 5 });
    close(o.coverage, 4 / 6);
    expect(seedsForOrderStatisticCoverage(0.95)).toBe(39);
    expect(seedsForOrderStatisticCoverage(0.9)).toBe(19);
  });
  it('refuses n < 2 and zero spread', () => {
    expect(isInsufficient(tIntervalMean([0.5]))).toBe(true);
    expect(isInsufficient(tIntervalMean([0.5, 0.5, 0.5]))).toBe(true);
    expect(isInsufficient(tPredictionInterval([0.5, 0.5]))).toBe(true);
    expect(isInsufficient(orderStatisticPrediction([0.5, 0.5]))).toBe(true);
  });
  const sample = fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 2, maxLength: 30 });
  it('invariants: contains the mean, permutation invariant, shift/scale equivariant', () => {
    let real = 0;
    let realTransformed = 0;
    fc.assert(
      fc.property(
        sample,
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (xs, shift, scale) => {
          const ci = tIntervalMean(xs);
          fc.pre(!isInsufficient(ci)); // skipped draws do not count towards numRuns
          real++;
          expect(ci.low).toBeLessThanOrEqual(ci.estimate);
          expect(ci.high).toBeGreaterThanOrEqual(ci.estimate);
          const rev = unwrap(tIntervalMean(xs.slice().reverse()));
          expect(Math.abs(rev.low - ci.low)).toBeLessThan(1e-9 * (1 + Math.abs(ci.low)));
          const pi = unwrap(tPredictionInterval(xs, 0.95, null));
          expect(pi.high - pi.low).toBeGreaterThan(ci.high - ci.low);
          // A spread of a few ulps can vanish when shifted (e.g. [0, 1e-300] + 3): then only count.
          const tr = tIntervalMean(xs.map((x) => scale * x + shift));
          if (isInsufficient(tr)) return true;
          realTransformed++;
          const tol = 1e-7 * (1 + Math.abs(scale * ci.low + shift));
          expect(Math.abs(tr.low - (scale * ci.low + shift))).toBeLessThan(tol);
          expect(Math.abs(tr.high - (scale * ci.high + shift))).toBeLessThan(tol);
          return true;
        },
      ),
      { numRuns: 300 },
    );
    expect(real).toBeGreaterThanOrEqual(300);
    expect(realTransformed).toBeGreaterThanOrEqual(200); // about 270 in practice
  });
});

group('binomial intervals (docs/references.md §14: R binom::binom.confint(x, n, tol=1e-8), via statsmodels)', () => {
  const rows: Array<[number, number, [number, number], [number, number]]> = [
    [18, 20, [0.6989663547715128, 0.972133518786232], [0.6830172859809176, 0.9876514728297052]],
    [4, 20, [0.0806576625797981, 0.4160174322518935], [0.05733399705003284, 0.436614002996668]],
    [1, 30, [0.00590859, 0.16670391], [8.435709e-4, 0.17216946]],
    [29, 30, [0.8332961, 0.9940914], [0.8278305, 0.9991564]],
  ];
  it.each(rows)('%d/%d', (k, n, w, cp) => {
    const wi = unwrap(wilsonInterval(k, n));
    const ci = unwrap(clopperPearsonInterval(k, n));
    const tol = (v: number) => 1e-7 * Math.max(1, Math.abs(v)) + 5e-9;
    expect(Math.abs(wi.low - w[0])).toBeLessThan(tol(w[0]));
    expect(Math.abs(wi.high - w[1])).toBeLessThan(tol(w[1]));
    expect(Math.abs(ci.low - cp[0])).toBeLessThan(tol(cp[0]));
    expect(Math.abs(ci.high - cp[1])).toBeLessThan(tol(cp[1]));
  });
  it('0/30 and 30/30 one-sided ends', () => {
    // binom.confint(0, 30): wilson upper 0.11351339, exact upper 0.11570331; 30/30: lower 0.8864866, 0.8842967
    expect(Math.abs(unwrap(wilsonInterval(0, 30)).high - 0.11351339)).toBeLessThan(1e-8);
    expect(Math.abs(unwrap(clopperPearsonInterval(0, 30)).high - 0.11570331)).toBeLessThan(1e-8);
    expect(Math.abs(unwrap(wilsonInterval(30, 30)).low - 0.8864866)).toBeLessThan(1e-7);
    expect(Math.abs(unwrap(clopperPearsonInterval(30, 30)).low - 0.8842967)).toBeLessThan(1e-7);
  });
  it('scipy docstring and R binom.test', () => {
    // scipy.stats.binomtest(k=7, n=50, p=0.1).proportion_ci() → (0.05819170033997342, 0.26739600249700846)
    const e = unwrap(clopperPearsonInterval(7, 50));
    close(e.low, 0.05819170033997342, 1e-12);
    close(e.high, 0.26739600249700846, 1e-12);
    // scipy.stats.binomtest(7, 50).proportion_ci(method='wilson') → (0.06950833427016292, 0.26186193710585537)
    const w = unwrap(wilsonInterval(7, 50));
    close(w.low, 0.06950833427016292);
    close(w.high, 0.26186193710585537);
    // R binom.test(682, 925, p = 3/4): 95% CI [0.7076683, 0.7654066]
    const r = unwrap(clopperPearsonInterval(682, 925));
    expect(Math.abs(r.low - 0.7076683)).toBeLessThan(5e-8);
    expect(Math.abs(r.high - 0.7654066)).toBeLessThan(5e-8);
    // docs/references.md §14: 1 success in 2 runs → Clopper–Pearson [1.3%, 98.7%];
    // scipy binomtest(1,2).proportion_ci('exact') = (0.01257911709367899, ...)
    close(unwrap(clopperPearsonInterval(1, 2)).low, 0.01257911709367899, 1e-12);
    // docs/references.md §14: 0/S one-sided 95% upper bound 1 − 0.05^(1/S): 45% at S=5, 26% at S=10
    expect(unwrap(zeroSuccessUpperBound(5))).toBeCloseTo(0.4507, 4);
    expect(unwrap(zeroSuccessUpperBound(10))).toBeCloseTo(0.2589, 4);
    expect(isInsufficient(wilsonInterval(0, 0))).toBe(true);
  });
  it('invariant: interval contains k/n and lies in [0,1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, u) => {
        const k = Math.min(n, Math.floor(u * (n + 1)));
        for (const iv of [unwrap(wilsonInterval(k, n)), unwrap(clopperPearsonInterval(k, n))]) {
          expect(iv.low).toBeGreaterThanOrEqual(0);
          expect(iv.high).toBeLessThanOrEqual(1);
          expect(iv.low).toBeLessThanOrEqual(k / n + 1e-12);
          expect(iv.high).toBeGreaterThanOrEqual(k / n - 1e-12);
        }
      }),
    );
  });
});
