import { KILLED_DESCRIPTION } from '../results/run-record.js';

/** The facts of a trainer exit that deserve words in the summary. */
export interface ExitFacts {
  exitCode: number | null;
  signal: string | null;
  stalled?: boolean;
  cancelled?: boolean;
  timedOut?: boolean;
  spawnError?: string | null;
}

/**
 * One phrase for how a trainer ended, so users need not decode exit codes: 137 or SIGKILL is
 * "killed (often out of memory)", because that is what the kernel's OOM killer looks like.
 */
export function describeExit(facts: ExitFacts): string {
  if (facts.spawnError) return `could not start the trainer: ${facts.spawnError}`;
  if (facts.cancelled) return 'interrupted (seedstudy was stopped)';
  if (facts.stalled) return 'stalled (printed nothing for stall_timeout_s) and was stopped';
  if (facts.timedOut) return 'timed out and was stopped';
  if (facts.signal === 'SIGKILL' || facts.exitCode === 137) return KILLED_DESCRIPTION;
  if (facts.signal) return `killed by ${facts.signal}`;
  if (facts.exitCode === 0) return 'exited normally (code 0)';
  if (facts.exitCode !== null && facts.exitCode > 128 && facts.exitCode < 160) {
    return `exited with code ${facts.exitCode} (signal ${facts.exitCode - 128})`;
  }
  return `exited with code ${facts.exitCode}`;
}
