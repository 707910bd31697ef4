/**
 * Slurm job states as `squeue -t all` / sacct / the jobcomp log print them. A poller keeps
 * waiting while a task is active and stops at a final state; anything unknown is treated as
 * active, so a new Slurm state never makes seedstudy give up on a job that is still alive.
 */
export const FINAL_SLURM_STATES = [
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'TIMEOUT',
  'NODE_FAIL',
  'OUT_OF_MEMORY',
  'PREEMPTED',
  'BOOT_FAIL',
  'DEADLINE',
] as const;
export type FinalSlurmState = (typeof FINAL_SLURM_STATES)[number];

/** States in which a task still holds (or waits for) resources; re-attach to these, never resubmit. */
export const ACTIVE_SLURM_STATES = [
  'PENDING',
  'RUNNING',
  'COMPLETING',
  'CONFIGURING',
  'SUSPENDED',
  'REQUEUED',
  'REQUEUE_HOLD',
  'REQUEUE_FED',
  'RESIZING',
  'SIGNALING',
  'STAGE_OUT',
  'STOPPED',
  'RESV_DEL_HOLD',
] as const;

/**
 * Normalises a state string: sacct prints "CANCELLED by 0", squeue may append "+" to
 * abbreviated states; only the first word counts.
 */
export function normaliseSlurmState(raw: string): string {
  return raw.trim().split(/\s+/)[0]!.replace(/\+$/, '').toUpperCase();
}

/** True for a state after which the task will never run again under this job id. */
export function isFinalSlurmState(state: string): state is FinalSlurmState {
  return (FINAL_SLURM_STATES as readonly string[]).includes(normaliseSlurmState(state));
}

/** Exit code and signal from squeue's `exit_code` field, which is the raw wait status (exit << 8 | signal). */
export function decodeWaitStatus(raw: number): { exitCode: number; signal: number } {
  return { exitCode: Math.floor(raw / 256) & 0xff, signal: raw & 0x7f };
}

/** Exit code and signal from sacct/scontrol/jobcomp's `ExitCode=<exit>:<signal>`. */
export function decodeExitPair(text: string): { exitCode: number; signal: number } | undefined {
  const m = /^(\d+):(\d+)$/.exec(text.trim());
  return m ? { exitCode: Number(m[1]), signal: Number(m[2]) } : undefined;
}
