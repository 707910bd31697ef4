import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../results/atomic-write.js';
import { readMetrics } from '../results/metrics-record.js';

/**
 * Where the prefix-cache trainer will continue a run: the newest `adapters/resume/NNNNNNN_state.json`
 * whose checkpoint file still exists, or null (start from iteration 1). The trainer itself verifies the
 * state's sha256 sums before resuming; this only tells seedstudy which logged metrics to keep.
 */
export async function prefixCacheResumePoint(adaptersDir: string): Promise<number | null> {
  const dir = join(adaptersDir, 'resume');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /^\d{7}_state\.json$/.test(n));
  for (const name of names.sort().reverse()) {
    const meta = await readFile(join(dir, name), 'utf8')
      .then((t) => JSON.parse(t) as { iteration?: unknown; checkpoint?: unknown })
      .catch(() => undefined);
    if (typeof meta?.iteration !== 'number' || typeof meta.checkpoint !== 'string') continue;
    const present = await stat(join(dir, name.replace('.json', '.safetensors')))
      .then(() => stat(join(adaptersDir, meta.checkpoint as string)))
      .then(
        () => true,
        () => false,
      );
    if (present) return meta.iteration;
  }
  return null;
}

/**
 * Keeps the metrics a resumed run does not print again: records up to and including `iteration`
 * (validation at iteration k runs before step k, so the resumed trainer repeats everything after k).
 */
export async function keepMetricsThrough(metricsPath: string, iteration: number): Promise<void> {
  const kept = (await readMetrics(metricsPath)).filter((m) => m.iteration !== null && m.iteration <= iteration);
  await writeFileAtomic(metricsPath, kept.map((m) => `${JSON.stringify(m)}\n`).join(''));
}
