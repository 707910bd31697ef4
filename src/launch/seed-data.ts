import { copyFile, mkdir, readFile, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../results/atomic-write.js';

/**
 * Deterministic Fisher-Yates shuffle driven by a 32-bit seed (mulberry32). Self-contained so the
 * per-seed data order never changes with a library upgrade: a run's data is part of its identity.
 */
export function shuffleLines<T>(items: readonly T[], seed: number): T[] {
  let state = (seed ^ 0x9e3779b9) >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Writes `<runDir>/data` for `shuffle_train_per_seed`: train.jsonl shuffled with the run's seed
 * (mlx-lm fixes batch composition by file order, so otherwise only batch order depends on the
 * seed); valid.jsonl and test.jsonl are linked (or copied) unchanged.
 */
export async function materialiseSeedData(sourceDir: string, targetDir: string, seed: number): Promise<void> {
  await mkdir(targetDir, { recursive: true });
  const train = (await readFile(join(sourceDir, 'train.jsonl'), 'utf8')).split('\n').filter((l) => l.trim() !== '');
  await writeFileAtomic(join(targetDir, 'train.jsonl'), shuffleLines(train, seed).join('\n') + '\n');
  for (const name of ['valid.jsonl', 'test.jsonl']) {
    const target = join(targetDir, name);
    await rm(target, { force: true });
    try {
      await symlink(join(sourceDir, name), target);
    } catch {
      await copyFile(join(sourceDir, name), target).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
  }
}
