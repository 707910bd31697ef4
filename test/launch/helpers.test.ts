import { mkdtemp, readFile, readlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedCheckpointSteps } from '../../src/launch/classify-outcome.js';
import { describeExit } from '../../src/launch/describe-exit.js';
import { errorExcerpt } from '../../src/launch/error-excerpt.js';
import { findSeedIndependence, lossCurve } from '../../src/launch/seed-check.js';
import { materialiseSeedData, shuffleLines } from '../../src/launch/seed-data.js';
import { seedMajor } from '../../src/launch/seed-major.js';
import type { RunSpec } from '../../src/plan/run-spec.js';
import type { MetricsRecord } from '../../src/results/metrics-record.js';
import { fakeData } from './fake-study.js';

describe('describeExit', () => {
  it('calls 137 and SIGKILL "killed (often out of memory)"', () => {
    expect(describeExit({ exitCode: 137, signal: null })).toBe('killed (often out of memory)');
    expect(describeExit({ exitCode: null, signal: 'SIGKILL' })).toBe('killed (often out of memory)');
    expect(describeExit({ exitCode: null, signal: 'SIGSEGV' })).toBe('killed by SIGSEGV');
    expect(describeExit({ exitCode: 139, signal: null })).toBe('exited with code 139 (signal 11)');
    expect(describeExit({ exitCode: 1, signal: null })).toBe('exited with code 1');
    expect(describeExit({ exitCode: null, signal: 'SIGKILL', stalled: true })).toMatch(/^stalled/);
    expect(describeExit({ exitCode: null, signal: 'SIGTERM', cancelled: true })).toMatch(/^interrupted/);
  });
});

describe('errorExcerpt', () => {
  it('keeps the last traceback to the end, else the last lines, without progress bars', () => {
    const tail = [
      'Loading',
      'Traceback (most recent call last):',
      'old',
      'x',
      'Traceback (most recent call last):',
      '  File "a.py"',
      'ValueError: bad',
      'train ████ 100% · 40/40',
    ];
    expect(errorExcerpt(tail)).toEqual(['Traceback (most recent call last):', '  File "a.py"', 'ValueError: bad']);
    expect(errorExcerpt(Array.from({ length: 40 }, (_, i) => `l${i}`))).toEqual(
      Array.from({ length: 15 }, (_, i) => `l${25 + i}`),
    );
  });
});

describe('expectedCheckpointSteps', () => {
  it('lists multiples of save_every up to iters, with mlx-lm defaults', () => {
    expect(
      expectedCheckpointSteps({
        model: '',
        data: '',
        train: true,
        seed: 0,
        adapter_path: '',
        iters: 40,
        save_every: 20,
      }),
    ).toEqual([20, 40]);
    expect(
      expectedCheckpointSteps({
        model: '',
        data: '',
        train: true,
        seed: 0,
        adapter_path: '',
        iters: 50,
        save_every: 20,
      }),
    ).toEqual([20, 40]);
    expect(expectedCheckpointSteps({ model: '', data: '', train: true, seed: 0, adapter_path: '' })).toHaveLength(10);
  });
});

describe('seed check', () => {
  const m = (kind: 'train' | 'val', step: number, loss: number): MetricsRecord =>
    kind === 'train'
      ? { kind, step, iteration: step, train_loss: loss, t: 0 }
      : { kind, step, iteration: step + 1, val_loss: loss, t: 0 };
  const curve = (shift: number) => [
    m('val', 0, 3),
    m('train', 10, 2.5 + shift),
    m('val', 19, 2.4 + shift),
    m('train', 20, 2.2 + shift),
  ];

  it('ignores the step-0 val loss (the base model, identical by design)', () => {
    expect(lossCurve(curve(0))).toEqual(['train@10=2.5', 'val@19=2.4', 'train@20=2.2']);
  });

  it('flags identical first checkpoints or identical curves between seeds of one arm only', () => {
    const runs = [
      { arm: 'a', seed: 1, firstCheckpointSha256: 'h1', metrics: curve(0) },
      { arm: 'a', seed: 2, firstCheckpointSha256: 'h1', metrics: curve(0.1) },
      { arm: 'a', seed: 3, firstCheckpointSha256: 'h3', metrics: curve(0) },
      { arm: 'b', seed: 1, firstCheckpointSha256: 'h1', metrics: curve(0) },
      { arm: 'b', seed: 2, firstCheckpointSha256: 'h5', metrics: curve(0.2) },
    ];
    const warnings = findSeedIndependence(runs);
    expect(warnings.map((w) => [w.arm, ...w.seeds])).toEqual([
      ['a', 1, 2],
      ['a', 1, 3],
    ]);
    expect(warnings[0]!.reason).toMatch(/byte-identical first checkpoints/);
    expect(warnings[1]!.reason).toMatch(/identical loss curves/);
  });
});

describe('per-seed data', () => {
  it('shuffles deterministically per seed, keeping every line', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    expect(shuffleLines(items, 1)).toEqual(shuffleLines(items, 1));
    expect(shuffleLines(items, 1)).not.toEqual(shuffleLines(items, 2));
    expect([...shuffleLines(items, 7)].sort((a, b) => a - b)).toEqual(items);
  });

  it('writes a shuffled train.jsonl and links valid/test', async () => {
    const root = await mkdtemp(join(tmpdir(), 'seed-data-'));
    const source = await fakeData(root, 20);
    const target = join(root, 'run', 'data');
    await materialiseSeedData(source, target, 3);
    const train = (await readFile(join(target, 'train.jsonl'), 'utf8')).trim().split('\n');
    const original = (await readFile(join(source, 'train.jsonl'), 'utf8')).trim().split('\n');
    expect(train).not.toEqual(original);
    expect([...train].sort()).toEqual([...original].sort());
    expect(await readlink(join(target, 'valid.jsonl'))).toBe(join(source, 'valid.jsonl'));
  });
});

describe('seedMajor', () => {
  it('orders all arms of a seed before the next seed, keeping arm order', () => {
    const r = (arm: string, seed: number) => ({ arm, seed, runId: `${arm}${seed}` }) as RunSpec;
    const order = seedMajor([r('a', 2), r('b', 2), r('a', 1), r('b', 1)], [1, 2]).map((x) => x.runId);
    expect(order).toEqual(['a1', 'b1', 'a2', 'b2']);
  });
});
