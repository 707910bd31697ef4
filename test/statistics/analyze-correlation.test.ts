import { describe, expect, it } from 'vitest';
import { ok } from './expect-ok.js';
import { rmcorrSeedBootstrap } from '../../src/statistics/analyze-correlation.js';
import { rmcorr, seedBootstrapCorrelation, type PairedPoint } from '../../src/statistics/within-seed-correlation.js';
import { isInsufficient } from '../../src/statistics/result.js';
import { seededRandom } from '../../src/statistics/rng.js';
import { scanObservations } from '../../src/statistics/observation-scan.js';
import { seedScores, parseCheckpointPolicy } from '../../src/statistics/seed-scores.js';
import type { Observation } from '../../src/statistics/observation.js';

describe('rmcorrSeedBootstrap (sufficient statistics)', () => {
  it('gives exactly the interval of seedBootstrapCorrelation(points, rmcorr) with the same random stream', () => {
    const rnd = seededRandom(3);
    const pts: PairedPoint[] = [];
    for (let s = 0; s < 8; s++)
      for (let c = 0; c < 6; c++) pts.push({ seed: s, x: c + rnd(), y: s * 0.1 - 0.05 * c + 0.1 * rnd() });
    const stat = (q: readonly PairedPoint[]) => {
      const e = rmcorr(q);
      return isInsufficient(e) ? e : e.r;
    };
    const slow = ok(seedBootstrapCorrelation(pts, stat, { random: seededRandom(9), resamples: 500 }));
    const fast = ok(rmcorrSeedBootstrap(pts, ok(rmcorr(pts)).r, { random: seededRandom(9), resamples: 500 }));
    expect(fast.low).toBeCloseTo(slow.low, 12);
    expect(fast.high).toBeCloseTo(slow.high, 12);
  });
});

describe('scanObservations', () => {
  it('checkpoint means over common prompts (repeats averaged) and failure classes per checkpoint', () => {
    const o = (
      seed: number,
      checkpoint: number,
      promptId: string,
      score: number,
      repeat = 0,
      failureClass = 'x',
    ): Observation => ({
      arm: 'A',
      seed,
      checkpoint,
      promptId,
      category: 'c',
      score,
      valLoss: 1 / checkpoint,
      repeat,
      failureClass,
    });
    const obs = [
      o(1, 10, 'p1', 1),
      o(1, 10, 'p2', 0),
      o(1, 20, 'p1', 1),
      o(1, 20, 'p1', 0, 1, 'y'),
      o(1, 20, 'p2', 1),
      o(1, 20, 'p3', 1),
    ];
    const arms = seedScores(obs, parseCheckpointPolicy('final') as never);
    const r = scanObservations(obs, arms);
    // common prompts come from the policy checkpoint (p1, p2, p3); step 10 lacks p3 and averages what it has;
    // step 20: p1 = mean of repeats 0.5, p2 = 1, p3 = 1 → 2.5/3
    const pts = r.points.get('A')!;
    expect(pts[0]).toEqual({ seed: 1, x: 0.1, y: 0.5 });
    expect(pts[1]!.x).toBe(0.05);
    expect(pts[1]!.y).toBeCloseTo(2.5 / 3, 12);
    expect([...r.failures.get('A')!.get(1)!.get(20)!]).toEqual([
      ['x', 3],
      ['y', 1],
    ]);
    expect([...r.failures.get('A')!.get(1)!.get(10)!]).toEqual([['x', 2]]);
  });
});
