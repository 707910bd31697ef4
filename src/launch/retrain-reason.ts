import type { RunRecord } from '../results/run-record.js';

/**
 * Why `train` trains a planned run (again, from scratch), as data: the CLI words it
 * (cli/train-progress.ts), so a retrain is never silent about its cause.
 */
export type RetrainReason =
  | { kind: 'new' }
  | { kind: 'force' }
  | { kind: 'status'; status: Exclude<RunRecord['status'], 'succeeded'> }
  | { kind: 'checkpoint-missing'; step: number; file: string }
  | { kind: 'checkpoint-size'; step: number; file: string; recordedBytes: number; actualBytes: number }
  | { kind: 'checkpoint-changed'; step: number; file: string; recorded: string; actual: string };
