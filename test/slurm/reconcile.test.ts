import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pendingRunRecord } from '../../src/launch/slurm/pending-record.js';
import { reconcileEndedTask } from '../../src/launch/slurm/reconcile-run.js';
import { runIsDone } from '../../src/launch/slurm/run-slurm-study.js';
import { writeTaskRecord, type TaskRecord } from '../../src/launch/slurm/task-record.js';
import type { SlurmTaskState } from '../../src/launch/slurm/task-state.js';
import { taskMayStillWrite } from '../../src/launch/slurm/task-still-writing.js';
import { hostname } from 'node:os';
import type { RunSpec } from '../../src/plan/run-spec.js';
import { readRunRecord, writeRunRecord, type RunRecord } from '../../src/results/run-record.js';

async function spec(): Promise<RunSpec> {
  const runDir = join(await mkdtemp(join(tmpdir(), 'ss-reconcile-')), 'runs', 'a', 'seed-0');
  return {
    runId: 'r1',
    arm: 'a',
    seed: 0,
    runDir,
    config: { model: '/m', data: '/d', train: true, seed: 0, adapter_path: join(runDir, 'adapters') },
  };
}
const final = (state: string, extra: Partial<SlurmTaskState> = {}): SlurmTaskState => ({
  id: '5_0',
  jobId: '5',
  arrayTaskId: 0,
  state,
  exitCode: 0,
  signal: 0,
  reason: null,
  timeLimit: '1:00',
  source: 'squeue',
  ...extra,
});
const task = (over: Partial<TaskRecord>): TaskRecord => ({
  schemaVersion: 1,
  runId: 'r1',
  taskId: '5_0',
  batch: 'batch-0001',
  host: 'n1',
  pid: 1,
  startedAt: 'x',
  endedAt: null,
  status: 'running',
  train: null,
  eval: null,
  reason: null,
  durationS: null,
  trainS: null,
  evalS: null,
  ...over,
});
const input = (s: RunSpec, f: SlurmTaskState | undefined) => ({
  spec: s,
  taskId: '5_0',
  arrayTaskId: 0,
  final: f,
  ctx: { time: '00:01:00' },
  logPath: '/log',
});

async function withRecord(s: RunSpec, status: RunRecord['status']): Promise<RunRecord> {
  const r: RunRecord = { ...pendingRunRecord(s, undefined, '5_0', 0), status };
  await writeRunRecord(s.runDir, r);
  return r;
}

describe('reconciling an ended task with the run records', () => {
  it('TIMEOUT of a running task: failed, timedOut, with the limit in the reason', async () => {
    const s = await spec();
    await withRecord(s, 'running');
    const out = await reconcileEndedTask(input(s, final('TIMEOUT')));
    expect(out).toMatchObject({ status: 'failed', state: 'TIMEOUT' });
    expect(out.reason).toMatch(/time limit \(time=1:00\)/);
    expect(await readRunRecord(s.runDir)).toMatchObject({
      status: 'failed',
      timedOut: true,
      slurm: { jobId: '5_0', state: 'TIMEOUT' },
    });
  });
  it('CANCELLED while pending: interrupted and cancelled, so the next run resubmits it', async () => {
    const s = await spec();
    await withRecord(s, 'pending');
    expect(await reconcileEndedTask(input(s, final('CANCELLED')))).toMatchObject({ status: 'interrupted' });
    expect(await readRunRecord(s.runDir)).toMatchObject({ status: 'interrupted', cancelled: true });
  });
  it("the task's own success record wins", async () => {
    const s = await spec();
    await withRecord(s, 'succeeded');
    await writeTaskRecord(s.runDir, task({ status: 'succeeded', train: 'succeeded', eval: 'succeeded' }));
    expect(await reconcileEndedTask(input(s, final('COMPLETED')))).toMatchObject({ status: 'succeeded', reason: null });
  });
  it('FAILED keeps the reason the task recorded; COMPLETED without a success record is a failure', async () => {
    const s = await spec();
    await withRecord(s, 'failed');
    await writeTaskRecord(
      s.runDir,
      task({ status: 'failed', train: 'failed', reason: 'training failed: exited with code 3' }),
    );
    expect(await reconcileEndedTask(input(s, final('FAILED', { exitCode: 1 })))).toMatchObject({
      status: 'failed',
      reason: 'training failed: exited with code 3',
    });
    const s2 = await spec();
    await withRecord(s2, 'running');
    const out = await reconcileEndedTask(input(s2, final('COMPLETED')));
    expect(out.status).toBe('failed');
    expect(await readRunRecord(s2.runDir)).toMatchObject({ status: 'failed' });
  });
  it('a kill during evaluation keeps the training succeeded but the run not done', async () => {
    const s = await spec();
    const rec = await withRecord(s, 'succeeded');
    await writeTaskRecord(s.runDir, task({ train: 'succeeded' }));
    const out = await reconcileEndedTask(input(s, final('TIMEOUT')));
    expect(out.reason).toMatch(/^evaluation did not finish: hit the Slurm time limit/);
    const after = await readRunRecord(s.runDir);
    expect(after).toMatchObject({ status: 'succeeded', slurm: { state: 'TIMEOUT' } });
    expect(runIsDone(s, after, undefined, true)).toBe(false);
    expect(runIsDone(s, after, undefined, false)).toBe(true);
    expect(rec.status).toBe('succeeded');
  });
  it('a task Slurm no longer knows is interrupted (resubmitted), never silently succeeded', async () => {
    const s = await spec();
    await withRecord(s, 'running');
    expect(await reconcileEndedTask(input(s, undefined))).toMatchObject({ status: 'interrupted', state: 'UNKNOWN' });
    expect((await readRunRecord(s.runDir))!.status).toBe('interrupted');
  });
  it('a resubmitted run keeps its attempt history', async () => {
    const s = await spec();
    const failed = {
      ...pendingRunRecord(s, undefined, '4_2', 2),
      status: 'failed' as const,
      attempts: 2,
      failureReason: 'boom',
    };
    expect(pendingRunRecord(s, failed, '9_0', 0)).toMatchObject({
      status: 'pending',
      attempts: 2,
      failureReason: 'boom',
      slurm: { jobId: '9_0', state: 'PENDING' },
    });
  });
  it('waits for a killed task that is still writing its records, but not forever', async () => {
    const s = await spec();
    await writeTaskRecord(s.runDir, task({ host: hostname(), pid: process.pid }));
    expect(await taskMayStillWrite(s.runDir, '5_0', final('TIMEOUT'), new Map())).toBe(true);
    expect(await taskMayStillWrite(s.runDir, '5_0', final('TIMEOUT'), new Map(), -1)).toBe(false);
    expect(await taskMayStillWrite(s.runDir, '5_0', final('FAILED'), new Map())).toBe(false);
    await writeTaskRecord(s.runDir, task({ host: hostname(), pid: process.pid, status: 'interrupted' }));
    expect(await taskMayStillWrite(s.runDir, '5_0', final('CANCELLED'), new Map())).toBe(false);
  });
});
