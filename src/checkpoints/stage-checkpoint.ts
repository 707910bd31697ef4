import { copyFile, mkdir, rm, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CheckpointRecord } from '../results/run-record.js';

/**
 * Makes a directory that mlx-lm's loaders accept as `--adapter-path` for ONE checkpoint: they read
 * only `DIR/adapter_config.json` and `DIR/adapters.safetensors`, so the staging dir holds a copy
 * of the run's config and a symlink named adapters.safetensors to the numbered checkpoint.
 * Idempotent: an existing staging dir for another checkpoint is re-pointed. Returns the dir.
 */
export async function stageCheckpoint(checkpoint: Pick<CheckpointRecord, 'file'>, stagingDir: string): Promise<string> {
  const adaptersDir = dirname(checkpoint.file);
  await mkdir(stagingDir, { recursive: true });
  await copyFile(join(adaptersDir, 'adapter_config.json'), join(stagingDir, 'adapter_config.json'));
  const link = join(stagingDir, 'adapters.safetensors');
  await rm(link, { force: true });
  try {
    await symlink(checkpoint.file, link);
  } catch {
    // Filesystems without symlinks (some network mounts): fall back to a copy.
    await copyFile(checkpoint.file, link);
  }
  return stagingDir;
}
