import { describe, expect, it } from 'vitest';
import { wordRunsComparability } from '../../src/wording/comparability.js';

describe('single runs comparability in words', () => {
  const base = { values: [0, 0.5, 1], values_source: 'the tool-call scorer' };
  it('names each unreachable category with its nearest reachable scores (percent as given, up to 2 decimals)', () => {
    // Phase 33b: domain 60% of 9 prompts (k/18: 55.56% or 61.11%), multi_tool 35% of 1 prompt (0% or 50%).
    const c = wordRunsComparability({
      passed: false,
      verifiable: true,
      ...base,
      unreachable: [
        {
          arm: 'phase33b',
          categories: [
            { category: 'domain', score: 0.6, prompts: 9, nearest: [10 / 18, 11 / 18] },
            { category: 'multi_tool', score: 0.35, prompts: 1, nearest: [0, 0.5] },
          ],
        },
      ],
    });
    expect(c).toEqual({
      passed: false,
      verifiable: true,
      reason:
        'phase33b: domain 60% of 9 prompts (nearest 55.56% and 61.11%), multi_tool 35% of 1 prompt ' +
        '(nearest 0% and 50%) are not scores 0/0.5/1 scoring can produce',
    });
  });
  it('says when the check passed, and when it could not run', () => {
    expect(wordRunsComparability({ passed: true, verifiable: true, ...base, unreachable: [] }).reason).toBe(
      'every category score of both runs is one 0/0.5/1 scoring can produce',
    );
    const unknown = { passed: true, verifiable: false, values: null, values_source: 'the judge', unreachable: [] };
    expect(wordRunsComparability(unknown).reason).toBe(
      'the values the judge gives are not known, so whether both runs were scored the same way was not checked',
    );
  });
});
