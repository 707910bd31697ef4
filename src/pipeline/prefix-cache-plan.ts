import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dtypeBytes, estimatePrefixCache } from '../plan/prefix-cache-estimate.js';
import type { Plan, PlanPrefixCache } from '../plan/run-spec.js';
import type { Study } from '../study/study.js';
import { prefixCacheJobs } from '../launch/prefix-cache-jobs.js';

const lineCount = async (file: string) =>
  (await readFile(file, 'utf8').catch(() => '')).split('\n').filter((l) => l.trim() !== '').length;

/**
 * The plan's view of each activation cache (executor.trainer: prefix-cache): the saving estimated from
 * layer counts, the size bound, and the real size once the cache is built. Empty for `mlx_lm lora`, or
 * when the model's config.json is unreadable (validate reports that).
 */
export async function planPrefixCaches(study: Study, runs: Plan['runs']): Promise<PlanPrefixCache[]> {
  const jobs = prefixCacheJobs(study, runs);
  if (jobs.length === 0) return [];
  const config = await readFile(join(study.model, 'config.json'), 'utf8')
    .then((t) => JSON.parse(t) as Record<string, unknown>)
    .catch(() => undefined);
  const layers = config?.num_hidden_layers;
  const hidden = config?.hidden_size;
  if (typeof layers !== 'number' || typeof hidden !== 'number') return [];
  const out: PlanPrefixCache[] = [];
  for (const { dir, config: run } of jobs) {
    const data = String(run.data);
    const estimate = estimatePrefixCache({
      layers,
      adaptedLayers: Number(run.num_layers ?? 16),
      hiddenSize: hidden,
      dtypeBytes: dtypeBytes(config?.torch_dtype),
      trainLines: await lineCount(join(data, 'train.jsonl')),
      validLines: await lineCount(join(data, 'valid.jsonl')),
      batchSize: Number(run.batch_size ?? 4),
      maxSeqLength: Number(run.max_seq_length ?? 2048),
    });
    const built = await readFile(join(dir, 'manifest.json'), 'utf8')
      .then((t) => (JSON.parse(t) as { complete?: boolean; bytes?: number }).bytes ?? null)
      .catch(() => null);
    out.push({ dir, estimate, builtBytes: built });
  }
  return out;
}
