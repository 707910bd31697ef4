import { KILLED_DESCRIPTION } from '../../results/run-record.js';
import { normaliseSlurmState } from './slurm-states.js';
import type { SlurmTaskState } from './task-state.js';

/** A run outcome derived from Slurm's final state alone (what the task itself could not record). */
export interface SlurmVerdict {
  status: 'succeeded' | 'failed' | 'interrupted';
  reason: string | null;
  timedOut: boolean;
  cancelled: boolean;
  /** True when the task was stopped from outside before it could finish its own records. */
  killedBySlurm: boolean;
}

/** Study settings quoted in the reasons, so "time limit" names the limit the user can raise. */
export interface VerdictContext {
  time?: string | undefined;
  mem?: string | undefined;
}

/**
 * Maps a final Slurm state to a run outcome with a reason a user can act on. TIMEOUT,
 * OUT_OF_MEMORY, NODE_FAIL, BOOT_FAIL and DEADLINE are failures; CANCELLED and PREEMPTED are
 * interruptions (the run was fine, it is resubmitted next time); COMPLETED is success and FAILED
 * a failure whose details the task's own run.json normally holds.
 */
export function mapFinalState(
  task: Pick<SlurmTaskState, 'state' | 'exitCode' | 'signal' | 'timeLimit'>,
  ctx: VerdictContext = {},
): SlurmVerdict {
  const base = { timedOut: false, cancelled: false, killedBySlurm: true };
  const state = normaliseSlurmState(task.state);
  switch (state) {
    case 'COMPLETED':
      return { ...base, status: 'succeeded', reason: null, killedBySlurm: false };
    case 'FAILED': {
      let reason: string;
      if (task.signal === 9) reason = `Slurm task ${KILLED_DESCRIPTION} (signal 9)`;
      else if (task.signal) reason = `Slurm task killed by signal ${task.signal}`;
      else reason = `Slurm task exited with code ${task.exitCode ?? '?'}`;
      return { ...base, status: 'failed', reason, killedBySlurm: false };
    }
    case 'CANCELLED':
      return { ...base, status: 'interrupted', reason: 'cancelled (scancel or seedstudy cancel)', cancelled: true };
    case 'TIMEOUT': {
      const limit = (task.timeLimit && task.timeLimit !== 'UNLIMITED' ? task.timeLimit : undefined) ?? ctx.time;
      return {
        ...base,
        status: 'failed',
        reason: `hit the Slurm time limit (time=${limit ?? 'the partition default'}); raise executor.time`,
        timedOut: true,
      };
    }
    case 'OUT_OF_MEMORY':
      return {
        ...base,
        status: 'failed',
        reason: `killed by Slurm for exceeding its memory limit (mem=${ctx.mem ?? 'the partition default'}); raise executor.mem`,
      };
    case 'NODE_FAIL':
      return { ...base, status: 'failed', reason: 'the node running the task failed (NODE_FAIL); re-run to resubmit' };
    case 'BOOT_FAIL':
      return { ...base, status: 'failed', reason: 'the node failed to boot (BOOT_FAIL); re-run to resubmit' };
    case 'DEADLINE':
      return { ...base, status: 'failed', reason: 'missed its Slurm deadline (DEADLINE)' };
    case 'PREEMPTED':
      return {
        ...base,
        status: 'interrupted',
        reason: 'preempted by a higher-priority job; resubmitted on the next run',
      };
    default:
      return { ...base, status: 'failed', reason: `ended in Slurm state ${state}` };
  }
}
