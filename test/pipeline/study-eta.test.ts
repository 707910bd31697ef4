import { describe, expect, it } from 'vitest';
import { estimateStudyEta, evalSecondsPerCheckpoint, type EtaRun } from '../../src/pipeline/study-eta.js';
import { trainProgress } from '../../src/pipeline/run-progress.js';

const run = (over: Partial<EtaRun>): EtaRun => ({
  state: 'pending',
  totalIters: 100,
  iteration: 0,
  measuredSeconds: 0,
  trainSeconds: 0,
  evalPlanned: 3,
  evalDone: 0,
  ...over,
});
const trained = run({ state: 'trained', iteration: 100, measuredSeconds: 50, trainSeconds: 50 });

describe('whole-study ETA', () => {
  it('one run trained at 2 it/s, one at 20/40 iterations after 10 s, one pending; evaluations at 4 s each', () => {
    const eta = estimateStudyEta({
      runs: [trained, run({ state: 'training', iteration: 20, measuredSeconds: 10, trainSeconds: 12 }), run({})],
      evalSecondsPerCheckpoint: [3, 5],
      concurrency: 1,
    });
    // Pooled rate (100 + 20) / (50 + 10) = 2 it/s. The running run: 100 / 2 = 50 s in all, 12 s gone → 38 s.
    // The pending run: 100 / 2 = 50 s. Evaluations: 9 left × 4 s = 36 s.
    expect(eta.itersPerSecond).toBe(2);
    expect(eta.trainSeconds).toBe(88);
    expect(eta.evalSeconds).toBe(36);
    expect(eta.seconds).toBe(124);
    expect(eta.lowerBound).toBe(false);
    expect(eta.evalsLeft).toBe(9);
  });

  it('counts a silent running run down (wall time passes, its rate stays), never below zero', () => {
    const at = (trainSeconds: number) =>
      estimateStudyEta({
        runs: [run({ state: 'training', iteration: 20, measuredSeconds: 10, trainSeconds })],
        evalSecondsPerCheckpoint: [1],
        concurrency: 1,
      }).trainSeconds;
    expect([at(10), at(20), at(49), at(500)]).toEqual([40, 30, 1, 0]);
  });

  it('divides training among concurrent trainers; failed runs add nothing', () => {
    const runs = [trained, run({}), run({}), run({ state: 'failed', evalPlanned: 3 })];
    const eta = estimateStudyEta({ runs, evalSecondsPerCheckpoint: [2], concurrency: 2 });
    expect(eta.trainSeconds).toBe(50); // 2 × 50 s on 2 trainers
    expect(eta.evalsLeft).toBe(9);
  });

  it('before any evaluation is timed: a lower bound from training alone', () => {
    const eta = estimateStudyEta({ runs: [trained, run({})], evalSecondsPerCheckpoint: [], concurrency: 1 });
    expect([eta.seconds, eta.evalSeconds, eta.lowerBound]).toEqual([50, null, true]);
  });

  it('before any progress is reported: unknown, not zero', () => {
    const eta = estimateStudyEta({ runs: [run({}), run({})], evalSecondsPerCheckpoint: [], concurrency: 1 });
    expect([eta.seconds, eta.trainSeconds, eta.itersPerSecond]).toEqual([null, null, null]);
  });

  it('everything done: zero', () => {
    const done = { ...trained, evalDone: 3 };
    const eta = estimateStudyEta({ runs: [done, done], evalSecondsPerCheckpoint: [], concurrency: 1 });
    expect([eta.seconds, eta.lowerBound, eta.evalsLeft]).toEqual([0, false, 0]);
  });
});

describe('seconds per checkpoint evaluation', () => {
  it('wall-clock gaps between evaluations (model loads included), a pause between sessions left out', () => {
    const at = (s: number) => ({ at: s * 1000, seconds: 1 });
    // Ends at 0, 10, 20 (run 1), 50 (run 2 loaded its model), 60, then a night's pause, then 10 more.
    const xs = evalSecondsPerCheckpoint([at(0), at(10), at(20), at(50), at(60), at(90_000), at(90_010)]);
    expect(xs).toEqual([10, 10, 30, 10, 10, 1]);
  });

  it("gaps within a run only: interleaved training between two runs' evaluations is not evaluation time", () => {
    // Run a evaluates at 100 s (decision) then trains b for 300 s; b's decision ends at 410; then a's rest
    // at 700, 710, 720 and b's at 730, 740. Across runs the gaps would be 310, 290, ...; within a run they are
    // 10 s, plus a's 600 s and b's 320 s pauses (decision → rest), left out as over ten times the median.
    const e = (run: string, s: number) => ({ run, at: s * 1000, seconds: 4 });
    const xs = evalSecondsPerCheckpoint([
      e('a', 100),
      e('b', 410),
      e('a', 700),
      e('a', 710),
      e('a', 720),
      e('b', 730),
      e('b', 740),
    ]);
    expect(xs).toEqual([10, 10, 10, 4, 4]);
  });

  it('fewer than two: their own generation and loss seconds', () => {
    expect(evalSecondsPerCheckpoint([{ at: 5, seconds: 7 }])).toEqual([7]);
    expect(evalSecondsPerCheckpoint([])).toEqual([]);
  });
});

describe('training progress from metrics.jsonl', () => {
  it('the last iteration, losses and saves, with a val line counted as the update before it', () => {
    const p = trainProgress([
      { kind: 'val', step: 0, iteration: 1, val_loss: 3.1, t: 0.5 },
      { kind: 'train', step: 5, iteration: 5, train_loss: 2.9, t: 1 },
      { kind: 'val', step: 9, iteration: 10, val_loss: null, t: 2 },
      { kind: 'save', step: 10, iteration: 10, checkpoint: '0000010_adapters.safetensors', t: 2.1 },
      { kind: 'train', step: 10, iteration: 10, train_loss: 2.7, t: 2.2 },
      { kind: 'test', step: null, iteration: 10, test_loss: 2.8, t: 3 },
    ]);
    expect(p).toEqual({ iteration: 10, trainLoss: 2.7, valLoss: null, checkpointsSaved: 1, loggedSeconds: 2.2 });
  });

  it('nothing logged yet', () => {
    expect(trainProgress([]).iteration).toBeNull();
  });
});
