import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserErrorList } from '../../src/errors/user-error-list.js';
import { isUserError, type UserError } from '../../src/errors/user-error.js';
import { validateStudy } from '../../src/pipeline/validate-study.js';
import { makeWorkspace } from './workspace.js';

// executor.trainer: prefix-cache is refused at validate, with its reason, wherever it cannot give the
// checkpoints `mlx_lm lora` gives. The workspace model is a 4-layer qwen3 (config.json only).

let ws: string;
beforeAll(async () => {
  ws = await makeWorkspace();
  // A venv layout with another mlx-lm release: readInstalledVersion reads its dist-info, no Python runs.
  const venv = join(ws, 'old-venv');
  await mkdir(join(venv, 'bin'), { recursive: true });
  await mkdir(join(venv, 'lib', 'python3.11', 'site-packages', 'mlx_lm-0.31.3.dist-info'), { recursive: true });
  await writeFile(join(venv, 'bin', 'python'), '#!/bin/sh\nexit 0\n');
  await chmod(join(venv, 'bin', 'python'), 0o755);
  await mkdir(join(ws, 'moe-model'));
  await writeFile(join(ws, 'moe-model', 'config.json'), JSON.stringify({ model_type: 'llama', num_hidden_layers: 4 }));
  await writeFile(join(ws, 'moe-model', 'model.safetensors'), 'fake weights');
});

async function study(name: string, train: string, extra = '', model = 'model'): Promise<string> {
  const file = join(ws, name);
  await writeFile(
    file,
    `name: demo\nmodel: ${model}\ndata: data\ntrain:\n${train}\nseeds: [0, 1]\neval:\n  suite: suite.yaml\n` +
      `executor:\n  kind: local\n  trainer: prefix-cache\n${extra}`,
  );
  return file;
}

async function problems(file: string): Promise<UserError[]> {
  const error = await validateStudy(file, { cwd: ws }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error === undefined) return [];
  if (!isUserError(error)) throw error instanceof Error ? error : new Error('expected a UserError');
  expect(error.exitCode).toBe(2);
  return error instanceof UserErrorList ? [...error.problems] : [error];
}

describe('validate refuses what the prefix-cache trainer cannot reproduce exactly', () => {
  it('accepts LoRA on the top layers of a qwen3 model', async () => {
    expect(await problems(await study('ok.yaml', '  num_layers: 1'))).toEqual([]);
  });

  it('refuses LoRA on all layers (num_layers -1, the model depth, and the default 16 of 4)', async () => {
    for (const [name, train] of [
      ['all.yaml', '  num_layers: -1'],
      ['depth.yaml', '  num_layers: 4'],
      ['default.yaml', '  iters: 100'],
    ] as const) {
      const found = await problems(await study(name, train));
      const refusal = found.find((p) => p.message.includes('LoRA on all layers'));
      expect(refusal, name).toBeDefined();
      expect(refusal!.file).toBe(join(ws, name));
      expect(refusal!.fix).toContain('executor.trainer: mlx-lm');
    }
  });

  it('refuses DoRA and full fine-tuning, shuffle_train_per_seed and grad_checkpoint, each at its key', async () => {
    const found = await problems(
      await study(
        'many.yaml',
        '  num_layers: 2\n  fine_tune_type: dora\n  shuffle_train_per_seed: true\n  grad_checkpoint: true',
      ),
    );
    expect(found.map((p) => p.keyPath)).toEqual([
      'train.fine_tune_type',
      'train.shuffle_train_per_seed',
      'train.grad_checkpoint',
    ]);
    expect(found[0]!.message).toBe('the prefix-cache trainer is verified for LoRA only, not dora');
    expect(found[1]!.message).toContain('different batches');
    const full = await problems(await study('full.yaml', '  num_layers: 2\n  fine_tune_type: full'));
    expect(full.map((p) => p.message)).toEqual(['the prefix-cache trainer is verified for LoRA only, not full']);
  });

  it('refuses an unverified mlx-lm version, a custom lora_command and an unsupported model type', async () => {
    const version = await problems(
      await study('version.yaml', '  num_layers: 2', 'engine:\n  python: old-venv/bin/python\n'),
    );
    expect(version.map((p) => [p.keyPath, p.message])).toEqual([
      [
        'executor.trainer',
        "the prefix-cache trainer is verified against mlx-lm 0.32.2 only; the study's Python has mlx-lm 0.31.3",
      ],
    ]);
    const command = await problems(await study('cmd.yaml', '  num_layers: 2', 'engine:\n  lora_command: [my-lora]\n'));
    expect(command.map((p) => p.keyPath)).toEqual(['engine.lora_command']);
    const llama = await problems(await study('llama.yaml', '  num_layers: 2', '', 'moe-model'));
    expect(llama.map((p) => p.message)).toEqual([
      'the prefix-cache trainer supports model_type qwen3 and qwen3_moe; this model is llama',
    ]);
  });

  it('checks nothing when the trainer is mlx-lm', async () => {
    const file = join(ws, 'plain.yaml');
    await writeFile(
      file,
      'name: demo\nmodel: model\ndata: data\ntrain:\n  num_layers: -1\n  shuffle_train_per_seed: true\nseeds: [0, 1]\neval:\n  suite: suite.yaml\n',
    );
    expect(await problems(file)).toEqual([]);
  });
});
