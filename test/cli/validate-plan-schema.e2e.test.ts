import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { execa } from 'execa';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { studyJsonSchema } from '../../src/study/json-schema.js';
import { makeWorkspace, placeFixture } from '../study/workspace.js';
import { ensureBuiltCli, SEEDSTUDY } from '../helpers/built-cli.js';

/** The compiled CLI (test/helpers/built-cli.ts), as a user runs it. */
const cli = SEEDSTUDY;
beforeAll(ensureBuiltCli, 600_000);
const run = (cwd: string, ...args: string[]) =>
  execa(cli[0], [...cli.slice(1), ...args], {
    cwd,
    reject: false,
    env: { SEEDSTUDY_CACHE_DIR: join(cwd, '.hash-cache') },
    timeout: 60_000,
  });

let ws: string;
beforeAll(async () => {
  ws = await makeWorkspace();
  for (const f of [
    'valid/two-arms.yaml',
    'invalid/typo-arm-train-key.yaml',
    'invalid/too-few-lines-for-batch.yaml',
    'several/missing-model-and-data.yaml',
    'several/missing-model-bad-suite.yaml',
    'several/bad-suite.yaml',
  ])
    await placeFixture(ws, f);
});

describe('seedstudy validate / plan through the CLI', () => {
  it('exits 2 with file:line, key path and fix, and writes nothing', async () => {
    const result = await run(ws, 'validate', 'typo-arm-train-key.yaml');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      `seedstudy: ${join(ws, 'typo-arm-train-key.yaml')}:12: arms[1].train.learning_rat: unknown key \`learning_rat\`\n  fix: did you mean \`learning_rate\`?`,
    );
    expect(existsSync(join(ws, 'runs'))).toBe(false);
  });

  it('validate lists a missing model directory and a missing data directory together, exit 2, writing nothing', async () => {
    const result = await run(ws, 'validate', 'missing-model-and-data.yaml');
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    const file = join(ws, 'missing-model-and-data.yaml');
    expect(result.stderr).toBe(
      [
        'seedstudy: 2 problems:',
        `1. ${file}:2: model: model directory not found: ${join(ws, 'models/qwen')}`,
        '     fix: point `model:` (relative to the study file) at a local mlx model directory with config.json and *.safetensors; seedstudy never downloads models',
        `2. ${file}:3: data: data directory not found: ${join(ws, 'datasets/none')}`,
        '     fix: point `data:` (relative to the study file) at a directory with train.jsonl, valid.jsonl and test.jsonl',
      ].join('\n'),
    );
    expect(existsSync(join(ws, 'runs'))).toBe(false);
  });

  it('validate checks the eval suite even when the model is missing, and reports both', async () => {
    const result = await run(ws, 'validate', 'missing-model-bad-suite.yaml');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      `1. ${join(ws, 'missing-model-bad-suite.yaml')}:2: model: model directory not found: ${join(ws, 'models/qwen')}`,
    );
    expect(result.stderr).toContain(
      `2. ${join(ws, 'bad-suite.yaml')}: prompts[1].id: duplicate prompt id "p1" (prompts[0] and prompts[1])`,
    );
  });

  it('plan refuses a study whose data is too small, also with --output, writing nothing', async () => {
    const result = await run(ws, 'plan', 'too-few-lines-for-batch.yaml', '--output', 'out', '--json');
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('train.batch_size: valid.jsonl has 2 non-empty line(s), fewer than batch_size 4');
    expect(existsSync(join(ws, 'out'))).toBe(false);
    expect(existsSync(join(ws, 'runs'))).toBe(false);
  });

  it('validate prints a short OK summary', async () => {
    const result = await run(ws, 'validate', 'two-arms.yaml');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      [
        `OK ${join(ws, 'two-arms.yaml')}`,
        '  study       demo',
        '  arms        2: a, b',
        '  seeds       3: 0, 1, 2',
        '  runs        6',
        '  checkpoints 2 saved per run, 2 evaluated (+ the base model as step 0)',
        `  output      ${join(ws, 'runs/demo')}`,
      ].join('\n'),
    );
  });

  it('validate lists every mistake that would fail after training, exit 2, writing nothing', async () => {
    await mkdir(join(ws, 'data-late'));
    const good = (i: number) => JSON.stringify({ text: `t${i}` });
    const lines = [0, 1, 2, 3, 4].map(good);
    const train = [...lines.slice(0, 3), 'not json', ...lines.slice(3)];
    await writeFile(join(ws, 'data-late', 'train.jsonl'), train.join('\n') + '\n');
    for (const split of ['valid', 'test']) {
      await writeFile(join(ws, 'data-late', `${split}.jsonl`), lines.join('\n') + '\n');
    }
    await writeFile(join(ws, 'late-suite.yaml'), 'prompts:\n  - {id: q1, prompt: a, regex: "("}\n');
    await writeFile(
      join(ws, 'late.yaml'),
      [
        'name: late',
        'model: model',
        'data: data-late',
        'train:',
        '  num_layers: 2',
        '  lr_schedule: {name: cosine_decay_x, arguments: [0.0001, 100]}',
        'seeds: [1, 4294967296]',
        'eval:',
        '  suite: late-suite.yaml',
        '  scorer: {kind: regex}',
        'engine: {python: ./missing/python}',
        '',
      ].join('\n'),
    );
    const result = await run(ws, 'validate', 'late.yaml');
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    const file = join(ws, 'late.yaml');
    expect(result.stderr).toBe(
      [
        'seedstudy: 5 problems:',
        `1. ${file}:7: seeds[1]: seed 4294967296 is outside 0 .. 4294967295 (2^32 - 1), ` +
          "the range numpy's random seed accepts",
        '     fix: use seeds between 0 and 4294967295',
        `2. ${file}:6: train.lr_schedule.name: mlx-lm has no learning-rate schedule "cosine_decay_x"`,
        '     fix: did you mean `cosine_decay`? ' +
          'use one of cosine_decay, exponential_decay, linear_schedule, step_decay',
        `3. ${join(ws, 'data-late', 'train.jsonl')}:4: line is not valid JSON: not json`,
        '     fix: write one JSON object per line, with no blank lines; mlx-lm reads every line of the file',
        `4. ${file}:11: engine.python: Python interpreter "./missing/python" ` +
          `(${join(ws, 'missing/python')}): not found`,
        '     fix: give the path of an existing program ' +
          "(relative paths are resolved against the study file's directory)",
        `5. ${join(ws, 'late-suite.yaml')}: prompts[0].regex: prompt 0 ("q1"): ` +
          'regex is not a valid JavaScript regular expression: /(/u: Unterminated group',
        '     fix: fix the pattern (JavaScript syntax, unicode mode)',
      ].join('\n'),
    );
    expect(existsSync(join(ws, 'runs'))).toBe(false);
  });

  it('plan --json has the documented shape and writes nothing', async () => {
    const result = await run(ws, 'plan', 'two-arms.yaml', '--json');
    expect(result.exitCode).toBe(0);
    type Json = Record<string, unknown>;
    const plan = JSON.parse(result.stdout) as { study: Json; model: Json; runs: Json[] };
    expect(Object.keys(plan)).toEqual(['study', 'model', 'runs']);
    // the workspace's fake model: a local directory, so no Hugging Face source; both files hashed
    const sha256: unknown = expect.stringMatching(/^[0-9a-f]{64}$/);
    expect(plan.model).toMatchObject({ path: join(ws, 'model'), hf: null, sha256 });
    const names = (plan.model.files as Array<{ name: string }>).map((f) => f.name);
    expect(names).toEqual(['config.json', 'model.safetensors']);
    expect(plan.study).toMatchObject({ name: 'demo', arms: ['a', 'b'], seeds: [0, 1, 2] });
    expect(plan.runs).toHaveLength(6);
    for (const r of plan.runs) expect(Object.keys(r).sort()).toEqual(['arm', 'config', 'runDir', 'runId', 'seed']);
    expect(plan.runs.map((r) => r.seed)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(existsSync(join(ws, 'runs'))).toBe(false);
  });
});

describe('seedstudy schema', () => {
  it('prints a JSON Schema that accepts a valid study and rejects a typo', async () => {
    const result = await run(ws, 'schema');
    expect(result.exitCode).toBe(0);
    const printed = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(printed).toEqual(studyJsonSchema());
    expect(printed.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const validate = new Ajv({ strict: false }).compile(printed);
    expect(validate(parse(await readFile(join(ws, 'two-arms.yaml'), 'utf8')))).toBe(true);
    expect(validate(parse(await readFile(join(ws, 'typo-arm-train-key.yaml'), 'utf8')))).toBe(false);
    expect(validate({ name: 'x', model: 'm', data: 'd', seeds: 'standard-8', eval: { suite: 's.yaml' } })).toBe(true);
  });
});

describe('seedstudy schema --history', () => {
  it('prints the history record schema: the Phase 43 records pass, a typo and a malformed percentage fail', async () => {
    const result = await run(ws, 'schema', '--history');
    expect(result.exitCode).toBe(0);
    const validate = new Ajv({ strict: false }).compile(JSON.parse(result.stdout) as Record<string, unknown>);
    for (const f of ['phase43a-iter600.yaml', 'phase43a-resumed.yaml', 'phase33b.yaml']) {
      expect(validate(parse(await readFile(resolve('studies/phase43/history', f), 'utf8')))).toBe(true);
    }
    const base = { history: 1, arm: 'a', checkpoint: 1, source: 's' };
    expect(validate({ ...base, prompts: [{ id: 'p', category: 'c', scor: 1 }] })).toBe(false);
    expect(validate({ ...base, categories: [{ category: 'c', prompts: 3, score: '33.3%' }] })).toBe(true);
    expect(validate({ ...base, categories: [{ category: 'c', prompts: 3, score: '33.3 percent' }] })).toBe(false);
  });
});
