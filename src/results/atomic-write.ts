import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fsWriteError } from '../errors/fs-write-error.js';

/**
 * Writes a file so that readers see either the old content or the new, never a torn one:
 * temp file in the same directory, fsync, then rename. Run directories may live on a
 * network filesystem shared by Slurm nodes, where rename within a directory is the one
 * atomic operation we can rely on. A full or read-only disk is a UserError naming `path`.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw fsWriteError(error, path);
  }
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw fsWriteError(error, path);
  }
}

/** Atomically writes `value` as pretty JSON with a trailing newline. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** Atomically writes records as JSON Lines (one object per line). */
export async function writeJsonlAtomic(path: string, records: readonly unknown[]): Promise<void> {
  await writeFileAtomic(path, records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : ''));
}
