import { runRef } from '../events.js';
import type { RunSpec } from '../../plan/run-spec.js';
import type { Study } from '../../study/study.js';
import { writeJobsLedger, type JobsLedger, type LedgerBatch, type LedgerTask } from './jobs-ledger.js';
import { reconcileEndedTask, type ReconciledOutcome } from './reconcile-run.js';
import type { SlurmEventSink } from './slurm-events.js';
import type { SlurmExecutorSettings } from './slurm-settings.js';
import { batchLayout } from './task-manifest.js';
import type { SlurmTaskState } from './task-state.js';

/** A submitted task the orchestrator follows until it ends. */
export interface TrackedTask {
  spec: RunSpec;
  batch: LedgerBatch & { jobId: string };
  task: LedgerTask;
  taskId: string;
}

/** The per-task log file Slurm writes (sbatch --output=task-%A_%a.log). */
export function taskLogPath(t: Pick<TrackedTask, 'batch' | 'task'>): string {
  return batchLayout.taskLog(t.batch.dir, t.batch.jobId, t.task.index);
}

/**
 * Records an ended task: reconciles Slurm's final state with the run's own records (run.json,
 * task.json), stores the outcome in the ledger and announces it. `final` undefined means Slurm
 * has no record of the task any more.
 */
export async function finishTrackedTask(
  study: Study,
  executor: SlurmExecutorSettings,
  ledger: JobsLedger,
  t: TrackedTask,
  final: SlurmTaskState | undefined,
  onEvent: SlurmEventSink | undefined,
): Promise<ReconciledOutcome> {
  const logPath = taskLogPath(t);
  const outcome = await reconcileEndedTask({
    spec: t.spec,
    taskId: t.taskId,
    arrayTaskId: t.task.index,
    final,
    ctx: { time: executor.time, mem: executor.mem },
    logPath,
  });
  Object.assign(t.task, {
    state: outcome.state,
    reason: final?.reason ?? null,
    exitCode: final?.exitCode ?? null,
    signal: final?.signal ?? null,
    final: true,
    outcome: outcome.status,
    outcomeReason: outcome.reason,
  });
  await writeJobsLedger(study.outputDir, ledger);
  onEvent?.({
    type: 'slurm-run-end',
    run: runRef(t.spec),
    taskId: t.taskId,
    state: outcome.state,
    status: outcome.status,
    reason: outcome.reason,
    logPath,
  });
  return outcome;
}
