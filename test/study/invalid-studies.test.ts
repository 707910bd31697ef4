import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isUserError } from '../../src/errors/user-error.js';
import { loadStudy } from '../../src/study/load-study.js';
import { repoRoot } from '../../src/study/repo-root.js';
import { makeWorkspace, placeFixture, studyFixtures } from './workspace.js';

/**
 * Every file in test/fixtures/studies/invalid with the exact paragraph the CLI prints for it
 * (`<ws>` is the temporary workspace, `<repo>` the installation root).
 */
const expected: Array<[string, string]> = [
  [
    'analysis-step-after-last.yaml',
    '<ws>/analysis-step-after-last.yaml:12: analysis.checkpoint: step 400 is after the last step 300\n  fix: choose a multiple of save_every no larger than iters, or `final`',
  ],
  [
    'arm-setting-outside-train.yaml',
    '<ws>/arm-setting-outside-train.yaml:9: arms[1].learning_rate: unknown key `learning_rate`\n  fix: `learning_rate` is an mlx-lm training setting: move it to `arms[1].train.learning_rate`',
  ],
  [
    'arm-iters-not-multiple.yaml',
    '<ws>/arm-iters-not-multiple.yaml:12: arms[1].train.iters: iters 330 is not a multiple of save_every 50 (arm "long")\n  fix: set iters to 300 or 350, or change save_every: otherwise the final weights exist only as adapters.safetensors and the last checkpoint can\'t be evaluated like the others',
  ],
  [
    'arm-names-differ-by-case.yaml',
    '<ws>/arm-names-differ-by-case.yaml:8: arms[1].name: arm name "Base" is already used by arms[0] ("base"; names are compared ignoring case)\n  fix: give every arm a different name: it becomes the directory runs/<arm>/',
  ],
  [
    'bad-analysis-checkpoint.yaml',
    '<ws>/bad-analysis-checkpoint.yaml:10: analysis.checkpoint: must be final, best-val or step=N, got the string "last"\n  fix: change `checkpoint` — Pre-registered checkpoint policy for headline numbers: final, best-val or step=N.',
  ],
  [
    'bad-executor-kind.yaml',
    '<ws>/bad-executor-kind.yaml:10: executor.kind: unknown executor kind "kubernetes"; expected one of "local", "slurm"\n  fix: use one of "local" or "slurm"',
  ],
  [
    'bad-fine-tune-type.yaml',
    '<ws>/bad-fine-tune-type.yaml:6: train.fine_tune_type: must be one of "lora", "dora", "full", got the string "lorra"\n  fix: did you mean `lora`?',
  ],
  [
    'bad-quantize-bits.yaml',
    '<ws>/bad-quantize-bits.yaml:11: eval.fuse.quantize_bits: must be one of 2, 3, 4, 5, 6, 8, got 7\n  fix: use one of 2, 3, 4, 5, 6 or 8',
  ],
  [
    'baseline-unknown-arm.yaml',
    '<ws>/baseline-unknown-arm.yaml:16: baselines[0].arm: no arm named "coder-30b"\n  fix: did you mean `coder30b`?',
  ],
  [
    'baseline-without-arm.yaml',
    '<ws>/baseline-without-arm.yaml:14: baselines[0]: baseline "phase33b" does not say which arm it claims to describe\n  fix: add `arm:` with one of coder30b, coder7b',
  ],
  [
    'claimed-above-one.yaml',
    '<ws>/claimed-above-one.yaml:11: baselines[0].claimed: must be <= 1, got 82.4\n  fix: write the claim as printed: a percentage string such as `"82.4%"`, or a fraction such as `0.824`',
  ],
  [
    'duplicate-arm-names.yaml',
    '<ws>/duplicate-arm-names.yaml:9: arms[2].name: arm name "lr-low" is already used by arms[0]\n  fix: give every arm a different name: it becomes the directory runs/<arm>/',
  ],
  [
    'duplicate-seeds.yaml',
    '<ws>/duplicate-seeds.yaml:9: seeds[2]: seed 1 is listed twice (seeds[1] and seeds[2])\n  fix: list each seed once: runs are paired by seed across arms',
  ],
  [
    'duplicate-yaml-key.yaml',
    '<ws>/duplicate-yaml-key.yaml:6: key `num_layers` is written twice in the same mapping\n  fix: keep one of the two entries',
  ],
  [
    'empty.yaml',
    '<ws>/empty.yaml: the study file is empty\n  fix: start from studies/demo.yaml, or run `seedstudy schema` for the full list of keys',
  ],
  [
    'eval-checkpoint-not-saved.yaml',
    '<ws>/eval-checkpoint-not-saved.yaml:11: eval.checkpoints[1]: step 150 is not saved: checkpoints are written every 100 steps\n  fix: list only multiples of save_every no larger than iters',
  ],
  [
    'eval-every-not-saved.yaml',
    '<ws>/eval-every-not-saved.yaml:12: eval.checkpoints.every: every 150 is not a multiple of save_every 100\n  fix: use a multiple of 100, e.g. every: 200',
  ],
  [
    'fractional-iters.yaml',
    '<ws>/fractional-iters.yaml:6: train.iters: expected an integer, got 1.5\n  fix: write an integer for `iters` — Training iterations (micro-batches).',
  ],
  [
    'fuse-without-fused-mode.yaml',
    '<ws>/fuse-without-fused-mode.yaml:9: eval.fuse: fuse settings are given but eval.mode is "adapter"\n  fix: add `mode: fused` under `eval:`, or remove `fuse:`',
  ],
  [
    'identical-arms.yaml',
    '<ws>/identical-arms.yaml:12: arms[2]: arm "low-again" trains exactly like arm "low"\n  fix: give "low-again" a train override that differs, or remove it',
  ],
  [
    'iters-not-multiple-of-save-every.yaml',
    "<ws>/iters-not-multiple-of-save-every.yaml:6: train.iters: iters 250 is not a multiple of save_every 100\n  fix: set iters to 200 or 300, or change save_every: otherwise the final weights exist only as adapters.safetensors and the last checkpoint can't be evaluated like the others",
  ],
  [
    'learning-rate-ignored-by-schedule.yaml',
    '<ws>/learning-rate-ignored-by-schedule.yaml:13: arms[1].train.learning_rate: learning_rate is ignored by mlx-lm because lr_schedule is set (arm "high")\n  fix: remove learning_rate and put the rate in lr_schedule.arguments (e.g. cosine_decay: [peak, steps, end])',
  ],
  [
    'lora-alpha-key.yaml',
    [
      '2 problems:',
      '1. <ws>/lora-alpha-key.yaml:8: train.lora_parameters.alpha: unknown key `alpha`',
      '     fix: remove it; allowed keys here: rank, scale, dropout, keys',
      '2. <ws>/lora-alpha-key.yaml:6: train.lora_parameters.scale: required key is missing',
      '     fix: add `scale:` — Multiplier of the LoRA delta (not alpha/r).',
    ].join('\n'),
  ],
  [
    'lora-parameters-incomplete.yaml',
    '<ws>/lora-parameters-incomplete.yaml:9: arms[0].train.lora_parameters: lora_parameters lacks scale, dropout\n  fix: give rank, scale and dropout in train.lora_parameters (an arm may then override any of them)',
  ],
  [
    'missing-model-dir.yaml',
    '<ws>/missing-model-dir.yaml:2: model: model directory not found: <ws>/models/qwen\n  fix: point `model:` (relative to the study file) at a local mlx model directory with config.json and *.safetensors; seedstudy never downloads models',
  ],
  [
    'missing-model.yaml',
    '<ws>/missing-model.yaml: model: required key is missing\n  fix: add `model:` — Local mlx model directory (relative to the study file).',
  ],
  [
    'missing-suite.yaml',
    '<ws>/missing-suite.yaml:8: eval.suite: eval suite not found: <ws>/prompts.yaml\n  fix: point `eval.suite` (relative to the study file) at a JSONL or YAML eval suite',
  ],
  [
    'missing-test-split.yaml',
    '<ws>/missing-test-split.yaml:3: data: missing test.jsonl in <ws>/data-no-test\n  fix: add test.jsonl (one JSON example per line); mlx-lm needs all three splits',
  ],
  [
    'negative-seed.yaml',
    '<ws>/negative-seed.yaml:6: seeds[1]: must be >= 0, got -1\n  fix: use a value >= 0 for `seeds[1]`',
  ],
  [
    'num-layers-default-too-large.yaml',
    '<ws>/num-layers-default-too-large.yaml:4: train: num_layers is not set, so mlx-lm uses 16, but the model has only 4 layers\n  fix: set num_layers to a number from 1 to 4, or -1 for all layers',
  ],
  [
    'num-layers-too-large.yaml',
    "<ws>/num-layers-too-large.yaml:5: train.num_layers: num_layers 8 is more than the model's 4 layers\n  fix: set num_layers to a number from 1 to 4, or -1 for all layers",
  ],
  [
    'quoted-number.yaml',
    '<ws>/quoted-number.yaml:6: train.learning_rate: expected a number, got the string "0.001"\n  fix: remove the quotes: `learning_rate: 0.001`',
  ],
  [
    'seeds-wrong-type.yaml',
    '<ws>/seeds-wrong-type.yaml:6: seeds: expected a list, a mapping or a string, got 5\n  fix: use a list (`seeds: [0, 1, 2]`), a range (`seeds: {count: 8, start: 0}`) or a seed set name (`seeds: standard-8`)',
  ],
  [
    'sequential-bad-design.yaml',
    '5 problems:\n1. <ws>/sequential-bad-design.yaml:16: sequential.looks[1]: look 2 (4 seeds) does not come after look 1 (5 seeds)\n     fix: list the looks as increasing cumulative seed counts, e.g. [5, 10, 15, 20]\n2. <ws>/sequential-bad-design.yaml:16: sequential.looks[2]: the last look needs 20 seeds but `seeds` lists 10\n     fix: list at least 20 seeds, or end the looks at 10\n3. <ws>/sequential-bad-design.yaml:15: sequential.arms[1]: no arm named "varaint"\n     fix: did you mean `variant`?\n4. <ws>/sequential-bad-design.yaml:17: sequential.spending: hwang-shih-decani spending needs its γ\n     fix: add `gamma:` next to it (−4 spends like O\'Brien–Fleming, 1 like Pocock)\n5. <ws>/sequential-bad-design.yaml:18: sequential.futility: a futility bound is planned at a design effect, and none is given\n     fix: add `effect: {d: 1}` (or `{points: …, sd: …}`) to `sequential`, or remove `futility`',
  ],
  [
    'temperature-without-eval-seed.yaml',
    '<ws>/temperature-without-eval-seed.yaml:9: eval.temperature: temperature 0.7 samples at random but eval.eval_seed is not set\n  fix: add `eval_seed: 0` under `eval:` (or set temperature: 0 for greedy decoding)',
  ],
  [
    'too-few-lines-for-batch.yaml',
    '<ws>/too-few-lines-for-batch.yaml:6: train.batch_size: valid.jsonl has 2 non-empty line(s), fewer than batch_size 4\n  fix: add examples to <ws>/data-short/valid.jsonl or lower batch_size to 2',
  ],
  [
    'typo-arm-train-key.yaml',
    '<ws>/typo-arm-train-key.yaml:12: arms[1].train.learning_rat: unknown key `learning_rat`\n  fix: did you mean `learning_rate`?',
  ],
  [
    'typo-slurm-key.yaml',
    '<ws>/typo-slurm-key.yaml:11: executor.partiton: unknown key `partiton`\n  fix: did you mean `partition`?',
  ],
  ['typo-top-level-key.yaml', '<ws>/typo-top-level-key.yaml:6: seed: unknown key `seed`\n  fix: did you mean `seeds`?'],
  [
    'typo-train-key.yaml',
    '<ws>/typo-train-key.yaml:7: train.learning_rat: unknown key `learning_rat`\n  fix: did you mean `learning_rate`?',
  ],
  [
    'unknown-seed-set.yaml',
    '<ws>/unknown-seed-set.yaml:6: seeds: unknown seed set "standard-9"\n  fix: use one of standard-20, standard-5, standard-8 (files in <repo>/seeds), or a list of seeds',
  ],
  [
    'unsafe-arm-name.yaml',
    '<ws>/unsafe-arm-name.yaml:7: arms[0].name: must be 1-64 characters of letters, digits, ".", "_" or "-", starting with a letter or digit, got the string "../escape"\n  fix: change `name` — A name safe to use as a directory name.',
  ],
  [
    'yaml-syntax-error.yaml',
    '<ws>/yaml-syntax-error.yaml:6: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]\n  fix: fix the YAML syntax at that line (indentation, a missing ":" or an unclosed quote)',
  ],
];

let workspace: string;
beforeAll(async () => {
  workspace = await makeWorkspace();
});

describe('invalid study files', () => {
  it('has an expected message for every fixture, and at least 20 of them', async () => {
    const files = (await readdir(join(studyFixtures, 'invalid'))).filter((f) => f.endsWith('.yaml')).sort();
    expect(expected.map(([f]) => f).sort()).toEqual(files);
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.each(expected)('%s', async (fixture, message) => {
    const file = await placeFixture(workspace, `invalid/${fixture}`);
    const error = await loadStudy(file, { cwd: workspace }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isUserError(error)).toBe(true);
    if (!isUserError(error)) return;
    expect(error.exitCode).toBe(2);
    expect(error.format().replaceAll(workspace, '<ws>').replaceAll(`${repoRoot}/`, '<repo>/')).toBe(message);
  });
});
