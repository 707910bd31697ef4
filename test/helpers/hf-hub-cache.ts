import { createHash } from 'node:crypto';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A repo written by `writeHubRepo`: its cache folder and snapshot directory. */
export interface HubRepo {
  repoDir: string;
  snapshot: string;
  commit: string;
}

/**
 * Writes a model repo into a Hugging Face hub cache the way huggingface_hub lays it out
 * (https://huggingface.co/docs/huggingface_hub/guides/manage-cache): `models--org--name/blobs/<hash>`,
 * `refs/<revision>` holding the commit hash (no newline), and `snapshots/<commit>/<file>` as a relative
 * symlink `../../blobs/<hash>`. Written by hand, not by the code under test.
 */
export async function writeHubRepo(
  cacheDir: string,
  repoId: string,
  files: Record<string, string | Buffer>,
  options: { commit?: string; refs?: string[]; type?: 'model' | 'dataset' } = {},
): Promise<HubRepo> {
  const repoDir = join(cacheDir, `${options.type ?? 'model'}s--${repoId.split('/').join('--')}`);
  const commit =
    options.commit ??
    createHash('sha1')
      .update(`${repoId}\0${JSON.stringify(Object.keys(files))}`)
      .digest('hex');
  const snapshot = join(repoDir, 'snapshots', commit);
  await mkdir(join(repoDir, 'blobs'), { recursive: true });
  await mkdir(snapshot, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    const blob = createHash('sha256').update(content).digest('hex');
    await writeFile(join(repoDir, 'blobs', blob), content);
    await symlink(join('..', '..', 'blobs', blob), join(snapshot, name));
  }
  for (const ref of options.refs ?? ['main']) {
    await mkdir(join(repoDir, 'refs', ref, '..'), { recursive: true });
    await writeFile(join(repoDir, 'refs', ref), commit);
  }
  return { repoDir, snapshot, commit };
}

/** The files of a real model directory (top level only), for copying into a hub cache. */
export async function readModelFiles(dir: string, names: readonly string[]): Promise<Record<string, Buffer>> {
  const out: Record<string, Buffer> = {};
  for (const name of names) out[name] = await readFile(join(dir, name));
  return out;
}
