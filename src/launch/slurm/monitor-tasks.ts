import { setTimeout as sleep } from 'node:timers/promises';
import { runRef } from '../events.js';
import type { Study } from '../../study/study.js';
import { writeJobsLedger, type JobsLedger } from './jobs-ledger.js';
import { queryTaskStates } from './query-task-states.js';
import type { SlurmEventSink } from './slurm-events.js';
import type { SlurmExecutorSettings } from './slurm-settings.js';
import { isFinalSlurmState } from './slurm-states.js';
import { SlurmUnavailableError } from './squeue.js';
import { finishTrackedTask, type TrackedTask } from './tracked-task.js';
import { taskMayStillWrite } from './task-still-writing.js';

/** How the monitor loop behaves; defaults come from the executor block. */
export interface MonitorOptions {
  pollS: number;
  signal?: AbortSignal | undefined;
  onEvent?: SlurmEventSink | undefined;
  /** Polls in a row in which no source knows a task before it is declared lost (default 3). */
  lostAfter?: number;
  /** Polls in a row squeue may fail (controller down) before giving up (default: 10 minutes' worth). */
  maxUnavailable?: number;
}

/**
 * Polls Slurm until every tracked task has ended, reconciling each as it ends. Returns the tasks
 * still active when the signal aborted (they keep running on the cluster; a later run re-attaches).
 * A controller outage is waited out, never mistaken for lost jobs.
 */
export async function monitorTasks(
  study: Study,
  executor: SlurmExecutorSettings,
  ledger: JobsLedger,
  tracked: TrackedTask[],
  options: MonitorOptions,
): Promise<TrackedTask[]> {
  let active = tracked.filter((t) => !t.task.final);
  const misses = new Map<string, number>();
  const firstSeenFinal = new Map<string, number>();
  const lostAfter = options.lostAfter ?? 3;
  const maxUnavailable = options.maxUnavailable ?? Math.max(3, Math.ceil(600 / options.pollS));
  let unavailable = 0;
  let first = true;
  while (active.length > 0) {
    if (!first) {
      try {
        await sleep(options.pollS * 1000, undefined, options.signal ? { signal: options.signal } : undefined);
      } catch {
        break; // aborted
      }
    }
    first = false;
    if (options.signal?.aborted) break;
    let states;
    try {
      states = await queryTaskStates(active.map((t) => t.taskId));
      unavailable = 0;
    } catch (error) {
      if (!(error instanceof SlurmUnavailableError) || ++unavailable > maxUnavailable) throw error;
      continue;
    }
    let changed = false;
    const still: TrackedTask[] = [];
    for (const t of active) {
      const s = states.get(t.taskId);
      if (!s) {
        const n = (misses.get(t.taskId) ?? 0) + 1;
        misses.set(t.taskId, n);
        if (n >= lostAfter) await finishTrackedTask(study, executor, ledger, t, undefined, options.onEvent);
        else still.push(t);
        continue;
      }
      misses.delete(t.taskId);
      if (isFinalSlurmState(s.state)) {
        if (await taskMayStillWrite(t.spec.runDir, t.taskId, s, firstSeenFinal)) {
          still.push(t);
          continue;
        }
        await finishTrackedTask(study, executor, ledger, t, s, options.onEvent);
        continue;
      }
      if (s.state !== t.task.state || s.reason !== t.task.reason) {
        t.task.state = s.state;
        t.task.reason = s.reason;
        changed = true;
        options.onEvent?.({
          type: 'slurm-state',
          run: runRef(t.spec),
          taskId: t.taskId,
          state: s.state,
          reason: s.reason,
        });
      }
      still.push(t);
    }
    if (changed) await writeJobsLedger(study.outputDir, ledger);
    active = still;
  }
  return active;
}
