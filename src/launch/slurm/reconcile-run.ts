import type { RunSpec } from '../../plan/run-spec.js';
import { readRunRecord, writeRunRecord, type RunRecord } from '../../results/run-record.js';
import { mapFinalState, type VerdictContext } from './map-final-state.js';
import { readTaskRecord } from './task-record.js';
import type { SlurmTaskState } from './task-state.js';

/** What became of one run after its Slurm task ended. */
export interface ReconciledOutcome {
  status: 'succeeded' | 'failed' | 'interrupted';
  reason: string | null;
  /** The final Slurm state, or UNKNOWN when Slurm has no record of the task any more. */
  state: string;
}

/** One ended task to reconcile. */
export interface ReconcileInput {
  spec: Pick<RunSpec, 'runId' | 'arm' | 'seed' | 'runDir'>;
  taskId: string;
  arrayTaskId: number;
  /** Final state from Slurm; undefined when no source knows the task any more. */
  final: SlurmTaskState | undefined;
  ctx: VerdictContext;
  logPath: string;
}

/**
 * Merges the two witnesses of an ended task into the run's records. The task's own task.json
 * and run.json, written on the node, are the primary record of success and of failures the
 * task saw; Slurm's final state covers what the task could not write: a time limit, a cancel,
 * a kill, a dead node. Only called once the task is over, so nothing else writes run.json then.
 */
export async function reconcileEndedTask(input: ReconcileInput): Promise<ReconciledOutcome> {
  const { spec, taskId } = input;
  const record = await readRunRecord(spec.runDir).catch(() => undefined);
  const task = await readTaskRecord(spec.runDir);
  const own = task && task.runId === spec.runId && task.taskId === taskId ? task : undefined;
  const state = input.final?.state ?? 'UNKNOWN';

  let outcome: ReconciledOutcome;
  let killed = false;
  let flags = { timedOut: false, cancelled: false };
  if (own?.status === 'succeeded') {
    outcome = { status: 'succeeded', reason: null, state };
  } else if (!input.final) {
    killed = true;
    outcome = {
      status: 'interrupted',
      reason: `Slurm has no record of task ${taskId} any more (controller restarted or record purged); resubmitted on the next run`,
      state,
    };
  } else {
    const verdict = mapFinalState(input.final, input.ctx);
    killed = verdict.killedBySlurm;
    flags = { timedOut: verdict.timedOut, cancelled: verdict.cancelled };
    if (killed) {
      const stage = record?.status === 'succeeded' && record.runId === spec.runId ? 'evaluation did not finish: ' : '';
      outcome = { status: verdict.status, reason: `${stage}${verdict.reason}`, state };
    } else {
      const recorded =
        own?.reason ?? (record?.status === 'failed' && record.slurm?.jobId === taskId ? record.failureReason : null);
      outcome = {
        status: 'failed',
        reason:
          recorded ??
          `${verdict.status === 'succeeded' ? 'Slurm task completed but recorded no success' : verdict.reason}; see ${input.logPath}`,
        state,
      };
    }
  }

  if (record && record.runId === spec.runId)
    await writeRunRecord(spec.runDir, updatedRecord(record, input, outcome, killed, flags));
  return outcome;
}

function updatedRecord(
  record: RunRecord,
  input: ReconcileInput,
  outcome: ReconciledOutcome,
  killed: boolean,
  flags: { timedOut: boolean; cancelled: boolean },
): RunRecord {
  const slurm = {
    jobId: input.taskId,
    arrayTaskId: input.arrayTaskId,
    state: outcome.state,
    reason: input.final?.reason ?? null,
  };
  const unfinished = record.status === 'pending' || record.status === 'running' || record.status === 'interrupted';
  // Training that succeeded stays succeeded: a kill during evaluation does not undo its checkpoints.
  if (record.status === 'succeeded' || outcome.status === 'succeeded') return { ...record, slurm };
  if (!killed && !unfinished) return { ...record, slurm };
  return {
    ...record,
    status: outcome.status === 'interrupted' ? 'interrupted' : 'failed',
    failureReason: outcome.reason,
    exitDescription: record.exitDescription ?? outcome.reason,
    timedOut: record.timedOut || flags.timedOut,
    cancelled: record.cancelled || flags.cancelled,
    endedAt: record.endedAt ?? new Date().toISOString(),
    errorExcerpt:
      record.errorExcerpt.length > 0
        ? record.errorExcerpt
        : [`${outcome.reason ?? outcome.state} (see ${input.logPath})`],
    slurm,
  };
}
