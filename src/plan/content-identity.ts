import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { dataSplits } from '../study/data-split-names.js';
import { hashFiles } from './file-hash-cache.js';

/**
 * A model's identity: sha256 over the name and content hash of every top-level file of
 * its directory (config.json, tokenizer files, chat template, *.safetensors), so a
 * re-quantised model or edited chat template is a different model even at the same path.
 * Hidden files are skipped.
 */
export async function modelIdentity(modelDir: string, cacheFile?: string): Promise<string> {
  const entries = await readdir(modelDir, { withFileTypes: true });
  const names = entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name).sort();
  const hashes = await hashFiles(names.map((n) => join(modelDir, n)), cacheFile);
  const outer = createHash('sha256');
  names.forEach((name, i) => outer.update(`${name}\0${hashes[i]}\n`));
  return outer.digest('hex');
}

/** sha256 of train.jsonl, valid.jsonl and test.jsonl: mlx-lm's batches follow file order, so any byte counts. */
export async function dataIdentity(dataDir: string, cacheFile?: string): Promise<Record<(typeof dataSplits)[number], string>> {
  const hashes = await hashFiles(dataSplits.map((s) => join(dataDir, `${s}.jsonl`)), cacheFile);
  return { train: hashes[0]!, valid: hashes[1]!, test: hashes[2]! };
}
