import { join } from 'node:path';
import { z } from 'zod';
import { writeJsonAtomic } from '../results/atomic-write.js';
import { checkpointOwnerShape } from '../results/checkpoint-owner.js';
import { readValidJson } from '../results/read-valid-json.js';
import { recordDigestSchema, recordFileState } from './record-digest.js';
import { workerThroughputShape } from './worker-protocol.js';

/**
 * `<runDir>/eval/step-NNNNNNN/manifest.json`: written last, after generations.jsonl and scores.jsonl,
 * so its presence with a matching identity means the checkpoint's evaluation is complete.
 */
export const evalManifestSchema = z.strictObject({
  schemaVersion: z.literal(1),
  identity: z.string(),
  ...checkpointOwnerShape,
  suite: z.strictObject({ file: z.string(), name: z.string(), sha256: z.string(), prompts: z.number().int() }),
  settings: z.record(z.string(), z.unknown()),
  mode: z.enum(['adapter', 'fused', 'command']),
  val_loss: z.number().nullable(),
  test_loss: z.number().nullable(),
  val_examples: z.number().int().nullable(),
  test_examples: z.number().int().nullable(),
  generations: z.number().int().min(0),
  timeouts: z.number().int().min(0).describe('Generations cut by the old per-prompt time limit (older versions).'),
  errors: z.number().int().min(0).optional().describe('Prompts not evaluated (errors.jsonl): missing data.'),
  model_loads: z
    .number()
    .int()
    .min(0)
    .describe('Model loads of the worker session that produced this checkpoint (1 unless restarted).'),
  mlx_version: z.string().nullable(),
  mlx_lm_version: z.string().nullable(),
  generation_seconds: z.number().min(0),
  loss_seconds: z.number().min(0).nullable(),
  throughput: z
    .strictObject(workerThroughputShape)
    .optional()
    .describe("The worker's generation throughput for this checkpoint (tokens/s, mean batch occupancy, prefix cache)."),
  scorer: z.string(),
  scorer_fingerprint: z
    .string()
    .optional()
    .describe('scorerFingerprint() of the suite + scorer config the scores came from.'),
  mean_score: z.number().nullable(),
  evaluated_at: z.string(),
  records: z
    .strictObject({ generations: recordDigestSchema, scores: recordDigestSchema })
    .optional()
    .describe('Record count and sha256 of generations.jsonl and scores.jsonl as written (absent in older manifests).'),
});

/** A checkpoint's eval manifest. */
export type EvalManifest = z.infer<typeof evalManifestSchema>;

/** File names inside a checkpoint's eval directory. */
export const evalFiles = {
  manifest: (dir: string) => join(dir, 'manifest.json'),
  generations: (dir: string) => join(dir, 'generations.jsonl'),
  scores: (dir: string) => join(dir, 'scores.jsonl'),
} as const;

/** Reads a manifest; undefined when missing or unreadable (the checkpoint is then evaluated again). */
export async function readEvalManifest(dir: string): Promise<EvalManifest | undefined> {
  return readValidJson(evalFiles.manifest(dir), evalManifestSchema);
}

/**
 * Validates and atomically writes a manifest, after the record files it vouches for: their record
 * counts and sha256 are taken from disk here, so every reader can tell a torn or edited record file.
 */
export async function writeEvalManifest(dir: string, manifest: EvalManifest): Promise<void> {
  const digest = async (file: string) => {
    const { count, sha256 } = await recordFileState(file);
    return { count, sha256 };
  };
  const generations = await digest(evalFiles.generations(dir));
  const scores = await digest(evalFiles.scores(dir));
  const complete = evalManifestSchema.parse({ ...manifest, records: { generations, scores } });
  await writeJsonAtomic(evalFiles.manifest(dir), complete);
}
