import type { RunSpec } from '../../plan/run-spec.js';
import type { RunRecord } from '../../results/run-record.js';
import { freshRunRecord } from '../fresh-run-record.js';

/**
 * The run.json of a run whose task is queued: status pending, the Slurm task id, and the history
 * of earlier attempts kept (attempt count, last failure) so resubmission loses nothing. Written
 * while the array is held, so no task can be writing the same file.
 */
export function pendingRunRecord(
  spec: RunSpec,
  previous: RunRecord | undefined,
  taskId: string,
  arrayTaskId: number,
): RunRecord {
  const slurm = { jobId: taskId, arrayTaskId, state: 'PENDING', reason: null };
  if (previous && previous.runId === spec.runId) {
    // A succeeded training stays succeeded: the task will only evaluate it.
    return { ...previous, status: previous.status === 'succeeded' ? 'succeeded' : 'pending', slurm };
  }
  return freshRunRecord(spec, {
    status: 'pending',
    attempts: 0,
    startedAt: null,
    pid: null,
    command: [],
    versions: { python: null, mlx: null, mlxLm: null },
    slurm,
  });
}
