import { hostname } from 'node:os';
import { runLayout } from '../../plan/run-layout.js';
import type { RunSpec } from '../../plan/run-spec.js';
import type { RunRecord } from '../../results/run-record.js';

/**
 * The run.json of a run whose task is queued: status pending, the Slurm task id, and the history
 * of earlier attempts kept (attempt count, last failure) so resubmission loses nothing. Written
 * while the array is held, so no task can be writing the same file.
 */
export function pendingRunRecord(spec: RunSpec, previous: RunRecord | undefined, taskId: string, arrayTaskId: number): RunRecord {
  const slurm = { jobId: taskId, arrayTaskId, state: 'PENDING', reason: null };
  if (previous && previous.runId === spec.runId) {
    // A succeeded training stays succeeded: the task will only evaluate it.
    return { ...previous, status: previous.status === 'succeeded' ? 'succeeded' : 'pending', slurm };
  }
  return {
    schemaVersion: 1,
    runId: spec.runId,
    arm: spec.arm,
    seed: spec.seed,
    status: 'pending',
    attempts: 0,
    exitCode: null,
    signal: null,
    exitDescription: null,
    failureReason: null,
    timedOut: false,
    stalled: false,
    cancelled: false,
    startedAt: null,
    endedAt: null,
    durationS: null,
    host: hostname(),
    pid: null,
    trainerPid: null,
    command: [],
    versions: { python: null, mlx: null, mlxLm: null },
    checkpoints: [],
    invalidCheckpoints: [],
    firstValLoss: null,
    firstCheckpointSha256: null,
    lastIteration: null,
    logPath: runLayout.trainLog(spec.runDir),
    errorExcerpt: [],
    slurm,
  };
}
