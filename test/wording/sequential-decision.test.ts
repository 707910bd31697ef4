import { describe, expect, it } from 'vitest';
import type { SequentialOutcome } from '../../src/pipeline/sequential-outcome.js';
import { sequentialOutcome } from '../../src/pipeline/sequential-outcome.js';
import type { SequentialLook, SequentialRecord } from '../../src/results/sequential-record.js';
import { decisionSentence, lookLine, savingsSentence } from '../../src/wording/sequential-decision.js';

// The numbers here are hand-written record values (not computed by the code under test): the test
// checks the sentences built from them.
function look(over: Partial<SequentialLook>, stat: Record<string, unknown> = {}): SequentialLook {
  return {
    look: 2,
    plannedSeeds: 10,
    seeds: { v: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], b: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
    failedSeeds: { v: [], b: [] },
    decision: 'stop-efficacy',
    statistic: {
      question: 'compare',
      arms: ['v', 'b'],
      scoresA: [],
      scoresB: [],
      diff: 0.123,
      se: 0.03,
      t: 4,
      df: 17,
      z: 3.07,
      naiveP: 0.0021,
      informationFraction: 0.5,
      efficacyZ: 2.963,
      efficacyP: 0.00304,
      futilityZ: 0.325,
      futilitySides: 1,
      futilityP: null,
      alphaSpent: 0.0031,
      final: false,
      recomputed: false,
      ...stat,
    },
    hoursSoFar: 20,
    at: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

function record(last: SequentialLook, fixed: number | null): SequentialRecord {
  return {
    schemaVersion: 1,
    question: 'compare',
    designHash: 'h',
    lockedAt: 'x',
    redesigns: [],
    looks: [last],
    fixedDesignSeeds: fixed,
  };
}

const design = { question: 'compare', arms: ['v', 'b'], looks: [5, 10, 15, 20] } as never;

describe('sequential decision wording', () => {
  it('says the efficacy stop as the issue words it, with the seeds and hours saved', () => {
    const o: SequentialOutcome = sequentialOutcome(record(look({}), 23), design);
    expect(decisionSentence(o)).toBe(
      'stopped after 10 seeds per arm: the difference crossed the efficacy boundary (p = 0.0021 ≤ 0.0030 at look 2 of 4)',
    );
    // 13 seeds per arm saved = 26 runs at 20 h / 20 runs = 1 h per run.
    expect(savingsSentence(o)).toBe(
      "spent 10 seeds per arm, 20h00m of training and evaluation; a fixed design of the same power needs 23 seeds per arm: saved 13 seeds per arm (26 runs, about 1d02h at this study's cost per run)",
    );
  });

  it('says futility, the last look, a failed seed and a missing fixed design', () => {
    const fut = look({ look: 1, decision: 'stop-futility', plannedSeeds: 5 }, { z: -1.6, futilityZ: -1.403 });
    expect(decisionSentence(sequentialOutcome(record(fut, 23), design))).toBe(
      'stopped after 10 seeds per arm: v is not ahead of b enough to reach the design effect (z = -1.60 < -1.40 at look 1 of 4)',
    );
    const max = look({ look: 4, decision: 'stop-max' }, { naiveP: 0.06, efficacyP: 0.044 });
    expect(decisionSentence(sequentialOutcome(record(max, null), design))).toMatch(
      /the planned maximum: the difference did not cross the efficacy boundary \(p = 0\.0600 > 0\.0440 at look 4 of 4\)$/,
    );
    expect(savingsSentence(sequentialOutcome(record(max, null), design))).toMatch(/no design effect is declared/);
    const failed = look({ failedSeeds: { v: [3], b: [] } }, { recomputed: true });
    expect(lookLine(failed, 4)).toBe(
      'look 2 of 4: 10/10 seeds (failed: v/seed-3), v − b +12.3 points, Welch p = 0.0021 (stop if ≤ 0.0030, futility if z < 0.325), z = 3.07 [boundary recomputed for the seeds that finished] → stop (efficacy)',
    );
  });
});
