import type { RunRecord } from '../results/run-record.js';
import type { RetrainReason } from './retrain-reason.js';

/** Which run an event is about. */
export interface RunRef {
  runId: string;
  arm: string;
  seed: number;
}

/**
 * Everything the training stage tells its caller, as data: the CLI renders these (live progress
 * on a terminal, one line each otherwise); the stage itself never prints.
 */
export type TrainEvent =
  | { type: 'sweep-start'; total: number; toRun: number; skipped: number; concurrency: number }
  | { type: 'run-skip'; run: RunRef; reason: string }
  /** A run trained again from scratch, and why (not sent for a run trained for the first time). */
  | { type: 'run-retrain'; run: RunRef; reason: RetrainReason }
  | { type: 'run-recovered'; run: RunRef; from: 'running'; to: 'interrupted'; detail: string }
  | { type: 'run-start'; run: RunRef; attempt: number; totalIters: number; logPath: string }
  | {
      type: 'run-progress';
      run: RunRef;
      iteration: number;
      totalIters: number;
      trainLoss: number | null | undefined;
      valLoss: number | null | undefined;
      elapsedS: number;
    }
  | { type: 'run-checkpoint'; run: RunRef; step: number; file: string }
  | { type: 'run-end'; run: RunRef; record: RunRecord }
  | { type: 'seed-warning'; arm: string; seeds: [number, number]; reason: string }
  | { type: 'interrupt'; signal: string };

/** Receives events; must not throw. */
export type TrainEventSink = (event: TrainEvent) => void;

/** The RunRef of anything carrying runId, arm and seed. */
export function runRef(run: RunRef): RunRef {
  return { runId: run.runId, arm: run.arm, seed: run.seed };
}
