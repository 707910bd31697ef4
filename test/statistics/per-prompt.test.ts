import { describe, expect, it } from 'vitest';
import type { Observation } from '../../src/statistics/observation.js';
import { failureClassCounts, perPromptRates } from '../../src/statistics/per-prompt.js';
import { seedScores } from '../../src/statistics/seed-scores.js';
import { isInsufficient, unwrap } from '../../src/statistics/result.js';

const o = (seed: number, promptId: string, score: number, failureClass?: string, checkpoint = 800): Observation => ({
  arm: 'A',
  seed,
  checkpoint,
  promptId,
  category: promptId.split('-')[0]!,
  score,
  failureClass,
});

describe('per-prompt rates', () => {
  const data = [
    o(1, 'text-01', 1),
    o(2, 'text-01', 1),
    o(3, 'text-01', 1),
    o(4, 'text-01', 1),
    o(1, 'git-03', 0, 'think-mode'),
    o(2, 'git-03', 0, 'think-mode'),
    o(3, 'git-03', 0, 'timeout'),
    o(4, 'git-03', 0, 'think-mode'),
    o(1, 'dom-01', 1),
    o(2, 'dom-01', 0.5, 'no-wrapper'),
    o(3, 'dom-01', 1),
    o(4, 'dom-01', 0.5, 'no-wrapper'),
    o(1, 'cst-02', 0.5, 'no-wrapper'),
    o(2, 'cst-02', 0.5, 'no-wrapper'),
    o(3, 'cst-02', 0.5, 'no-wrapper'),
    o(4, 'cst-02', 0, 'prose', 600),
  ];
  it('pass rate with Wilson CI, status and flip rate', () => {
    const a = seedScores(data.filter((d) => d.checkpoint === 800).concat([o(4, 'cst-02', 0, 'prose')]), {
      kind: 'final',
    })[0]!;
    const r = perPromptRates(a);
    const by = Object.fromEntries(r.prompts.map((p) => [p.promptId, p]));
    expect(by['text-01']!.status).toBe('always');
    expect(by['git-03']!.status).toBe('never');
    expect(by['dom-01']!.status).toBe('seed-dependent');
    expect(by['dom-01']!.passRate).toBe(0.5);
    // scipy.stats.binomtest(2, 4).proportion_ci(method='wilson') → (0.15003898915214947, 0.8499610108478506)
    const ci = unwrap(by['dom-01']!.passCi);
    expect(ci.low).toBeCloseTo(0.15003898915214947, 12);
    expect(ci.high).toBeCloseTo(0.8499610108478506, 12);
    expect(by['cst-02']!.status).toBe('never');
    expect(by['cst-02']!.varies).toBe(true);
    expect(r.flipRate).toBe(0.25);
    expect(r.varyRate).toBe(0.5);
    // threshold 0.5: cst-02 becomes seed-dependent
    expect(perPromptRates(a, 0.5).prompts.find((p) => p.promptId === 'cst-02')!.status).toBe('seed-dependent');
    expect(
      isInsufficient(
        perPromptRates({ ...a, matrix: { seeds: 0, prompts: 4, values: new Float64Array(0) } }).prompts[0]!.passCi,
      ),
    ).toBe(true);
  });
  it('failure-class counts per arm, seed and checkpoint', () => {
    const f = failureClassCounts(data);
    expect(f.byArm).toEqual([
      { arm: 'A', scored: 16, counts: { 'think-mode': 3, timeout: 1, 'no-wrapper': 5, prose: 1 } },
    ]);
    expect(f.bySeed.find((g) => g.seed === 4)!.counts).toEqual({ 'think-mode': 1, 'no-wrapper': 1, prose: 1 });
    expect(f.byCheckpoint.filter((g) => g.seed === 4).map((g) => [g.checkpoint, g.scored])).toEqual([
      [600, 1],
      [800, 3],
    ]);
  });
});
