import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrainEvent } from '../../src/launch/events.js';
import { trainRun } from '../../src/launch/train-run.js';
import { runLayout } from '../../src/plan/run-layout.js';
import { readMetrics } from '../../src/results/metrics-record.js';
import { readRunRecord } from '../../src/results/run-record.js';
import { fakeSpec, fakeStudy } from './fake-study.js';

const saved = { ...process.env };
afterEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith('FAKE_TRAINER')) delete process.env[k];
  Object.assign(process.env, saved);
});

const versions = { python: null, mlx: null, mlxLm: null };

describe('trainRun with a fake trainer', () => {
  it.each(['a', 'b'])('succeeds on era-%s logs: config, metrics, checkpoints with hashes, run.json', async (era) => {
    process.env.FAKE_TRAINER_ERA = era;
    const study = await fakeStudy();
    const spec = fakeSpec(study, 'base', 1);
    const events: TrainEvent[] = [];
    const record = await trainRun(study, spec, { versions, onEvent: (e) => events.push(e) });
    expect(record.status).toBe('succeeded');
    expect(record.exitCode).toBe(0);
    expect(record.attempts).toBe(1);
    expect(record.checkpoints.map((c) => c.step)).toEqual([10, 20]);
    expect(record.checkpoints[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.firstCheckpointSha256).toBe(record.checkpoints[0]!.sha256);
    expect(record.firstValLoss).toBeCloseTo(3.062, 6);
    expect(record.lastIteration).toBe(20);
    expect(await readRunRecord(spec.runDir)).toEqual(record);
    const yaml = await readFile(runLayout.loraConfig(spec.runDir), 'utf8');
    expect(yaml).toContain('seed: 1');
    expect(yaml).toContain(`adapter_path: ${runLayout.adapters(spec.runDir)}`);
    const metrics = await readMetrics(runLayout.metrics(spec.runDir));
    expect(metrics.filter((m) => m.kind === 'val').map((m) => [m.iteration, m.step])).toEqual([
      [1, 0],
      [10, 9],
      [20, 19],
    ]);
    expect(metrics.filter((m) => m.kind === 'train').map((m) => m.step)).toEqual([5, 10, 15, 20]);
    expect(metrics.filter((m) => m.kind === 'save').map((m) => m.step)).toEqual([10, 20]);
    if (era === 'a')
      expect(metrics.find((m) => m.kind === 'train')).toMatchObject({ learning_rate: 1e-5, peak_memory_gb: 0.125 });
    const log = await readFile(record.logPath, 'utf8');
    expect(log).not.toContain('\x1b[');
    expect(log).toContain('Trainable parameters');
    expect(events.map((e) => e.type)).toContain('run-checkpoint');
    expect(events.at(-1)).toMatchObject({ type: 'run-end' });
  });

  it('a crash is failed with the traceback excerpt', async () => {
    process.env.FAKE_TRAINER_MODE = 'seed=1:crash';
    const study = await fakeStudy();
    const record = await trainRun(study, fakeSpec(study, 'base', 1), { versions });
    expect(record).toMatchObject({
      status: 'failed',
      exitCode: 1,
      signal: null,
      stalled: false,
      exitDescription: 'exited with code 1',
    });
    expect(record.errorExcerpt[0]).toBe('Traceback (most recent call last):');
    expect(record.errorExcerpt.at(-1)).toContain('RuntimeError: [fake] something broke');
    expect(record.checkpoints.map((c) => c.step)).toEqual([10]);
  });

  it.each([
    ['kill', { signal: 'SIGKILL', exitCode: null }],
    ['exit137', { signal: null, exitCode: 137 }],
  ])('%s is described as killed (often out of memory)', async (mode, expected) => {
    process.env.FAKE_TRAINER_MODE = `*:${mode}`;
    const study = await fakeStudy();
    const record = await trainRun(study, fakeSpec(study, 'base', 1), { versions });
    expect(record).toMatchObject({ status: 'failed', ...expected, exitDescription: 'killed (often out of memory)' });
  });

  it('a hang is stopped after stall_timeout_s (SIGKILL after grace when SIGTERM is ignored)', async () => {
    process.env.FAKE_TRAINER_MODE = '*:hang';
    process.env.FAKE_TRAINER_IGNORE_TERM = '1';
    const study = await fakeStudy();
    const t0 = Date.now();
    const record = await trainRun(study, fakeSpec(study, 'base', 1), { versions, stallTimeoutS: 2, graceS: 0.3 });
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(record).toMatchObject({ status: 'failed', stalled: true, signal: 'SIGKILL' });
    expect(record.failureReason).toContain('stalled');
  });

  it('a truncated last checkpoint fails the run even with exit code 0', async () => {
    process.env.FAKE_TRAINER_MODE = '*:partial';
    const study = await fakeStudy();
    const record = await trainRun(study, fakeSpec(study, 'base', 1), { versions });
    expect(record.exitCode).toBe(0);
    expect(record.status).toBe('failed');
    expect(record.checkpoints.map((c) => c.step)).toEqual([10]);
    expect(record.invalidCheckpoints).toHaveLength(1);
    expect(record.invalidCheckpoints[0]!.reason).toMatch(/truncated/);
    expect(record.failureReason).toContain('partial checkpoint');
    expect(record.errorExcerpt.join('\n')).toContain('0000020_adapters.safetensors');
  });

  it('cancelling marks the run interrupted; a retry starts from scratch and keeps the old log', async () => {
    process.env.FAKE_TRAINER_STEP_MS = '20';
    const study = await fakeStudy();
    const spec = fakeSpec(study, 'base', 1);
    const controller = new AbortController();
    const record = await trainRun(study, spec, {
      versions,
      signal: controller.signal,
      onEvent: (e) => e.type === 'run-checkpoint' && controller.abort(),
    });
    expect(record).toMatchObject({ status: 'interrupted', cancelled: true, signal: 'SIGTERM' });
    delete process.env.FAKE_TRAINER_STEP_MS;
    const again = await trainRun(study, spec, { versions });
    expect(again).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(await readdir(spec.runDir)).toContain('train.attempt-1.log');
    expect((await stat(join(spec.runDir, 'train.attempt-1.log'))).size).toBeGreaterThan(0);
  });

  it('a missing trainer program is a failed run, not a crash of seedstudy', async () => {
    const study = await fakeStudy({ engine: { lora_command: ['/nonexistent/trainer'] } });
    const record = await trainRun(study, fakeSpec(study, 'base', 1), { versions });
    expect(record.status).toBe('failed');
    expect(record.exitDescription).toMatch(/could not start/);
  });

  it('refuses a run directory that holds another runId', async () => {
    const study = await fakeStudy();
    await trainRun(study, fakeSpec(study, 'base', 1, 'old-id'), { versions });
    await expect(trainRun(study, fakeSpec(study, 'base', 1, 'new-id'), { versions })).rejects.toThrow(
      /holds run old-id.*config changed/,
    );
  });
});
