import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { UserError } from '../../errors/user-error.js';
import { writeJsonAtomic } from '../../results/atomic-write.js';

/** One array task of a batch: which run it trains. */
export const manifestTaskSchema = z.strictObject({
  index: z.number().int().min(0),
  runId: z.string(),
  arm: z.string(),
  seed: z.number().int().min(0),
  runDir: z.string(),
});
export type ManifestTask = z.infer<typeof manifestTaskSchema>;

/**
 * `<output>/slurm/<batch>/tasks.json`: array index → run. Written atomically BEFORE sbatch and
 * never changed afterwards, so a task reading it on a node sees the complete mapping.
 */
export const taskManifestSchema = z.strictObject({
  schemaVersion: z.literal(1),
  batch: z.string(),
  studyFile: z.string(),
  outputDir: z.string(),
  createdAt: z.string(),
  evaluate: z.boolean().describe('Whether tasks evaluate their checkpoints after training.'),
  tasks: z.array(manifestTaskSchema),
});
export type TaskManifest = z.infer<typeof taskManifestSchema>;

/** Files of one submitted batch, all under `<output>/slurm/<batch>/`. */
export const batchLayout = {
  dir: (slurmDir: string, batch: string) => join(slurmDir, batch),
  manifest: (batchDir: string) => join(batchDir, 'tasks.json'),
  script: (batchDir: string) => join(batchDir, 'job.sh'),
  /** sbatch `--output` pattern; %A = array job id, %a = index. */
  logPattern: (batchDir: string) => join(batchDir, 'task-%A_%a.log'),
  taskLog: (batchDir: string, jobId: string, index: number) => join(batchDir, `task-${jobId}_${index}.log`),
} as const;

/** Writes a batch manifest atomically. */
export async function writeTaskManifest(path: string, manifest: TaskManifest): Promise<void> {
  await writeJsonAtomic(path, taskManifestSchema.parse(manifest));
}

/** Reads a batch manifest; a missing or malformed one is a UserError naming the file. */
export async function readTaskManifest(path: string): Promise<TaskManifest> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new UserError(`cannot read the Slurm task manifest: ${(error as Error).message}`, {
      file: path,
      fix: 'the batch directory was changed or removed after submission; re-run seedstudy to resubmit the missing runs',
    });
  }
  const parsed = taskManifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new UserError(`Slurm task manifest does not match its schema: ${parsed.error.issues[0]?.message}`, {
      file: path,
      keyPath: parsed.error.issues[0]?.path.join('.'),
      fix: 'the batch directory was changed after submission; re-run seedstudy to resubmit the missing runs',
    });
  }
  return parsed.data;
}
