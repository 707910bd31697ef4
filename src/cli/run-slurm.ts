import type { Study } from '../study/study.js';
import { planStudy } from '../pipeline/plan-study.js';
import { acquireStudyLock } from '../pipeline/study-lock.js';
import { renderSlurmEvent } from './render-slurm-event.js';

/** What a Slurm sweep ended with, as the CLI needs it. */
export interface SlurmSweepOutcome {
  exitCode: number;
  /** Runs that ended failed or interrupted (for the run command's final line). */
  notSucceeded: number;
  detached: boolean;
}

/**
 * The Slurm branch shared by `seedstudy train` (evaluate: false) and `seedstudy run`
 * (evaluate: true): holds the study lock so two orchestrators never submit the same runs,
 * then submits or re-attaches, watches, and reconciles. Ctrl-C stops watching only; the jobs
 * keep running and the next call re-attaches to them.
 */
export async function runSlurmSweep(study: Study, options: { evaluate: boolean; detach: boolean; command: string }): Promise<SlurmSweepOutcome> {
  const { runSlurmStudy } = await import('../launch/slurm/run-slurm-study.js');
  const plan = await planStudy(study);
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const lock = await acquireStudyLock(study.outputDir, options.command);
  try {
    const result = await runSlurmStudy(study, plan, {
      evaluate: options.evaluate,
      detach: options.detach,
      signal: controller.signal,
      onEvent: (e) => {
        const line = renderSlurmEvent(e);
        if (line) console.log(line);
      },
    });
    const notSucceeded = result.runs.filter((r) => r.status === 'failed' || r.status === 'interrupted').length;
    const exitCode = { detached: 0, succeeded: 0, failed: 1, interrupted: 130 }[result.outcome];
    return { exitCode, notSucceeded, detached: result.outcome === 'detached' };
  } finally {
    await lock.release();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
