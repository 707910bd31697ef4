import { UserError } from '../errors/user-error.js';
import type { CancelResult } from '../launch/slurm/cancel-study.js';
import { planStudy } from './plan-study.js';
import type { Study } from '../study/study.js';
import { acquireStudyLock, type StudyLock } from './study-lock.js';

/**
 * `seedstudy cancel` without its printing: cancels the study's queued and running Slurm tasks.
 * Whoever holds the study lock (a monitoring seedstudy) records the outcomes; when nobody does,
 * this takes the lock and records them itself. A local study is a UserError (Ctrl-C stops it).
 */
export async function cancelStudy(study: Study): Promise<CancelResult> {
  if (study.executor.kind !== 'slurm') {
    throw new UserError('seedstudy cancel stops Slurm jobs; this study runs locally', {
      file: study.file,
      keyPath: 'executor.kind',
      fix: 'stop a local seedstudy train/run with Ctrl-C (it records its runs as interrupted)',
    });
  }
  const { cancelSlurmStudy } = await import('../launch/slurm/cancel-study.js');
  const plan = await planStudy(study);
  let lock: StudyLock | undefined;
  try {
    lock = await acquireStudyLock(study.outputDir, 'seedstudy cancel');
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
  }
  try {
    return await cancelSlurmStudy(study, plan, { watched: lock === undefined });
  } finally {
    await lock?.release();
  }
}
