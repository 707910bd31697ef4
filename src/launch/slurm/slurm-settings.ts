import type { z } from 'zod';
import type { slurmExecutorSchema } from '../../study/schema.js';
import { UserError } from '../../errors/user-error.js';
import type { Study } from '../../study/study.js';

/** The study's `executor` block when its kind is slurm. */
export type SlurmExecutorSettings = z.infer<typeof slurmExecutorSchema>;

/** The slurm executor block of a study; a UserError when the study runs locally. */
export function slurmSettings(study: Study): SlurmExecutorSettings {
  if (study.executor.kind !== 'slurm') {
    throw new UserError(`study "${study.name}" uses the ${study.executor.kind} executor, not slurm`, {
      file: study.file,
      keyPath: 'executor.kind',
      fix: 'set executor.kind: slurm (see docs/slurm.md)',
    });
  }
  return study.executor;
}
