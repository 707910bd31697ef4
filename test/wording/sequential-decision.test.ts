import { describe, expect, it } from 'vitest';
import type { SequentialLook, SequentialRecord } from '../../src/results/sequential-record.js';
import { lookLine, looksSoFarLines } from '../../src/wording/sequential-decision.js';

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

describe('sequential look lines', () => {
  it('a look: seeds, failed seeds, difference, Welch p against its boundary, a recomputed boundary, the decision', () => {
    const failed = look({ failedSeeds: { v: [3], b: [] } }, { recomputed: true });
    expect(lookLine(failed, 4)).toBe(
      'look 2 of 4: 10/10 seeds (failed: v/seed-3), v − b +12.3 points, Welch p = 0.0021 (stop if ≤ 0.0030, futility if z < 0.325), z = 3.07 [boundary recomputed for the seeds that finished] → stop (efficacy)',
    );
    const reproduce = look(
      { decision: 'continue', seeds: { a: [1, 2, 3, 4] } },
      {
        question: 'reproduce',
        arm: 'a',
        baseline: 'paper',
        claim: 0.8,
        scores: [0.9, 0.5, 0.5, 0.5],
        runs: 4,
        hits: 1,
        notReproducibleAtMost: -1,
        reproducibleAtLeast: 2,
        naiveShare: 0.25,
      },
    );
    expect(lookLine(reproduce, 5)).toBe(
      `look 2 of 5: 4 seeds, 1 of 4 runs reached paper's claim (80.0%) (stop "reproducible" if ≥ 2) → continue`,
    );
  });

  it('the looks so far, and a design that no longer matches the lock', () => {
    const r = record(look({ decision: 'continue' }), 23);
    expect(looksSoFarLines({ record: r, looks: 4, designMatches: false })[0]).toBe(
      "sequential looks so far (the study file's design differs from the one locked at the first look as h; `seedstudy run` refuses it without --force-redesign):",
    );
  });
});
