import { describe, expect, it } from 'vitest';
import { analyze, type AnalyzeSettings } from '../../src/statistics/analyze.js';
import type { Observation } from '../../src/statistics/observation.js';
import type { AnalysisResult } from '../../src/statistics/analysis-result.js';
import { withHeadline } from '../../src/wording/analysis.js';
import { analysisVerdicts, comparisonVerdictOf } from '../../src/wording/analysis-sentences.js';
import type { ArmComparison } from '../../src/statistics/compare-arms.js';
import { checkpointVerdicts } from '../../src/wording/checkpoint-selection.js';
import type { Verdict } from '../../src/wording/verdict.js';
import { STATISTICAL } from '../helpers/statistical-terms.js';

/**
 * Every verdict opens with one plain sentence an ML engineer who is not a statistician reads
 * without a glossary: no p-value, interval, effect size or test name; the numbers come after.
 * Checked on analyses built to reach every verdict (each claim verdict, each comparison outcome,
 * arms of 1, few and many seeds, a two-group arm, single runs).
 */

const PROMPTS = 20;

/** One seed scoring `score` (a multiple of 1/20): the first score × 20 prompts pass. */
function seedObservations(arm: string, seed: number, score: number, steps = [100, 200]): Observation[] {
  const pass = Math.round(score * PROMPTS);
  return steps.flatMap((step, si) =>
    Array.from({ length: PROMPTS }, (_, p) => ({
      arm,
      seed,
      checkpoint: step,
      promptId: `p${String(p).padStart(2, '0')}`,
      category: p % 2 ? 'odd' : 'even',
      // The earlier checkpoint passes one prompt fewer, so checkpoint selection has something to choose.
      score: p < pass - (si === steps.length - 1 ? 0 : 1) ? 1 : 0,
      valLoss: 2 - score - step / 1000 + seed / 100,
    })),
  );
}

function arm(name: string, scores: readonly number[]): Observation[] {
  return scores.flatMap((s, seed) => seedObservations(name, seed, s));
}

function analysed(observations: Observation[], baselines: AnalyzeSettings['baselines'] = []): AnalysisResult {
  return withHeadline(
    analyze(observations, { checkpoint: 'final', resamples: 200, rngSeed: 3, passThreshold: 1, baselines }),
  );
}

const claim = (name: string, claimed: number, armName: string, promptCount?: number) => ({
  name,
  claimed,
  tolerance: 0.0005,
  arm: armName,
  ...(promptCount ? { promptCount } : {}),
});

const many = [
  0.55, 0.6, 0.65, 0.6, 0.7, 0.55, 0.6, 0.65, 0.5, 0.6, 0.65, 0.6, 0.55, 0.7, 0.6, 0.65, 0.6, 0.55, 0.6, 0.65,
];
const studies: [string, AnalysisResult][] = [
  [
    '20 seeds per arm, claims that reproduce, fail and are not comparable',
    analysed(
      [
        ...arm('tuned', many),
        ...arm(
          'base',
          many.map((s) => s - 0.3),
        ),
      ],
      [claim('lucky', 0.95, 'tuned'), claim('typical', 0.6, 'tuned'), claim('other-prompts', 0.6, 'tuned', 27)],
    ),
  ],
  [
    '4 seeds per arm, undecided claims, a gap within seed luck',
    analysed(
      [...arm('a', [0.5, 0.6, 0.55, 0.7]), ...arm('b', [0.55, 0.5, 0.65, 0.6])],
      [claim('none-reach', 0.8, 'a'), claim('one-reaches', 0.7, 'a')],
    ),
  ],
  [
    'a two-group arm and a small clear gap',
    analysed([...arm('split', [0.1, 0.15, 0.8, 0.85, 0.1, 0.85]), ...arm('steady', [0.5, 0.55, 0.5, 0.55, 0.5, 0.55])]),
  ],
  ['one run per arm', analysed([...arm('x', [0.3]), ...arm('y', [0.9])], [claim('one-seed', 0.5, 'x')])],
];

function allVerdicts(r: AnalysisResult): Verdict[] {
  return [
    ...analysisVerdicts(r),
    ...r.checkpoints.flatMap((cp) =>
      checkpointVerdicts(
        cp,
        r.correlation.find((c) => c.arm === cp.arm),
      ),
    ),
  ];
}

describe('verdicts: plain words first, statistics second', () => {
  it('the studies reach every verdict kind', () => {
    const verdicts = studies.flatMap(([, r]) => r.baselines.map((b) => b.verdict));
    expect(new Set(verdicts)).toEqual(new Set(['reproduces', 'does-not-reproduce', 'inconclusive', 'not-comparable']));
    expect(studies.some(([, r]) => r.single_runs.length > 0)).toBe(true);
    expect(studies.some(([, r]) => r.arms.some((a) => a.notes.some((n) => n.code === 'two-groups')))).toBe(true);
  });

  for (const [name, r] of studies) {
    it(`${name}: every first sentence is one plain sentence without statistical symbols`, () => {
      const verdicts = allVerdicts(r);
      expect(verdicts.length).toBeGreaterThan(0);
      for (const v of verdicts) {
        expect(v.plain, v.plain).not.toMatch(STATISTICAL);
        expect(v.plain, v.plain).toMatch(/^[A-Z].*\.$/);
        // One sentence: no full stop followed by a new sentence inside it (decimals like 4.2 are fine).
        expect(v.plain, v.plain).not.toMatch(/[.!?]\s+[A-Z]/);
      }
    });
  }

  it('the numbers follow the plain sentence in the headline', () => {
    for (const [, r] of studies)
      r.headline.forEach((h, i) => {
        const v = analysisVerdicts(r)[i]!;
        expect(h.startsWith(v.plain)).toBe(true);
      });
  });

  it('reads as the issue intends on an undecided claim: lucky run, best seed, seeds that could decide', () => {
    const r = studies[1]![1];
    const none = analysisVerdicts(r).find((v) => v.plain.includes('none-reach'))!;
    expect(none.plain).toBe(
      'The claimed 80.0% (none-reach) may be a lucky run: none of 4 seeds of arm a reached it (best 70.0%), but 4 seeds are too few to rule it out.',
    );
    expect(none.numbers).toMatch(/under a normal fit/);
    expect(none.numbers).toMatch(
      /4 seeds cannot decide; if further seeds keep missing it, about 19 seeds in all would show it is out of reach, but if runs reach it about 5\.6% of the time, as a normal fit says, no practical number would decide \(about \d+\)\.$/,
    );
  });

  it('says when the tests disagree instead of printing two p-values without a conclusion', () => {
    // Welch says p = 0.033 and its interval excludes 0; the exact permutation test says p = 0.057.
    const c = {
      a: 'lr-high',
      b: 'base',
      n_a: 4,
      n_b: 4,
      diff: 0.12,
      ci95: { low: 0.013, high: 0.227, method: 'welch', level: 0.95 },
      welch_p: 0.033,
      welch_p_holm: 0.033,
      permutation_p: 0.057,
      prob_improvement: { estimate: 0.88, ci95: { status: 'insufficient', reason: 'n/a' } },
    } as unknown as ArmComparison;
    const v = comparisonVerdictOf(c, 0.62, 0.5);
    expect(v.plain).toBe(
      'Arm lr-high probably scores higher than base, by 12.0 points (62.0% vs 50.0%), but with 4 seeds each the tests disagree on whether seed luck could explain it; more seeds would settle it.',
    );
    expect(v.numbers).toBe(
      'lr-high − base: +12.0 points, 95% CI [1.3, 22.7]; p = 0.033 (Welch); permutation p = 0.057; P(lr-high > base) = 0.88.',
    );
  });
});
