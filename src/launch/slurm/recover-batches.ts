import { execa } from 'execa';
import type { Study } from '../../study/study.js';
import { writeJobsLedger, type JobsLedger } from './jobs-ledger.js';

/**
 * A batch with no job id was being submitted when the orchestrator died: sbatch may or may not
 * have accepted it (held, so none of its tasks ran). Any job of that name is cancelled and the
 * batch marked abandoned; its runs are then simply submitted again.
 */
export async function recoverUnsubmittedBatches(study: Study, ledger: JobsLedger): Promise<number> {
  let recovered = 0;
  for (const batch of ledger.batches) {
    if (batch.jobId !== null || batch.abandoned) continue;
    const found = await execa('squeue', ['-h', `--name=${batch.jobName}`, '-o', '%F'], {
      reject: false,
      timeout: 60_000,
    });
    const ids = [
      ...new Set(
        String(found.stdout)
          .split('\n')
          .map((s) => s.trim())
          .filter((s) => /^\d+$/.test(s)),
      ),
    ];
    if (ids.length > 0) await execa('scancel', ids, { reject: false, timeout: 60_000 });
    batch.abandoned = true;
    recovered++;
  }
  if (recovered > 0) await writeJobsLedger(study.outputDir, ledger);
  return recovered;
}

/** Releases tasks left held by an orchestrator that died between `sbatch --hold` and the release. */
export async function releaseHeld(jobIds: readonly string[]): Promise<void> {
  for (const id of new Set(jobIds)) await execa('scontrol', ['release', id], { reject: false, timeout: 60_000 });
}
