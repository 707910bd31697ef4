import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSlurmStudy } from '../../src/launch/slurm/run-slurm-study.js';
import { planStudy } from '../../src/pipeline/plan-study.js';
import { readRunRecord } from '../../src/results/run-record.js';
import { loadStudy } from '../../src/study/load-study.js';
import { ensureTinyDeepModel, venvPython } from '../helpers/tiny-model.js';
import { ensureFreshDist, startLocalSlurm, stopLocalSlurm, requireCluster } from './local-cluster.js';

// executor.trainer: prefix-cache on a REAL one-node Slurm (scripts/slurm/slurm-local.sh): one job builds
// the activation cache, the array of 2 seeds waits for it (--dependency=afterok), each task trains with
// the prefix-cache trainer on the 8-layer tiny model.

let skipReason: string | undefined;
let started = false;
let dir: string;
let studyFile: string;

beforeAll(async () => {
  skipReason = await startLocalSlurm(4);
  if (skipReason) return;
  started = true;
  await ensureFreshDist();
  const deep = await ensureTinyDeepModel();
  dir = await mkdtemp(join(tmpdir(), 'seedstudy-slurm-prefix-'));
  const data = join(dir, 'data');
  await mkdir(data);
  const lines = async (split: string, n: number) =>
    (await readFile(join(deep.data, `${split}.jsonl`), 'utf8')).split('\n').slice(0, n).join('\n') + '\n';
  await writeFile(join(data, 'train.jsonl'), await lines('train', 20));
  await writeFile(join(data, 'valid.jsonl'), await lines('valid', 8));
  await writeFile(join(data, 'test.jsonl'), await lines('test', 8));
  await writeFile(
    join(dir, 'suite.yaml'),
    'name: s\nprompts:\n  - {id: p1, category: c, prompt: "hi", expected_tool: read_file}\n',
  );
  studyFile = join(dir, 'study.yaml');
  await writeFile(
    studyFile,
    stringify({
      name: 'slurm-prefix-cache',
      model: deep.model,
      data,
      train: {
        iters: 6,
        save_every: 3,
        batch_size: 4,
        num_layers: 2,
        learning_rate: 1e-3,
        steps_per_eval: 3,
        val_batches: 1,
      },
      seeds: [1, 2],
      eval: { suite: 'suite.yaml' },
      engine: { python: venvPython() },
      executor: { kind: 'slurm', trainer: 'prefix-cache', concurrency: 2, time: '00:20:00', poll_s: 1 },
      output: 'out',
    }),
  );
}, 1_500_000);

afterAll(async () => {
  if (started) await stopLocalSlurm();
  if (dir && !process.env.SEEDSTUDY_KEEP_TEST_DIR) await rm(dir, { recursive: true, force: true });
}, 180_000);

describe('the prefix-cache trainer on a real one-node Slurm', () => {
  it('submits the cache build as one job, the array waits for it, both seeds train with the cache', async (ctx) => {
    requireCluster(ctx, skipReason, 'Slurm prefix-cache test');
    const study = await loadStudy(studyFile);
    const plan = await planStudy(study);
    const result = await runSlurmStudy(study, plan, { evaluate: false });
    expect(result.outcome, JSON.stringify(result.runs)).toBe('succeeded');
    const script = await readFile(join(study.outputDir, 'slurm', 'batch-0001', 'job.sh'), 'utf8');
    expect(script).toMatch(/--dependency=afterok:\d+ --kill-on-invalid-dep=yes/);
    const build = await readFile(join(study.outputDir, 'slurm', 'prefix-cache', 'build-caches.sh'), 'utf8');
    expect(build).toContain('prefix_cache_trainer.py build --cache');
    const cache = plan.prefixCaches![0]!.dir;
    const manifest = JSON.parse(await readFile(join(cache, 'manifest.json'), 'utf8')) as { complete: boolean };
    expect(manifest.complete).toBe(true);
    const records = await Promise.all(plan.runs.map((r) => readRunRecord(r.runDir)));
    for (const r of records) {
      expect(r?.status).toBe('succeeded');
      expect(r?.trainer).toBe('prefix-cache');
      expect(r?.checkpoints.map((c) => c.step)).toEqual([3, 6]);
    }
    expect(records[0]!.checkpoints[0]!.sha256).not.toBe(records[1]!.checkpoints[0]!.sha256); // seeds differ
  }, 900_000);
});
