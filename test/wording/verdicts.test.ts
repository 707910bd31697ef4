import { describe, expect, it } from 'vitest';
import { PRACTICAL_SEEDS, seedsNeededToDecide } from '../../src/statistics/baseline-reproduction.js';
import { comparisonVerdict, singleRunsVerdict } from '../../src/statistics/verdicts.js';
import {
  baselineVerdictText,
  comparisonVerdictClause,
  comparisonVerdictTail,
  seedsNeededPhrase,
  singleRunsVerdictText,
} from '../../src/wording/verdicts.js';

describe('verdict codes → words', () => {
  it('baseline verdicts', () => {
    expect(baselineVerdictText('reproduces')).toBe('reproduces');
    expect(baselineVerdictText('does-not-reproduce')).toBe('does not reproduce');
    expect(baselineVerdictText('inconclusive')).toBe('is inconclusive');
    expect(baselineVerdictText('not-comparable')).toBe('is not comparable with this eval');
    expect(baselineVerdictText('not-analysed')).toBe('was not analysed');
  });

  it('comparison verdict: decided by whether the 95% CI excludes 0, worded for the report and the analysis', () => {
    expect(comparisonVerdict({ low: 0.01, high: 0.2 })).toBe('differs');
    expect(comparisonVerdict({ low: -0.2, high: -0.01 })).toBe('differs');
    expect(comparisonVerdict({ low: -0.01, high: 0.2 })).toBe('not-distinguishable');
    expect(comparisonVerdict({ low: 0, high: 0.2 })).toBe('not-distinguishable');
    expect(comparisonVerdictClause('differs')).toBe('the interval excludes 0, so the difference is not seed noise');
    expect(comparisonVerdictClause('not-distinguishable')).toBe(
      'the interval includes 0, so seed noise could explain it',
    );
    expect(comparisonVerdictTail('differs', 3, 4)).toBe('');
    expect(comparisonVerdictTail('not-distinguishable', 3, 4)).toBe(' Not distinguishable with 3 and 4 seeds.');
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
    expect(singleRunsVerdictText('different-models-if-comparable', 'values unknown')).toBe(
      'These two runs are different models on this prompt set, if both were scored the same way (values unknown).',
    );
    expect(singleRunsVerdictText('not-comparable', 'x differs')).toBe(
      'This is not a like-for-like comparison: x differs, so the two were not scored the same way ' +
        'and the test says nothing about the models.',
    );
  });

  it('seeds needed: a number only while it is practical advice', () => {
    expect(seedsNeededPhrase(19)).toBe('about 19 seeds would decide');
    expect(seedsNeededPhrase(1)).toBe('about 1 seed would decide');
    // P(run >= claim) = 5.8% sits just above the rule's 5% threshold: thousands of seeds, which is no advice.
    const n = seedsNeededToDecide(0.058, 4);
    expect(typeof n === 'number' && n > PRACTICAL_SEEDS).toBe(true);
    expect(seedsNeededPhrase(n as number)).toMatch(
      /^no practical number of seeds would decide \(\d+\): P\(run ≥ claim\) sits near the rule's 1-in-20 boundary$/,
    );
  });
});
