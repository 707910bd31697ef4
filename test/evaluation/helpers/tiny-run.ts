import { existsSync } from 'node:fs';
import { writeFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { runLayout } from '../../../src/plan/run-layout.js';
import { ensureTinyModel } from '../../helpers/tiny-model.js';
import type { RunSpec } from '../../../src/plan/run-spec.js';

/** The project venv's interpreter (mlx-lm 0.32.2). */
export const venvPython = resolve('.venv/bin/python');

/**
 * Directory of the tiny model build: `SEEDSTUDY_TINY_DIR` (a build made elsewhere), else ensureTinyModel()'s
 * `.cache/tiny`.
 */
export async function tinyDir(): Promise<string> {
  if (process.env.SEEDSTUDY_TINY_DIR) return resolve(process.env.SEEDSTUDY_TINY_DIR);
  return (await ensureTinyModel()).dir;
}

/** The LoRA settings the real-model tests train with: a few iterations, a checkpoint every 2. */
export const tinyLora = {
  iters: 4,
  save_every: 2,
  batch_size: 4,
  num_layers: -1,
  learning_rate: 5e-3,
  steps_per_eval: 1000,
  val_batches: 1,
  steps_per_report: 1000,
  max_seq_length: 512,
  lora_parameters: { rank: 4, scale: 20.0, dropout: 0.0 },
};

/** Trains one run for real with `python -m mlx_lm lora --config` (unless its final checkpoint already exists). */
export async function trainTinyRun(spec: RunSpec): Promise<void> {
  const adapters = runLayout.adapters(spec.runDir);
  if (existsSync(join(adapters, '0000004_adapters.safetensors'))) return;
  await mkdir(spec.runDir, { recursive: true });
  const config = { ...spec.config, ...tinyLora, train: true, adapter_path: adapters };
  const file = runLayout.loraConfig(spec.runDir);
  await writeFile(file, JSON.stringify(config, null, 2));
  await execa(venvPython, ['-m', 'mlx_lm', 'lora', '--config', file], {
    env: { HF_HUB_OFFLINE: '1', PYTHONUNBUFFERED: '1', NO_COLOR: '1' },
    stdout: { file: runLayout.trainLog(spec.runDir) },
    stderr: { file: runLayout.trainLog(spec.runDir), append: true },
    timeout: 300_000,
  });
}
