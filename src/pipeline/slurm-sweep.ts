import type { SlurmEventSink } from '../launch/slurm/slurm-events.js';
import { planStudy } from './plan-study.js';
import type { Study } from '../study/study.js';
import { claimOutputDir } from './output-owner.js';
import { acquireStudyLock } from './study-lock.js';

/** Options of a Slurm sweep as `seedstudy train` and `seedstudy run` start it. */
export interface SlurmSweepOptions {
  /** Tasks evaluate their checkpoints after training (`run`), or only train (`train`). */
  evaluate: boolean;
  /** Submit (or re-attach) and return at once. */
  detach: boolean;
  /** The command recorded as the lock's holder, e.g. `seedstudy run`. */
  command: string;
  /** Aborting stops watching only; the jobs keep running and the next call re-attaches. */
  signal?: AbortSignal | undefined;
  onEvent?: SlurmEventSink | undefined;
  /** Only these runs (by runId): a sequential study's look is one array. */
  runIds?: readonly string[] | undefined;
}

/** What a Slurm sweep ended with, as the commands need it. */
export interface SlurmSweepOutcome {
  /** 0 succeeded or detached, 1 a run failed, 130 interrupted. */
  exitCode: number;
  /** Runs that ended failed or interrupted (for the run command's final line). */
  notSucceeded: number;
  detached: boolean;
}

/**
 * The Slurm branch shared by `seedstudy train` (evaluate: false) and `seedstudy run`
 * (evaluate: true): holds the study lock so two orchestrators never submit the same runs,
 * then submits or re-attaches, watches, and reconciles.
 */
export async function runSlurmSweep(study: Study, options: SlurmSweepOptions): Promise<SlurmSweepOutcome> {
  const { runSlurmStudy } = await import('../launch/slurm/run-slurm-study.js');
  const plan = await planStudy(study);
  const lock = await acquireStudyLock(study.outputDir, options.command);
  try {
    await claimOutputDir(study);
    const result = await runSlurmStudy(study, plan, {
      evaluate: options.evaluate,
      detach: options.detach,
      ...(options.runIds && { runIds: options.runIds }),
      ...(options.signal && { signal: options.signal }),
      ...(options.onEvent && { onEvent: options.onEvent }),
    });
    const notSucceeded = result.runs.filter((r) => r.status === 'failed' || r.status === 'interrupted').length;
    const exitCode = { detached: 0, succeeded: 0, failed: 1, interrupted: 130 }[result.outcome];
    return { exitCode, notSucceeded, detached: result.outcome === 'detached' };
  } finally {
    await lock.release();
  }
}
