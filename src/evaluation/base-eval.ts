import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { writeJsonAtomic } from '../results/atomic-write.js';
import { readValidJson } from '../results/read-valid-json.js';
import { runLayout, studyLayout } from '../plan/run-layout.js';
import { sha256Text } from './canonical-hash.js';
import { evalIdentity, type GenerationSettings } from './eval-identity.js';
import type { EvalSuite } from './suite-schema.js';
import type { CheckpointTarget } from './write-checkpoint-eval.js';

/** The data splits the exact loss reads; their bytes, not their path, identify the base model's losses. */
const LOSS_SPLITS = ['valid.jsonl', 'test.jsonl'] as const;

/**
 * The base model's evaluation target for a run. The base model (step 0, no adapter) gives the same
 * generations and losses for every run that shares the model, the suite, the generation settings and
 * the loss data, so it is evaluated once per such identity and stored in one place,
 * `<output>/base/<identity prefix>/`; each run points at it (`eval/base.json`). The loss data enters
 * the identity by content, so runs whose per-seed data copies (`shuffle_train_per_seed`) hold the
 * same valid/test files share one base evaluation.
 */
export async function baseEvalTarget(
  outputDir: string,
  suite: Pick<EvalSuite, 'generationSha256'>,
  settings: GenerationSettings,
  modelSha256: string,
): Promise<CheckpointTarget> {
  const loss = settings.loss ? { ...settings.loss, data: await splitsDigest(settings.loss.data) } : null;
  const identity = evalIdentity(suite, { ...settings, loss }, null, modelSha256);
  return {
    runId: `base-${identity.slice(0, 16)}`,
    arm: '',
    seed: 0,
    step: 0,
    file: null,
    sha256: null,
    identity,
    dir: studyLayout.baseEvalDir(outputDir, identity),
  };
}

/** sha256 over the valid/test files' bytes (a missing split counts as absent, as the loss treats it). */
async function splitsDigest(dataDir: string): Promise<string> {
  const parts: string[] = [];
  for (const name of LOSS_SPLITS) {
    const text = await readFile(join(dataDir, name), 'utf8').catch(() => null);
    parts.push(`${name}:${text === null ? 'absent' : sha256Text(text)}`);
  }
  return `splits-sha256:${sha256Text(parts.join('\n'))}`;
}

const basePointerSchema = z.strictObject({
  schemaVersion: z.literal(1),
  identity: z.string(),
  /** The shared evaluation directory, relative to the run directory (the output can move). */
  dir: z.string(),
});

/** Which shared base evaluation stands for a run's step 0. */
export type BasePointer = z.infer<typeof basePointerSchema>;

/** Records that a run's step 0 is the shared base evaluation `target` (written before or after it completes). */
export async function writeBasePointer(runDir: string, target: Pick<CheckpointTarget, 'identity' | 'dir'>) {
  const pointer: BasePointer = { schemaVersion: 1, identity: target.identity, dir: relative(runDir, target.dir) };
  await writeJsonAtomic(runLayout.basePointer(runDir), pointer);
}

/** The shared base evaluation of a run: its directory and the identity its manifest must carry; undefined if none. */
export async function readBasePointer(runDir: string): Promise<{ identity: string; dir: string } | undefined> {
  const pointer = await readValidJson(runLayout.basePointer(runDir), basePointerSchema);
  return pointer ? { identity: pointer.identity, dir: resolve(runDir, pointer.dir) } : undefined;
}
