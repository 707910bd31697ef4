import { createHash } from 'node:crypto';
import { readdir, readlink, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors/user-error.js';
import { dataSplits } from '../study/data-split-names.js';
import { hashFiles } from './file-hash-cache.js';

/** One file of a model directory and the sha256 of its content (a symlink's target's content). */
export interface ModelFileHash {
  name: string;
  sha256: string;
}

/**
 * A model's identity: sha256 over the name and content hash of every top-level file of
 * its directory (config.json, tokenizer files, chat template, *.safetensors), so a
 * re-quantised model or edited chat template is a different model even at the same path,
 * and the same files at another path are the same model. Symlinks are followed (a Hugging
 * Face cache snapshot is nothing but links into `../../blobs/`). Hidden files are skipped.
 */
export async function modelIdentity(modelDir: string, cacheFile?: string): Promise<string> {
  return modelIdentityOf(await modelFileHashes(modelDir, cacheFile));
}

/** The identity `modelIdentity` computes, from already hashed files (name order does not matter). */
export function modelIdentityOf(files: readonly ModelFileHash[]): string {
  const outer = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    outer.update(`${f.name}\0${f.sha256}\n`);
  }
  return outer.digest('hex');
}

/**
 * The model's top-level files, by name, with their content hashes: what `plan --json` records.
 * A symlink counts as the file it points to; a dangling one is a UserError naming it.
 */
export async function modelFileHashes(modelDir: string, cacheFile?: string): Promise<ModelFileHash[]> {
  const names = await modelFileNames(modelDir);
  const hashes = await hashFiles(
    names.map((n) => join(modelDir, n)),
    cacheFile,
  );
  return names.map((name, i) => ({ name, sha256: hashes[i]! }));
}

/** Sorted names of the regular files (directly or through a symlink) at the top of `modelDir`. */
async function modelFileNames(modelDir: string): Promise<string[]> {
  const entries = await readdir(modelDir, { withFileTypes: true });
  const names: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    if (e.isFile()) names.push(e.name);
    else if (e.isSymbolicLink() && (await linkTargetIsFile(join(modelDir, e.name)))) names.push(e.name);
  }
  return names.sort();
}

/** Whether a symlink leads to a regular file; a link to nothing (an interrupted download) is an error. */
async function linkTargetIsFile(link: string): Promise<boolean> {
  try {
    return (await stat(link)).isFile();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ELOOP') throw error;
    const target = await readlink(link).catch(() => '?');
    throw new UserError(`the model file ${link} is a symlink to ${target}, which does not exist`, {
      fix:
        'the model download is incomplete (in a Hugging Face cache: a missing blob); download the model again,' +
        ' e.g. `hf download <org>/<name>`, or delete the broken link',
    });
  }
}

/** sha256 of train.jsonl, valid.jsonl and test.jsonl: mlx-lm's batches follow file order, so any byte counts. */
export async function dataIdentity(
  dataDir: string,
  cacheFile?: string,
): Promise<Record<(typeof dataSplits)[number], string>> {
  const hashes = await hashFiles(
    dataSplits.map((s) => join(dataDir, `${s}.jsonl`)),
    cacheFile,
  );
  return { train: hashes[0]!, valid: hashes[1]!, test: hashes[2]! };
}
