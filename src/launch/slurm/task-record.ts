import { z } from 'zod';
import { runLayout } from '../../plan/run-layout.js';
import { writeJsonAtomic } from '../../results/atomic-write.js';
import { readValidJson } from '../../results/read-valid-json.js';

/**
 * `<runDir>/task.json`: what one Slurm array task did for its run (train, then evaluate). Written
 * only by the task, on the node, inside its own run directory; the orchestrator reads it to tell
 * a finished run from one Slurm killed. run.json stays the record of the training itself.
 */
export const taskRecordSchema = z.strictObject({
  schemaVersion: z.literal(1),
  runId: z.string(),
  /** `<arrayJobId>_<index>`, or null when the task was run by hand outside Slurm. */
  taskId: z.string().nullable(),
  batch: z.string().nullable(),
  host: z.string(),
  pid: z.number().int(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  status: z.enum(['running', 'succeeded', 'failed', 'interrupted']),
  train: z
    .enum(['succeeded', 'failed', 'interrupted', 'skipped'])
    .nullable()
    .describe('skipped: it had succeeded before.'),
  eval: z
    .enum(['succeeded', 'failed', 'interrupted', 'skipped'])
    .nullable()
    .describe('skipped: not asked for, or training did not succeed.'),
  reason: z.string().nullable(),
  durationS: z.number().min(0).nullable(),
  trainS: z.number().min(0).nullable().describe('Wall time of the training stage inside the task.'),
  evalS: z.number().min(0).nullable().describe('Wall time of the evaluation stage inside the task.'),
});
export type TaskRecord = z.infer<typeof taskRecordSchema>;

/** Reads `<runDir>/task.json`; undefined when absent or unreadable (the orchestrator then relies on Slurm's state). */
export async function readTaskRecord(runDir: string): Promise<TaskRecord | undefined> {
  return readValidJson(runLayout.taskRecord(runDir), taskRecordSchema);
}

/** Atomically writes `<runDir>/task.json`. */
export async function writeTaskRecord(runDir: string, record: TaskRecord): Promise<void> {
  await writeJsonAtomic(runLayout.taskRecord(runDir), taskRecordSchema.parse(record));
}
