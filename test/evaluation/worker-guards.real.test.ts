import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { sha256File } from '../../src/plan/sha256-file.js';
import { UserError } from '../../src/errors/user-error.js';
import { runWorker } from '../../src/evaluation/run-worker.js';
import type { WorkerJob } from '../../src/evaluation/worker-protocol.js';
import { writeFakeSafetensors } from './helpers/eval-fixture.js';
import { tinyDir, venvPython } from './helpers/tiny-run.js';
import { tempDir } from './helpers/temp-dir.js';
import { describeWithTool } from '../helpers/require-tool.js';
import { projectVenv } from '../helpers/tiny-model.js';

async function job(file: string, sha256: string): Promise<WorkerJob> {
  const tiny = await tinyDir();
  const dir = await tempDir('ss-guard-');
  const adapterConfig = join(dir, 'adapter_config.json');
  await writeFile(
    adapterConfig,
    JSON.stringify({ num_layers: -1, fine_tune_type: 'lora', lora_parameters: { rank: 4, scale: 20, dropout: 0 } }),
  );
  return {
    model: join(tiny, 'model'),
    adapter_config: adapterConfig,
    checkpoints: [{ step: 2, file, sha256 }],
    prompts: [{ id: 'a', messages: [{ role: 'user', content: 'hi' }], max_tokens: 4 }],
    settings: { temperature: 0, top_p: 1, repeats: 1, chat_template_args: {}, prompt_timeout_s: 30 },
    loss: null,
  };
}

describeWithTool(projectVenv, 'eval worker guards (real mlx-lm)', () => {
  it('refuses a checkpoint whose sha256 is not the one recorded (worker-side provenance guard)', async () => {
    const file = join(await tempDir('ss-guard-'), '0000002_adapters.safetensors');
    await writeFakeSafetensors(file);
    const error = await runWorker(await job(file, '0'.repeat(64)), {
      python: venvPython,
      watchdogS: 300,
      onCheckpoint: async () => {},
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(
      /sha256 [0-9a-f]{64} differs from the recorded 0{64}; refusing to evaluate it/,
    );
  }, 300_000);

  it("refuses a checkpoint that does not cover the adapter's trainable parameters", async () => {
    const file = join(await tempDir('ss-guard-'), '0000002_adapters.safetensors');
    await writeFakeSafetensors(file);
    const error = await runWorker(await job(file, await sha256File(file)), {
      python: venvPython,
      watchdogS: 300,
      onCheckpoint: async () => {},
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /eval worker failed \(coverage, step 2\): .* does not cover the run's adapter: missing \['model\.layers\.0\./,
    );
  }, 300_000);
});
