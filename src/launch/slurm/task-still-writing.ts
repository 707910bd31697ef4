import { hostname } from 'node:os';
import { pidAlive } from '../pid-alive.js';
import { mapFinalState } from './map-final-state.js';
import { readTaskRecord } from './task-record.js';
import type { SlurmTaskState } from './task-state.js';

/** Seconds to let a killed task finish its own records (Slurm's KillWait default is 30 s). */
export const KILLED_TASK_GRACE_S = 60;

/**
 * True while a task Slurm already calls TIMEOUT/CANCELLED/... may still be writing its run
 * records: Slurm sets the final state before the task has handled its SIGTERM. Reconciling then
 * would race the task for run.json, so the orchestrator waits until the task wrote its final
 * task.json, its process is gone (same host), or the grace period has passed (killed outright).
 */
export async function taskMayStillWrite(
  runDir: string,
  taskId: string,
  state: SlurmTaskState,
  firstSeenFinal: Map<string, number>,
  graceS = KILLED_TASK_GRACE_S,
): Promise<boolean> {
  if (!mapFinalState(state).killedBySlurm) return false;
  const now = Date.now();
  if (!firstSeenFinal.has(taskId)) firstSeenFinal.set(taskId, now);
  if (now - firstSeenFinal.get(taskId)! > graceS * 1000) return false;
  const task = await readTaskRecord(runDir);
  if (!task || task.taskId !== taskId || task.status !== 'running') return false;
  return task.host !== hostname() || pidAlive(task.pid);
}
