import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { describeRetrainReason } from '../../src/cli/train-progress.js';
import { runRef, type TrainEvent } from '../../src/launch/events.js';
import type { RetrainReason } from '../../src/launch/retrain-reason.js';
import { trainStudy } from '../../src/pipeline/train-study.js';
import { acquireStudyLock } from '../../src/pipeline/study-lock.js';
import { planStudy } from '../../src/pipeline/plan-study.js';
import { runLayout, studyLayout } from '../../src/plan/run-layout.js';
import { readRunRecord, writeRunRecord } from '../../src/results/run-record.js';
import { loadStudy } from '../../src/study/load-study.js';
import { writeFakeStudy } from './train-fixture.js';

afterEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith('FAKE_TRAINER')) delete process.env[k];
});

const PY = process.execPath; // any interpreter: the fake trainer replaces python -m mlx_lm lora

/** What the tests read back from seed-check.json (written by trainStudy). */
type SeedCheckFile = { ok: boolean; warnings: unknown[] };

describe('trainStudy (fake trainer)', () => {
  it('trains seed-major, then a re-run skips succeeded runs and retrains only the failed one', async () => {
    const file = await writeFakeStudy({ arms: [{ name: 'a' }, { name: 'b', train: { learning_rate: 0.001 } }] });
    const study = await loadStudy(file);
    process.env.FAKE_TRAINER_MODE = 'seed=2:crash';
    const events: TrainEvent[] = [];
    const first = await trainStudy(study, { python: PY, onEvent: (e) => events.push(e) });
    const starts = events
      .filter((e) => e.type === 'run-start')
      .map((e) => (e.type === 'run-start' ? `${e.run.arm}/${e.run.seed}` : ''));
    expect(starts).toEqual(['a/1', 'b/1', 'a/2', 'b/2']);
    expect(first.outcome).toBe('failed');
    expect(first.failed.map((f) => `${f.arm}/${f.seed}`)).toEqual(['a/2', 'b/2']);
    expect(first.failed[0]!.logPath).toMatch(/seed-2\/train\.log$/);

    const plan = await planStudy(study);
    const a1 = plan.runs.find((r) => r.arm === 'a' && r.seed === 1)!;
    const before = await stat(runLayout.runRecord(a1.runDir));
    delete process.env.FAKE_TRAINER_MODE;
    const second = await trainStudy(study, { python: PY });
    expect(second).toMatchObject({ outcome: 'succeeded', skipped: 2, trained: 2, succeeded: 4 });
    expect((await stat(runLayout.runRecord(a1.runDir))).mtimeMs).toBe(before.mtimeMs);
    const a2 = plan.runs.find((r) => r.arm === 'a' && r.seed === 2)!;
    expect(await readRunRecord(a2.runDir)).toMatchObject({ status: 'succeeded', attempts: 2 });
    const check = JSON.parse(await readFile(studyLayout.seedCheck(study.outputDir), 'utf8')) as SeedCheckFile;
    expect(check).toMatchObject({ ok: true, warnings: [] });
  });

  it('retrains a succeeded run whose checkpoint changed on disk', async () => {
    const study = await loadStudy(await writeFakeStudy({ seeds: [1] }));
    await trainStudy(study, { python: PY });
    const [run] = (await planStudy(study)).runs;
    const record = (await readRunRecord(run!.runDir))!;
    await writeFile(record.checkpoints[0]!.file, 'tampered');
    const events: TrainEvent[] = [];
    const again = await trainStudy(study, { python: PY, onEvent: (e) => events.push(e) });
    expect(again).toMatchObject({ skipped: 0, trained: 1, outcome: 'succeeded' });
    expect(await readRunRecord(run!.runDir)).toMatchObject({ attempts: 2 });
    const c = record.checkpoints[0]!;
    const sizeChange = { kind: 'checkpoint-size', step: c.step, file: c.file, recordedBytes: c.size, actualBytes: 8 };
    const retrains = events.filter((e) => e.type === 'run-retrain');
    expect(retrains).toEqual([{ type: 'run-retrain', run: runRef(run!), reason: sizeChange }]);

    // Same size, other bytes: the reason names the step and both hashes, and the CLI prints it.
    const c2 = (await readRunRecord(run!.runDir))!.checkpoints[0]!;
    const bytes = await readFile(c2.file);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    await writeFile(c2.file, bytes);
    const edited = createHash('sha256').update(bytes).digest('hex');
    const third: TrainEvent[] = [];
    await trainStudy(study, { python: PY, onEvent: (e) => third.push(e) });
    const retrain = third.find((e) => e.type === 'run-retrain');
    const reason = { kind: 'checkpoint-changed', step: c2.step, file: c2.file, recorded: c2.sha256, actual: edited };
    expect(retrain).toEqual({ type: 'run-retrain', run: runRef(run!), reason });
    const hashes = `sha256 ${c2.sha256.slice(0, 12)}… → ${edited.slice(0, 12)}…`;
    const printed = `checkpoint ${c2.step} changed since it was trained (${hashes}, ${c2.file})`;
    expect(describeRetrainReason(reason as RetrainReason)).toBe(printed);
  });

  it('warns loudly when two seeds train identically, and records it in seed-check.json', async () => {
    process.env.FAKE_TRAINER_MODE = '*:ignore-seed';
    const study = await loadStudy(await writeFakeStudy());
    const events: TrainEvent[] = [];
    const summary = await trainStudy(study, { python: PY, onEvent: (e) => events.push(e) });
    expect(summary.seedWarnings).toHaveLength(1);
    expect(summary.seedWarnings[0]).toMatchObject({ arm: 'base', seeds: [1, 2] });
    expect(summary.seedWarnings[0]!.reason).toMatch(/identical first checkpoints/);
    expect(events.some((e) => e.type === 'seed-warning')).toBe(true);
    const check = JSON.parse(await readFile(studyLayout.seedCheck(study.outputDir), 'utf8')) as SeedCheckFile;
    expect(check.ok).toBe(false);
  });

  it('refuses a run directory trained with a different config (runId mismatch), before training anything', async () => {
    const file = await writeFakeStudy({ seeds: [1] });
    await trainStudy(await loadStudy(file), { python: PY });
    await writeFile(file, (await readFile(file, 'utf8')).replace('iters: 20', 'iters: 30'));
    const changed = await loadStudy(file);
    await expect(trainStudy(changed, { python: PY })).rejects.toThrow(/training config changed/);
    await expect(trainStudy(changed, { python: PY })).rejects.toMatchObject({
      fix: expect.stringMatching(/--output/) as unknown,
    });
  });

  it("refuses while another live seedstudy holds the lock; takes over a dead one's lock", async () => {
    const study = await loadStudy(await writeFakeStudy({ seeds: [1] }));
    const lock = await acquireStudyLock(study.outputDir);
    // The lock holder is this (live) process; pretend it is another live one.
    const path = studyLayout.lock(study.outputDir);
    const alive = { pid: process.ppid, host: hostname(), startedAt: 'earlier', command: 'seedstudy train' };
    await writeFile(path, JSON.stringify(alive));
    await expect(trainStudy(study, { python: PY })).rejects.toThrow(/another seedstudy train \(pid \d+/);
    await writeFile(path, JSON.stringify({ ...alive, host: 'other-host' }));
    await expect(trainStudy(study, { python: PY })).rejects.toThrow(/on host other-host/);
    await writeFile(path, JSON.stringify({ ...alive, pid: 2 ** 22 + 12345 }));
    expect((await trainStudy(study, { python: PY })).outcome).toBe('succeeded');
    await lock.release();
  });

  it('recovers a run left "running" by a dead seedstudy as interrupted, then retrains it', async () => {
    const study = await loadStudy(await writeFakeStudy({ seeds: [1] }));
    await trainStudy(study, { python: PY });
    const [run] = (await planStudy(study)).runs;
    const record = (await readRunRecord(run!.runDir))!;
    await writeRunRecord(run!.runDir, { ...record, status: 'running', pid: 2 ** 22 + 999, trainerPid: 2 ** 22 + 998 });
    const events: TrainEvent[] = [];
    const summary = await trainStudy(study, { python: PY, onEvent: (e) => events.push(e) });
    expect(events.find((e) => e.type === 'run-recovered')).toMatchObject({ to: 'interrupted' });
    expect(summary).toMatchObject({ trained: 1, outcome: 'succeeded' });
    expect(await readRunRecord(run!.runDir)).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('--only-arm trains one arm and rejects an unknown one', async () => {
    const study = await loadStudy(
      await writeFakeStudy({ arms: [{ name: 'a' }, { name: 'b', train: { learning_rate: 0.001 } }], seeds: [1] }),
    );
    expect(await trainStudy(study, { python: PY, onlyArm: 'b' })).toMatchObject({ total: 1, trained: 1 });
    await expect(trainStudy(study, { python: PY, onlyArm: 'c' })).rejects.toThrow(/no arm named "c"/);
  });
});

describe('trainStudy with shuffle_train_per_seed', () => {
  it('materialises <runDir>/data per seed where the plan points data', async () => {
    const study = await loadStudy(await writeFakeStudy({ train: { shuffle_train_per_seed: true } }));
    const summary = await trainStudy(study, { python: PY });
    expect(summary.outcome).toBe('succeeded');
    const [r1, r2] = (await planStudy(study)).runs;
    expect(r1!.config.data).toBe(runLayout.data(r1!.runDir));
    const t1 = await readFile(`${r1!.config.data}/train.jsonl`, 'utf8');
    const t2 = await readFile(`${r2!.config.data}/train.jsonl`, 'utf8');
    expect(t1).not.toBe(t2);
    expect(t1.split('\n').sort()).toEqual(t2.split('\n').sort());
  });
});

describe('trainStudy --force', () => {
  it('retrains succeeded runs from scratch', async () => {
    const study = await loadStudy(await writeFakeStudy({ seeds: [1] }));
    await trainStudy(study, { python: PY });
    expect(await trainStudy(study, { python: PY, force: true })).toMatchObject({
      skipped: 0,
      trained: 1,
      outcome: 'succeeded',
    });
    const [run] = (await planStudy(study)).runs;
    expect(await readRunRecord(run!.runDir)).toMatchObject({ status: 'succeeded', attempts: 2 });
  });
});
