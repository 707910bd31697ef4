import { UserError } from '../errors/user-error.js';
import { runLayout } from '../plan/run-layout.js';
import type { RunSpec } from '../plan/run-spec.js';
import type { RunRecord } from '../results/run-record.js';

/**
 * Refuses to touch a run directory that holds a different run (its recorded runId is not the
 * plan's): the study's training config changed since it was trained, and mixing old and new
 * results in one store would silently corrupt the comparison.
 */
export function assertSameRun(spec: RunSpec, record: RunRecord | undefined): void {
  if (!record || record.runId === spec.runId) return;
  throw new UserError(
    `run directory ${spec.runDir} holds run ${record.runId}, but the study now plans run ${spec.runId} for arm "${spec.arm}" seed ${spec.seed}: the training config changed since it was trained`,
    {
      file: runLayout.runRecord(spec.runDir),
      fix: 'train into a new output directory (--output DIR), or delete the old output directory (or this run directory) to retrain it',
    },
  );
}
