import type { RunSpec } from '../plan/run-spec.js';

/**
 * Orders runs seed by seed (all arms of the first seed, then the next seed), keeping the plan's
 * arm order, so a sweep stopped halfway still has balanced, paired arms to compare.
 */
export function seedMajor(runs: readonly RunSpec[], seeds: readonly number[]): RunSpec[] {
  const pos = new Map(seeds.map((s, i) => [s, i]));
  const rank = (r: RunSpec) => pos.get(r.seed) ?? Number.MAX_SAFE_INTEGER;
  return runs
    .map((run, i) => ({ run, i }))
    .sort((a, b) => rank(a.run) - rank(b.run) || a.run.seed - b.run.seed || a.i - b.i)
    .map((x) => x.run);
}
