import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { discoverCheckpoints } from '../../../src/checkpoints/discover-checkpoints.js';
import { runLayout } from '../../../src/plan/run-layout.js';
import type { RunSpec } from '../../../src/plan/run-spec.js';
import { readRunRecord, writeRunRecord, type RunRecord } from '../../../src/results/run-record.js';
import { studySchema } from '../../../src/study/schema.js';
import type { Study } from '../../../src/study/study.js';
import { tempDir } from './temp-dir.js';

type StudyOpts = { model: string; data: string; suite: string; eval?: Record<string, unknown>; keep?: string };
/** A resolved Study built in memory (no loadStudy / expandPlan needed), with eval overrides. */
export function makeStudy(root: string, opts: StudyOpts): Study & { suitePath: string } {
  const raw = studySchema.parse({
    name: 'evaltest',
    model: opts.model,
    data: opts.data,
    seeds: [0, 1],
    eval: { suite: opts.suite, ...opts.eval },
    ...(opts.keep ? { keep_checkpoints: opts.keep } : {}),
  });
  return {
    ...raw,
    arms: [{ name: 'base' }],
    file: join(root, 'study.yaml'),
    model: opts.model,
    data: opts.data,
    seeds: [0, 1],
    outputDir: join(root, 'out'),
    suitePath: opts.suite,
    fileSha256: 'x'.repeat(64),
  };
}

/** A RunSpec for (arm base, seed) under the study's output dir. */
export function makeSpec(study: Study, seed: number, config: Record<string, unknown> = {}): RunSpec {
  const runDir = runLayout.runDir(study.outputDir, 'base', seed);
  return {
    runId: `run-${seed}`,
    arm: 'base',
    seed,
    runDir,
    config: {
      model: study.model,
      data: study.data,
      train: true,
      seed,
      adapter_path: runLayout.adapters(runDir),
      ...config,
    },
  };
}

/** Writes run.json for a trained run from the checkpoints found in its adapters dir (what training records). */
export async function recordTrainedRun(spec: RunSpec): Promise<RunRecord> {
  const { valid } = await discoverCheckpoints(runLayout.adapters(spec.runDir));
  const record: RunRecord = {
    schemaVersion: 1,
    runId: spec.runId,
    arm: spec.arm,
    seed: spec.seed,
    status: 'succeeded',
    attempts: 1,
    exitCode: 0,
    signal: null,
    exitDescription: null,
    failureReason: null,
    timedOut: false,
    stalled: false,
    cancelled: false,
    startedAt: null,
    endedAt: null,
    durationS: 1,
    host: 'test',
    pid: null,
    trainerPid: null,
    command: [],
    versions: { python: null, mlx: null, mlxLm: null },
    checkpoints: valid,
    invalidCheckpoints: [],
    firstValLoss: null,
    firstCheckpointSha256: valid[0]?.sha256 ?? null,
    lastIteration: null,
    logPath: runLayout.trainLog(spec.runDir),
    errorExcerpt: [],
  };
  await writeRunRecord(spec.runDir, record);
  return record;
}

/** Writes a syntactically valid safetensors file with one random f32 tensor (for fake runs). */
export async function writeFakeSafetensors(file: string): Promise<void> {
  const data = randomBytes(16);
  const header = Buffer.from(
    JSON.stringify({
      'model.layers.0.self_attn.q_proj.lora_a': { dtype: 'F32', shape: [2, 2], data_offsets: [0, 16] },
    }),
  );
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(header.length));
  await writeFile(file, Buffer.concat([len, header, data]));
}

/**
 * A fake trained run (no mlx): a model dir (config.json only), adapter_config.json + numbered fake
 * checkpoints + run.json, and a 3-prompt suite.
 */
export async function fakeStudy(opts: { steps?: number[]; eval?: Record<string, unknown>; keep?: string } = {}) {
  const root = await tempDir('ss-eval-');
  const suite = join(root, 'suite.yaml');
  await writeFile(
    suite,
    [
      'name: mini',
      'prompts:',
      ...['p1', 'p2', 'p3'].map((id) => `  - {id: ${id}, category: c, prompt: "do ${id}", expected_tool: ${id}}`),
    ].join('\n') + '\n',
  );
  await mkdir(join(root, 'model'));
  await writeFile(join(root, 'model', 'config.json'), JSON.stringify({ model_type: 'fake' }));
  const study = makeStudy(root, {
    model: join(root, 'model'),
    data: join(root, 'data'),
    suite,
    ...(opts.eval ? { eval: opts.eval } : {}),
    ...(opts.keep ? { keep: opts.keep } : {}),
  });
  const spec = await addFakeRun(study, 0, opts.steps ?? [2, 4]);
  const record = (await readRunRecord(spec.runDir))!;
  return { root, study, spec, record };
}

/** One more fake trained run (seed) of the fake study: adapter_config.json, numbered checkpoints, run.json. */
export async function addFakeRun(study: Study, seed: number, steps: readonly number[]): Promise<RunSpec> {
  const spec = makeSpec(study, seed, { batch_size: 1 });
  const adapters = runLayout.adapters(spec.runDir);
  await mkdir(adapters, { recursive: true });
  await writeFile(
    join(adapters, 'adapter_config.json'),
    JSON.stringify({
      num_layers: -1,
      lora_parameters: { rank: 2, scale: 1, dropout: 0 },
      batch_size: 1,
      data: study.data,
    }),
  );
  for (const step of steps)
    await writeFakeSafetensors(join(adapters, `${String(step).padStart(7, '0')}_adapters.safetensors`));
  await recordTrainedRun(spec);
  return spec;
}
