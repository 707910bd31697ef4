import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { importInputs as importObservations } from '../../src/pipeline/import-inputs.js';
import { analyze } from '../../src/statistics/analyze.js';
import { withHeadline } from '../../src/wording/analysis.js';
import { ok } from './expect-ok.js';
import type { Observation } from '../../src/statistics/observation.js';
import { seededRandom } from '../../src/statistics/rng.js';

const fixtures = join(import.meta.dirname, '../fixtures/phase43a');
const settings = { checkpoint: 'final', resamples: 2000, rngSeed: 1, baselines: [], passThreshold: 1 };

describe('worked example: the seed document (docs/worked-example.md)', async () => {
  const d = await importObservations(
    ['phase43a-per-prompt.csv', 'phase43a-resumed-categories.csv', 'phase33b-categories.csv'].map((f) =>
      join(fixtures, f),
    ),
  );
  const r = analyze(
    d.observations,
    {
      ...settings,
      baselines: [{ name: 'Phase 33b', claimed: 0.824, tolerance: 0.0005, arm: 'phase43a', promptCount: 27 }],
    },
    d.categoryLevel,
  );
  const arm = (name: string) => r.arms.find((a) => a.arm === name)!;
  const pair = (a: string, b: string) => r.single_runs.find((x) => x.a === a && x.b === b)!;

  it('arm scores: 82.4% (2225/2700), 38.9% (10.5/27), 18.5% (5/27), one seed each', () => {
    expect(arm('phase33b').mean).toBeCloseTo(22.25 / 27, 12);
    expect(arm('phase43a').mean).toBeCloseTo(10.5 / 27, 12);
    expect(arm('phase43a-resumed').mean).toBeCloseTo(5 / 27, 12);
    expect(r.arms.map((a) => a.n_seeds)).toEqual([1, 1, 1]);
    expect(arm('phase43a').ci95).toHaveProperty('status', 'insufficient');
  });
  it('one run measured by 27 prompts: SE 4.9 points naive, 6.2 clustered (docs/references.md §20)', () => {
    const p = arm('phase43a').run_precision[0]!;
    expect(ok(p.se_prompts)).toBeCloseTo(0.0487, 4);
    expect(ok(p.se_clustered)).toBeCloseTo(0.0617, 4);
  });
  it('38.9% vs 18.5%: +20.4 points, clustered t = 3.23, df 6, p = 0.018 (docs/references.md §21)', () => {
    const x = pair('phase43a', 'phase43a-resumed');
    const t = ok(x.clustered_t);
    expect(x.diff).toBeCloseTo(0.2037037037037037, 12);
    expect(t.se).toBeCloseTo(0.06300065715464047, 12);
    expect(t.p).toBeCloseTo(0.017835052537104365, 10);
    expect(ok(t.ci95).low).toBeCloseTo(0.0495, 4); // docs/worked-example.md: 95% CI [5.0, 35.8]
    expect(ok(t.ci95).high).toBeCloseTo(0.3579, 4);
    expect(x.comparability.passed).toBe(true);
  });
  it('82.4% vs 38.9%: different models if comparable; comparability fails (off grid)', () => {
    const x = pair('phase33b', 'phase43a');
    const t = ok(x.clustered_t);
    // numpy/scipy 1.17.1 on the category sums (see paired-runs.test.ts): d = 0.4351851851851852,
    // se = 0.08224570181011678, t = 5.29128180084001, p = 0.0018451581868544097
    expect(t.estimate).toBeCloseTo(0.4351851851851852, 12);
    expect(t.t).toBeCloseTo(5.29128180084001, 9);
    expect(t.p).toBeCloseTo(0.0018451581868544097, 10);
    expect(x.comparability.passed).toBe(false);
    expect(x.not_answered).toMatch(/reliably/);
    expect(x.sign_flip_p).toHaveProperty('status', 'insufficient');
  });
  it('the 82.4% claim: off grid, not comparable, 19 seeds to decide', () => {
    const b = r.baselines[0]!;
    expect(b.comparability.passed).toBe(false);
    expect(b.comparability.nearest).toEqual([44 / 54, 45 / 54]);
    expect(b.verdict).toBe('not-comparable');
    expect(b.statistical_verdict).toBe('inconclusive');
    expect(b.seeds_needed).toBe(19);
    expect(d.warnings).toHaveLength(2);
  });
  it('headline and JSON: sentences present, no NaN or null anywhere', () => {
    const headline = withHeadline(r).headline.join('\n');
    expect(headline).toMatch(
      /Run phase43a beats run phase43a-resumed by a 20\.4-point gap on the same 27 prompts[^\n]*\. phase43a − phase43a-resumed: \+20\.4 points, category-clustered t = 3\.23, df 6, p = 0\.018/,
    );
    const json = JSON.stringify(r);
    expect(json).not.toMatch(/NaN|null|Infinity/);
    expect(
      r.failure_classes
        .filter((f) => f.arm === 'phase43a' && f.at_policy_checkpoint)
        .map((f) => [f.failure_class, f.count]),
    ).toEqual([
      ['direct_call_no_wrapper', 19],
      ['none', 1],
      ['think_no_tool_call', 2],
      ['think_timeout', 5],
    ]);
  });
});

describe('analyze on a synthetic multi-seed study', () => {
  const rnd = seededRandom(42);
  const obs: Observation[] = [];
  for (const [arm, p] of [
    ['base', 0.4],
    ['lr-high', 0.6],
  ] as const)
    for (let seed = 1; seed <= 6; seed++) {
      const skill = p + (rnd() - 0.5) * 0.3;
      for (const step of [100, 200])
        for (let q = 0; q < 27; q++) {
          const u = rnd();
          obs.push({
            arm,
            seed,
            checkpoint: step,
            promptId: `p${q}`,
            category: `c${q % 7}`,
            score: u < skill ? 1 : u < skill + 0.2 ? 0.5 : 0,
            valLoss: 1 / (step + seed),
            failureClass: u < skill ? 'none' : 'wrong',
          });
        }
    }
  const r = analyze(obs, {
    ...settings,
    checkpoint: 'best-val',
    baselines: [{ name: 'claim', claimed: 45 / 54, tolerance: 0, arm: 'base' }],
  });
  it('fills every required field and is reproducible', () => {
    const c = r.comparisons[0]!;
    expect([c.a, c.b]).toEqual(['base', 'lr-high']);
    // At the best-val checkpoint (200): base = [39, 24, 38, 41, 39, 30]/54, lr-high = [45, 48, 37, 44, 32, 38]/54.
    // scipy 1.17.1 on a, b = those arrays: w = stats.ttest_ind(a, b, equal_var=False) -> p = 0.16430702100714079,
    // w.confidence_interval() = (-0.25316618333536195, 0.04946247963165801); stats.mannwhitneyu(a, b) -> U = 11.5,
    // p = 0.33497274465939986 (U/36 = 0.3194444444444444 = P(A > B)); stats.permutation_test((a, b), lambda x, y, axis:
    // np.abs(np.mean(x, axis=axis) - np.mean(y, axis=axis)), n_resamples=np.inf, vectorized=True,
    // alternative='greater').pvalue = 0.18398268398268397 (170/924); Hedges' g with the exact J of hedges-g.test.ts
    // = -0.800279404892274; the most extreme of the 924 splits and its mirror: min p = 2/924.
    expect(c.diff).toBeCloseTo((211 - 244) / 6 / 54, 12);
    const ci = ok(c.ci95);
    expect(ci.low).toBeCloseTo(-0.25316618333536195, 10);
    expect(ci.high).toBeCloseTo(0.04946247963165801, 10);
    expect(ok(c.welch_p)).toBeCloseTo(0.16430702100714079, 10);
    expect(ok(c.mannwhitney_p)).toBeCloseTo(0.33497274465939986, 12);
    expect(ok(c.permutation_p)).toBeCloseTo(170 / 924, 14);
    expect(ok(c.permutation_min_p)).toBeCloseTo(2 / 924, 14);
    expect(ok(c.hedges_g)).toBeCloseTo(-0.800279404892274, 12);
    expect(ok(c.prob_improvement).estimate).toBeCloseTo(0.3194444444444444, 14);
    expect(c.paired?.seeds).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.arms[0]!.per_seed.every((s) => s.checkpoint === 200)).toBe(true); // lowest val loss
    expect(r.baselines[0]!.comparability.passed).toBe(true);
    expect(r.power[0]!.curve.length).toBeGreaterThan(3);
    // null appears only where part 1's variance components document it (interaction/generation not separable)
    expect(JSON.stringify(r).replace(/"(interaction|generation)":null/g, '')).not.toMatch(/NaN|null|Infinity/);
    expect(
      JSON.stringify(
        analyze(obs, {
          ...settings,
          checkpoint: 'best-val',
          baselines: [{ name: 'claim', claimed: 45 / 54, tolerance: 0, arm: 'base' }],
        }),
      ),
    ).toBe(JSON.stringify(r));
  });
});
