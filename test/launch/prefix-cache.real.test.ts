import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { execa } from 'execa';
import { stringify } from 'yaml';
import { beforeAll, expect, it } from 'vitest';
import { localExecutor } from '../../src/launch/local-executor.js';
import { parseTrainerLogLine } from '../../src/launch/parse-log-line.js';
import { buildPrefixCaches } from '../../src/pipeline/build-prefix-caches.js';
import { runLayout } from '../../src/plan/run-layout.js';
import type { RunSpec } from '../../src/plan/run-spec.js';
import { readMetrics } from '../../src/results/metrics-record.js';
import type { Study } from '../../src/study/study.js';
import { describeWithTool } from '../helpers/require-tool.js';
import { ensureTinyDeepModel, offlineEnv, projectVenv, venvPython } from '../helpers/tiny-model.js';
import { fakeStudy } from './fake-study.js';

/**
 * The prefix-cache trainer against the real `mlx_lm lora` on the 8-layer tiny model with LoRA on the top 2:
 * for 3 seeds × grad_accumulation_steps 1 and 2, with a warmup + cosine lr_schedule, LoRA dropout (so the
 * mlx RNG inside the compiled step matters), validation mid-training (steps_per_eval 5 of 12) and a
 * 5-batch training set (so the data order crosses epochs after validation draws), every checkpoint file
 * must be byte-identical and every logged loss equal. Then a kill -9 between two checkpoints, mid gradient
 * accumulation, followed by `--resume` must end with the same bytes as the uninterrupted run.
 */

const TRAINER = resolve('scripts/prefix_cache_trainer.py');
const SEEDS = [1, 2, 3];
const TRAIN: Record<string, unknown> = {
  train: true,
  fine_tune_type: 'lora',
  num_layers: 2,
  batch_size: 4,
  iters: 12,
  val_batches: 2,
  steps_per_report: 2,
  steps_per_eval: 5,
  save_every: 3,
  max_seq_length: 256,
  lr_schedule: { name: 'cosine_decay', arguments: [1e-3, 12, 1e-5], warmup: 3, warmup_init: 1e-5 },
  lora_parameters: { rank: 4, dropout: 0.1, scale: 10.0 },
};

const sha256 = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

/** Every .safetensors file of an adapters dir (checkpoints and the final adapters.safetensors) by sha256. */
async function adapterHashes(dir: string): Promise<Record<string, string>> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.safetensors')).sort();
  return Object.fromEntries(await Promise.all(files.map(async (f) => [f, await sha256(join(dir, f))] as const)));
}

/** The train and val losses seedstudy's parser reads from a trainer's output, in order. */
function loggedLosses(stdout: string): string[] {
  return stdout.split('\n').flatMap((line) => {
    const p = parseTrainerLogLine(line);
    if (p?.kind === 'train') return [`train ${p.iteration} ${p.trainLoss}`];
    if (p?.kind === 'val') return [`val ${p.iteration} ${p.valLoss}`];
    if (p?.kind === 'save') return [`save ${p.iteration} ${p.checkpoint}`];
    return [];
  });
}

describeWithTool(projectVenv, 'prefix-cache trainer vs mlx_lm lora on the 8-layer tiny model', () => {
  let work: string;
  let cache: string;
  const config = async (name: string, extra: Record<string, unknown>) => {
    const file = join(work, `${name}.yaml`);
    await writeFile(file, stringify({ ...TRAIN, ...extra }));
    return file;
  };
  const run = (argv: string[], env: Record<string, string> = {}) =>
    execa(venvPython(), argv, { env: { ...offlineEnv(), ...env }, reject: false, timeout: 300_000, all: true });

  beforeAll(async () => {
    const deep = await ensureTinyDeepModel();
    work = await mkdtemp(join(tmpdir(), 'seedstudy-prefix-cache-'));
    const data = join(work, 'data');
    await mkdir(data);
    const lines = async (split: string, n: number) =>
      (await readFile(join(deep.data, `${split}.jsonl`), 'utf8')).split('\n').slice(0, n).join('\n') + '\n';
    await writeFile(join(data, 'train.jsonl'), await lines('train', 22)); // 5 batches of 4, 2 lines never used
    await writeFile(join(data, 'valid.jsonl'), await lines('valid', 12)); // 3 batches, 2 per validation
    Object.assign(TRAIN, { model: deep.model, data });
    cache = join(work, 'cache');
    const built = await run([TRAINER, 'build', '--cache', cache, '--config', await config('build', {})]);
    expect(built.exitCode, built.all).toBe(0);
    const manifest = JSON.parse(await readFile(join(cache, 'manifest.json'), 'utf8')) as { batches: unknown };
    expect(manifest.batches).toEqual({ train: 5, valid: 3 });
  }, 1_200_000);

  it('3 seeds × grad_accumulation_steps 1 and 2: identical checkpoint bytes and logged losses', async () => {
    const t0 = Date.now();
    for (const accum of [1, 2]) {
      for (const seed of SEEDS) {
        const cfg = await config(`s${seed}-a${accum}`, { seed, grad_accumulation_steps: accum });
        const refDir = join(work, `ref-${seed}-${accum}`);
        const pcDir = join(work, `pc-${seed}-${accum}`);
        const ref = await run(['-m', 'mlx_lm', 'lora', '--config', cfg, '--adapter-path', refDir]);
        const pc = await run([TRAINER, 'train', '--cache', cache, '--config', cfg, '--adapter-path', pcDir]);
        expect(ref.exitCode, ref.all).toBe(0);
        expect(pc.exitCode, pc.all).toBe(0);
        const refHashes = await adapterHashes(refDir);
        expect(Object.keys(refHashes)).toEqual([
          '0000003_adapters.safetensors',
          '0000006_adapters.safetensors',
          '0000009_adapters.safetensors',
          '0000012_adapters.safetensors',
          'adapters.safetensors',
        ]);
        expect(await adapterHashes(pcDir), `seed ${seed}, accumulation ${accum}`).toEqual(refHashes);
        const refLosses = loggedLosses(ref.stdout);
        expect(refLosses.filter((l) => l.startsWith('val')).length).toBe(4); // iterations 1, 5, 10 and 12
        expect(loggedLosses(pc.stdout)).toEqual(refLosses);
        const refConfig = JSON.parse(await readFile(join(refDir, 'adapter_config.json'), 'utf8')) as object;
        const pcConfig = JSON.parse(await readFile(join(pcDir, 'adapter_config.json'), 'utf8')) as object;
        expect({ ...pcConfig, adapter_path: '' }).toEqual({ ...refConfig, adapter_path: '' });
      }
    }
    console.info(`prefix-cache equivalence: 12 trainings in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  }, 600_000);

  it('kill -9 mid-run, then --resume: checkpoints byte-identical to the uninterrupted run', async () => {
    const cfg = await config('resume', { seed: 2, grad_accumulation_steps: 2 });
    const whole = join(work, 'whole');
    const cut = join(work, 'cut');
    const args = (dir: string) => [
      TRAINER,
      'train',
      '--cache',
      cache,
      '--resume',
      '--config',
      cfg,
      '--adapter-path',
      dir,
    ];
    expect((await run(args(whole))).exitCode).toBe(0);
    // Killed at iteration 11, so the resume starts from checkpoint 9's state, which is mid gradient
    // accumulation (9 is odd) and mid report (reports every 2): both partial sums must survive.
    const killed = await run(args(cut), { SEEDSTUDY_TEST_SIGKILL_AT_ITER: '11' });
    expect(killed.signal).toBe('SIGKILL');
    expect(Object.keys(await adapterHashes(cut))).not.toContain('0000012_adapters.safetensors');
    const resumed = await run(args(cut));
    expect(resumed.exitCode, resumed.all).toBe(0);
    expect(resumed.stdout).toContain('resuming after iteration 9');
    expect(await adapterHashes(cut)).toEqual(await adapterHashes(whole));
  }, 300_000);

  it('through seedstudy: builds the cache, trains with it, records the trainer, resumes a killed run exactly', async () => {
    const base = await fakeStudy();
    const study: Study = {
      ...base,
      model: TRAIN.model as string,
      data: TRAIN.data as string,
      outputDir: join(work, 'study-out'),
      engine: {},
      executor: {
        kind: 'local',
        trainer: 'prefix-cache',
        concurrency: 1,
        eval_concurrency: 0,
        stall_timeout_s: 300,
        grace_s: 5,
      },
      seeds: [2],
    };
    const runDir = runLayout.runDir(study.outputDir, 'base', 2);
    const { model, data, ...rest } = TRAIN;
    const spec: RunSpec = {
      runId: 'prefix-cache-2',
      arm: 'base',
      seed: 2,
      runDir,
      config: {
        ...rest,
        model: model as string,
        data: data as string,
        train: true,
        seed: 2,
        grad_accumulation_steps: 2,
        adapter_path: runLayout.adapters(runDir),
      },
    };
    const caches = await buildPrefixCaches(study, [spec], venvPython());
    expect(caches).toHaveLength(1);
    expect(caches[0]!.batches).toEqual({ train: 5, valid: 3 });
    const [record] = await localExecutor.execute(study, [spec], { python: venvPython() });
    expect(record!.status, record!.errorExcerpt.join('\n')).toBe('succeeded');
    expect(record!.trainer).toBe('prefix-cache');
    expect(record!.command).toContain('--resume');
    expect(record!.checkpoints.map((c) => c.step)).toEqual([3, 6, 9, 12]);
    const whole = await adapterHashes(join(work, 'whole')); // mlx-lm-identical: the test above
    for (const c of record!.checkpoints) expect(c.sha256).toBe(whole[basename(c.file)]);
    expect(record!.firstValLoss).not.toBeNull();

    // Killed at iteration 11, then trained again by seedstudy: it keeps the adapters and the metrics up to
    // the saved state (iteration 9), the trainer resumes exactly, run.json says so.
    const cutDir = runLayout.runDir(join(work, 'study-cut'), 'base', 2);
    const cutSpec: RunSpec = {
      ...spec,
      runDir: cutDir,
      config: { ...spec.config, adapter_path: runLayout.adapters(cutDir) },
    };
    const cutStudy: Study = { ...study, outputDir: join(work, 'study-out') }; // the same cache
    process.env.SEEDSTUDY_TEST_SIGKILL_AT_ITER = '11';
    const [killed] = await localExecutor
      .execute(cutStudy, [cutSpec], { python: venvPython() })
      .finally(() => delete process.env.SEEDSTUDY_TEST_SIGKILL_AT_ITER);
    expect(killed!.status).toBe('failed');
    const [resumed] = await localExecutor.execute(cutStudy, [cutSpec], { python: venvPython() });
    expect(resumed!.status, resumed!.errorExcerpt.join('\n')).toBe('succeeded');
    expect(resumed!.resumedFromIteration).toBe(9);
    expect(resumed!.checkpoints.map((c) => c.sha256)).toEqual(record!.checkpoints.map((c) => c.sha256));
    expect(resumed!.firstValLoss).toBe(record!.firstValLoss);
    const metrics = await readMetrics(runLayout.metrics(cutDir));
    const trainIterations = metrics.filter((m) => m.kind === 'train').map((m) => m.iteration);
    expect(trainIterations).toEqual([2, 4, 6, 8, 10, 12]); // each report once: before and after the resume
  }, 300_000);
});
