import type { RunRef } from '../events.js';

/**
 * What the Slurm orchestrator tells its caller, as data (the CLI renders it; this code never
 * prints). `taskId` is always `<arrayJobId>_<index>`.
 */
export type SlurmEvent =
  | { type: 'slurm-skip'; run: RunRef; reason: string }
  | { type: 'slurm-submitted'; batch: string; jobId: string; script: string; runs: Array<RunRef & { taskId: string }> }
  | { type: 'slurm-reattached'; runs: Array<RunRef & { taskId: string; state: string }> }
  | { type: 'slurm-state'; run: RunRef; taskId: string; state: string; reason: string | null }
  | {
      type: 'slurm-run-end';
      run: RunRef;
      taskId: string;
      state: string;
      status: 'succeeded' | 'failed' | 'interrupted';
      reason: string | null;
      logPath: string;
    }
  | { type: 'slurm-detached'; jobIds: string[] }
  | { type: 'slurm-monitor-stopped'; jobIds: string[]; reason: string };

/** Receives Slurm events; must not throw. */
export type SlurmEventSink = (event: SlurmEvent) => void;
