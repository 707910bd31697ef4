import { fileURLToPath } from 'node:url';
import type { WorkerJob } from '../../../src/evaluation/worker-protocol.js';

/** The fake eval worker (test/fixtures/eval/fake-worker.mjs), for SEEDSTUDY_EVAL_WORKER. */
export const FAKE_WORKER = fileURLToPath(new URL('../../fixtures/eval/fake-worker.mjs', import.meta.url));

/**
 * The worker job of the driver tests (watchdog, stage rejections): the base and one checkpoint, three
 * prompts p1–p3, a 0.5 s prompt limit; the fake worker never reads the model or adapter paths.
 */
export function fakeWorkerJob(loss: WorkerJob['loss']): WorkerJob {
  return {
    model: '/nonexistent',
    adapter_config: null,
    checkpoints: [
      { step: 0, file: null, sha256: null },
      { step: 100, file: '/x/0000100_adapters.safetensors', sha256: 'abc' },
    ],
    prompts: ['p1', 'p2', 'p3'].map((id) => ({ id, messages: [{ role: 'user', content: id }], max_tokens: 8 })),
    settings: { temperature: 0, top_p: 1, repeats: 1, chat_template_args: {}, prompt_timeout_s: 0.5 },
    loss,
  };
}
