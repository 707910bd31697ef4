import type { PlanPrefixCache } from '../plan/run-spec.js';
import { bytes, fixed } from './numbers.js';

/** The plan's lines for the prefix-cache trainer: the estimated saving per seed and each cache's size. */
export function prefixCachePlanLines(
  caches: readonly PlanPrefixCache[],
  relativePath: (p: string) => string,
): string[] {
  return caches.map(({ dir, estimate: e, builtBytes }) => {
    const size = builtBytes === null ? `at most ${bytes(e.maxBytes)} (not built yet)` : `${bytes(builtBytes)} built`;
    return (
      `trainer prefix-cache: LoRA on ${e.adaptedLayers} of ${e.layers} layers; estimated compute per seed ` +
      `${fixed(e.trainStepRatio, 2)}× of mlx_lm lora per training step, ${fixed(e.validationRatio, 2)}× per validation; ` +
      `cache ${relativePath(dir)}: ${e.batches} batches, ${size}`
    );
  });
}

/** One line per activation cache `seedstudy train` built or verified before the runs. */
export function prefixCacheBuiltLine(c: { dir: string; bytes: number; buildS: number }): string {
  return `activation cache ${c.dir}: ${bytes(c.bytes)}, ready in ${fixed(c.buildS, 1)}s`;
}
