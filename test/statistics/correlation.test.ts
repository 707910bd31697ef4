import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { midranks, pearson, spearman } from '../../src/statistics/correlation.js';
import {
  rmcorr,
  seedBootstrapCorrelation,
  withinSeedCorrelations,
  type PairedPoint,
} from '../../src/statistics/within-seed-correlation.js';
import { isInsufficient, unwrap } from '../../src/statistics/result.js';
import { seededRandom } from '../../src/statistics/rng.js';

const close = (a: number, b: number, tol = 1e-10) => expect(Math.abs(a - b)).toBeLessThan(tol);
// R cor.test tuna example (docs/references.md §15)
const X = [44.4, 45.9, 41.9, 53.3, 44.7, 44.1, 50.7, 45.2, 60.1];
const Y = [2.6, 3.1, 2.5, 5.0, 3.6, 4.0, 5.2, 2.8, 3.8];

describe('Pearson and Spearman', () => {
  it('Pearson matches R cor.test and scipy pearsonr', () => {
    // R cor.test(x, y, alternative = "greater"): r = 0.5711816, t = 1.8411, df = 7, p = 0.05409 (one-sided)
    // scipy.stats.pearsonr(x, y): statistic 0.5711815575638287, pvalue 0.108173054349494,
    //   confidence_interval(0.95) → (-0.14974263303675728, 0.8955794618387393)
    const p = unwrap(pearson(X, Y));
    close(p.r, 0.5711815575638287, 1e-14);
    close(p.p, 0.108173054349494, 1e-12);
    close(p.p / 2, 0.05409, 1e-5);
    expect(p.df).toBe(7);
    const ci = unwrap(p.ci);
    close(ci.low, -0.14974263303675728, 1e-12);
    close(ci.high, 0.8955794618387393, 1e-12);
  });
  it('Spearman matches R cor.test (exact) and scipy', () => {
    // R cor.test(x, y, method = "spearman", alternative = "greater"): rho = 0.6, S = 48, p = 0.0484
    // exact enumeration of all 9! pairings (numpy, scipy.stats.rankdata): two-sided 0.09679783950617284,
    // greater 0.04839891975308642
    const s = unwrap(spearman(X, Y));
    close(s.r, 0.6, 1e-14);
    expect(s.pMethod).toBe('exact-permutation');
    close(s.p, 0.09679783950617284, 1e-12);
    // scipy.stats.spearmanr([1,1,2,3,3,3,4], [0.5,0,0.5,1,0.5,1,1]).statistic = 0.8084520834544432 (midranks)
    close(unwrap(spearman([1, 1, 2, 3, 3, 3, 4], [0.5, 0, 0.5, 1, 0.5, 1, 1])).r, 0.8084520834544432, 1e-14);
    // simple-statistics test/sample_rank_correlation.test.js: [1,1,2] vs [1,2,1] → −0.5;
    // [1,2,3,4] vs [5,5,5,5] → NaN (here: insufficient)
    close(unwrap(spearman([1, 1, 2], [1, 2, 1])).r, -0.5, 1e-14);
    expect(isInsufficient(spearman([1, 2, 3, 4], [5, 5, 5, 5]))).toBe(true);
    expect(Array.from(midranks([3, 1, 3, 2]))).toEqual([3.5, 1, 3.5, 2]);
  });
  it('invariants: permutation invariance, scale/shift invariance, r in [−1, 1], CI contains r', () => {
    const real = { r: 0, ci: 0 };
    fc.assert(
      fc.property(
        fc.array(
          fc
            .tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }))
            .map(([a, b]) => [a / 10, b / 10] as const),
          { minLength: 4, maxLength: 25 },
        ),
        (pts) => {
          const x = pts.map((p) => p[0]);
          const y = pts.map((p) => p[1]);
          for (const f of [pearson, spearman]) {
            const e = f(x, y);
            if (isInsufficient(e)) continue; // a constant x or y; counted below
            real.r++;
            expect(Math.abs(e.r)).toBeLessThanOrEqual(1);
            const rev = unwrap(f(x.slice().reverse(), y.slice().reverse()));
            expect(Math.abs(rev.r - e.r)).toBeLessThan(1e-9);
            const sc = unwrap(
              f(
                x.map((v) => 3 * v + 1),
                y.map((v) => 0.5 * v - 2),
              ),
            );
            expect(Math.abs(sc.r - e.r)).toBeLessThan(1e-6);
            if (!isInsufficient(e.ci)) {
              real.ci++;
              expect(e.ci.low).toBeLessThanOrEqual(e.r);
              expect(e.ci.high).toBeGreaterThanOrEqual(e.r);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
    // 2 statistics × 200 draws; x or y constant is rare with 4+ points from 101 values, |r| = 1 has no CI.
    expect(real.r).toBeGreaterThanOrEqual(380);
    expect(real.ci).toBeGreaterThanOrEqual(300);
  });
});

describe('within-seed association', () => {
  const pts: PairedPoint[] = [
    [1, 2.4, 0.1],
    [1, 1.1, 0.3],
    [1, 0.6, 0.35],
    [1, 0.3, 0.5],
    [2, 2.2, 0.2],
    [2, 0.9, 0.25],
    [2, 0.5, 0.45],
    [2, 0.4, 0.4],
    [3, 2.6, 0.0],
    [3, 1.3, 0.2],
    [3, 0.7, 0.3],
    [3, 0.2, 0.55],
  ].map(([seed, x, y]) => ({ seed: seed!, x: x!, y: y! }));
  it('rmcorr matches the ANCOVA definition (statsmodels) and rmcorr ≥ 0.5.4 CI', () => {
    // statsmodels: m = ols('y ~ C(seed) + x', d).fit(); a = anova_lm(m);
    // r = sign(b_x)·sqrt(SS_x/(SS_x + SS_res)) = -0.9247943325597501, df = 8,
    // p = m.pvalues['x'] = 0.0001277136654249093
    // CI: psych::r.con(r, df + 2) = tanh(atanh(r) ∓ 1.96/sqrt(df − 1)) → (-0.9823961042171471, -0.7066082112316915)
    const r = unwrap(rmcorr(pts));
    close(r.r, -0.9247943325597501, 1e-12);
    expect(r.df).toBe(8);
    close(r.p, 0.0001277136654249093, 1e-12);
    const ci = unwrap(r.ci);
    close(ci.low, -0.9823961042171471, 1e-12);
    close(ci.high, -0.7066082112316915, 1e-12);
  });
  it('per-seed correlations, their median, and a reproducible whole-seed bootstrap CI', () => {
    const w = withinSeedCorrelations(pts, 'spearman');
    expect(w.perSeed.map((s) => s.seed)).toEqual([1, 2, 3]);
    expect(unwrap(w.perSeed[0]!.r)).toBeCloseTo(-1, 12);
    expect(unwrap(w.median)).toBeLessThan(-0.7);
    const stat = (p: readonly PairedPoint[]) => {
      const e = rmcorr(p);
      return isInsufficient(e) ? e : e.r;
    };
    const a = unwrap(seedBootstrapCorrelation(pts, stat, { random: seededRandom(1), resamples: 500 }));
    const b = unwrap(seedBootstrapCorrelation(pts, stat, { random: seededRandom(1), resamples: 500 }));
    expect(a).toEqual(b);
    expect(a.low).toBeLessThanOrEqual(-0.9247943325597501);
    expect(a.high).toBeGreaterThanOrEqual(-0.9247943325597501);
    expect(
      isInsufficient(
        seedBootstrapCorrelation(
          pts.filter((p) => p.seed < 3),
          stat,
          { random: seededRandom(1) },
        ),
      ),
    ).toBe(true);
    expect(isInsufficient(rmcorr(pts.filter((p) => p.seed === 1).slice(0, 2)))).toBe(true);
  });
});
