import { describe, expect, it } from 'vitest';
import {
  expectedMax,
  expectedMaxCurve,
  selectForSeed,
  selectionOptimism,
  stratifiedHalf,
} from '../../src/statistics/checkpoint-selection.js';
import { checkpointJitter, scoreVsStep, selectionSummary } from '../../src/statistics/checkpoint-summary.js';
import { armTrajectories, type SeedTrajectory } from '../../src/statistics/trajectories.js';
import type { Observation } from '../../src/statistics/observation.js';
import { isInsufficient, unwrap } from '../../src/statistics/result.js';
import { seededRandom } from '../../src/statistics/rng.js';

function trajectory(
  seed: number,
  steps: number[],
  valLoss: Array<number | undefined>,
  rows: number[][],
): SeedTrajectory {
  const P = rows[0]!.length;
  return {
    seed,
    steps,
    valLoss,
    scores: Float64Array.from(rows.flat()),
    means: rows.map((r) => r.reduce((a, b) => a + b, 0) / P),
  };
}

describe('expected max (Dodge et al., allentune samplemax)', () => {
  it('matches the worked vector', () => {
    // docs/references.md §16 (computed from the allentune formula): values [0.1, 0.2, 0.3], n = 2 → 0.2444444444
    expect(unwrap(expectedMax([0.3, 0.1, 0.2], 2))).toBeCloseTo(0.2444444444, 10);
    expect(unwrap(expectedMax([0.3, 0.1, 0.2], 1))).toBeCloseTo(0.2, 14);
    const curve = expectedMaxCurve([0.1, 0.2, 0.3, 0.4]);
    expect(curve[0]).toBeCloseTo(0.25, 14);
    for (let i = 1; i < curve.length; i++) expect(curve[i]!).toBeGreaterThanOrEqual(curve[i - 1]!);
    expect(isInsufficient(expectedMax([], 1))).toBe(true);
  });
});

describe('checkpoint selection', () => {
  it('final, best-val and oracle picks; regret; ties go to the earliest', () => {
    // Phase 43a-like: val loss best at 650 (0.111); eval best at 600
    const t = trajectory(
      0,
      [550, 600, 650, 800],
      [0.165, 0.494, 0.111, 0.26],
      [
        [0.5, 0.5],
        [1, 0.5],
        [0.5, 0.5],
        [0, 0.5],
      ],
    );
    const s = unwrap(selectForSeed(t));
    expect(s.final).toEqual({ step: 800, score: 0.25 });
    expect(s.bestVal).toEqual({ step: 650, score: 0.5, valLoss: 0.111 });
    expect(s.oracle).toEqual({ step: 600, score: 0.75 });
    expect(s.regret).toBeCloseTo(0.25, 14);
    expect(s.valMatchesOracle).toBe(false);
    const tie = unwrap(selectForSeed(trajectory(1, [1, 2], [undefined, undefined], [[1], [1]])));
    expect(tie.oracle.step).toBe(1);
    expect(tie.bestVal).toBeNull();
  });
  it('stratified halves keep each category split', () => {
    const strata = [0, 0, 0, 0, 1, 1, 2];
    const h = stratifiedHalf(strata, seededRandom(1));
    expect(h[0]! + h[1]! + h[2]! + h[3]!).toBe(2);
    expect(h[4]! + h[5]!).toBe(1);
  });
  it('cross-fitting: positive optimism under pure noise, ~0 when one checkpoint is truly better', () => {
    const r = seededRandom(4);
    const P = 40;
    const strata = Array.from({ length: P }, (_, i) => i % 4);
    const noise: SeedTrajectory[] = [];
    const real: SeedTrajectory[] = [];
    for (let s = 0; s < 10; s++) {
      const rows = Array.from({ length: 8 }, () => Array.from({ length: P }, () => (r() < 0.5 ? 1 : 0)));
      noise.push(trajectory(s, [1, 2, 3, 4, 5, 6, 7, 8], [], rows));
      const good = rows.map((row, c) => row.map((v) => (c === 5 ? (r() < 0.95 ? 1 : 0) : v)));
      real.push(trajectory(s, [1, 2, 3, 4, 5, 6, 7, 8], [], good));
    }
    const on = unwrap(selectionOptimism(noise, strata, { random: seededRandom(1), splits: 100 }));
    expect(on.meanOptimism).toBeGreaterThan(0.05); // best of 8 coin-flip checkpoints on 40 prompts
    expect(unwrap(on.ci).low).toBeGreaterThan(0);
    const cross = on.perSeed.map((p) => p.crossFitted).reduce((a, b) => a + b, 0) / 10;
    expect(Math.abs(cross - 0.5)).toBeLessThan(0.04); // cross-fitted ≈ the true 50%
    const or = unwrap(selectionOptimism(real, strata, { random: seededRandom(1), splits: 100 }));
    expect(or.meanOptimism).toBeLessThan(0.02);
    expect(unwrap(selectionOptimism(noise, strata, { random: seededRandom(1), splits: 100 }))).toEqual(on);
    expect(isInsufficient(selectionOptimism(noise, [0], { random: seededRandom(1) }))).toBe(true);
  });
  it('summaries over seeds: policies, regret, agreement, score-vs-step band, jitter', () => {
    const seeds = [
      trajectory(1, [100, 200, 300], [0.5, 0.3, 0.4], [[0.2], [0.6], [0.5]]),
      trajectory(2, [100, 200, 300], [0.5, 0.4, 0.2], [[0.3], [0.7], [0.4]]),
      trajectory(3, [100, 200], [0.6, 0.3], [[0.1], [0.5]]),
    ];
    const s = selectionSummary(seeds);
    expect(s.final.mean).toBeCloseTo((0.5 + 0.4 + 0.5) / 3, 14);
    expect(s.oracle.mean).toBeCloseTo((0.6 + 0.7 + 0.5) / 3, 14);
    expect(s.regret.mean).toBeCloseTo((0 + 0.3 + 0) / 3, 14);
    expect(s.valMatchesOracleRate).toBeCloseTo(2 / 3, 14);
    const band = scoreVsStep(seeds);
    expect(band.map((b) => [b.step, b.n])).toEqual([
      [100, 3],
      [200, 3],
      [300, 2],
    ]);
    expect(band[0]!.mean).toBeCloseTo(0.2, 14);
    const ci = unwrap(band[0]!.ci);
    expect(ci.low).toBeLessThan(0.2);
    expect(unwrap(checkpointJitter(seeds, 2))).toBeGreaterThan(0);
  });
  it('builds trajectories from observations on the common prompt set', () => {
    const o = (seed: number, checkpoint: number, promptId: string, score: number, valLoss?: number): Observation => ({
      arm: 'A',
      seed,
      checkpoint,
      promptId,
      category: promptId[0]!,
      score,
      valLoss,
    });
    const [t] = armTrajectories([
      o(1, 100, 'a1', 1, 0.5),
      o(1, 100, 'b1', 0),
      o(1, 200, 'a1', 0, 0.4),
      o(1, 200, 'b1', 1),
      o(1, 200, 'c1', 1),
      o(2, 100, 'a1', 1, 0.2),
      o(2, 100, 'b1', 1),
    ]);
    expect(t!.promptIds).toEqual(['a1', 'b1']);
    expect(t!.seeds[0]!.means).toEqual([0.5, 0.5]);
    expect(t!.seeds[0]!.valLoss).toEqual([0.5, 0.4]);
    expect(Array.from(t!.strata)).toEqual([0, 1]);
  });
});
