import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStudy } from '../../src/study/load-study.js';
import { makeWorkspace } from './workspace.js';

let ws: string;
beforeAll(async () => {
  ws = await makeWorkspace();
});

const config = [
  'model: model', // the same as the study's: no problem
  'data: data',
  'train: true', // what seedstudy does anyway
  'adapter_path: adapters',
  'resume_adapter_file: null',
  'num_layers: 4',
  'batch_size: 4',
  'iters: 100',
  'learning_rate: 1.0e-5',
  'lora_parameters: {rank: 8, scale: 20.0, dropout: 0.0}',
].join('\n');

describe('train: {from: lora_config.yaml, ...overrides}', () => {
  it("takes the config's training settings, the study's own keys winning, lora_parameters merged key by key", async () => {
    await writeFile(join(ws, 'from-ok.yaml'), config + '\n');
    const study = join(ws, 'study-from-ok.yaml');
    const overrides = 'train: {from: from-ok.yaml, iters: 200, lora_parameters: {rank: 4}}';
    await writeFile(
      study,
      ['name: s', 'model: model', 'data: data', overrides, 'seeds: [0]', 'eval: {suite: suite.yaml}'].join('\n'),
    );
    const loaded = await loadStudy(study, { cwd: ws });
    expect(loaded.train).toEqual({
      num_layers: 4,
      batch_size: 4,
      iters: 200,
      learning_rate: 1e-5,
      lora_parameters: { rank: 4, scale: 20, dropout: 0 },
    });
  });

  it("reports the config's keys seedstudy sets, unknown keys and the study's own problems in one error", async () => {
    const file = join(ws, 'from-bad.yaml');
    await writeFile(
      file,
      [
        config.replace('model: model', 'model: other'),
        'seed: 42',
        'test_batches: 10',
        'wandb: proj',
        'lora_rank: 8',
      ].join('\n'),
    );
    const study = join(ws, 'study-from-bad.yaml');
    await writeFile(
      study,
      [
        'name: s',
        'model: model',
        'data: data',
        'train: {from: from-bad.yaml}',
        'seeds: [0]',
        'eval: {suite: suite.yaml, iters: 3}',
      ].join('\n'),
    );
    const error = await loadStudy(study, { cwd: ws }).catch((e: Error) => e);
    expect((error as Error).message).toBe(
      [
        '6 problems:',
        `1. ${file}:1: model: \`model\` differs from the study's \`model:\``,
        "     fix: the study's `model:` (relative to the study file) is used; remove `model` from from-bad.yaml or make them the same",
        `2. ${file}:11: seed: \`seed\` is set by seedstudy, not by the mlx-lm config`,
        "     fix: each run's seed comes from the study's `seeds:` (e.g. `seeds: {count: 8, start: 0}`); remove it from from-bad.yaml",
        `3. ${file}:12: test_batches: \`test_batches\` is set by seedstudy, not by the mlx-lm config`,
        '     fix: `eval.exact_loss: true` (the default) computes test loss on the whole test split; remove it from from-bad.yaml',
        `4. ${file}:13: wandb: \`wandb\` is set by seedstudy, not by the mlx-lm config`,
        "     fix: seedstudy records every run's training and validation losses itself (the run's metrics.jsonl); reporting to W&B or SwanLab is not supported; remove it from from-bad.yaml",
        `5. ${file}:14: lora_rank: unknown mlx-lm key \`lora_rank\``,
        '     fix: remove it: mlx-lm ignores keys it does not know, and so does seedstudy',
        `6. ${study}:6: eval.iters: unknown key \`iters\``,
        '     fix: `iters` is an mlx-lm training setting: move it to `train.iters`',
      ].join('\n'),
    );
  });

  it("says when the config file is missing, at the study's line", async () => {
    const study = join(ws, 'study-from-missing.yaml');
    await writeFile(
      study,
      [
        'name: s',
        'model: model',
        'data: data',
        'train:',
        '  from: nowhere.yaml',
        'seeds: [0]',
        'eval: {suite: suite.yaml}',
      ].join('\n'),
    );
    const error = await loadStudy(study, { cwd: ws }).catch((e: { format(): string }) => e.format());
    expect(error).toBe(
      `${study}:5: train.from: mlx-lm config not found: ${join(ws, 'nowhere.yaml')}\n  fix: check the path; it is relative to the study file`,
    );
  });
});
