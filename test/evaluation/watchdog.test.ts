import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runWorker, type CheckpointOutput } from '../../src/evaluation/run-worker.js';
import type { WorkerJob } from '../../src/evaluation/worker-protocol.js';
import { tempDir } from './helpers/temp-dir.js';

const fake = fileURLToPath(new URL('../fixtures/eval/fake-worker.mjs', import.meta.url));

const job: WorkerJob = {
  model: '/nonexistent',
  adapter_config: null,
  checkpoints: [{ step: 0, file: null, sha256: null }, { step: 100, file: '/x/0000100_adapters.safetensors', sha256: 'abc' }],
  prompts: ['p1', 'p2', 'p3'].map((id) => ({ id, messages: [{ role: 'user', content: id }], max_tokens: 8 })),
  settings: { temperature: 0, top_p: 1, repeats: 1, chat_template_args: {}, prompt_timeout_s: 0.5 },
  loss: { data: '/x', batch_size: 1, max_seq_length: 64, mask_prompt: false },
};

afterEach(() => {
  delete process.env.SEEDSTUDY_EVAL_WORKER;
  delete process.env.HANG_PROMPT;
  delete process.env.FAKE_WORKER_STARTS;
});

describe('eval worker watchdog', () => {
  it('kills a hung worker, records the prompt as timeout and restarts from the next prompt', async () => {
    const dir = await tempDir('watchdog-');
    process.env.SEEDSTUDY_EVAL_WORKER = JSON.stringify([process.execPath, fake]);
    process.env.HANG_PROMPT = 'p2';
    process.env.FAKE_WORKER_STARTS = join(dir, 'starts');
    const outputs: CheckpointOutput[] = [];
    const t0 = Date.now();
    const result = await runWorker(job, {
      python: 'unused', watchdogS: 20, promptMarginS: 0.5, graceS: 1, logFile: join(dir, 'worker.log'),
      onCheckpoint: async (o) => void outputs.push(o),
    });
    expect(Date.now() - t0).toBeLessThan(15_000);
    // Hangs on p2 of step 0, restarts, then hangs again on p2 of step 100 and restarts again.
    expect(result.watchdogKills).toBe(2);
    expect(result.attempts).toBe(3);
    expect((await readFile(join(dir, 'starts'), 'utf8')).trim().split('\n')).toHaveLength(3);
    expect(outputs.map((o) => o.step)).toEqual([0, 100]);
    for (const o of outputs) {
      expect(o.generations.map((g) => [g.prompt_id, g.finish_reason])).toEqual([['p1', 'stop'], ['p2', 'timeout'], ['p3', 'stop']]);
      expect(o.generations[1]!.watchdog).toBe(true);
      expect(o.loss?.val_loss).toBe(1.5);
    }
    expect(outputs[1]!.generations[1]!.checkpoint_sha256).toBe('abc');
  }, 30_000);
});

describe('eval worker cancellation', () => {
  it('an aborted evaluation stops the worker and reports an interruption (exit 130)', async () => {
    process.env.SEEDSTUDY_EVAL_WORKER = JSON.stringify([process.execPath, fake]);
    process.env.HANG_PROMPT = 'p2';
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const error = await runWorker(job, { python: 'unused', watchdogS: 20, promptMarginS: 20, graceS: 1, signal: controller.signal, onCheckpoint: async () => {} }).catch((e: unknown) => e);
    expect((error as { exitCode?: number }).exitCode).toBe(130);
  }, 30_000);
});
