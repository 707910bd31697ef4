import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { UserError } from '../../errors/user-error.js';
import { studyLayout } from '../../plan/run-layout.js';
import { writeJsonAtomic } from '../../results/atomic-write.js';

/** A task's last known Slurm facts and, once final, the run outcome seedstudy derived from them. */
export const ledgerTaskSchema = z.strictObject({
  index: z.number().int().min(0),
  runId: z.string(),
  arm: z.string(),
  seed: z.number().int().min(0),
  runDir: z.string(),
  state: z.string().nullable(),
  reason: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  signal: z.number().int().nullable(),
  final: z.boolean().describe('True once the task reached a final state and its outcome was reconciled into run.json.'),
  outcome: z.enum(['succeeded', 'failed', 'interrupted']).nullable(),
  outcomeReason: z.string().nullable(),
});
export type LedgerTask = z.infer<typeof ledgerTaskSchema>;

/** One sbatch submission (an array job) and its tasks; `abandoned` batches are ignored when re-attaching. */
export const ledgerBatchSchema = z.strictObject({
  batch: z.string(),
  /** Null between writing the batch files and sbatch answering; such a batch is looked up by job name. */
  jobId: z.string().nullable(),
  jobName: z.string(),
  submittedAt: z.string(),
  dir: z.string(),
  abandoned: z
    .boolean()
    .default(false)
    .describe('Never released (the orchestrator died during submission) and cancelled.'),
  tasks: z.array(ledgerTaskSchema),
});
export type LedgerBatch = z.infer<typeof ledgerBatchSchema>;

/**
 * `<output>/slurm/jobs.json`: every batch ever submitted for the study and what became of each
 * task. Written only by the orchestrator (never by tasks), atomically; it is how a restarted
 * orchestrator re-attaches to jobs instead of submitting them twice.
 */
export const jobsLedgerSchema = z.strictObject({
  schemaVersion: z.literal(1),
  study: z.string(),
  batches: z.array(ledgerBatchSchema),
});
export type JobsLedger = z.infer<typeof jobsLedgerSchema>;

/** Path of the study's ledger. */
export function ledgerPath(outputDir: string): string {
  return join(studyLayout.slurmDir(outputDir), 'jobs.json');
}

/** Reads the ledger; an empty one when nothing was ever submitted. */
export async function readJobsLedger(outputDir: string, study: string): Promise<JobsLedger> {
  const file = ledgerPath(outputDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { schemaVersion: 1, study, batches: [] };
    throw error;
  }
  const parsed = jobsLedgerSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new UserError(`the Slurm job ledger does not match its schema: ${parsed.error.issues[0]?.message}`, {
      file,
      fix: "restore it, or cancel the study's jobs by hand (scancel) and delete it to start the bookkeeping afresh",
    });
  }
  return parsed.data;
}

/** Writes the ledger atomically. */
export async function writeJobsLedger(outputDir: string, ledger: JobsLedger): Promise<void> {
  await writeJsonAtomic(ledgerPath(outputDir), jobsLedgerSchema.parse(ledger));
}

/** The latest submission of each run (later batches win). */
export function latestTaskByRun(ledger: JobsLedger): Map<string, { batch: LedgerBatch; task: LedgerTask }> {
  const out = new Map<string, { batch: LedgerBatch; task: LedgerTask }>();
  for (const batch of ledger.batches) {
    if (batch.abandoned) continue;
    for (const task of batch.tasks) out.set(task.runId, { batch, task });
  }
  return out;
}
