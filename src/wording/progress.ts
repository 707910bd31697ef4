/**
 * The words of a study's progress: the whole-study line that `status` and `run` both print, the
 * ETA (always said to be an estimate) and one run's position. Numbers through numbers.ts.
 */
import type { RunStage, StudyProgress } from '../pipeline/study-progress.js';
import type { StudyEta } from '../pipeline/study-eta.js';
import { duration, num, pct0 } from './numbers.js';

/** "ETA ~4m10s (estimate)", "ETA at least 2m00s (estimate; evaluation not timed yet)", or why there is none. */
export function etaText(eta: StudyEta): string {
  if (eta.seconds === null) return 'ETA unknown until a run reports progress';
  if (eta.evalsLeft === 0 && eta.trainSeconds === 0) return 'nothing left to train or evaluate';
  if (eta.lowerBound && !(eta.seconds > 0)) {
    return eta.evalSeconds === null
      ? 'ETA unknown until the first checkpoint is evaluated'
      : 'ETA unknown until a run reports progress';
  }
  if (eta.lowerBound) {
    const missing = eta.evalSeconds === null ? 'evaluation not timed yet' : 'training speed not measured yet';
    return `ETA at least ${duration(eta.seconds)} (estimate; ${missing})`;
  }
  return `ETA ~${duration(eta.seconds)} (estimate)`;
}

const STAGE_ORDER: [RunStage, string][] = [
  ['done', 'done'],
  ['evaluating', 'evaluating'],
  ['trained', 'waiting for evaluation'],
  ['training', 'training'],
  ['pending', 'pending'],
  ['failed', 'failed'],
  ['interrupted', 'interrupted'],
  ['stale', 'stale (config changed)'],
];

/**
 * "checkpoint evaluations 3/12 (25%) · ETA ~4m10s (estimate) · 4 runs: 1 done, 1 training, 2 pending":
 * what matters most first, so a line cut to the terminal's width keeps it.
 */
export function studyProgressLine(p: StudyProgress): string {
  const total = Object.values(p.stages).reduce((s, n) => s + n, 0);
  const parts = STAGE_ORDER.filter(([k]) => p.stages[k] > 0).map(([k, w]) => `${p.stages[k]} ${w}`);
  const runs = `${total} run${total === 1 ? '' : 's'}: ${parts.join(', ') || 'none planned'}`;
  const evals = `checkpoint evaluations ${p.evaluations.done}/${p.evaluations.total} (${evaluationsPercent(p)})`;
  return `${evals} · ${etaText(p.eta)} · ${runs}`;
}

/** The fraction of checkpoint evaluations done, as a percentage ("25%"), for progress bars. */
export function evaluationsPercent(p: StudyProgress): string {
  return pct0(p.evaluations.total > 0 ? p.evaluations.done / p.evaluations.total : 0);
}

/** A loss as the trainer printed it, 3 decimals; "-" before the first (or when it printed nan). */
export function lossText(x: number | null | undefined): string {
  return x === undefined || x === null ? '-' : num(x, 3);
}

/** One word (or two) for a run's stage. */
export function stageText(stage: RunStage): string {
  return STAGE_ORDER.find(([k]) => k === stage)?.[1] ?? stage;
}
