import { describe, expect, it } from 'vitest';
import type { Observation } from '../../src/statistics/observation.js';
import { parseCheckpointPolicy, seedScores } from '../../src/statistics/seed-scores.js';
import { armSummary } from '../../src/statistics/arm-summary.js';
import { bimodality } from '../../src/statistics/bimodality.js';
import { isInsufficient, unwrap } from '../../src/statistics/result.js';
import { seededRandom, shuffled } from '../../src/statistics/rng.js';
import { PHASE43A_TABLE } from '../fixtures/phase43a/per-prompt-table.js';

const P43A = PHASE43A_TABLE;

function obs(
  arm: string,
  seed: number,
  checkpoint: number,
  scores: number[],
  valLoss?: number,
  repeat = 0,
): Observation[] {
  return P43A.map(([promptId, category], i) => ({
    arm,
    seed,
    checkpoint,
    promptId,
    category,
    score: scores[i]!,
    valLoss,
    repeat,
  }));
}

describe('seed scores under a checkpoint policy', () => {
  it('Phase 43a as one seed scores 10.5/27 = 38.9%', () => {
    const [a] = seedScores(
      obs(
        '43a',
        0,
        600,
        P43A.map((r) => r[2]),
        0.494,
      ),
      { kind: 'final' },
    );
    expect(a!.perSeed[0]!.score).toBeCloseTo(10.5 / 27, 14);
    expect(a!.categoryNames.length).toBe(7);
    const s = armSummary(a!, { rngSeed: 1, resamples: 200 });
    expect(s.n_seeds).toBe(1);
    expect(s.mean).toBeCloseTo(0.3889, 4);
    expect(isInsufficient(s.sd as never)).toBe(true);
    expect(isInsufficient(s.ci95 as never)).toBe(true);
    expect(isInsufficient(s.pi95 as never)).toBe(true);
    expect(JSON.stringify(s)).not.toMatch(/NaN|Infinity|null,"generation"/);
  });
  it('final, best-val (with fallback) and step=N pick the right checkpoints; repeats are averaged', () => {
    const base = P43A.map((r) => r[2]);
    const data = [
      ...obs(
        'A',
        1,
        100,
        base.map(() => 0),
        0.3,
      ),
      ...obs(
        'A',
        1,
        200,
        base.map(() => 1),
        0.5,
      ),
      ...obs(
        'A',
        2,
        100,
        base.map(() => 0.5),
        0.2,
      ),
      ...obs(
        'A',
        2,
        200,
        base.map(() => 0),
        0.1,
        0,
      ),
      ...obs(
        'A',
        2,
        200,
        base.map(() => 1),
        0.1,
        1,
      ),
      ...obs(
        'A',
        3,
        100,
        base.map(() => 1),
      ),
    ];
    const fin = seedScores(data, { kind: 'final' })[0]!;
    expect(fin.perSeed.map((s) => [s.seed, s.checkpoint, s.score])).toEqual([
      [1, 200, 1],
      [2, 200, 0.5],
      [3, 100, 1],
    ]);
    const bv = seedScores(data, unwrap(parseCheckpointPolicy('best-val')))[0]!;
    expect(bv.perSeed.map((s) => [s.seed, s.checkpoint, s.score])).toEqual([
      [1, 100, 0],
      [2, 200, 0.5],
      [3, 100, 1],
    ]);
    expect(bv.notes).toContainEqual({ code: 'best-val-fell-back', seeds: [3] });
    const st = seedScores(data, unwrap(parseCheckpointPolicy('step=200')))[0]!;
    expect(st.perSeed.map((s) => s.seed)).toEqual([1, 2]);
    expect(st.droppedSeeds[0]!.seed).toBe(3);
    expect(st.repeatCells[27]).toEqual([0, 1]);
    expect(isInsufficient(parseCheckpointPolicy('best'))).toBe(true);
    // row order does not matter (interleaved arms, seeds, checkpoints and repeats)
    const shuffledRows = shuffled(seededRandom(9), [...data, ...obs('Z', 5, 1, base)]);
    for (const policy of [{ kind: 'final' } as const, { kind: 'best-val' } as const]) {
      const x = seedScores(shuffledRows, policy).find((a) => a.arm === 'A')!;
      const y = seedScores(data, policy)[0]!;
      expect(x.perSeed).toEqual(y.perSeed);
      expect(Array.from(x.matrix.values)).toEqual(Array.from(y.matrix.values));
      expect(x.repeatCells.map((c) => c.slice().sort())).toEqual(y.repeatCells.map((c) => c.slice().sort()));
    }
  });
  it('leaves out prompts a seed lacks, and says so', () => {
    const base = P43A.map((r) => r[2]);
    const data = [...obs('A', 1, 1, base), ...obs('A', 2, 1, base).filter((o) => o.promptId !== 'multi-01')];
    const a = seedScores(data, { kind: 'final' })[0]!;
    expect(a.promptIds.length).toBe(26);
    expect(a.droppedPrompts).toEqual(['multi-01']);
    expect(a.perSeed[0]!.score).toBeCloseTo(9.5 / 26, 14);
  });
  it('a full arm summary: every field present, no NaN, fractions in [0,1], bimodality flagged', () => {
    const r = seededRandom(3);
    const data: Observation[] = [];
    for (let seed = 0; seed < 12; seed++) {
      const good = seed % 2 === 0; // two modes: learned the wrapper or not
      data.push(
        ...obs(
          'B',
          seed,
          800,
          P43A.map(() => (good ? (r() < 0.85 ? 1 : 0.5) : r() < 0.7 ? 0.5 : 0)),
          0.1,
        ),
      );
    }
    const a = seedScores(data, { kind: 'final' })[0]!;
    const s = armSummary(a, { rngSeed: 1, resamples: 2000 });
    expect(s.n_seeds).toBe(12);
    for (const k of [
      'ci95',
      'pi95',
      'bootstrap_percentile',
      'bootstrap_bca',
      'hierarchical_ci95',
      'variance_components',
      'bimodality',
    ] as const) {
      expect(isInsufficient(s[k] as never), k).toBe(false);
    }
    const ci = s.ci95 as { low: number; high: number };
    expect(ci.low).toBeGreaterThanOrEqual(0);
    expect(ci.high).toBeLessThanOrEqual(1);
    expect((s.bimodality as { well_separated: boolean }).well_separated).toBe(true);
    expect(s.notes.map((n) => n.code)).toContain('two-groups');
    expect(JSON.stringify(s)).not.toMatch(/NaN|Infinity/);
    // reproducible
    expect(armSummary(a, { rngSeed: 1, resamples: 2000 })).toEqual(s);
    // BCa insufficient below 10 seeds
    const few = seedScores(
      data.filter((o) => o.seed < 6),
      { kind: 'final' },
    )[0]!;
    expect(isInsufficient(armSummary(few, { rngSeed: 1, resamples: 500 }).bootstrap_bca as never)).toBe(true);
  });
  it('bimodality: unimodal data is not flagged, singletons are not a mode', () => {
    expect(unwrap(bimodality([0.4, 0.42, 0.45, 0.47, 0.5, 0.52])).wellSeparated).toBe(false);
    expect(unwrap(bimodality([0.4, 0.41, 0.42, 0.43, 0.9])).wellSeparated).toBe(false);
    expect(unwrap(bimodality([0.2, 0.22, 0.8, 0.82])).wellSeparated).toBe(true);
    expect(isInsufficient(bimodality([0.2, 0.8, 0.5]))).toBe(true);
  });
  it('clips the t CI to [0, 1] with a flag', () => {
    const data = [
      ...obs(
        'C',
        1,
        1,
        P43A.map(() => 1),
      ),
      ...obs(
        'C',
        2,
        1,
        P43A.map((_, i) => (i < 24 ? 1 : 0)),
      ),
    ];
    const s = armSummary(seedScores(data, { kind: 'final' })[0]!, { rngSeed: 1, resamples: 100 });
    const ci = s.ci95 as { low: number; high: number; clipped: boolean };
    expect(ci.high).toBe(1);
    expect(ci.clipped).toBe(true);
    expect(ci.low).toBeGreaterThan(0);
  });
});
