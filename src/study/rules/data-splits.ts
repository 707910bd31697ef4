import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { dataSplits } from '../data-split-names.js';
import { mlxLoraDefaults } from '../mlx-defaults.js';
import type { StudyRule } from './rule.js';

/**
 * mlx-lm treats a missing data path as a Hugging Face dataset id (network!), and refuses a
 * split with fewer examples than batch_size: both are cheaper to catch before a run.
 */
export const dataSplitsPresent: StudyRule = async ({ study, arms }) => {
  const isDir = await stat(study.data).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) {
    return {
      path: ['data'],
      message: `data directory not found: ${study.data}`,
      fix: 'point `data:` (relative to the study file) at a directory with train.jsonl, valid.jsonl and test.jsonl',
    };
  }
  const biggest = arms.reduce((a, b) =>
    (b.train.batch_size ?? mlxLoraDefaults.batch_size) > (a.train.batch_size ?? mlxLoraDefaults.batch_size) ? b : a,
  );
  const batchSize = biggest.train.batch_size ?? mlxLoraDefaults.batch_size;
  for (const split of dataSplits) {
    const file = join(study.data, `${split}.jsonl`);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) {
      return {
        path: ['data'],
        message: `missing ${split}.jsonl in ${study.data}`,
        fix: `add ${split}.jsonl (one JSON example per line); mlx-lm needs all three splits`,
      };
    }
    const lines = text.split('\n').filter((line) => line.trim() !== '').length;
    if (lines < batchSize) {
      return {
        path: biggest.train.batch_size === undefined ? ['data'] : biggest.pathOf('batch_size'),
        message: `${split}.jsonl has ${lines} non-empty line(s), fewer than batch_size ${batchSize}${biggest.train.batch_size === undefined ? " (mlx-lm's default)" : ''}`,
        fix: `add examples to ${file} or lower batch_size to ${Math.max(1, lines)}`,
      };
    }
  }
  return undefined;
};
