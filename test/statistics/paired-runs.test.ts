import { describe, expect, it } from 'vitest';
import { ok } from './expect-ok.js';
import {
  clusteredPairedT,
  exactMcNemarP,
  pairedRuns,
  PAIRED_RUNS_NOT_ANSWERED,
} from '../../src/statistics/paired-runs.js';
import { seededRandom } from '../../src/statistics/rng.js';

const cats = ['text_tools', 'validation', 'lsp', 'git', 'cst', 'domain', 'multi_tool'];
const counts = [3, 3, 5, 3, 3, 9, 1];
const sums43a = [1.5, 1.5, 2.5, 1, 0.5, 2.5, 1];
const sumsResumed = [1, 1.5, 0.5, 1, 0, 1, 0];
const run = (label: string, sums: number[]) => ({
  label,
  categories: cats.map((category, i) => ({ category, promptCount: counts[i]!, sum: sums[i]! })),
});

describe('clusteredPairedT (docs/references.md §21)', () => {
  // numpy/scipy 1.17.1: D = A - B (category sums); d = D.sum()/N; se = sqrt(C/(C-1)*((D - n*d)**2).sum())/N;
  // t = d/se; p = 2*st.t.sf(abs(t), C-1) -> d = 0.2037037037037037, se = 0.06300065715464047,
  // t = 3.2333583950353986, p = 0.017835052537104365 (docs/references.md §21: 20.4 pp, 6.3 pp, df 6)
  it('38.9% vs 18.5% from category sums', () => {
    const r = ok(clusteredPairedT(counts.map((n, i) => ({ n, diffSum: sums43a[i]! - sumsResumed[i]! }))));
    expect(r.meanDiff).toBeCloseTo(0.2037037037037037, 12);
    expect(r.se).toBeCloseTo(0.06300065715464047, 12);
    expect(r.t).toBeCloseTo(3.2333583950353986, 10);
    expect(r.df).toBe(6);
    expect(r.p).toBeCloseTo(0.017835052537104365, 10);
  });
  it('works between two category-level runs and refuses per-prompt tests', () => {
    const r = pairedRuns(run('43a', sums43a), run('resumed', sumsResumed), {
      passThreshold: 1,
      random: seededRandom(1),
    });
    expect(r.granularity).toBe('category');
    expect(ok(r.clustered_t).p).toBeCloseTo(0.017835052537104365, 10);
    expect(r.sign_flip_p).toHaveProperty('status', 'insufficient');
    expect(r.not_answered).toBe(PAIRED_RUNS_NOT_ANSWERED);
  });
});

describe('exactMcNemarP', () => {
  // scipy 1.17.1: stats.binomtest(1, 9, 0.5).pvalue = 0.0390625; binomtest(0, 5, 0.5).pvalue = 0.0625;
  // binomtest(3, 10, 0.5).pvalue = 0.34375
  it('matches scipy binomtest at p = 0.5', () => {
    expect(exactMcNemarP(8, 1)).toBeCloseTo(0.0390625, 12);
    expect(exactMcNemarP(0, 5)).toBeCloseTo(0.0625, 12);
    expect(exactMcNemarP(7, 3)).toBeCloseTo(0.34375, 12);
    expect(exactMcNemarP(0, 0)).toBe(1);
  });
});

describe('pairedRuns with per-prompt scores', () => {
  // scipy 1.17.1 with a, b the nine scores below (pass = score ≥ 1: A only on 6 prompts, B only on none):
  // stats.binomtest(0, 6, 0.5).pvalue = 0.03125 (exact McNemar);
  // stats.permutation_test((a, b), lambda x, y, axis: np.abs(np.mean(x - y, axis=axis)), permutation_type='samples',
  //   n_resamples=np.inf, vectorized=True, alternative='greater').pvalue = 0.015625 (sign flip);
  // stats.ttest_rel(a, b) -> statistic = 4.242640687119285, pvalue = 0.002827298592834585, df = 8;
  // clustered t over the categories i % 3 with the formula of the test above: d = 0.5, se = 0.16666666666666666,
  //   t = 3.0, p = 2*st.t.sf(3.0, 2) = 0.09546596626670913
  it('pairs prompts by id and runs sign-flip, McNemar and both t-tests', () => {
    const mk = (label: string, scores: number[]) => ({
      label,
      prompts: scores.map((score, i) => ({ promptId: `p${i}`, category: `c${i % 3}`, score })),
      categories: [0, 1, 2].map((c) => ({
        category: `c${c}`,
        promptCount: scores.filter((_, i) => i % 3 === c).length,
        sum: scores.filter((_, i) => i % 3 === c).reduce((s, x) => s + x, 0),
      })),
    });
    const a = mk('A', [1, 1, 1, 0.5, 1, 1, 1, 0.5, 1]);
    const b = mk('B', [0.5, 0, 0.5, 0.5, 0, 0.5, 0.5, 0, 1]);
    const r = pairedRuns(a, b, { passThreshold: 1, random: seededRandom(1) });
    expect(r.granularity).toBe('prompt');
    expect(r.diff).toBeCloseTo((8 - 3.5) / 9, 12);
    expect(r.mcnemar).toEqual({ a_only: 6, b_only: 0, p: expect.closeTo(0.03125, 14) as unknown });
    expect(ok(r.sign_flip_p)).toBeCloseTo(0.015625, 14);
    const t = ok(r.paired_t);
    expect(t.df).toBe(8);
    expect(t.t).toBeCloseTo(4.242640687119285, 10);
    expect(t.p).toBeCloseTo(0.002827298592834585, 12);
    const c = ok(r.clustered_t);
    expect(c.df).toBe(2);
    expect(c.estimate).toBeCloseTo(0.5, 12);
    expect(c.se).toBeCloseTo(0.16666666666666666, 12);
    expect(c.t).toBeCloseTo(3, 10);
    expect(c.p).toBeCloseTo(0.09546596626670913, 10);
  });
});
