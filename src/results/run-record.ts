import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { UserError } from '../errors/user-error.js';
import { runLayout } from '../plan/run-layout.js';
import { writeJsonAtomic } from './atomic-write.js';

/** Where a run is in its life; `running` with a dead owner is recovered as `interrupted`. */
export const runStatusSchema = z.enum(['pending', 'running', 'succeeded', 'failed', 'interrupted']);
export type RunStatus = z.infer<typeof runStatusSchema>;

/** A saved adapter checkpoint, identified by its content so later stages can prove which file they used. */
export const checkpointRecordSchema = z.strictObject({
  step: z.number().int().positive(),
  file: z.string().describe('Absolute path of NNNNNNN_adapters.safetensors.'),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  pruned: z
    .boolean()
    .optional()
    .describe('Deleted on purpose (keep_checkpoints) after evaluation; resume does not expect the file.'),
});
export type CheckpointRecord = z.infer<typeof checkpointRecordSchema>;

/** Slurm bookkeeping, written only by the Slurm executor. */
export const slurmRunInfoSchema = z.strictObject({
  jobId: z.string(),
  arrayTaskId: z.number().int().min(0).nullable(),
  state: z.string().nullable(),
  reason: z.string().nullable(),
});

/**
 * `<runDir>/run.json`: the one record of a training run, the same shape for success and failure
 * (status, exit code, signal, flags, duration, log path, error excerpt). Written atomically, so a
 * crash of seedstudy leaves the previous version, never a torn file.
 */
export const runRecordSchema = z.strictObject({
  schemaVersion: z.literal(1),
  runId: z
    .string()
    .describe('Content hash of the RunSpec this run trained; a mismatch with the plan means the config changed.'),
  arm: z.string(),
  seed: z.number().int().min(0),
  status: runStatusSchema,
  attempts: z.number().int().min(0).describe('Training attempts started, this one included.'),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  exitDescription: z.string().nullable().describe('Human words for the exit, e.g. "killed (often out of memory)".'),
  failureReason: z.string().nullable().describe('Why the run is not succeeded (exit, stall, partial checkpoint, ...).'),
  timedOut: z.boolean(),
  stalled: z.boolean(),
  cancelled: z.boolean(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationS: z.number().min(0).nullable().describe('Trainer process wall time.'),
  host: z.string(),
  pid: z.number().int().nullable().describe('pid of the seedstudy process that owns the run.'),
  trainerPid: z.number().int().nullable(),
  command: z.array(z.string()),
  versions: z.strictObject({ python: z.string().nullable(), mlx: z.string().nullable(), mlxLm: z.string().nullable() }),
  checkpoints: z.array(checkpointRecordSchema),
  invalidCheckpoints: z.array(z.strictObject({ file: z.string(), size: z.number().int().min(0), reason: z.string() })),
  firstValLoss: z.number().nullable(),
  firstCheckpointSha256: z.string().nullable(),
  lastIteration: z.number().int().min(0).nullable(),
  logPath: z.string(),
  errorExcerpt: z.array(z.string()).describe('Last error lines of the log (a traceback when there is one).'),
  slurm: slurmRunInfoSchema.optional(),
  trainer: z
    .enum(['mlx-lm', 'prefix-cache'])
    .optional()
    .describe('Which program trained the run (absent in records written before the choice existed: mlx-lm).'),
  resumedFromIteration: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('The prefix-cache trainer continued exactly from the state saved at this iteration.'),
  hfModel: z
    .strictObject({ repo: z.string(), revision: z.string(), commit: z.string() })
    .optional()
    .describe('The Hugging Face repo, revision and cache commit `model:` named (absent for a local model directory).'),
});

export type RunRecord = z.infer<typeof runRecordSchema>;

/** Exit code 137 (128 + 9) or SIGKILL: the usual signature of the out-of-memory killer. */
export const KILLED_DESCRIPTION = 'killed (often out of memory)';

/** Reads `<runDir>/run.json`; undefined when the run never started. A corrupt record is a UserError naming the file. */
export async function readRunRecord(runDir: string): Promise<RunRecord | undefined> {
  const file = runLayout.runRecord(runDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UserError('run record is not valid JSON', {
      file,
      fix: 'delete this run directory to train the run again',
    });
  }
  const parsed = runRecordSchema.safeParse(json);
  if (!parsed.success) {
    throw new UserError(
      `run record does not match the schema: ${parsed.error.issues[0]?.message ?? parsed.error.message}`,
      {
        file,
        keyPath: parsed.error.issues[0]?.path.join('.'),
        fix: 'delete this run directory to train the run again',
      },
    );
  }
  return parsed.data;
}

/** Validates and atomically writes `<runDir>/run.json`. */
export async function writeRunRecord(runDir: string, record: RunRecord): Promise<void> {
  await writeJsonAtomic(runLayout.runRecord(runDir), runRecordSchema.parse(record));
}
