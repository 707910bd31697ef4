import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { localExecutor } from '../../src/launch/local-executor.js';
import { runLayout } from '../../src/plan/run-layout.js';
import type { RunSpec } from '../../src/plan/run-spec.js';
import { readMetrics } from '../../src/results/metrics-record.js';
import type { Study } from '../../src/study/study.js';
import { describeWithTool } from '../helpers/require-tool.js';
import { ensureTinyModel, projectVenv } from '../helpers/tiny-model.js';
import { fakeStudy } from './fake-study.js';

const PYTHON = resolve('.venv/bin/python');
const TRAIN = {
  iters: 40,
  save_every: 20,
  steps_per_report: 10,
  steps_per_eval: 20,
  batch_size: 4,
  num_layers: -1,
  val_batches: 2,
  learning_rate: 1e-3,
};

function spec(study: Study, outputDir: string, seed: number): RunSpec {
  const runDir = runLayout.runDir(outputDir, 'base', seed);
  return {
    runId: `real-base-${seed}`,
    arm: 'base',
    seed,
    runDir,
    config: {
      model: study.model,
      data: study.data,
      train: true,
      seed,
      adapter_path: runLayout.adapters(runDir),
      ...TRAIN,
    },
  };
}

const losses = async (s: RunSpec) =>
  (await readMetrics(runLayout.metrics(s.runDir)))
    .filter((m) => m.kind !== 'save')
    .map((m) => (m.kind === 'train' ? m.train_loss : m.val_loss) as number);

describeWithTool(projectVenv, 'real mlx_lm lora on the tiny model', () => {
  let study: Study;
  beforeAll(async () => {
    const tiny = await ensureTinyModel();
    const base = await fakeStudy();
    study = {
      ...base,
      model: tiny.model,
      data: tiny.data,
      engine: {},
      executor: { kind: 'local', concurrency: 1, eval_concurrency: 0, stall_timeout_s: 300, grace_s: 5 },
      seeds: [1, 2],
    };
  }, 1_200_000); // the first call builds the tiny model (minutes); later calls return at once

  it('trains 2 seeds (40 iters, save every 20): checkpoints with hashes, parsed metrics, seeds differ, a repeat matches', async () => {
    const out = await mkdtemp(join(tmpdir(), 'seedstudy-real-'));
    const runs = [spec(study, out, 1), spec(study, out, 2)];
    const t0 = Date.now();
    const records = await localExecutor.execute(study, runs, { python: PYTHON });
    const repeat = spec(study, join(out, 'repeat'), 1);
    const [again] = await localExecutor.execute(study, [repeat], { python: PYTHON });
    console.info(
      `real training: 3 runs in ${((Date.now() - t0) / 1000).toFixed(1)}s (trainer ${[...records, again!].map((r) => r.durationS).join('s, ')}s)`,
    );

    for (const r of [...records, again!]) {
      expect(r.status, r.errorExcerpt.join('\n')).toBe('succeeded');
      expect(r.checkpoints.map((c) => c.step)).toEqual([20, 40]);
      for (const c of r.checkpoints) expect(c.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(r.versions.mlxLm).toMatch(/^\d+\.\d+/);
      expect(r.firstValLoss).not.toBeNull();
    }
    const metrics = await readMetrics(runLayout.metrics(runs[0]!.runDir));
    expect(metrics.filter((m) => m.kind === 'train').map((m) => m.step)).toEqual([10, 20, 30, 40]);
    expect(metrics.filter((m) => m.kind === 'val').map((m) => m.step)).toEqual([0, 19, 39]);
    expect(metrics.filter((m) => m.kind === 'save').map((m) => m.step)).toEqual([20, 40]);

    const [l1, l2, l1again] = [await losses(runs[0]!), await losses(runs[1]!), await losses(repeat)];
    expect(l1).not.toEqual(l2);
    expect(records[0]!.firstCheckpointSha256).not.toBe(records[1]!.firstCheckpointSha256);
    expect(l1again).toHaveLength(l1.length);
    l1again.forEach((x, i) => expect(Math.abs(x - l1[i]!)).toBeLessThanOrEqual(1e-4));
  }, 600_000);
});
