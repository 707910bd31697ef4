import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expandPlan } from '../../src/plan/expand-plan.js';
import { runSpecFieldClasses } from '../../src/plan/field-classes.js';
import { formatPlan } from '../../src/plan/format-plan.js';
import { loadStudy } from '../../src/study/load-study.js';
import { makeWorkspace, placeFixture } from '../study/workspace.js';

let ws: string;
let baseText: string;
beforeAll(async () => {
  ws = await makeWorkspace();
  baseText = await readFile(await placeFixture(ws, 'valid/two-arms.yaml'), 'utf8');
});

/** Plans a variant of valid/two-arms.yaml (edited by `edit`) in its own copy of the workspace files. */
async function planOf(edit: (text: string) => string = (t) => t, dir = ws, output?: string) {
  const file = join(dir, `study-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, edit(baseText));
  const study = await loadStudy(file, { cwd: dir, ...(output ? { output } : {}) });
  return expandPlan(study, '0.32.2', { hashCacheFile: join(dir, 'hash-cache.json') });
}
const ids = (plan: Awaited<ReturnType<typeof planOf>>) => plan.runs.map((r) => r.runId);

describe('expandPlan', () => {
  it('orders runs seed-major and fills each run', async () => {
    const plan = await planOf();
    expect(plan.runs.map((r) => `${r.arm}/${r.seed}`)).toEqual(['a/0', 'b/0', 'a/1', 'b/1', 'a/2', 'b/2']);
    expect(plan.study).toEqual({
      name: 'demo',
      file: expect.stringContaining(ws) as unknown,
      outputDir: join(ws, 'runs/demo'),
      arms: ['a', 'b'],
      seeds: [0, 1, 2],
    });
    const run = plan.runs[1]!;
    expect(run.runDir).toBe(join(ws, 'runs/demo/runs/b/seed-0'));
    expect(run.runId).toMatch(/^[0-9a-f]{16}$/);
    expect(run.config).toEqual({
      model: join(ws, 'model'),
      data: join(ws, 'data'),
      train: true,
      seed: 0,
      adapter_path: join(run.runDir, 'adapters'),
      batch_size: 2,
      iters: 200,
      learning_rate: 0.001,
      num_layers: 2,
      save_every: 100,
    });
    expect(new Set(ids(plan)).size).toBe(6);
    // a RunSpec field added without a class in field-classes.ts fails here
    expect(Object.keys(run).sort()).toEqual(Object.keys(runSpecFieldClasses).sort());
  });

  it('gives the same study the same runIds', async () => {
    expect(ids(await planOf())).toEqual(ids(await planOf()));
  });

  it('changes runIds when learning_rate, an arm override or the mlx-lm version changes', async () => {
    const base = ids(await planOf());
    const lr = ids(await planOf((t) => t.replace('learning_rate: 0.0001', 'learning_rate: 0.0002')));
    expect(lr.filter((id, i) => id !== base[i])).toHaveLength(3); // arm a only: b overrides the rate
    const arm = ids(await planOf((t) => t.replace('learning_rate: 0.001', 'learning_rate: 0.002')));
    expect(arm.map((id, i) => id !== base[i])).toEqual([false, true, false, true, false, true]);
    const study = await loadStudy(join(ws, 'two-arms.yaml'), { cwd: ws });
    const other = await expandPlan(study, '0.31.3', { hashCacheFile: join(ws, 'hash-cache.json') });
    expect(ids(other).some((id, i) => id === base[i])).toBe(false);
  });

  it('changes runIds when one byte of a data file or a model file changes', async () => {
    const dir = await makeWorkspace();
    const before = ids(await planOf(undefined, dir));
    // One byte more that keeps every line valid JSON (validate refuses a data line mlx-lm cannot parse).
    const valid = join(dir, 'data', 'valid.jsonl');
    await writeFile(valid, (await readFile(valid, 'utf8')).replace('{', '{ '));
    const afterData = ids(await planOf(undefined, dir));
    expect(afterData.some((id, i) => id === before[i])).toBe(false);
    await writeFile(join(dir, 'model', 'tokenizer_config.json'), '{}');
    expect(ids(await planOf(undefined, dir)).some((id, i) => id === afterData[i])).toBe(false);
  });

  it('keeps runIds when operational settings change', async () => {
    const base = ids(await planOf());
    const variants = [
      (t: string) => `${t}executor: {kind: local, concurrency: 4, stall_timeout_s: 60}\n`,
      (t: string) => `${t}output: elsewhere\n`,
      (t: string) => `${t}  max_tokens: 64\n  temperature: 0.5\n  eval_seed: 3\n  checkpoints: [100]\n`,
      (t: string) => `${t}analysis: {checkpoint: best-val, resamples: 100}\nkeep_checkpoints: final\n`,
      (t: string) => t.replace('name: demo', 'name: renamed\ndescription: same runs'),
    ];
    for (const edit of variants) expect(ids(await planOf(edit))).toEqual(base);
    expect(ids(await planOf(undefined, ws, join(ws, 'other-output')))).toEqual(base);
  });

  it("strips shuffle_train_per_seed and points data at the run's shuffled copy", async () => {
    const plan = await planOf((t) =>
      t.replace('  save_every: 100\n', '  save_every: 100\n  shuffle_train_per_seed: true\n'),
    );
    const run = plan.runs[0]!;
    expect(run.config).not.toHaveProperty('shuffle_train_per_seed');
    expect(run.config.data).toBe(join(run.runDir, 'data'));
    expect(ids(plan)).not.toEqual(ids(await planOf()));
  });

  it('caches big-file hashes outside the model directory', async () => {
    const dir = await makeWorkspace();
    await mkdir(join(dir, 'model'), { recursive: true });
    await writeFile(join(dir, 'model', 'model.safetensors'), Buffer.alloc(2 << 20, 1));
    const first = ids(await planOf(undefined, dir));
    const cache = JSON.parse(await readFile(join(dir, 'hash-cache.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(cache)).toEqual([join(dir, 'model', 'model.safetensors')]);
    expect(ids(await planOf(undefined, dir))).toEqual(first);
  });

  it('formats a readable matrix', async () => {
    const text = formatPlan(await planOf(), ws);
    expect(text.split('\n').slice(0, 6)).toEqual([
      'study demo: 2 arm(s) × 3 seed(s) = 6 run(s), seed-major order',
      `output ${join(ws, 'runs/demo')}`,
      'shared batch_size=2 iters=200 num_layers=2 save_every=100',
      '',
      expect.stringMatching(/^#\s+arm\s+seed\s+runId\s+learning_rate\s+run dir$/),
      expect.stringMatching(/^1\s+a\s+0\s+[0-9a-f]{16}\s+0\.0001\s+runs\/demo\/runs\/a\/seed-0$/),
    ]);
  });
});
