import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { prefixCacheDir } from '../plan/prefix-cache-layout.js';
import type { RunSpec } from '../plan/run-spec.js';
import { writeFileAtomic } from '../results/atomic-write.js';
import { trainerOf } from '../study/executor-schema.js';
import type { Study } from '../study/study.js';

/** The activation caches the prefix-cache trainer needs for `runs`: one per distinct cache dir, with its config. */
export function prefixCacheJobs(study: Study, runs: readonly RunSpec[]): { dir: string; config: RunSpec['config'] }[] {
  if (trainerOf(study) !== 'prefix-cache') return [];
  const byDir = new Map<string, RunSpec['config']>();
  for (const spec of runs) {
    const dir = prefixCacheDir(study.outputDir, spec.config);
    if (!byDir.has(dir)) byDir.set(dir, spec.config);
  }
  return [...byDir].map(([dir, config]) => ({ dir, config }));
}

/** Writes the lora config a cache is built from (`<cache>/cache-config.yaml`) and returns its path. */
export async function writeCacheConfig(dir: string, config: RunSpec['config']): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'cache-config.yaml');
  const { adapter_path: _unused, ...rest } = config;
  await writeFileAtomic(path, stringify(rest));
  return path;
}
