import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ok } from './expect-ok.js';
import { probabilityOfImprovement, probImprovementEstimate } from '../../src/statistics/probability-of-improvement.js';
import { compareArms, allPairs } from '../../src/statistics/compare-arms.js';
import { seededRandom } from '../../src/statistics/rng.js';
import { isInsufficient } from '../../src/statistics/result.js';

const seeds = (xs: number[], start = 0) => xs.map((score, i) => ({ seed: start + i, score }));

describe('probabilityOfImprovement', () => {
  // scipy 1.17.1: stats.mannwhitneyu([1,2,1,2], [1,2,3]).statistic / 12 = 0.3333333333333333
  // (rliable metrics_test single task: probability_of_improvement gives 1/3 for this kind of overlap)
  it('equals U/(n_a n_b) with ties counting one half', () => {
    expect(probImprovementEstimate([1, 2, 1, 2], [1, 2, 3])).toBeCloseTo(1 / 3, 14);
    // scipy: stats.mannwhitneyu([0.62,0.48,0.81,0.55,0.70], [0.41,0.52,0.38,0.47]).statistic / 20 = 0.95
    expect(probImprovementEstimate([0.62, 0.48, 0.81, 0.55, 0.7], [0.41, 0.52, 0.38, 0.47])).toBeCloseTo(0.95, 14);
  });
  it('bootstrap CI contains the estimate, is seeded, and is insufficient without overlap', () => {
    const a = [0.62, 0.48, 0.81, 0.55, 0.7];
    const b = [0.41, 0.52, 0.38, 0.47];
    const r1 = ok(probabilityOfImprovement(a, b, { random: seededRandom(5), resamples: 4000 }));
    const r2 = ok(probabilityOfImprovement(a, b, { random: seededRandom(5), resamples: 4000 }));
    const ci = ok(r1.ci);
    expect(ci).toEqual(ok(r2.ci));
    expect(ci.low).toBeLessThanOrEqual(0.95);
    expect(ci.high).toBeLessThanOrEqual(1);
    const sep = ok(probabilityOfImprovement([0.9, 0.8, 0.85], [0.1, 0.2], { random: seededRandom(1) }));
    expect(sep.estimate).toBe(1);
    expect(isInsufficient(sep.ci)).toBe(true);
  });
  it('P(A>B) + P(B>A) = 1 and permutation invariant', () => {
    const g = fc.array(
      fc.integer({ min: 0, max: 10 }).map((k) => k / 10),
      { minLength: 1, maxLength: 9 },
    );
    fc.assert(
      fc.property(g, g, (a, b) => {
        expect(probImprovementEstimate(a, b) + probImprovementEstimate(b, a)).toBeCloseTo(1, 12);
        expect(probImprovementEstimate([...a].reverse(), b)).toBe(probImprovementEstimate(a, b));
      }),
    );
  });
});

describe('compareArms', () => {
  const arms = new Map([
    ['A', seeds([0.5, 0.5, 1, 0.5, 0.5])],
    ['B', seeds([0, 0.5, 0.5, 0.5, 0])],
    ['C', seeds([0.2, 0.3, 0.25], 10)],
  ]);
  it('assembles every field; Holm across comparisons', () => {
    const rows = compareArms(arms, allPairs(['A', 'B', 'C']), { resamples: 2000, rngSeed: 1 });
    expect(rows.map((r) => `${r.a}-${r.b}`)).toEqual(['A-B', 'A-C', 'B-C']);
    const ab = rows[0]!;
    expect(ab.diff).toBeCloseTo(0.3, 12);
    expect(ab.permutation_p).toBe(70 / 252); // docs/references.md §9
    expect(ab.mannwhitney_p).toBeCloseTo(0.12133525035848211, 12); // scipy mannwhitneyu, see mann-whitney.test.ts
    expect(ab.hedges_g).toBeCloseTo(1.0832440004116928, 12); // see hedges-g.test.ts
    // seeds 0..4 shared. scipy 1.17.1 on a = [0.5,0.5,1,0.5,0.5], b = [0,0.5,0.5,0.5,0]: stats.ttest_rel(a, b).pvalue =
    // 0.07048399691021992; stats.permutation_test((a, b), lambda x, y, axis: np.abs(np.mean(x - y, axis=axis)),
    // permutation_type='samples', n_resamples=np.inf, vectorized=True, alternative='greater').pvalue = 0.25
    expect(ab.paired?.seeds).toEqual([0, 1, 2, 3, 4]);
    expect(ab.paired?.mean_diff).toBeCloseTo(0.3, 12);
    expect(ok(ab.paired!.t_p)).toBeCloseTo(0.07048399691021992, 12);
    expect(ok(ab.paired!.sign_flip_p)).toBeCloseTo(0.25, 14);
    expect(rows[1]!.paired).toBeUndefined();
    const raw = rows.map((r) => r.welch_p as number);
    const holm = rows.map((r) => r.welch_p_holm as number);
    holm.forEach((h, i) => expect(h).toBeGreaterThanOrEqual(raw[i]!));
    expect(Math.min(...holm)).toBeCloseTo(Math.min(1, 3 * Math.min(...raw)), 12);
  });
  it('is reproducible for a fixed rng seed and reports insufficient, never NaN', () => {
    const one = new Map([
      ['A', seeds([0.5])],
      ['B', seeds([0.2, 0.3])],
    ]);
    const r = compareArms(one, [['A', 'B']], { resamples: 500, rngSeed: 2 })[0]!;
    expect(isInsufficient(r.welch_p)).toBe(true);
    expect(JSON.stringify(r)).not.toContain('NaN');
    const x = JSON.stringify(compareArms(arms, [['A', 'B']], { resamples: 500, rngSeed: 9 }));
    expect(JSON.stringify(compareArms(arms, [['A', 'B']], { resamples: 500, rngSeed: 9 }))).toBe(x);
  });
});

describe('compareArms invariants', () => {
  const arm = fc.array(
    fc.integer({ min: 0, max: 54 }).map((k) => k / 54),
    { minLength: 2, maxLength: 7 },
  );
  it('swapping A and B negates the difference and keeps every p-value', () => {
    fc.assert(
      fc.property(arm, arm, (x, y) => {
        const m = new Map([
          ['A', seeds(x)],
          ['B', seeds(y, 100)],
        ]);
        const [ab] = compareArms(m, [['A', 'B']], { resamples: 300, rngSeed: 1 });
        const [ba] = compareArms(m, [['B', 'A']], { resamples: 300, rngSeed: 1 });
        expect(ba!.diff).toBeCloseTo(-(ab!.diff as number), 12);
        for (const k of ['welch_p', 'mannwhitney_p', 'permutation_p'] as const) {
          if (typeof ab![k] === 'number') expect(ba![k]).toBeCloseTo(ab![k], 12);
        }
        if (typeof ab!.ci95 === 'object' && 'low' in ab!.ci95 && 'low' in (ba!.ci95 as object)) {
          expect(ab!.ci95.low).toBeLessThanOrEqual(ab!.diff as number);
          expect(ab!.ci95.high).toBeGreaterThanOrEqual(ab!.diff as number);
        }
      }),
      { numRuns: 60 },
    );
  });
});
