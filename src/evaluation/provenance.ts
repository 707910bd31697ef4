import { hashFiles } from '../plan/file-hash-cache.js';
import { UserError } from '../errors/user-error.js';
import type { CheckpointRecord } from '../results/run-record.js';

/**
 * Provenance guard: re-hashes a checkpoint file before it is evaluated and refuses it when the
 * bytes are not the ones discovered after training (overwritten by a resumed run, edited, half
 * copied). The seed document evaluated the wrong checkpoint by accident; this makes that impossible.
 * `eval` runs it on every selected checkpoint, evaluated or not (big files: cached by size and mtime).
 */
export async function verifyCheckpoint(
  checkpoint: Pick<CheckpointRecord, 'file' | 'sha256' | 'step'>,
  runJson: string,
): Promise<void> {
  let actual: string;
  try {
    actual = (await hashFiles([checkpoint.file]))[0]!;
  } catch (error) {
    throw new UserError(`checkpoint ${checkpoint.step} is missing: ${(error as Error).message}`, {
      file: runJson,
      fix: 'restore the file, or re-run training for this run',
    });
  }
  if (actual !== checkpoint.sha256) {
    throw new UserError(
      `checkpoint ${checkpoint.file} changed after discovery: sha256 ${actual} differs from the recorded ${checkpoint.sha256}; refusing to evaluate it`,
      {
        file: runJson,
        keyPath: `checkpoints[step=${checkpoint.step}].sha256`,
        fix: 're-run training for this run (seedstudy train --force), or restore the original file',
      },
    );
  }
}
