import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors/user-error.js';
import { readEvalErrors, studyEvalErrorWarnings } from '../../src/evaluation/eval-error-record.js';
import { evalFiles, readEvalManifest } from '../../src/evaluation/eval-manifest.js';
import { runWorker, type CheckpointOutput } from '../../src/evaluation/run-worker.js';
import { collectObservations } from '../../src/pipeline/collect-observations.js';
import { evaluateRun } from '../../src/pipeline/evaluate-run.js';
import { runLayout } from '../../src/plan/run-layout.js';
import { readJsonl } from '../../src/results/jsonl.js';
import type { WorkerJob } from '../../src/evaluation/worker-protocol.js';
import { fakeStudy } from './helpers/eval-fixture.js';
import { tempDir } from './helpers/temp-dir.js';
import { FAKE_WORKER, fakeWorkerJob } from './helpers/fake-worker-job.js';

const fake = FAKE_WORKER;
const job = fakeWorkerJob({ data: '/x', batch_size: 1, max_seq_length: 64, mask_prompt: false });

afterEach(() => {
  const keys = ['SEEDSTUDY_EVAL_WORKER', 'FAKE_HANG_PROMPT', 'HANG_PROMPT', 'FAKE_WORKER_STARTS', 'FAKE_HANG_TIMES'];
  for (const k of [...keys, 'FAKE_HANG_COUNT', 'FAKE_FAIL']) delete process.env[k];
});

const quick = { python: 'unused', watchdogS: 20, promptMarginS: 0.5, graceS: 1 };

async function collect(j: WorkerJob, env: Record<string, string>) {
  const dir = await tempDir('watchdog-');
  const worker = JSON.stringify([process.execPath, fake]);
  Object.assign(process.env, { SEEDSTUDY_EVAL_WORKER: worker, FAKE_WORKER_STARTS: join(dir, 'starts') }, env);
  const outputs: CheckpointOutput[] = [];
  const onCheckpoint = (o: CheckpointOutput) => {
    outputs.push(o);
    return Promise.resolve();
  };
  const result = await runWorker(j, { ...quick, logFile: join(dir, 'worker.log'), onCheckpoint });
  const starts = (await readFile(join(dir, 'starts'), 'utf8')).trim().split('\n').length;
  return { outputs, result, starts, dir };
}

describe('eval worker watchdog', () => {
  it('a prompt that hangs every time is retried alone, then gets an error record naming it', async () => {
    const t0 = Date.now();
    const { outputs, result, starts } = await collect(job, { FAKE_HANG_PROMPT: 'p2' });
    expect(Date.now() - t0).toBeLessThan(20_000);
    // Per checkpoint: killed on p2, p2 retried alone and killed again, then the error record.
    expect(result.watchdogKills).toBe(4);
    expect(result.attempts).toBe(5);
    expect(starts).toBe(5);
    expect(outputs.map((o) => o.step)).toEqual([0, 100]);
    for (const o of outputs) {
      expect(o.generations.map((g) => [g.prompt_id, g.finish_reason, g.output])).toEqual([
        ['p1', 'stop', 'execute_code("p1()")'],
        ['p3', 'stop', 'execute_code("p3()")'],
      ]);
      const named = { step: o.step, prompt_id: 'p2', repeat: 0, kind: 'hang', attempts: 2 };
      expect(o.errors).toEqual([expect.objectContaining(named)]);
      expect(o.errors[0]!.message).toContain('hung the worker 2 times');
      expect(o.errors[0]!.fix).toContain('eval.prompt_timeout_s');
      expect(o.loss?.val_loss).toBe(1.5);
    }
    expect(outputs[1]!.generations[1]!.checkpoint_sha256).toBe('abc');
  }, 40_000);

  it('a hang mid-batch costs only the prompt that hung: the rest of the batch is retried one by one', async () => {
    const batched = { ...job, checkpoints: [job.checkpoints[1]!], settings: { ...job.settings, batch_size: 3 } };
    const { outputs, result } = await collect(batched, { FAKE_HANG_PROMPT: 'p2' });
    // Killed on the batch (p1, p2, p3 in flight), then p2 alone twice; p1 and p3 answered alone.
    expect(result.watchdogKills).toBe(3);
    expect(outputs).toHaveLength(1);
    expect(outputs[0]!.generations.map((g) => [g.prompt_id, g.finish_reason, g.output])).toEqual([
      ['p1', 'stop', 'execute_code("p1()")'],
      ['p3', 'stop', 'execute_code("p3()")'],
    ]);
    expect(outputs[0]!.errors.map((e) => e.prompt_id)).toEqual(['p2']);
    expect(outputs[0]!.loss?.val_loss).toBe(1.5);
  }, 40_000);

  it('a hang that does not repeat is only a retry: every prompt keeps its real answer', async () => {
    const batched = { ...job, checkpoints: [job.checkpoints[1]!], settings: { ...job.settings, batch_size: 3 } };
    const dir = await tempDir('watchdog-once-');
    const env = { FAKE_HANG_PROMPT: 'p2', FAKE_HANG_TIMES: '1', FAKE_HANG_COUNT: join(dir, 'hangs') };
    const { outputs, result } = await collect(batched, env);
    expect(result.watchdogKills).toBe(1);
    const answers = outputs[0]!.generations.map((g) => [g.prompt_id, g.finish_reason]);
    expect(answers).toEqual([
      ['p1', 'stop'],
      ['p2', 'stop'],
      ['p3', 'stop'],
    ]);
    expect(outputs[0]!.errors).toEqual([]);
  }, 40_000);

  it('a generation or loss failure after model load is a UserError naming where, with its fix', async () => {
    const gen = await collect(job, { FAKE_FAIL: 'generation' }).catch((e: unknown) => e);
    expect(gen).toBeInstanceOf(UserError);
    const message = 'eval worker failed (generation, step 0, prompt p1): RuntimeError: boom';
    expect((gen as UserError).message).toContain(message);
    expect((gen as UserError).fix).toContain('chat template');
    const loss = await collect(job, { FAKE_FAIL: 'loss' }).catch((e: unknown) => e);
    expect(loss).toBeInstanceOf(UserError);
    expect((loss as UserError).message).toContain('eval worker failed (loss, step 0): ValueError: bad split');
    expect((loss as UserError).fix).toContain('eval.exact_loss: false');
  }, 40_000);

  it('end to end: the hung prompt is missing data with a warning, not a 0; the others keep their scores', async () => {
    process.env.SEEDSTUDY_EVAL_WORKER = JSON.stringify([process.execPath, fake]);
    process.env.FAKE_HANG_PROMPT = 'p2';
    const evalSettings = { prompt_timeout_s: 0.5, batch_size: 3, include_base: false };
    const { study, spec } = await fakeStudy({ steps: [2], eval: evalSettings });
    const run = await evaluateRun(study, spec, { python: 'unused', promptMarginS: 0.5 });
    expect(run.evaluated).toEqual([2]);
    const dir = runLayout.checkpointEvalDir(spec.runDir, 2);
    const scores = (await readJsonl(evalFiles.scores(dir))) as { prompt_id: string; score: number }[];
    expect(scores.map((s) => [s.prompt_id, s.score])).toEqual([
      ['p1', 1],
      ['p3', 1],
    ]);
    const named = { runId: 'run-0', step: 2, prompt_id: 'p2', kind: 'hang' };
    expect(await readEvalErrors(dir)).toEqual([expect.objectContaining(named)]);
    const manifest = await readEvalManifest(dir);
    expect([manifest!.generations, manifest!.errors, manifest!.mean_score]).toEqual([2, 1, 1]);
    const rows = await collectObservations(study.outputDir, [spec]);
    expect(rows.map((r) => r.promptId)).toEqual(['p1', 'p3']);
    const warnings = await studyEvalErrorWarnings(study.outputDir);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^base: seed 0 step 2 prompt p2 was not evaluated \(hung the worker 2 times.*not a 0$/);
  }, 40_000);
});

describe('eval worker cancellation', () => {
  it('an aborted evaluation stops the worker and reports an interruption (exit 130)', async () => {
    process.env.SEEDSTUDY_EVAL_WORKER = JSON.stringify([process.execPath, fake]);
    process.env.HANG_PROMPT = 'p2';
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const error = await runWorker(job, {
      python: 'unused',
      watchdogS: 20,
      promptMarginS: 20,
      graceS: 1,
      signal: controller.signal,
      onCheckpoint: async () => {},
    }).catch((e: unknown) => e);
    expect((error as { exitCode?: number }).exitCode).toBe(130);
  }, 30_000);
});
