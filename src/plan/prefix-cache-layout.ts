import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { canonicalJson } from './canonical-json.js';

/**
 * The run settings an activation cache depends on: what forms the batches (data, batch size, sequence
 * length, prompt masking) and what computes the frozen bottom (the model and how many top layers carry
 * LoRA). Seeds, learning rates, schedules and iteration counts do not matter, so every seed and every arm
 * that agrees on these shares one cache.
 */
export const PREFIX_CACHE_KEYS = [
  'model',
  'data',
  'batch_size',
  'max_seq_length',
  'mask_prompt',
  'num_layers',
] as const;

/**
 * `<output>/prefix-cache/<16 hex>`: the activation cache for a run's mlx-lm config, named by a hash of
 * the settings above. The trainer verifies the cache's full identity (content hashes of model and data
 * files, library versions) before use; the name only groups runs that can share one.
 */
export function prefixCacheDir(outputDir: string, config: Readonly<Record<string, unknown>>): string {
  const subset = Object.fromEntries(PREFIX_CACHE_KEYS.map((k) => [k, config[k] ?? null]));
  const key = createHash('sha256').update(canonicalJson(subset)).digest('hex').slice(0, 16);
  return join(outputDir, 'prefix-cache', key);
}
