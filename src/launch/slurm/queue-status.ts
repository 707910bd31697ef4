import type { Study } from '../../study/study.js';
import { latestTaskByRun, readJobsLedger } from './jobs-ledger.js';
import { queryTaskStates } from './query-task-states.js';
import { SlurmUnavailableError } from './squeue.js';
import type { SlurmTaskState } from './task-state.js';

/** One run's place in the Slurm queue, as `seedstudy status` shows it. */
export interface SlurmQueueRow {
  arm: string;
  seed: number;
  runId: string;
  batch: string;
  taskId: string | null;
  /** Live state for unfinished tasks, the recorded final state otherwise. */
  state: string;
  reason: string | null;
  final: boolean;
  outcome: 'succeeded' | 'failed' | 'interrupted' | null;
  outcomeReason: string | null;
}

/** The Slurm part of `seedstudy status`. */
export interface SlurmQueueStatus {
  rows: SlurmQueueRow[];
  /** Count of rows per state (PENDING, RUNNING, COMPLETED, TIMEOUT, ...). */
  counts: Record<string, number>;
  /** Distinct array job ids with tasks still queued or running. */
  activeJobIds: string[];
  /** Null when squeue answered; else why live states could not be read (rows then show the last known state). */
  unavailable: string | null;
}

/**
 * Reads the study's job ledger and asks Slurm for the live state of the tasks not yet final.
 * Read-only: it never changes a record, so it is safe while another seedstudy is monitoring.
 */
export async function slurmQueueStatus(study: Pick<Study, 'outputDir' | 'name'>): Promise<SlurmQueueStatus> {
  const ledger = await readJobsLedger(study.outputDir, study.name);
  const latest = [...latestTaskByRun(ledger).values()];
  const openIds = latest
    .filter((e) => !e.task.final && e.batch.jobId !== null)
    .map((e) => `${e.batch.jobId}_${e.task.index}`);
  let unavailable: string | null = null;
  let live = new Map<string, SlurmTaskState>();
  try {
    live = await queryTaskStates(openIds);
  } catch (error) {
    if (!(error instanceof SlurmUnavailableError)) throw error;
    unavailable = error.message;
  }
  const rows: SlurmQueueRow[] = latest.map(({ batch, task }) => {
    const taskId = batch.jobId === null ? null : `${batch.jobId}_${task.index}`;
    const s = taskId ? live.get(taskId) : undefined;
    return {
      arm: task.arm,
      seed: task.seed,
      runId: task.runId,
      batch: batch.batch,
      taskId,
      state: task.final ? (task.state ?? 'UNKNOWN') : (s?.state ?? task.state ?? 'UNKNOWN'),
      reason: task.final ? task.reason : (s?.reason ?? task.reason),
      final: task.final,
      outcome: task.outcome,
      outcomeReason: task.outcomeReason,
    };
  });
  rows.sort((a, b) => a.seed - b.seed || a.arm.localeCompare(b.arm));
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.state] = (counts[r.state] ?? 0) + 1;
  const activeJobIds = [...new Set(rows.filter((r) => !r.final && r.taskId).map((r) => r.taskId!.split('_')[0]!))];
  return { rows, counts, activeJobIds, unavailable };
}

/** Plain text lines of a queue status (the CLI prints them; kept here so status and tests agree). */
export function formatSlurmQueueStatus(status: SlurmQueueStatus): string[] {
  if (status.rows.length === 0) return ['slurm: nothing submitted yet'];
  const head = `slurm: ${Object.entries(status.counts)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ')}${status.activeJobIds.length ? ` (active jobs ${status.activeJobIds.join(', ')})` : ''}`;
  const lines = [head];
  if (status.unavailable) lines.push(`  (squeue unavailable, last known states shown: ${status.unavailable})`);
  for (const r of status.rows) {
    const why = r.final ? (r.outcomeReason ? ` - ${r.outcomeReason}` : '') : r.reason ? ` (${r.reason})` : '';
    lines.push(
      `  ${r.arm} seed ${r.seed}  ${r.taskId ?? '-'}  ${r.state}${r.final && r.outcome ? ` -> ${r.outcome}` : ''}${why}`,
    );
  }
  return lines;
}
