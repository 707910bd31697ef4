import { readMetrics, type MetricsRecord } from '../results/metrics-record.js';
import { runLayout } from '../plan/run-layout.js';

/** How far a run's trainer got, from what it logged (metrics.jsonl): what run.json only knows once training ended. */
export interface TrainProgress {
  /** The last iteration reported (train report, val or save line), null before the first. */
  iteration: number | null;
  /** The last train and val loss logged (null: the trainer printed nan), undefined before the first. */
  trainLoss: number | null | undefined;
  valLoss: number | null | undefined;
  /** Checkpoints the trainer said it saved. */
  checkpointsSaved: number;
  /** Seconds since the trainer started, at its last logged line. */
  loggedSeconds: number | null;
}

/**
 * The progress in a run's metrics records. run.json is written when a run starts and when it ends,
 * so while a run trains its `lastIteration` is null; the trainer's own log lines, which the train
 * stage appends to metrics.jsonl as they come, are where a reader finds the live position.
 */
export function trainProgress(records: readonly MetricsRecord[]): TrainProgress {
  const out: TrainProgress = {
    iteration: null,
    trainLoss: undefined,
    valLoss: undefined,
    checkpointsSaved: 0,
    loggedSeconds: null,
  };
  for (const m of records) {
    if (m.kind === 'test') continue;
    // A val line at iteration N is measured before update N (step N-1): the run has done N-1 updates.
    const done = m.kind === 'val' ? m.step : m.iteration;
    if (done !== null) out.iteration = Math.max(out.iteration ?? 0, done);
    if (m.kind === 'train') out.trainLoss = m.train_loss ?? null;
    if (m.kind === 'val') out.valLoss = m.val_loss ?? null;
    if (m.kind === 'save') out.checkpointsSaved++;
    out.loggedSeconds = Math.max(out.loggedSeconds ?? 0, m.t);
  }
  return out;
}

/** A run's training progress read from its metrics.jsonl (a torn last line is ignored; a missing file is none). */
export async function readTrainProgress(runDir: string): Promise<TrainProgress> {
  return trainProgress(await readMetrics(runLayout.metrics(runDir)).catch(() => []));
}
