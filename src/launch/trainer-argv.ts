import { join } from 'node:path';
import { repoRoot } from '../study/repo-root.js';

/** The prefix-cache trainer (docs/prefix-cache.md), a Python script shipped beside the eval worker. */
export const prefixCacheScript: string = join(repoRoot, 'scripts', 'prefix_cache_trainer.py');

/**
 * The argv that trains one run: `engine.lora_command` (a user's wrapper) when set, else
 * `<python> -m mlx_lm lora`, followed by `--config <lora_config.yaml>`. All settings travel in the
 * YAML, so the argv is the same shape for every run and every mlx-lm version. With `prefixCache`, the
 * prefix-cache trainer instead, reading that cache and resuming from its last exact state if any
 * (validate refuses prefix-cache together with engine.lora_command).
 */
export function trainerArgv(
  engine: { lora_command?: string[] | undefined },
  python: string | undefined,
  configPath: string,
  prefixCache?: { cacheDir: string },
): string[] {
  if (prefixCache) {
    if (!python) throw new Error('trainerArgv: the prefix-cache trainer needs a python interpreter');
    return [python, prefixCacheScript, 'train', '--cache', prefixCache.cacheDir, '--resume', '--config', configPath];
  }
  if (engine.lora_command && engine.lora_command.length > 0) return [...engine.lora_command, '--config', configPath];
  if (!python) throw new Error('trainerArgv: no python interpreter and no engine.lora_command');
  return [python, '-m', 'mlx_lm', 'lora', '--config', configPath];
}

/** The argv that builds (or verifies and keeps) one activation cache from a run's lora_config.yaml. */
export function prefixCacheBuildArgv(python: string, cacheDir: string, configPath: string): string[] {
  return [python, prefixCacheScript, 'build', '--cache', cacheDir, '--config', configPath];
}
