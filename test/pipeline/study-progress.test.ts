import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runLive, studyProgress, type RunLiveInput } from '../../src/pipeline/study-progress.js';
import type { RunRecord } from '../../src/results/run-record.js';
import type { RunSpec } from '../../src/plan/run-spec.js';

const NOW = Date.parse('2026-01-01T01:00:00.000Z');
const spec = { runDir: '/nonexistent/run', arm: 'a', seed: 1, runId: 'r' } as RunSpec;
const record = (over: Partial<RunRecord>) =>
  ({
    status: 'running',
    host: hostname(),
    pid: process.pid,
    startedAt: '2026-01-01T00:50:00.000Z',
    endedAt: null,
    durationS: null,
    checkpoints: [],
    ...over,
  }) as RunRecord;
const progress = { iteration: 150, trainLoss: 1.25, valLoss: 1.5, checkpointsSaved: 1, loggedSeconds: 590 };
const input = (over: Partial<RunLiveInput>): RunLiveInput => ({
  spec,
  record: record({}),
  stale: false,
  progress,
  evalPlanned: 3,
  evalDone: 0,
  evaluated: [],
  writerAlive: false,
  ...over,
});

describe("a run's live position", () => {
  it('training: losses and checkpoints from its log lines, elapsed from its start', async () => {
    const live = await runLive(input({}), NOW);
    expect(live).toMatchObject({ stage: 'training', trainLoss: 1.25, valLoss: 1.5, checkpointsSaved: 1 });
    expect([live.trainSeconds, live.elapsedS]).toEqual([600, 600]);
  });

  it('trained: waiting for evaluation without a writer; done when every checkpoint is, elapsed to the last', async () => {
    const trained = record({ status: 'succeeded', durationS: 300, endedAt: '2026-01-01T00:55:00.000Z' });
    expect((await runLive(input({ record: trained }), NOW)).stage).toBe('trained');
    expect((await runLive(input({ record: trained, evalDone: 1, writerAlive: true }), NOW)).stage).toBe('evaluating');
    const at = '2026-01-01T00:58:00.000Z';
    const done = await runLive(input({ record: trained, evalDone: 3, evaluated: [{ at, seconds: 4 }] }), NOW);
    expect([done.stage, done.trainSeconds, done.elapsedS]).toEqual(['done', 300, 480]);
  });

  it('left running by a seedstudy that died: interrupted, not training', async () => {
    const dead = record({ pid: 2 ** 22 + 12345 }); // above Linux's pid_max: never a live process
    expect((await runLive(input({ record: dead }), NOW)).stage).toBe('interrupted');
  });

  it('not started, stale, failed', async () => {
    expect((await runLive(input({ record: undefined }), NOW)).stage).toBe('pending');
    expect((await runLive(input({ stale: true }), NOW)).stage).toBe('stale');
    const failed = record({ status: 'failed', durationS: 30, endedAt: '2026-01-01T00:51:00.000Z' });
    expect(await runLive(input({ record: failed }), NOW)).toMatchObject({ stage: 'failed', elapsedS: 60 });
  });
});

describe('study progress', () => {
  it('counts stages and evaluations; failed runs are not waited for', async () => {
    const training = await runLive(input({}), NOW);
    const failed = await runLive(input({ record: record({ status: 'failed', durationS: 1 }) }), NOW);
    const row = { iteration: 150, measuredSeconds: 590, iters: 300, evalPlanned: 3, evalDone: 0 };
    const p = studyProgress(
      [
        { ...row, live: training },
        { ...row, live: failed },
      ],
      1,
      NOW,
    );
    expect(p.stages).toMatchObject({ training: 1, failed: 1, pending: 0 });
    expect(p.evaluations).toEqual({ done: 0, total: 3 });
    expect(p.eta.evalsLeft).toBe(3);
    expect(p.at).toBe('2026-01-01T01:00:00.000Z');
  });
});
