import { describe, expect, it } from 'vitest';
import { comparisonVerdict, singleRunsVerdict } from '../../src/statistics/verdicts.js';

describe('verdict codes', () => {
  it('comparison verdict: decided by whether the 95% CI excludes 0', () => {
    expect(comparisonVerdict({ low: 0.01, high: 0.2 })).toBe('differs');
    expect(comparisonVerdict({ low: -0.2, high: -0.01 })).toBe('differs');
    expect(comparisonVerdict({ low: -0.01, high: 0.2 })).toBe('not-distinguishable');
    expect(comparisonVerdict({ low: 0, high: 0.2 })).toBe('not-distinguishable');
  });

  it('single runs: the comparability gate first, then the clustered test at 5%', () => {
    const ci95 = { status: 'insufficient' as const, reason: 'not needed here' };
    const test = (p: number) => ({ estimate: 0.2, se: 0.06, t: 3, df: 6, p, ci95, clusters: 7 });
    const gate = (passed: boolean, verifiable: boolean) => ({ passed, verifiable, reason: 'why' });
    expect(singleRunsVerdict({ clustered_t: test(0.01), comparability: gate(false, true) })).toBe('not-comparable');
    expect(singleRunsVerdict({ clustered_t: test(0.01), comparability: gate(true, true) })).toBe('different-models');
    expect(singleRunsVerdict({ clustered_t: test(0.01), comparability: gate(true, false) })).toBe(
      'different-models-if-comparable',
    );
    expect(singleRunsVerdict({ clustered_t: test(0.05), comparability: gate(true, true) })).toBe('within-prompt-noise');
    expect(
      singleRunsVerdict({
        clustered_t: { status: 'insufficient' as const, reason: 'x' },
        comparability: gate(true, true),
      }),
    ).toBe('within-prompt-noise');
  });
});
