import { describe, expect, it } from 'vitest';
import { coverageSentence, scoredCount } from '../../src/wording/coverage.js';

const arms = (a: number, b: number) => [
  { arm: 'a', planned: 8, scored: a },
  { arm: 'b', planned: 8, scored: b },
];

describe('what a partial report rests on', () => {
  it('runs scored, the seeds the intervals use, what is not scored and that it will change', () => {
    expect(
      coverageSentence({
        planned: 16,
        scored: 5,
        perArm: arms(3, 2),
        notScored: { training: 1, pending: 9, evaluating: 1 },
      }),
    ).toBe(
      '5 of 16 runs scored; intervals use a: 3 seeds, b: 2 seeds. Not scored: 1 being evaluated, 1 training, ' +
        '9 not started. This is a partial result: it changes as the other runs are scored.',
    );
    expect(coverageSentence({ planned: 4, scored: 2, perArm: arms(1, 1), notScored: { pending: 2 } })).toContain(
      '2 of 4 runs scored; intervals use 1 seed per arm.',
    );
  });

  it('a finished study with failed runs says how to retry them, not that it will change', () => {
    expect(coverageSentence({ planned: 4, scored: 3, perArm: arms(2, 1), notScored: { failed: 1 } })).toBe(
      '3 of 4 runs scored; intervals use a: 2 seeds, b: 1 seed. Not scored: 1 failed. ' +
        'Re-running `seedstudy run` retries the runs that did not finish.',
    );
  });

  it('nothing to say when every run is scored', () => {
    expect(coverageSentence({ planned: 4, scored: 4, perArm: arms(2, 2), notScored: {} })).toBeNull();
    expect([scoredCount({ scored: 1, planned: 4 }), scoredCount({ scored: 4, planned: 4 })]).toEqual([
      '1 of 4 runs scored',
      'all 4 runs scored',
    ]);
  });
});
