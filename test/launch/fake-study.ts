import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { studySchema } from '../../src/study/schema.js';
import type { Study } from '../../src/study/study.js';
import type { RunSpec } from '../../src/plan/run-spec.js';
import { runLayout } from '../../src/plan/run-layout.js';

/** The fake trainer's argv prefix (replaces `python -m mlx_lm lora`). */
export const FAKE_TRAINER = [process.execPath, resolve('test/fixtures/fake-trainer/fake-trainer.mjs')];

/** A temp dir with train/valid/test.jsonl of `n` lines each. */
export async function fakeData(root: string, n = 8): Promise<string> {
  const dir = join(root, 'data');
  await mkdir(dir, { recursive: true });
  for (const split of ['train', 'valid', 'test']) {
    await writeFile(
      join(dir, `${split}.jsonl`),
      Array.from({ length: n }, (_, i) => JSON.stringify({ text: `${split} ${i}` })).join('\n') + '\n',
    );
  }
  return dir;
}

/** A resolved Study for stage tests, built without the loader: fake trainer, small timeouts. */
export async function fakeStudy(overrides: Partial<Study> = {}, train: Record<string, unknown> = {}): Promise<Study> {
  const root = await mkdtemp(join(tmpdir(), 'seedstudy-train-'));
  const data = await fakeData(root);
  const file = studySchema.parse({
    name: 'fake',
    model: 'model',
    data: 'data',
    seeds: [1, 2],
    eval: { suite: 'suite.yaml' },
    train: { iters: 20, save_every: 10, steps_per_report: 5, steps_per_eval: 10, ...train },
    executor: { kind: 'local', concurrency: 1, eval_concurrency: 0, stall_timeout_s: 5, grace_s: 1 },
    engine: { lora_command: FAKE_TRAINER },
  });
  const { seeds: _s, model: _m, data: _d, output: _o, ...rest } = file;
  return {
    ...rest,
    file: join(root, 'study.yaml'),
    model: join(root, 'model'),
    data,
    seeds: [1, 2],
    outputDir: join(root, 'out'),
    suitePath: join(root, 'suite.yaml'),
    fileSha256: '0'.repeat(64),
    ...overrides,
  };
}

/** A RunSpec for arm/seed of a fake study (runId made from the inputs unless given). */
export function fakeSpec(study: Study, arm: string, seed: number, runId = `run-${arm}-${seed}`): RunSpec {
  const runDir = runLayout.runDir(study.outputDir, arm, seed);
  return {
    runId,
    arm,
    seed,
    runDir,
    config: {
      model: study.model,
      data: study.data,
      train: true,
      seed,
      adapter_path: runLayout.adapters(runDir),
      ...study.train,
    },
  };
}
