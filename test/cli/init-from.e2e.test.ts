import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { execa } from 'execa';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkStudyAndSuite } from '../../src/pipeline/validate-study.js';
import { initStudyText } from '../../src/study/init-study.js';
import { makeWorkspace } from '../study/workspace.js';

/** The CLI from source (no build step), as the other CLI tests run it. */
const cli = [resolve('node_modules/.bin/vite-node'), resolve('test/fixtures/fake-trainer/seedstudy-cli.ts'), '--'];
const run = (cwd: string, ...args: string[]) =>
  execa(cli[0]!, [...cli.slice(1), ...args], {
    cwd,
    reject: false,
    env: { SEEDSTUDY_CACHE_DIR: join(cwd, '.hash-cache') },
    timeout: 60_000,
  });
const fixtures = resolve('test/fixtures/mlx-configs');

let ws: string;
beforeAll(async () => {
  ws = await makeWorkspace();
  // A 32-layer model, so mlx-lm's default num_layers (16) fits, as it does for the 7B models these configs train.
  await writeFile(join(ws, 'model', 'config.json'), JSON.stringify({ model_type: 'qwen3', num_hidden_layers: 32 }));
});

/** The config copied into its own directory with the model and data directories it names. */
async function placeConfig(name: string): Promise<string> {
  const dir = join(ws, name);
  await mkdir(dir, { recursive: true });
  await cp(join(fixtures, `${name}.yaml`), join(dir, 'lora_config.yaml'));
  const config = parse(await readFile(join(dir, 'lora_config.yaml'), 'utf8')) as { model: string; data: string };
  await cp(join(ws, 'model'), join(dir, config.model), { recursive: true });
  await cp(join(ws, 'data'), join(dir, config.data), { recursive: true });
  return dir;
}

/** What each config's study trains: its `train:` (exact values, as the fixture writes them). */
const expectedTrain: Record<string, Record<string, unknown>> = {
  'mlx-example': {
    fine_tune_type: 'lora',
    optimizer: 'adamw',
    num_layers: 16,
    batch_size: 4,
    iters: 1000,
    val_batches: 25,
    learning_rate: 1e-5,
    steps_per_report: 10,
    steps_per_eval: 200,
    save_every: 100,
    max_seq_length: 2048,
    grad_checkpoint: false,
    lora_parameters: { keys: ['self_attn.q_proj', 'self_attn.v_proj'], rank: 8, scale: 20, dropout: 0 },
  },
  'qlora-cosine': {
    fine_tune_type: 'lora',
    optimizer: 'adamw',
    optimizer_config: { adamw: { betas: [0.9, 0.98], eps: 1e-6, weight_decay: 0.05 } },
    num_layers: 8,
    batch_size: 2,
    grad_accumulation_steps: 4,
    iters: 600,
    lr_schedule: { name: 'cosine_decay', warmup: 50, warmup_init: 1e-7, arguments: [2e-5, 600, 1e-7] },
    steps_per_report: 10,
    steps_per_eval: 100,
    val_batches: -1,
    save_every: 200,
    max_seq_length: 4096,
    grad_checkpoint: true,
    lora_parameters: { rank: 16, scale: 32, dropout: 0.05 },
  },
  'dora-chat': {
    fine_tune_type: 'dora',
    mask_prompt: true,
    num_layers: -1,
    batch_size: 1,
    iters: 300,
    learning_rate: 5e-6,
    steps_per_eval: 50,
    save_every: 50,
    lora_parameters: {
      keys: ['self_attn.q_proj', 'self_attn.k_proj', 'self_attn.v_proj', 'self_attn.o_proj'],
      rank: 4,
      scale: 10,
      dropout: 0.1,
    },
  },
  'resume-full': {
    fine_tune_type: 'full',
    optimizer: 'adafactor',
    num_layers: 4,
    batch_size: 8,
    iters: 200,
    learning_rate: 1e-6,
    save_every: 100,
    grad_checkpoint: true,
  },
  minimal: { iters: 100, batch_size: 4, learning_rate: 1e-4, num_layers: 4 },
};
const expectedSeeds: Record<string, number[]> = {
  'mlx-example': [0, 1, 2, 3, 4, 5, 6, 7],
  'qlora-cosine': [42, 43, 44, 45, 46, 47, 48, 49],
  'dora-chat': [7, 8, 9, 10, 11, 12, 13, 14],
  'resume-full': [0, 1, 2, 3, 4, 5, 6, 7],
  minimal: [3, 4, 5],
};

describe('seedstudy init --from an mlx-lm config', () => {
  it.each(Object.keys(expectedTrain))(
    '%s: writes a study that validates and trains what the config trains',
    async (name) => {
      const dir = await placeConfig(name);
      const seeds = expectedSeeds[name]!.length;
      const text = await initStudyText({ from: 'lora_config.yaml', seeds, suite: '../suite.yaml', cwd: dir });
      await writeFile(join(dir, 'study.yaml'), text);
      const { study, error } = await checkStudyAndSuite(join(dir, 'study.yaml'), { cwd: dir });
      expect(error?.format()).toBeUndefined();
      expect(study.train).toEqual(expectedTrain[name]);
      expect(study.seeds).toEqual(expectedSeeds[name]);
      expect(study.model).toBe(join(dir, (parse(text) as { model: string }).model));
    },
  );

  it('names every key it did not copy, and the unknown ones', async () => {
    const dir = await placeConfig('resume-full');
    const text = await initStudyText({ from: 'lora_config.yaml', cwd: dir });
    expect(text.split('\n').filter((line) => /^# {3}\w/.test(line))).toEqual([
      '#   train: true',
      '#   resume_adapter_file: adapters/0000100_adapters.safetensors',
      '#   adapter_path: adapters',
      '#   trust_remote_code: false',
      '#   clear_cache_threshold: 0',
      '#   lora_layers: 4',
    ]);
    expect(text).toContain('# Not mlx-lm settings (mlx-lm ignores them), left out of the study:\n#   lora_layers: 4\n');
    expect(text).toContain(
      '  suite: suite.yaml  # the prompts every checkpoint is evaluated on (docs/evaluation.md)\n',
    );
  });

  it("prints the whole commented study for mlx-lm's example config", async () => {
    const dir = await placeConfig('mlx-example');
    const result = await run(dir, 'init', '--from', 'lora_config.yaml', '--seeds', '4', '--suite', '../suite.yaml');
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      [
        '# seedstudy study made by `seedstudy init --from lora_config.yaml`: the same training, once per seed.',
        '# Check it with `seedstudy validate <this file>`; `seedstudy schema` lists every key.',
        'name: lora_config',
        '# model and data as written in lora_config.yaml; in a study they are relative to the study file.',
        'model: mlx_model',
        'data: data',
        "# lora_config.yaml had seed: 0; each run's seed comes from `seeds:`, starting there.",
        'seeds: {count: 4, start: 0}',
        '# Every mlx-lm training setting of lora_config.yaml; arms (`arms: [{name, train: {...}}]`) override them.',
        'train:',
        '  fine_tune_type: lora',
        '  optimizer: adamw',
        '  num_layers: 16',
        '  batch_size: 4',
        '  iters: 1000',
        '  val_batches: 25',
        '  learning_rate: 0.00001',
        '  steps_per_report: 10',
        '  steps_per_eval: 200',
        '  save_every: 100',
        '  max_seq_length: 2048',
        '  grad_checkpoint: false',
        '  lora_parameters:',
        '    keys: [self_attn.q_proj, self_attn.v_proj]',
        '    rank: 8',
        '    scale: 20',
        '    dropout: 0',
        'eval:',
        '  suite: ../suite.yaml',
        '',
        '# Not copied from lora_config.yaml: seedstudy handles these itself.',
        '#   train: true',
        '#     → seedstudy trains every run (`train: true` is implied)',
        '#   resume_adapter_file: null',
        '#     → seedstudy resumes its own interrupted runs from their last checkpoint; starting every run from a given adapter is not supported',
        '#   adapter_path: adapters',
        "#     → each run's adapters go to <output>/runs/<arm>/seed-<N>/adapters (set `output:` to move them)",
        '#   test: false',
        "#     → `eval.exact_loss: true` (the default) computes every evaluated checkpoint's test loss",
        '#   test_batches: 100',
        '#     → `eval.exact_loss: true` (the default) computes test loss on the whole test split',
      ].join('\n'),
    );
  });

  it('refuses a config whose settings would not validate, naming each of its lines', async () => {
    const dir = join(ws, 'bad-config');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'lora_config.yaml'), 'model: m\niters: -5\nlora_parameters: {rank: 8, scale: 20}\n');
    await expect(initStudyText({ from: 'lora_config.yaml', cwd: dir })).rejects.toThrow(
      [
        '2 problems:',
        `1. ${join(dir, 'lora_config.yaml')}:2: iters: must be > 0, got -5`,
        '     fix: use a value > 0 for `iters` — Training iterations (micro-batches).',
        `2. ${join(dir, 'lora_config.yaml')}:3: lora_parameters.dropout: required key is missing`,
        '     fix: add `dropout:` — Dropout on the LoRA input.',
      ].join('\n'),
    );
  });
});

describe('seedstudy validate: every schema problem in one run', () => {
  it("reports a study's four mistakes at once, each with where the mlx-lm key belongs (exit 2)", async () => {
    const file = join(ws, 'four-mistakes.yaml');
    await cp(join(fixtures, 'four-mistakes.yaml'), file);
    await cp(join(ws, 'model'), join(ws, 'mlx_model'), { recursive: true });
    const result = await run(dirname(file), 'validate', 'four-mistakes.yaml');
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        'seedstudy: 4 problems:',
        `1. ${file}:4: learning_rate: unknown key \`learning_rate\``,
        '     fix: `learning_rate` is an mlx-lm training setting: move it to `train.learning_rate`',
        `2. ${file}:8: train.batch_size: expected a number, got the string "4"`,
        '     fix: remove the quotes: `batch_size: 4`',
        `3. ${file}:9: train.test_batches: unknown key \`test_batches\``,
        '     fix: `test_batches` is an mlx-lm setting seedstudy handles itself: `eval.exact_loss: true` (the default) computes test loss on the whole test split; remove it',
        `4. ${file}:13: eval.iters: unknown key \`iters\``,
        '     fix: `iters` is an mlx-lm training setting: move it to `train.iters`',
      ].join('\n'),
    );
  });
});
